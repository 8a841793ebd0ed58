"""Any engine: the site does not depend on MkDocs' internals.

(a) `python -m generator export DIR` writes the generated pages as plain Markdown; with the hand-written
    pages they build with plain MkDocs and Material, *without* our plugin, into the same site a reader
    sees from the plugin build (the plugin only adds sanitizing, which changes how the HTML is
    serialized, never what it shows).
(b) ProperDocs, the maintained fork of MkDocs 1.x, builds the project's own `mkdocs.yml`, plugin and
    Material included, into exactly the same files as MkDocs. ProperDocs finds MkDocs plugins through
    the `mkdocs.plugins` entry-point group (as well as its own `properdocs.plugins`), and its
    `properdocs.replacement` module, imported by its command line first, redirects every `mkdocs.*`
    import to `properdocs.*`: our plugin and Material run on ProperDocs' classes, unchanged, even with
    MkDocs installed in the same environment.
(c) Zensical, Material's successor (its own engine and template engine, no MkDocs plugins), builds the
    exported Markdown of (a) from the same configuration, theme overrides included.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.config import load_config

from .conftest import ROOT, make_project
from .families import catalog_of, family_pages
from .html_pages import parse

pytestmark = pytest.mark.build

BIN = Path(sys.executable).parent


def assert_generated_claim_page(site: Path) -> None:
    """A claim page of the real content (its claim with the most sources) as the plugin would make it."""
    claim_id = family_pages(ROOT / "content")["claim"].strip("/").rsplit("/", 1)[1]
    claim = catalog_of(ROOT / "content").claims[claim_id]
    html = (site / "claims" / claim_id / "index.html").read_text(encoding="utf-8")
    assert heading(html).startswith(claim.summary), heading(html)
    assert 'class="footnote"' in html
    assert f'href="../../sources/{claim.sources[0].source}/"' in html


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env(), timeout=300)


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def reader_view(page: Path) -> tuple[str, list[tuple[str, str]], set[str]]:
    """What a reader gets from a page's own content: its text, its links and its anchors. (The header around it
    differs: the plugin gives each page its edition's navigation and language selector, which a plain build
    of the export cannot.)"""
    parsed = parse(page)
    html = page.read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", article.group(1))).split()) if article else ""
    own_ids = {anchor for anchor in parsed.ids if not anchor.startswith("__")}  # not the theme's controls
    return text, [(link.href, link.text) for link in parsed.article_links], own_ids


def heading(html: str) -> str:
    """The text of a page's <h1>."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "no <h1>"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def generator_meta(html: str) -> str:
    start = html.index('<meta name="generator" content="') + len('<meta name="generator" content="')
    return html[start:html.index('"', start)]


# --- (a) the exported Markdown, with plain MkDocs and no plugin -------------------------------------------

PLAIN_CONFIG = """\
# The project's configuration (theme, navigation, CSS, Markdown extensions), but reading the exported
# Markdown and without the explainer plugin.
INHERIT: mkdocs.yml
docs_dir: exported
plugins:
  - search
# Generated pages are reached through the index pages, not the navigation (the plugin marks them so).
not_in_nav: |
{patterns}
"""


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    project = make_project(tmp_path_factory.mktemp("any-engine"))
    exported = project / "exported"
    result = run([sys.executable, "-m", "generator", "export", str(exported)], project)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copytree(project / "content" / "pages", exported, dirs_exist_ok=True)
    generated = [path for path in (exported / ".generated-pages").read_text(encoding="utf-8").split()
                 if path.endswith(".md")]
    # Without the plugin there is no navigation of the Ukrainian edition: its hand-written pages are outside
    # MkDocs' one, as its generated pages are.
    patterns = [f"  /{path}" for path in generated] + ["  /uk/"]
    (project / "plain.yml").write_text(PLAIN_CONFIG.format(patterns="\n".join(patterns)), encoding="utf-8")
    site = project / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "plain.yml"),
                  "--site-dir", str(site)], project)
    return result, site


def test_the_export_builds_with_plain_mkdocs_and_no_plugin(
        plain_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = plain_build
    assert result.returncode == 0, result.stdout + result.stderr
    config = load_config(str(site.parent / "plain.yml"))  # INHERIT resolved, as the build read it
    assert [name.split("/")[-1] for name in config.plugins] == ["search"]  # Material names it material/search
    assert config.theme.name == "material"
    assert_generated_claim_page(site)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert generator_meta(html).startswith("mkdocs-1.")
    assert "assets/explainer.css" in html  # the theme's own stylesheet is there
    assert (site / "data" / "claims.json").is_file()


def test_a_reader_sees_the_same_site_as_from_the_plugin(
        plain_build: tuple[subprocess.CompletedProcess[str], Path], real_site: Path) -> None:
    result, site = plain_build
    assert result.returncode == 0, result.stdout + result.stderr
    # The plugin splits the search index by edition (generator/edition_search.py); a plain build has one.
    assert files(site) == [path for path in files(real_site) if not path.startswith("uk/search/")]
    for relative in files(site):
        if relative.endswith(".html"):
            assert reader_view(site / relative) == reader_view(real_site / relative), relative
        elif relative.startswith(("data/", "feeds/")):  # generated files are passed through untouched
            assert (site / relative).read_bytes() == (real_site / relative).read_bytes(), relative


# --- (c) the exported Markdown, with Zensical ------------------------------------------------------------

ZENSICAL_CONFIG = """\
# The plain configuration of (a), read by Zensical, which has no --site-dir option.
INHERIT: plain.yml
site_dir: site-zensical
"""


def test_zensical_builds_the_export_with_the_theme_overrides(
        plain_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, mkdocs_site = plain_build
    project = mkdocs_site.parent
    binary = BIN / "zensical"
    assert binary.is_file(), "zensical is a test dependency (pyproject.toml, the `test` extra)"
    (project / "zensical.yml").write_text(ZENSICAL_CONFIG, encoding="utf-8")
    result = run([str(binary), "build", "--strict", "-f", str(project / "zensical.yml")], project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-zensical"
    assert_generated_claim_page(site)
    # Every page MkDocs built from the export, Zensical built too.
    pages = [name for name in files(mkdocs_site) if name.endswith(".html")]
    assert pages and [name for name in pages if not (site / name).is_file()] == []


# --- (b) ProperDocs, with the plugin ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    binary = BIN / "properdocs"
    assert binary.is_file(), "properdocs is a test dependency (pyproject.toml, the `test` extra)"
    project = make_project(tmp_path_factory.mktemp("properdocs"))
    site = project / "site"
    result = run([str(binary), "build", "--strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                 project)
    return result, site


def test_properdocs_builds_the_site_with_the_plugin_and_material(
        properdocs_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = properdocs_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert_generated_claim_page(site)  # a generated page: the plugin ran
    html = (site / "index.html").read_text(encoding="utf-8")
    assert generator_meta(html).startswith("mkdocs-ProperDocs 1.")
    assert "mkdocs-material-" in generator_meta(html)


def test_properdocs_and_mkdocs_build_the_same_files(
        properdocs_build: tuple[subprocess.CompletedProcess[str], Path], real_site: Path) -> None:
    result, site = properdocs_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert files(site) == files(real_site)
    different = []
    for relative in files(real_site):
        ours, theirs = (site / relative).read_bytes(), (real_site / relative).read_bytes()
        # the engine names itself in the generator <meta>, and nothing else differs (an alias's redirect page,
        # written by the generator, names no engine)
        if relative.endswith(".html") and b'<meta name="generator"' in ours:
            ours = ours.replace(generator_meta(ours.decode()).encode(), b"")
            theirs = theirs.replace(generator_meta(theirs.decode()).encode(), b"")
        if ours != theirs:
            different.append(relative)
    assert different == []


def test_properdocs_sits_beside_mkdocs_without_replacing_it() -> None:
    assert metadata.version("mkdocs").startswith("1.")
    requirements = metadata.requires("properdocs") or []
    assert not any(requirement.split()[0].lower().startswith("mkdocs") for requirement in requirements)
    mkdocs_files = [str(file) for file in metadata.files("mkdocs") or []]
    assert not any(name.startswith("properdocs/") for name in mkdocs_files)
    assert (ROOT / "mkdocs.yml").is_file()  # the same configuration file serves both
