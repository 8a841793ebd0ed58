"""Addresses that never break, on real sites: `mkdocs build --strict` serves a renamed claim's old address as a
redirect page and refuses a rename without an alias; the redirect is valid HTML with no accessibility
violation; Chromium follows it, with script and without; and under `mkdocs serve --dirty` a rename is
refused until it has an alias, after which the old address leads on."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect, local_page, static_server
from .conftest import build
from .html_pages import page_file, parse
from .test_aliases import line_of, published_project, refer_to, rename, run
from .test_live_preview import served  # noqa: F401  (the fixture: `mkdocs serve --dirty` of the small content)
from .test_quality import AXE, VNU, checker, describe_violations

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/explainer/"


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


def test_the_sitemap_lists_both_editions_and_each_keeps_its_old_addresses(renamed_site: Path) -> None:
    sitemap = (renamed_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}claims/alice-offers-kherson/</loc>" in sitemap
    assert f"<loc>{SITE_URL}uk/claims/alice-offers-kherson/</loc>" in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="uk" href="{SITE_URL}uk/claims/alice-offers-kherson/" />' in sitemap
    ET.fromstring(sitemap)  # still well-formed XML
    page = page_file(renamed_site, "claims/alice-offers-kherson/").read_text(encoding="utf-8")
    # Relative: Material's script fetches a sitemap beside each alternate link, which must stay on the site.
    assert '<link rel="alternate" href="../../uk/claims/alice-offers-kherson/" hreflang="uk">' in page
    assert '<link rel="alternate" href="./" hreflang="en">' in page
    old = page_file(renamed_site, "uk/claims/bob-refuses/").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}uk/claims/bob-refuses-to-cede-territory/">' in old


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


@pytest.mark.quality
def test_the_redirect_page_is_valid_html(renamed_site: Path) -> None:
    java = shutil.which("java")
    assert java is not None, "java is missing: run `make test`"
    result = subprocess.run([java, "-jar", str(checker(VNU)), "--format", "json", "--stdout",
                             str(page_file(renamed_site, "claims/bob-refuses/"))],
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout)["messages"] == []


@pytest.mark.browser
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


@pytest.mark.quality
@pytest.mark.browser
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


@pytest.mark.preview
@pytest.mark.browser
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
