"""The corrections of published claims, gathered: the corrections pages and their Atom feed."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.etree as ET
import pytest

from generator.catalog import Catalog
from generator.feeds import ATOM
from generator.pipeline import check, generate

from .conftest import ROOT, built_site
from .html_pages import page_file, parse, resolve
from .test_positions_site import atom_schema

TEMPLATES = ROOT / "theme" / "templates"
A = f"{{{ATOM}}}"


def correct(content: Path, claim: str, *entries: tuple[str, str]) -> None:
    """Add corrections (date, note) to a claim of a content copy, at the end of its file."""
    path = content / "claims" / f"{claim}.yaml"
    lines = "".join(f"  - date: {date}\n    note: {json.dumps(note)}\n" for date, note in entries)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\ncorrections:\n" + lines, encoding="utf-8")


@pytest.fixture
def corrected(content: Path) -> Path:
    correct(content, "bob-refuses", ("2025-08-02", "Bob, not Alice, refused."), ("2026-01-10", "The date is July."))
    correct(content, "alice-demands-donetsk", ("2026-01-10", "<b>Donetsk</b>, not Luhansk."))
    correct(content, "alice-offers-kherson", ("2025-09-30", "The quote is the Daily's."))
    return content


def catalog_of(content: Path) -> Catalog:
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    return catalog


def test_corrections_are_listed_newest_first_then_by_claim(corrected: Path) -> None:
    assert catalog_of(corrected).corrections == [
        ("claims", "alice-demands-donetsk", 0), ("claims", "bob-refuses", 1), ("claims", "alice-offers-kherson", 0),
        ("claims", "bob-refuses", 0)]


def test_an_actor_region_or_source_is_corrected_like_a_claim(corrected: Path) -> None:
    source = corrected / "sources" / "daily-article.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "corrections:\n  - date: 2026-01-10\n"
                      "    note: The publisher is The Daily.\n", encoding="utf-8")
    assert catalog_of(corrected).corrections[:3] == [
        ("claims", "alice-demands-donetsk", 0), ("claims", "bob-refuses", 1), ("sources", "daily-article", 0)]
    site = generate(corrected, TEMPLATES, "Site", None)
    pages = {page.path: page.markdown for page in site.pages}
    assert "The publisher is The Daily\\." in pages["sources/daily-article.md"].split("## Record history", 1)[1]
    assert "(../sources/daily-article.md#record-history): The publisher is The Daily" in pages["corrections/index.md"]
    feed = ET.fromstring({f.path: f.content for f in site.files}["feeds/corrections.xml"])
    assert feed.findall(f"{A}entry")[2].findtext(f"{A}title").startswith("Correction: Source: ")


def test_the_corrections_page_lists_each_by_day_and_links_its_claim(corrected: Path) -> None:
    pages = {page.path: page.markdown for page in generate(corrected, TEMPLATES, "Site", None).pages}
    body = pages["corrections/index.md"].split("\n---\n", 1)[1].replace("\\", "")  # Markdown escapes dropped
    days = [line for line in body.splitlines() if line.startswith("## ")]
    assert days == ["## 10 January 2026", "## 30 September 2025", "## 2 August 2025"]
    assert body.index("The date is July.") < body.index("The quote is the Daily") < body.index("Bob, not Alice")
    assert "(../claims/bob-refuses.md#record-history)" in body
    assert "<b>" not in body  # the note is text: its markup is escaped
    # one page per year in which corrections were made, linked from the index
    assert "(../corrections/2026/index.md)" in body and "(../corrections/2025/index.md)" in body
    year = pages["corrections/2025/index.md"]
    assert "Bob, not Alice" in year and "The date is July." not in year


def test_without_corrections_the_page_says_so(content: Path) -> None:
    pages = {page.path: page.markdown for page in generate(content, TEMPLATES, "Site", None).pages}
    assert "No corrections have been made." in pages["corrections/index.md"]
    assert not any(path.startswith("corrections/2") for path in pages)


def test_the_corrections_feed_has_an_entry_per_correction_newest_first(corrected: Path) -> None:
    files = {f.path: f.content for f in generate(corrected, TEMPLATES, "Site", "https://example.org/").files}
    feed = ET.fromstring(files["feeds/corrections.xml"])
    assert atom_schema().validate(feed), atom_schema().error_log
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}updated") for e in entries] == [
        "2026-01-10T00:00:00Z", "2026-01-10T00:00:00Z", "2025-09-30T00:00:00Z", "2025-08-02T00:00:00Z"]
    assert feed.findtext(f"{A}updated") == "2026-01-10T00:00:00Z"
    assert entries[0].findtext(f"{A}summary") == "<b>Donetsk</b>, not Luhansk."  # as text, escaped by XML
    link = entries[0].find(f"{A}link")
    assert link is not None and link.get("href") == "https://example.org/claims/alice-demands-donetsk/#record-history"
    assert len({e.findtext(f"{A}id") for e in entries}) == 4


@pytest.mark.build
def test_each_correction_links_the_record_history_of_its_claim(corrected: Path, tmp_path: Path) -> None:
    site = built_site(tmp_path / "project", corrected)
    index = page_file(site, "corrections/")
    links = [link.href for link in parse(index).article_links if "claims/" in link.href]
    assert len(links) == 4
    for href in links:
        target = resolve(site, index, href)
        assert target is not None and target[1] == "record-history"
        assert target[1] in parse(target[0]).ids, href
    assert "Bob, not Alice, refused." in parse(page_file(site, "corrections/2025/")).text


def test_every_real_correction_is_in_the_feed() -> None:
    catalog = catalog_of(ROOT / "content")
    files = {f.path: f.content for f in generate(ROOT / "content", TEMPLATES, "Site", None).files}
    entries = ET.fromstring(files["feeds/corrections.xml"]).findall(f"{A}entry")
    total = sum(len(claim.corrections) for claim in catalog.claims.values())
    assert total > 0 and len(entries) == min(total, 50)
