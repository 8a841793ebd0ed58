"""The two editions in what the generator writes: records in each edition's words, untranslated texts marked as
English, quotes in their own language, dates and counts in the language's own forms, feeds per edition, one
open data record set with both languages' fields. On the small fixture content, one of whose claims has its
Ukrainian summary (`alice-offers-kherson`), and the site built from it."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from generator.catalog import Catalog
from generator.date_span import parse_span
from generator.editions import ENGLISH, UKRAINIAN, edition_of
from generator.feeds import ATOM
from generator.localized import localized
from generator.markdown_text import Untranslated, escape_inline
from generator.partial_date import PartialDate
from generator.pipeline import Site, check, generate

from .conftest import ROOT, SMALL

A = f"{{{ATOM}}}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = check(SMALL)
    assert problems == [] and found is not None
    return found


@pytest.fixture(scope="module")
def site() -> Site:
    return generate(SMALL, ROOT / "theme" / "templates", "Test site", None)


def test_a_record_shows_its_ukrainian_text_or_its_english_one_marked(catalog: Catalog) -> None:
    ukrainian = localized(catalog, UKRAINIAN)
    assert ukrainian.claims["alice-offers-kherson"].summary == (
        "Аліса запропонувала натомість віддати частини Херсонської області.")
    assert not isinstance(ukrainian.claims["alice-offers-kherson"].summary, Untranslated)
    untranslated = ukrainian.claims["bob-refuses"].summary
    assert isinstance(untranslated, Untranslated) and untranslated == Untranslated(catalog.claims["bob-refuses"].summary)
    assert escape_inline(untranslated).startswith('<span class="untranslated" lang="en">')
    assert ukrainian.regions["kherson"].name == "Херсонська область"  # region records name both languages
    # Quotes stay in the words of their source; the English catalog is untouched.
    assert ukrainian.claims["bob-refuses"].sources[0].quote == catalog.claims["bob-refuses"].sources[0].quote
    assert catalog.claims["alice-offers-kherson"].summary.startswith("Alice offered")
    assert localized(catalog, ENGLISH) is catalog


def test_dates_take_the_language_s_own_forms() -> None:
    assert UKRAINIAN.date(PartialDate(2025, 7, 3)) == "3 липня 2025"
    assert UKRAINIAN.date(PartialDate(2025, 7)) == "липень 2025"
    assert UKRAINIAN.date(PartialDate(2025)) == "2025"
    assert ENGLISH.date(PartialDate(2025, 7, 3)) == PartialDate(2025, 7, 3).label == "3 July 2025"
    assert ENGLISH.date(parse_span("../2025-05")) == parse_span("../2025-05").label == "on or before May 2025"


def test_ukrainian_counts_take_their_three_plural_forms() -> None:
    forms = {count: UKRAINIAN.ngettext("%(num)d independent source", "%(num)d independent sources", count)
             for count in (1, 2, 5, 21, 22, 25)}
    # CLDR's rule, through Babel: 1 and 21 take one form, 2 and 22 another, 5 and 25 a third.
    assert forms[1] == forms[21] and forms[2] == forms[22] and forms[5] == forms[25]
    assert len({forms[1], forms[2], forms[5]}) == 3, forms


def test_every_page_and_file_is_in_both_editions_at_the_same_path(site: Site) -> None:
    english = {page.path for page in site.pages if edition_of(page.path) is ENGLISH}
    ukrainian = {page.path for page in site.pages if edition_of(page.path) is UKRAINIAN}
    assert ukrainian == {UKRAINIAN.path(path) for path in english}
    english_files = {f.path for f in site.files if not f.path.startswith("uk/")}
    assert {f.path for f in site.files if f.path.startswith("uk/")} == {UKRAINIAN.path(p) for p in english_files}


def test_the_open_data_is_one_record_set_with_both_languages(site: Site) -> None:
    published = {f.path: f.content for f in site.files}
    for path in ("data/claims.json", "data/claims.csv"):
        assert published["uk/" + path] == published[path]
    dataset = json.loads(published["data/claims.json"])
    claims = dataset["claims"] if "claims" in dataset else dataset
    assert claims["alice-offers-kherson"]["summary_uk"].startswith("Аліса запропонувала")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(published["data/claims.csv"].decode("utf-8")))}
    assert rows["alice-offers-kherson"]["summary_uk"].startswith("Аліса запропонувала")
    assert rows["bob-refuses"]["summary_uk"] == ""


def test_the_ukrainian_feeds_carry_ukrainian_texts_and_link_ukrainian_pages(site: Site) -> None:
    published = {f.path: f.content for f in site.files}
    feed = ET.fromstring(published["uk/feeds/claims.xml"])
    entries = {entry.find(f"{A}link").get("href"): entry for entry in feed.iter(f"{A}entry")}
    entry = entries["../claims/alice-offers-kherson/"]  # relative to uk/feeds/: the Ukrainian page
    assert entry.find(f"{A}title").text.startswith("Аліса запропонувала")
    english = ET.fromstring(published["feeds/claims.xml"])
    assert feed.find(f"{A}id").text != english.find(f"{A}id").text  # two feeds, two ids


def test_an_untranslated_hand_written_page_is_shown_in_english_and_says_so(small_site: Path) -> None:
    html = (small_site / "uk" / "method" / "index.html").read_text(encoding="utf-8")
    assert 'class="explainer-untranslated"' in html
    assert '<div lang="en">' in html
    assert '<html lang="uk"' in html


def test_a_record_unchanged_since_the_last_localization_keeps_its_localized_copy(catalog: Catalog) -> None:
    kept: dict[int, tuple[object, object]] = {}
    first = localized(catalog, UKRAINIAN, kept)
    assert len(kept) == sum(map(len, (catalog.actors, catalog.regions, catalog.sources, catalog.claims,
                                      catalog.sides, catalog.questions)))
    edited = catalog.claims["bob-refuses"].model_copy(update={"summary": "Bob refused, edited."})
    again = localized(replace(catalog, claims={**catalog.claims, "bob-refuses": edited}), UKRAINIAN, kept)
    assert again.claims["alice-offers-kherson"] is first.claims["alice-offers-kherson"]
    assert again.actors == first.actors and all(again.actors[key] is first.actors[key] for key in first.actors)
    assert again.claims["bob-refuses"] is not first.claims["bob-refuses"]
    assert again.claims["bob-refuses"].summary == Untranslated("Bob refused, edited.")
    assert localized(catalog, UKRAINIAN).claims["alice-offers-kherson"] is not first.claims["alice-offers-kherson"]
