"""Addresses that never break: a renamed record keeps its old address as a redirect page, and content that
would drop a published address is refused, by `check`, by `mkdocs build` and in the preview."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from generator.cli import main as cli_main
from generator.load import load_content
from generator.pipeline import check, generate
from generator.published import PUBLISHED, check_published, listed, unlisted, update_published
from generator.sanitize import sanitize

from .browser import local_page, static_server
from .conftest import ROOT, SMALL, build, make_project
from .html_pages import page_file, parse
from .test_live_preview import served  # noqa: F401  (the fixture: `mkdocs serve --dirty` of the small content)
from .test_quality import AXE, VNU, checker, describe_violations

TEMPLATES = ROOT / "theme" / "templates"
SITE_URL = "https://example.org/explainer/"


def run(content: Path, *args: str) -> tuple[int, str, str]:
    """The command line, run beside the content folder as editors run it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(content.parent):
        code = cli_main(["--content", content.name, *args])
    return code, out.getvalue(), err.getvalue()


def rename(content: Path, folder: str, old: str, new: str, alias: bool) -> Path:
    """Renames a record file, as an editor would; with `alias`, the record keeps its old id."""
    record = content / folder / f"{old}.yaml"
    renamed = record.rename(content / folder / f"{new}.yaml")
    if alias:
        renamed.write_text(renamed.read_text(encoding="utf-8") + f"aliases:\n  - {old}\n", encoding="utf-8")
    return renamed


def refer_to(content: Path, old: str, new: str) -> None:
    """Every reference to a record's old id made to its new one, as an editor renaming a record does."""
    for record in content.rglob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(rf"(?m)(?<=[:\-\[] ){old}$|(?<=\[){old}(?=\])", new, text), encoding="utf-8")


def line_of(content: Path, address: str) -> int:
    return next(number for number, entry in listed(content) if entry == address)


def published_project(root: Path) -> Path:
    """A copy of the project with the small content, every address of which is listed as published."""
    project = make_project(root, SMALL)
    assert run(project / "content", "published", "--update")[0] == 0
    return project


# --- the list of published addresses ------------------------------------------------------------


def test_published_update_lists_every_record_page_and_keeps_what_it_held(content: Path) -> None:
    code, out, err = run(content, "published")
    assert code == 1 and "claims/bob-refuses/" in out.splitlines()
    assert "11 addresses not yet in" in err
    (content / PUBLISHED).write_text("# Kept since the first edition.\nclaims/alice-offers-kherson/\n", encoding="utf-8")

    code, out, _ = run(content, "published", "--update")
    assert (code, out.split(" address")[0]) == (0, "10")
    text = (content / PUBLISHED).read_text(encoding="utf-8")
    assert text.startswith("# Kept since the first edition.\n")
    documents = load_content(content).documents
    assert [entry for _, entry in listed(content)] == sorted(
        [*(f"actors/{p.stem}/" for p in (content / "actors").glob("*.yaml")),
         *(f"claims/{p.stem}/" for p in (content / "claims").glob("*.yaml")),
         *(f"regions/{p.stem}/" for p in (content / "regions").glob("*.yaml")),
         *(f"sources/{p.stem}/" for p in (content / "sources").glob("*.yaml"))])
    assert unlisted(content, documents) == []
    assert run(content, "published") == (0, "ok: every record page is in content/published.txt\n", "")


def test_an_alias_keeps_the_old_address_served_and_listed(content: Path) -> None:
    update_published(content, load_content(content).documents)
    rename(content, "claims", "bob-refuses", "bob-refuses-to-cede-territory", alias=True)
    documents = load_content(content).documents
    assert check_published(content, documents) == []
    assert unlisted(content, documents) == ["claims/bob-refuses-to-cede-territory/"]
    update_published(content, documents)
    assert {"claims/bob-refuses/", "claims/bob-refuses-to-cede-territory/"} <= {e for _, e in listed(content)}


@pytest.mark.parametrize("folder, old", [("claims", "bob-refuses"), ("actors", "freedonia"),
                                         ("sources", "wire-report"), ("regions", "kherson")])
def test_renaming_without_an_alias_is_refused_naming_the_old_address(content: Path, folder: str, old: str) -> None:
    update_published(content, load_content(content).documents)
    line = line_of(content, f"{folder}/{old}/")
    renamed = rename(content, folder, old, f"{old}-renamed", alias=False)
    refer_to(content, old, f"{old}-renamed")
    kind = folder.removesuffix("s")
    code, _, err = run(content, "check")
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/published.txt:{line}:1: {folder}/{old}/: this address was published and would no longer be "
        f"served: no {kind} has the id '{old}' or lists it in its aliases. If the {kind} was renamed or merged, "
        f"add '{old}' to the `aliases` of the {kind} that replaces it")

    renamed.write_text(renamed.read_text(encoding="utf-8") + f"aliases: [{old}]\n", encoding="utf-8")
    assert run(content, "check")[0] == 0


def test_a_merged_record_leaves_its_id_to_the_one_it_joined(content: Path) -> None:
    update_published(content, load_content(content).documents)
    (content / "claims" / "alice-offers-kherson.yaml").unlink()
    survivor = content / "claims" / "alice-demands-donetsk.yaml"
    for record in (content / "claims").glob("*.yaml"):  # relations to the merged claim go to the survivor
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("claim: alice-offers-kherson", "claim: alice-demands-donetsk"), encoding="utf-8")
    assert any("claims/alice-offers-kherson/: this address was published" in str(p) for p in check(content)[1])
    survivor.write_text(survivor.read_text(encoding="utf-8") + "aliases:\n  - alice-offers-kherson\n",
                        encoding="utf-8")
    catalog, problems = check(content)
    assert problems == [] and catalog is not None


def test_without_a_list_nothing_is_refused(content: Path) -> None:
    rename(content, "actors", "alice", "alice-example", alias=False)
    problems = check_published(content, load_content(content).documents)
    assert not (content / PUBLISHED).exists() and problems == []


# --- the redirect page --------------------------------------------------------------------------


def test_the_redirect_page_escapes_the_title_and_its_body_is_sanitized(content: Path) -> None:
    renamed = rename(content, "claims", "bob-refuses", "bob-says-no", alias=True)
    renamed.write_text(renamed.read_text(encoding="utf-8").replace(
        "summary: Bob refused to cede any territory.", "summary: '<script>alert(1)</script> & <b>no</b>'"),
        encoding="utf-8")
    site = generate(content, TEMPLATES, "Site", "https://example.org/explainer/")
    page = next(f for f in site.files if f.path == "claims/bob-refuses/index.html").content.decode("utf-8")
    assert '<link rel="canonical" href="https://example.org/explainer/claims/bob-says-no/">' in page
    assert '<meta http-equiv="refresh" content="0; url=../bob-says-no/">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;no&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>" not in page
    body = page.split("<main>", 1)[1].split("</main>", 1)[0]
    assert sanitize(body) == body
    assert not any(p.path.startswith("claims/bob-refuses.") for p in site.pages)  # a file, not a page


# --- a real build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small content, published, then one claim and one actor renamed with aliases, built for real (with
    the site's address, without which MkDocs writes an empty sitemap)."""
    project = published_project(tmp_path_factory.mktemp("renamed") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", f"site_url: {SITE_URL}\nsite_name:", 1),
                      encoding="utf-8")
    content = project / "content"
    rename(content, "claims", "bob-refuses", "bob-refuses-to-cede-territory", alias=True)
    refer_to(content, "bob", "bob-example")
    rename(content, "actors", "bob", "bob-example", alias=True)
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def test_mkdocs_build_serves_the_old_address_as_a_redirect(renamed_site: Path) -> None:
    old = page_file(renamed_site, "claims/bob-refuses/")
    html = old.read_text(encoding="utf-8")
    parsed = parse(old)
    assert f'<link rel="canonical" href="{SITE_URL}claims/bob-refuses-to-cede-territory/">' in html
    assert re.search(r'<meta http-equiv="refresh" content="0; url=\.\./bob-refuses-to-cede-territory/">', html)
    assert '<meta name="robots" content="noindex">' in html
    links = [(link.href, link.text) for link in parsed.links]
    assert links == [("../bob-refuses-to-cede-territory/", "Bob refused to cede any territory.")]
    assert "This claim has moved" in parsed.text
    new = page_file(renamed_site, "claims/bob-refuses-to-cede-territory/")
    assert "Bob refused to cede any territory." in parse(new).text
    assert "This actor has moved" in parse(page_file(renamed_site, "actors/bob/")).text


def test_redirects_stay_out_of_the_sitemap_and_the_search_index(renamed_site: Path) -> None:
    sitemap = (renamed_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = {entry["location"].split("#")[0] for entry in
                 json.loads((renamed_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert "claims/bob-refuses-to-cede-territory/" in sitemap and "claims/bob-refuses-to-cede-territory/" in locations
    for old in ("claims/bob-refuses/", "actors/bob/"):
        assert f"{SITE_URL}{old}<" not in sitemap and old not in locations


def test_mkdocs_build_refuses_a_rename_without_an_alias(tmp_path: Path) -> None:
    project = published_project(tmp_path / "project")
    rename(project / "content", "claims", "bob-refuses", "bob-refuses-to-cede-territory", alias=False)
    line = line_of(project / "content", "claims/bob-refuses/")
    result = build(project)
    assert result.returncode == 1
    assert (f"content/published.txt:{line}:1: claims/bob-refuses/: this address was published and would no longer "
            "be served") in result.output
    assert not (project / "site").exists()


# --- quality: HTML validity, accessibility, and a browser that follows the redirect ------------------------


def test_the_redirect_page_is_valid_html(renamed_site: Path) -> None:
    java = shutil.which("java")
    assert java is not None, "java is missing: run `make test`"
    result = subprocess.run([java, "-jar", str(checker(VNU)), "--format", "json", "--stdout",
                             str(page_file(renamed_site, "claims/bob-refuses/"))],
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout)["messages"] == []


def test_a_browser_lands_on_the_new_page_with_script_keeping_the_fragment_and_without(
        renamed_site: Path, browser: Browser) -> None:
    with static_server(renamed_site) as base:
        with local_page(browser) as (page, watch):
            page.goto(base + "claims/bob-refuses/#what-the-sources-say")
            expect(page).to_have_url(base + "claims/bob-refuses-to-cede-territory/#what-the-sources-say")
            expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
        watch.assert_clean()
        with local_page(browser, java_script_enabled=False) as (page, watch):
            page.goto(base + "actors/bob/")  # without script, the refresh takes the reader on
            expect(page).to_have_url(base + "actors/bob-example/")
            expect(page.locator("article h1")).to_contain_text("Bob Example")
        watch.assert_clean()


def test_axe_finds_no_violations_on_the_redirect_page(renamed_site: Path, browser: Browser) -> None:
    held = (page_file(renamed_site, "claims/bob-refuses/").read_text(encoding="utf-8")
            .replace('<meta http-equiv="refresh"', '<meta name="refresh-held"').replace("location.replace", "void"))
    assert held.count("refresh-held") == 1 and "void(" in held
    with static_server(renamed_site) as base, local_page(browser) as (page, watch):
        # axe reads the page as a reader who stays sees it: the same file, its refresh and script held back.
        page.route("**/claims/bob-refuses/", lambda route: route.fulfill(body=held, content_type="text/html"))
        page.goto(base + "claims/bob-refuses/")
        expect(page.locator("h1")).to_have_text("This claim has moved")
        page.add_script_tag(path=str(checker(AXE)))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    watch.assert_clean()
    assert results["violations"] == [], describe_violations(results["violations"])


def test_under_mkdocs_serve_a_rename_is_refused_until_it_has_an_alias_and_then_the_old_address_leads_on(
        served: tuple[Path, str], browser: Browser) -> None:  # noqa: F811
    project, base = served
    content = project / "content"
    assert run(content, "published", "--update")[0] == 0  # the preview notices the new list
    with local_page(browser) as (page, watch):
        page.goto(base + "claims/bob-refuses/")
        expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
        renamed = rename(content, "claims", "bob-refuses", "bob-refuses-to-cede-territory", alias=False)
        expect(page.locator("article h1")).to_contain_text("The content has problems", timeout=30_000)
        expect(page.locator("article")).to_contain_text(
            f"content/published.txt:{line_of(content, 'claims/bob-refuses/')}:1: claims/bob-refuses/: this address was published and would no longer be served")

        renamed.write_text(renamed.read_text(encoding="utf-8") + "aliases:\n  - bob-refuses\n", encoding="utf-8")
        expect(page).to_have_url(base + "claims/bob-refuses-to-cede-territory/", timeout=30_000)
        expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
        page.goto(base + "claims/bob-refuses/")
        expect(page).to_have_url(base + "claims/bob-refuses-to-cede-territory/")
        expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
    watch.assert_clean()
