"""Pages stay bounded as the content grows (a synthetic corpus of 1,000 claims, bench/make_corpus.py): no
listing page shows more than a page's worth of claims, and every claim an actor's, region's, source's,
thread's or date's page once listed in full is still linked from that page or from one of its own pages
(its months and their pages) — three clicks from the index that links the record's page. The positions
table, its comparisons and each month's changes go on over pages in the same way, each page linked from
the first."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from generator import listing, monthly_pages, positions_pages
from generator.catalog import Catalog
from generator.editions import edition_of
from generator.page import Page
from generator.pipeline import check, generate
from generator.urls import Paths

from .conftest import ROOT

pytestmark = pytest.mark.build

# Claim lists and footnotes are raw HTML with directory URLs (renderer.py); the rest of a page is Markdown.
CLAIM_LINK = re.compile(r"\]\((?:\.\./)*claims/([a-z0-9-]+)\.md\)|href=\"(?:\.\./)*claims/([a-z0-9-]+)/\"")
PAGE_LINK = re.compile(r"\]\(((?:\.\./)*[a-z0-9/._-]+\.md)\)")
FOOTNOTE = re.compile(r'<li id="fn:([a-z0-9-]+)--[a-z0-9-]+"')
NOTES = '<div class="footnote">'  # where a page's footnotes begin

MARKDOWN_BOUND = 200_000
"""The most Markdown a page may weigh. Claim lists, footnotes and tables are raw HTML already: a page's HTML
is its Markdown and 20 to 25 KB of theme (measured at 1,000 claims of the benchmark's corpus: 110 KB of
Markdown made 129 KB of HTML, 168 KB made 191 KB, 335 KB made 357 KB), below the 250 KB a page may weigh
on a reader's phone."""

UNBOUNDED_HERE = ("claims/",)
"""A claim's page, bounded by other means and tested elsewhere (its thread window); the claims index is
bounded like the timeline (RECENT_CLAIMS)."""


def bounded(path: str) -> bool:
    """Whether a page, in any edition, belongs to a family bounded here by the claims it shows."""
    path = edition_of(path).unprefixed(path)
    return path == Paths.claims or not path.startswith(UNBOUNDED_HERE)


@pytest.fixture(scope="module")
def catalog(corpus: Path) -> Catalog:
    found, problems = check(corpus)
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def pages(corpus: Path) -> dict[str, Page]:
    """The pages with the site's own bounds."""
    return {page.path: page for page in generate(corpus, ROOT / "theme" / "templates").pages}


@pytest.fixture(scope="module")
def small_pages(corpus: Path) -> Iterator[dict[str, Page]]:
    """The pages with bounds so small that every kind of split occurs in a corpus of this size: days and
    months over several pages, records over several months and months of a record over several pages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "PAGE_CLAIMS", 4)
        patch.setattr(listing, "LATEST_CLAIMS", 2)
        patch.setattr(listing, "INDEX_ROWS", 10)
        yield {page.path: page for page in generate(corpus, ROOT / "theme" / "templates").pages}


def shown(page: Page) -> set[str]:
    """The claims a page shows as lines of a list: each line adds its claim's footnotes to the page."""
    return set(FOOTNOTE.findall(page.markdown))


def links(pages: dict[str, Page], path: str) -> set[str]:
    """The pages a page links to, as paths."""
    here = posixpath.dirname(path)
    body = pages[path].markdown.split(NOTES, 1)[0]
    return {posixpath.normpath(posixpath.join(here, link)) for link in PAGE_LINK.findall(body)}


def claims_linked(page: Page) -> set[str]:
    return {markdown or html for markdown, html in CLAIM_LINK.findall(page.markdown.split(NOTES, 1)[0])}


def own_pages(pages: dict[str, Page], path: str) -> set[str]:
    """A page and the pages it links that belong to it: its months and the further pages of a listing."""
    folder = path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
    return {path} | {linked for linked in links(pages, path) if linked.startswith(folder) and linked in pages}


def listed_in_full(catalog: Catalog) -> Iterator[tuple[str, set[str]]]:
    """Each record and date page with every claim its listing holds."""
    def union(sections: Sequence[tuple[str, Sequence[str]]]) -> set[str]:
        return {claim_id for _, ids in sections for claim_id in ids}

    for actor_id in catalog.actors:
        yield Paths.actor(actor_id), union(monthly_pages.actor_sections(catalog, actor_id))
    for region_id in catalog.regions:
        yield Paths.region(region_id), union(monthly_pages.region_sections(catalog, region_id))
    for source_id in catalog.sources:
        yield Paths.source(source_id), union(monthly_pages.source_sections(catalog, source_id))
    for issue in catalog.issues():
        yield Paths.thread(issue), union(monthly_pages.thread_sections(catalog, issue))
    for day in catalog.days():
        yield Paths.day(day), union(listing.day_sections(catalog, day))
    for year, month in catalog.months():
        yield Paths.month(year, month), union(listing.month_sections(catalog, year, month))
    for year in catalog.years():
        yield Paths.year(year), union(listing.year_sections(catalog, year))


def test_no_page_lists_more_than_a_page_of_claims_or_outweighs_the_bound(pages: dict[str, Page]) -> None:
    counts = {path: len(shown(page)) for path, page in pages.items() if bounded(path)}
    assert max(counts.values()) > listing.PAGE_CLAIMS // 2  # the claims a page shows are seen at all
    for family in (Paths.timeline, Paths.claims, Paths.positions, "changes/", "positions/compare/", "uk/positions/"):
        assert any(path.startswith(family) for path in counts), family  # every family is counted
    too_many = {path: count for path, count in counts.items() if count > listing.PAGE_CLAIMS}
    assert too_many == {}


def test_no_page_of_any_family_or_edition_outweighs_the_bound(pages: dict[str, Page]) -> None:
    sizes = {path: len(page.markdown.encode()) for path, page in pages.items()}
    assert max(sizes.values()) > MARKDOWN_BOUND // 2  # the largest pages are seen at all
    assert {path: size for path, size in sizes.items() if size > MARKDOWN_BOUND} == {}


def test_the_corpus_has_records_listed_month_by_month(catalog: Catalog, pages: dict[str, Page]) -> None:
    """With the site's own bounds, the corpus's busiest actors and regions are listed month by month."""
    busiest = max(catalog.actors, key=lambda actor_id: len(catalog.claims_by_actor.get(actor_id, [])))
    assert len(catalog.claims_by_actor[busiest]) > listing.PAGE_CLAIMS
    months = [path for path in links(pages, Paths.actor(busiest)) if path.startswith(f"actors/{busiest}/")]
    assert months and all(path in pages for path in months)


def test_every_claim_of_a_listing_is_linked_from_its_page_or_its_own_pages(
        catalog: Catalog, small_pages: dict[str, Page]) -> None:
    missing = {}
    for path, expected in listed_in_full(catalog):
        reachable: set[str] = set()
        for own in own_pages(small_pages, path):
            reachable |= claims_linked(small_pages[own])
        if not expected <= reachable:
            missing[path] = sorted(expected - reachable)[:3]
    assert missing == {}


def test_small_bounds_split_every_kind_of_listing_and_bound_every_page(small_pages: dict[str, Page]) -> None:
    for prefix in ("actors/", "regions/", "threads/", "sources/", "dates/"):
        assert any(path.startswith(prefix) and "/page/" in path for path in small_pages), prefix
    assert any(re.fullmatch(r"actors/[a-z0-9-]+/\d{4}/\d{2}/index\.md", path) for path in small_pages)
    summary_bound = 3 * 2  # an actor's page: the latest two of each of its three listings
    assert max(len(shown(page)) for page in small_pages.values()) >= 4  # a full page of claims is seen
    for path, page in small_pages.items():
        unprefixed = edition_of(path).unprefixed(path)
        if not bounded(path) or unprefixed in (Paths.timeline, Paths.claims, Paths.home) \
                or unprefixed.startswith("threads/") \
                or (unprefixed.startswith("positions/") and not unprefixed.startswith("positions/compare/")):
            # a thread's page shows the latest five claims of each side, the home page its latest ten, the
            # timeline and the claims index RECENT_CLAIMS; the positions pages are tested below
            continue
        assert len(shown(page)) <= max(4, summary_bound), path


def test_each_page_of_an_index_links_every_other_and_together_every_record(
        catalog: Catalog, small_pages: dict[str, Page]) -> None:
    for index, table, page_of in ((Paths.actors, catalog.actors, Paths.actor),
                                  (Paths.sources, catalog.sources, Paths.source)):
        numbers = range(1, -(-len(table) // 10) + 1)
        index_pages = [Paths.part(index, number) for number in numbers]
        assert len(index_pages) > 1 and all(path in small_pages for path in index_pages)
        linked: set[str] = set()
        for path in index_pages:
            assert set(index_pages) - {path} <= links(small_pages, path), path
            linked |= links(small_pages, path)
        assert {page_of(record_id) for record_id in table} <= linked


def test_a_latest_month_longer_than_the_timeline_is_cut_to_its_latest_claims_and_linked(catalog: Catalog) -> None:
    shown, earlier_groups = listing.recent_groups(catalog, 5)
    whole = [group for group in listing.timeline_groups(catalog) if group.month][-1]
    assert len(whole.claim_ids) > 5
    assert [(group.claim_ids, group.total) for group in shown] == [(whole.claim_ids[-5:], len(whole.claim_ids))]
    # the claims dated to the latest year only, or as a range, are linked to their year's page, newest first
    assert [group.month for group in earlier_groups[:2]] == [None, None] and whole not in earlier_groups
    listed, earlier = listing.recent_claims(catalog, 5)
    assert len(listed) == 5 and earlier[0] == whole  # the claims index links the whole month first


def numbered_pages(pages: dict[str, Page], first: str) -> list[str]:
    """A listing's pages, its first and every further one that exists, in order."""
    found = [first]
    while Paths.part(first, len(found) + 1) in pages:
        found.append(Paths.part(first, len(found) + 1))
    return found


def check_pages_of(pages: dict[str, Page], first: str, expected: set[str], most: int) -> int:
    """The pages of one listing: each linked from the first, none showing more than `most` claims, together
    linking every claim of `expected`; how many pages there are."""
    assert first in pages, first
    numbered = numbered_pages(pages, first)
    assert set(numbered[1:]) <= links(pages, first), first
    reachable: set[str] = set()
    for path in numbered:
        assert len(shown(pages[path])) <= most, path
        reachable |= claims_linked(pages[path])
    assert expected <= reachable, (first, sorted(expected - reachable)[:3])
    return len(numbered)


def test_the_positions_table_goes_on_over_pages_that_together_show_every_position(
        catalog: Catalog, small_pages: dict[str, Page]) -> None:
    """With pages of 4 claims, a row of the table (a position per side) and a question's latest reporting
    fill a page each: the table goes on over many, and each shows at most one row's positions and reporting."""
    most = max(4, len(catalog.side_order) + positions_pages.REPORTING_LATEST)
    latest = set(positions_pages.latest_state(catalog).values())
    assert latest
    assert check_pages_of(small_pages, Paths.positions, latest, most) > 3
    month = catalog.position_months[-2]
    table = set(catalog.states[month].values())
    assert check_pages_of(small_pages, Paths.positions_month(*month), table, len(catalog.side_order)) > 3


def test_a_comparison_goes_on_over_pages_that_together_show_every_changed_cell(
        catalog: Catalog, small_pages: dict[str, Page]) -> None:
    pairs = positions_pages.compared_pairs(catalog)
    counts = []
    for first, second in pairs:
        after = catalog.states[second]
        expected = {after[cell] for cell, _ in positions_pages.changed_cells(catalog, first, second) if cell in after}
        counts.append(check_pages_of(small_pages, Paths.positions_compare(first, second), expected, 4))
    assert max(counts) > 1


def test_every_move_of_a_month_is_three_clicks_from_the_changes_index(
        catalog: Catalog, small_pages: dict[str, Page]) -> None:
    """The changes index, the month's page, its numbered page, the claim."""
    months = links(small_pages, Paths.changes)
    counts = []
    for month in catalog.position_months:
        assert Paths.changes_month(*month) in months
        moved = {claim_id for _, claim_id in catalog.changes_in_month.get(month, [])}
        counts.append(check_pages_of(small_pages, Paths.changes_month(*month), moved, 4))
    assert max(counts) > 1


def test_a_table_page_takes_whole_rows_while_their_positions_and_reporting_fit(catalog: Catalog) -> None:
    """A row weighs a position per side, and the latest reporting of its question where the question begins
    (on `/positions/` alone); a page takes rows in order while they fit, and closes only when the next does not."""
    sides = len(catalog.side_order)
    size = 2 * sides + 1
    rows = [(question_id, issue) for question_id in catalog.question_order
            for issue in catalog.issues_of_question[question_id]]

    def weight(question_id: str, issue: str, with_reporting: bool) -> int:
        begins = with_reporting and issue == catalog.issues_of_question[question_id][0]
        return sides + (min(positions_pages.REPORTING_LATEST, len(positions_pages.reporting_of(catalog, question_id)))
                        if begins else 0)

    for with_reporting in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(listing, "PAGE_CLAIMS", size)
            parts = positions_pages.table_parts(catalog, with_reporting)
        on_pages = [[(question_id, issue) for question_id, issues in part.sections for issue in issues] for part in parts]
        assert [row for page in on_pages for row in page] == rows
        assert [(part.number, part.count) for part in parts] == [(n, len(parts)) for n in range(1, len(parts) + 1)]
        weights = [[weight(*row, with_reporting) for row in page] for page in on_pages]
        assert all(len(page) == 1 or sum(page) <= size for page in weights)
        assert all(sum(page) + following[0] > size for page, following in zip(weights, weights[1:], strict=False))
        if not with_reporting:
            assert all(len(page) == 2 for page in on_pages[:-1])
        else:
            assert any(len(page) == 1 for page in on_pages)  # a question's reporting took a row's room
