"""The two editions as a reader meets them in a real headless Chromium: the language selector leads to the same
page in the other language, each edition's pages say which language they are in, and each edition's search
finds its own pages, a Ukrainian word included.

On the small fixture site (tests/fixtures/small/), one of whose claims has its Ukrainian summary."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.build]


def switch_language(page: Page, code: str) -> None:
    page.locator(".md-header .md-select").hover()  # Material opens the selector's list on hover
    page.locator(f"a.md-select__link[hreflang='{code}']").click()


def test_the_language_selector_lands_on_the_same_page(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url + "claims/alice-offers-kherson/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch_language(page, "uk")
    expect(page).to_have_url(re.compile(r"/uk/claims/alice-offers-kherson/$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Аліса запропонувала"))
    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/claims/alice-offers-kherson/$"))
    assert "/uk/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_an_untranslated_text_is_marked_english_and_the_page_says_so(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url + "uk/claims/bob-refuses/")
    expect(page.locator("article h1 [lang='en']")).to_have_count(1)
    expect(page.locator("article .explainer-untranslated")).to_be_visible()


def search(page: Page, words: str) -> None:
    page.keyboard.press("/")  # Material's shortcut to the search box
    # Typed key by key: the theme searches on key events, which `fill` does not send. Letters beyond ASCII are
    # typed as text input without key events: a last key (End) makes the theme read the query.
    page.locator("input.md-search__input").press_sequentially(words, delay=30)
    page.keyboard.press("End")


def test_a_ukrainian_word_finds_its_page_in_the_ukrainian_search(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url + "uk/")
    search(page, "Херсонськ")  # the word's beginning: «Херсонської» on the page, no stemmer in between
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result")).to_contain_text("Аліса запропонувала")
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert links and all("/uk/" in link for link in links), links


def test_the_english_search_lists_english_pages_only(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url)
    search(page, "Kherson")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert links and not any("/uk/" in link for link in links), links


def test_each_edition_has_its_own_search_index(small_site: Path) -> None:
    english = json.loads((small_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ukrainian = json.loads((small_site / "uk" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["docs"] and ukrainian["docs"]
    assert not any(doc["location"].startswith("uk/") for doc in english["docs"])
    assert {doc["location"].split("#")[0] for doc in ukrainian["docs"]} >= {"claims/alice-offers-kherson/"}
    assert ukrainian["config"]["pipeline"] == []  # no English stemmer or trimmer on Ukrainian words
