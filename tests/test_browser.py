"""A reader in a real headless Chromium: following links from home to a source, with nothing fetched from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser import local_page, static_server
from .conftest import SMALL, build, make_project

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def test_home_to_actor_to_claim_to_footnote_to_source(page: Page, base_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(base_url)
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Negotiating positions"))
    page.screenshot(path=ARTIFACTS / "home.png", full_page=True)

    page.locator("article a[href*='actors/putin/']").first.click()
    expect(page).to_have_url(re.compile(r"/actors/putin/$"))
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Vladimir Putin"))
    page.screenshot(path=ARTIFACTS / "actor.png", full_page=True)

    claim_link = page.locator("article li a[href*='claims/']").first
    claim_title = claim_link.inner_text()
    claim_link.click()
    expect(page).to_have_url(re.compile(r"/claims/[a-z0-9-]+/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(claim_title)))
    page.screenshot(path=ARTIFACTS / "claim.png", full_page=True)

    reference = page.locator("article p sup a.footnote-ref").first
    note_id = reference.get_attribute("href").lstrip("#")
    reference.click()
    expect(page).to_have_url(re.compile("#" + re.escape(note_id) + "$"))
    note = page.locator(f"li[id='{note_id}']")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("“")  # the supporting quote

    source_link = note.locator("a[href*='sources/']").first
    source_name = source_link.inner_text()
    source_link.click()
    expect(page).to_have_url(re.compile(r"/sources/[a-z0-9-]+/$"))
    expect(page.locator("article")).to_contain_text(source_name.split(":")[0])
    expect(page.locator("article")).to_contain_text(claim_title)
    page.screenshot(path=ARTIFACTS / "source.png", full_page=True)


def test_search_finds_a_claim(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")  # Material's shortcut to the search box
    # Typed key by key: the theme searches on key events, which `fill` does not send.
    page.locator("input.md-search__input").press_sequentially("Patriot", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result")).to_contain_text("Patriot")


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
