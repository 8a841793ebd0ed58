"""A reader in a real headless Chromium: following links from home to a source, with nothing fetched from elsewhere.

On the small fixture site (tests/fixtures/small/), whose records the assertions name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

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
