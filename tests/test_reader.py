"""What a reader does on the published site, in headless Chromium: search, maps, footnotes, the timeline
filter, a phone-sized screen and dark mode. Screenshots of each page family go to test-artifacts/.

Behaviours that name records run on the small fixture site; what must hold of any content (maps, phones,
dark mode) runs on the real site, on pages chosen from its catalog (tests/families.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect
from .conftest import ROOT
from .families import FAMILIES, family_pages
from .test_browser import ARTIFACTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def families() -> dict[str, str]:
    return family_pages(ROOT / "content")


def test_search_for_donetsk_lists_its_claims(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("Donetsk", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"\d+ matching documents"))
    expect(page.locator(".md-search-result")).to_contain_text("Alice demanded all of Donetsk Oblast.")


def test_clicking_a_region_on_the_map_opens_its_page(page: Page, base_url: str) -> None:
    page.goto(base_url)
    region = page.locator("svg.explainer-map a[aria-label]").first
    label = region.get_attribute("aria-label")
    assert label, "the home page's map links no region"
    name = re.sub(r" \([a-z ]+\)$", "", label)  # "Donetsk Oblast (demanded)": the name, then the role
    region.click()
    expect(page).to_have_url(re.compile(r"/regions/[a-z0-9-]+/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(name)))


def test_a_footnote_jumps_to_its_note_and_back(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url + "claims/alice-demands-donetsk/")
    reference = page.locator("article p sup a.footnote-ref").first
    note_id = reference.get_attribute("href").lstrip("#")
    reference_id = page.locator("article p sup").first.get_attribute("id")
    reference.click()
    note = page.locator(f"li[id='{note_id}']")
    expect(page).to_have_url(re.compile("#" + re.escape(note_id) + "$"))
    expect(note).to_be_in_viewport()
    note.locator("a.footnote-backref").click()
    expect(page).to_have_url(re.compile("#" + re.escape(reference_id) + "$"))
    expect(page.locator(f"sup[id='{reference_id}']")).to_be_in_viewport()


def test_the_timeline_filter_narrows_the_list_in_place(page: Page, small_base_url: str) -> None:
    page.goto(small_base_url + "timeline/")
    entries = page.locator("article h2 + ul > li")
    expect(entries).to_have_count(3)
    status = page.locator(".timeline-count")
    expect(status).to_have_text("3 of 3 claims shown")

    page.get_by_label("Actor").select_option("alice")
    visible = page.locator("article h2 + ul > li:not([hidden])")
    expect(visible).to_have_count(2)
    for index in range(2):
        expect(visible.nth(index).locator("a[href$='actors/alice/']").first).to_be_attached()
    expect(status).to_have_text("2 of 3 claims shown")
    expect(page).to_have_url(re.compile(r"\?actor=alice$"))

    page.get_by_label("Region").select_option("donetsk")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("Alice demanded all of Donetsk Oblast.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "timeline-filtered.png", full_page=True)

    page.reload()  # the choice is kept in the address
    expect(page.get_by_label("Actor")).to_have_value("alice")
    expect(status).to_have_text("1 of 3 claims shown")


@pytest.mark.parametrize("family", FAMILIES)
def test_nothing_overflows_on_a_phone(browser: Browser, base_url: str, families: dict[str, str], family: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    try:
        page.goto(base_url + families[family])
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{family}: {overflow}px of horizontal scrolling"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"phone-{family}.png", full_page=True)
    finally:
        context.close()


def test_dark_mode_renders_maps_legibly(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    try:
        page.goto(base_url)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        colours = page.evaluate("""() => {
            const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
            return {
                page: getComputedStyle(document.body).backgroundColor,
                plain: fill("svg.explainer-map path.region:not([class*='role-'])"),
                demanded: fill("svg.explainer-map path.role-demanded"),
                border: getComputedStyle(document.querySelector("svg.explainer-map path.region")).stroke,
            };
        }""")
        assert len({colours["page"], colours["plain"], colours["demanded"]}) == 3, colours
        assert colours["border"] not in (colours["plain"], "none"), colours
        page.locator("svg.explainer-map").screenshot(path=ARTIFACTS / "map-dark.png")
    finally:
        context.close()


@pytest.mark.parametrize("family", FAMILIES)
def test_screenshot_of_each_page_family(page: Page, base_url: str, families: dict[str, str], family: str) -> None:
    page.goto(base_url + families[family])
    expect(page.locator("article h1")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{family}.png", full_page=True)
    assert Path(ARTIFACTS / f"{family}.png").stat().st_size > 10_000
