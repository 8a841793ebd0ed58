"""A reader in a real headless Chromium: following links from home to a source, with nothing fetched from elsewhere.

On the small fixture site (tests/fixtures/small/), whose records the assertions name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect, local_page, static_server
from .conftest import SMALL, build, make_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.build]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def test_home_to_actor_to_claim_to_footnote_to_source(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url)
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Negotiating positions"))

    page.locator("article a[href*='actors/alice/']").first.click()
    expect(page).to_have_url(re.compile(r"/actors/alice/$"))
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Alice Example"))

    claim_link = page.locator("article li a[href*='claims/']").first
    expect(claim_link).to_have_text("Alice demanded all of Donetsk Oblast.")
    claim_link.click()
    expect(page).to_have_url(re.compile(r"/claims/alice-demands-donetsk/$"))
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Alice demanded all of Donetsk Oblast\."))

    reference = page.locator("article p sup a.footnote-ref").first
    note_id = reference.get_attribute("href").lstrip("#")
    reference.click()
    expect(page).to_have_url(re.compile("#" + re.escape(note_id) + "$"))
    note = page.locator(f"li[id='{note_id}']")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("“Alice demanded all of Donetsk, the wire reported.”")

    note.locator("a[href*='sources/daily-article/']").first.click()
    expect(page).to_have_url(re.compile(r"/sources/daily-article/$"))
    expect(page.locator("article")).to_contain_text("The Daily")
    expect(page.locator("article")).to_contain_text("Alice demanded all of Donetsk Oblast.")


def test_search_finds_a_claim(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url)
    page.keyboard.press("/")  # Material's shortcut to the search box
    # Typed key by key: the theme searches on key events, which `fill` does not send.
    page.locator("input.md-search__input").press_sequentially("Kherson", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result")).to_contain_text("Alice offered to give up parts of Kherson Oblast")


def with_repository(project: Path, counts: bool) -> Path:
    """The project with `repo_url` set, as a site with "Edit this page" buttons has it."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "site_name:", "repo_url: https://github.com/example/explainer\nedit_uri: edit/main/content/pages/\nsite_name:", 1)
    if counts:
        text += "\nextra:\n  repository_counts: true\n"
    config.write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize("counts", [False, True], ids=["by-default", "counts-opted-in"])
def test_a_repository_link_requests_nothing_from_its_host_unless_asked(
        browser: Browser, tmp_path: Path, counts: bool) -> None:
    result = build(with_repository(make_project(tmp_path / "project", SMALL), counts))
    assert result.returncode == 0, result.output
    with static_server(result.site) as url, local_page(browser) as (page, watch):
        for path in ("", "claims/bob-refuses/", "method/"):
            page.goto(url + path)
            expect(page.locator("a.md-source").first).to_have_attribute("href", "https://github.com/example/explainer")
            page.wait_for_load_state("networkidle")
        if counts:  # Material's script fetches the counts: the check sees it, so it would see it by default too
            assert any(request.startswith("https://api.github.com/repos/example/explainer") for request in watch.outside)
        else:
            watch.assert_clean()
