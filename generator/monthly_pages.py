"""The monthly pages of an actor, a region, a source or a thread: every claim of that record in one month.

A record's page lists all its claims while they fit on one page (`listing.PAGE_CLAIMS`). Beyond that it shows
a summary, its latest claims and a link to each month (`periods`), and the claims are listed month by month:
`/actors/<id>/<yyyy>/<mm>/`, the same under `/regions/`, `/sources/` and `/threads/`, and `/actors/<id>/<yyyy>/`
for the claims dated to the year only or as a range. A month longer than a page is split into pages
(`/actors/<id>/<yyyy>/<mm>/page/2/`), each linked from the record's page, so that every claim stays two
clicks from it: however large the content grows, no page does.

Which claims a page lists is computed here from the catalog and passed to its template as its `part`: the
template call then changes whenever the listing does, and the preview renders the page again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from . import listing
from .catalog import Catalog, span_year
from .editions import ENGLISH, Edition
from .labels import KIND_LABELS, issue_label, month_label, source_title
from .listing import Part, split_listing
from .page import NOT_SEARCHED, PagesOf
from .urls import Paths

if TYPE_CHECKING:
    from .renderer import Renderer

Sections = list[tuple[str, Sequence[str]]]


@dataclass(frozen=True)
class Period:
    """One record's claims in one month (`month` None: those dated to the year only or as a range), as pages."""

    owner: str  # the record's id, or the issue of a thread
    year: int
    month: int | None
    parts: tuple[Part, ...]
    owner_page: str  # the path of the record's page
    edition: Edition = ENGLISH  # the words of its label

    @property
    def label(self) -> str:
        if self.month:
            return month_label(self.year, self.month, self.edition)
        return self.edition.gettext("{year}, dated to the year only or as a range").format(year=self.year)

    @property
    def size(self) -> int:
        return sum(part.size for part in self.parts)

    def path(self, number: int = 1) -> str:
        return Paths.part(Paths.period(self.owner_page, self.year, self.month), number)


def period_of(catalog: Catalog, claim_id: str) -> tuple[int, int | None]:
    """The month a claim happened in; the year alone for a claim dated to the year, or as a range or bound
    (the year it is listed under on the dates pages, `catalog.span_year`)."""
    claim = catalog.claims[claim_id]
    placed = claim.dates.happened.date.placed
    if placed is None:
        return span_year(claim), None
    return placed.year, placed.month


def periods(catalog: Catalog, owner: str, owner_page: str, sections: Sections) -> list[Period]:
    """A record's claims by period, newest first; none while the whole listing fits on its own page."""
    if sum(len(ids) for _, ids in sections) <= listing.PAGE_CLAIMS:
        return []
    by_period: dict[tuple[int, int | None], dict[str, list[str]]] = {}
    for name, ids in sections:
        for claim_id in ids:
            by_period.setdefault(period_of(catalog, claim_id), {}).setdefault(name, []).append(claim_id)
    ordered = sorted(by_period, key=lambda key: (key[0], key[1] or 13), reverse=True)
    return [Period(owner, year, month, tuple(split_listing(list(by_period[(year, month)].items()))), owner_page,
                   catalog.edition) for year, month in ordered]


# --- each record's listing, by section ------------------------------------------------------------


def actor_sections(catalog: Catalog, actor_id: str) -> Sections:
    return [("by", catalog.claims_by_actor.get(actor_id, [])),
            ("for", catalog.claims_by_represented.get(actor_id, [])),
            ("to", catalog.claims_addressed_to.get(actor_id, []))]


def region_sections(catalog: Catalog, region_id: str) -> Sections:
    return [("about", catalog.claims_by_region.get(region_id, []))]


def source_sections(catalog: Catalog, source_id: str) -> Sections:
    return [("from", catalog.claims_by_source.get(source_id, []))]


def thread_sections(catalog: Catalog, issue: str) -> Sections:
    """A thread's claims by side, in the thread page's order; reporting and analysis under ''."""
    return [(side or "", [step.claim_id for step in steps]) for side, steps in catalog.thread_sides(issue)]


def actor_periods(catalog: Catalog, actor_id: str) -> list[Period]:
    return periods(catalog, actor_id, Paths.actor(actor_id), actor_sections(catalog, actor_id))


def region_periods(catalog: Catalog, region_id: str) -> list[Period]:
    return periods(catalog, region_id, Paths.region(region_id), region_sections(catalog, region_id))


def source_periods(catalog: Catalog, source_id: str) -> list[Period]:
    return periods(catalog, source_id, Paths.source(source_id), source_sections(catalog, source_id))


def thread_periods(catalog: Catalog, issue: str) -> list[Period]:
    return periods(catalog, issue, Paths.thread(issue), thread_sections(catalog, issue))


# --- the families ----------------------------------------------------------------------------------

PageKey = tuple[Period, Part]


def _pages(owners: Callable[[Catalog], Sequence[str]],
           periods_of: Callable[[Catalog, str], list[Period]]) -> Callable[[Catalog], Iterator[PageKey]]:
    def each(catalog: Catalog) -> Iterator[PageKey]:
        for owner in owners(catalog):
            for period in periods_of(catalog, owner):
                for part in period.parts:
                    yield period, part
    return each


def _title(name: Callable[[Catalog, str], str]) -> Callable[[Catalog, PageKey], str]:
    def title(catalog: Catalog, key: PageKey) -> str:
        period, part = key
        _ = catalog.edition.gettext
        if part.count == 1:
            return _("{name}: {period}").format(name=name(catalog, period.owner), period=period.label)
        return _("{name}: {period}, page {number} of {count}").format(
            name=name(catalog, period.owner), period=period.label, number=part.number, count=part.count)
    return title


def _context(key: PageKey) -> dict[str, object]:
    period, part = key
    return {"period": period, "part": part, "owner": period.owner}


def _index_pages(table: Callable[[Catalog], Sequence[object]]) -> Callable[[Catalog], range]:
    """The numbers of an index's pages after its first, which is an index page of `pages.FAMILIES`."""
    return lambda catalog: range(2, listing.index_page_count(len(table(catalog))) + 1)


def _not_searched(catalog: Catalog, key: object) -> dict[str, object]:
    # A month of a record lists claims that have pages of their own and are on the record's page: search
    # finds them there, and the index stays the size of the content rather than a multiple of it.
    return NOT_SEARCHED


FAMILIES: tuple[PagesOf, ...] = (
    PagesOf("actors.md.j2", _index_pages(lambda c: list(c.actors)), lambda number: Paths.part(Paths.actors, number),
            title=lambda c, number: c.edition.gettext("Actors, page {number}").format(number=number),
            description=lambda c, number: c.edition.gettext(
                "The people, states and organisations whose claims are recorded."),
            context=lambda c, number: {"number": number}),
    PagesOf("sources.md.j2", _index_pages(lambda c: list(c.sources)), lambda number: Paths.part(Paths.sources, number),
            title=lambda c, number: c.edition.gettext("Sources, page {number}").format(number=number),
            description=lambda c, number: c.edition.gettext("The publications the claims come from."),
            context=lambda c, number: {"number": number}),
    PagesOf("actor_month.md.j2", _pages(lambda c: list(c.actors), actor_periods), lambda key: key[0].path(key[1].number),
            title=_title(lambda c, actor_id: c.actors[actor_id].name),
            description=lambda c, key: c.edition.gettext(
                "Every claim by, on behalf of or addressed to {name} in {period}, with sources.").format(
                name=c.actors[key[0].owner].name, period=key[0].label),
            meta=_not_searched,
            context=lambda c, key: {**_context(key), "actor": c.actors[key[0].owner]}),
    PagesOf("region_month.md.j2", _pages(lambda c: list(c.regions), region_periods),
            lambda key: key[0].path(key[1].number),
            title=_title(lambda c, region_id: c.regions[region_id].name),
            description=lambda c, key: c.edition.gettext("Every claim about {name} in {period}, with sources.").format(
                name=c.regions[key[0].owner].name, period=key[0].label),
            meta=_not_searched,
            context=lambda c, key: {**_context(key), "region": c.regions[key[0].owner]}),
    PagesOf("source_month.md.j2", _pages(lambda c: list(c.sources), source_periods),
            lambda key: key[0].path(key[1].number),
            title=_title(lambda c, source_id: source_title(c.sources[source_id], c.edition)),
            description=lambda c, key: c.edition.gettext("Every claim from {title} in {period}.").format(
                title=source_title(c.sources[key[0].owner], c.edition), period=key[0].label),
            meta=_not_searched,
            context=lambda c, key: {**_context(key), "source": c.sources[key[0].owner]}),
    PagesOf("thread_month.md.j2", _pages(lambda c: c.issues(), thread_periods), lambda key: key[0].path(key[1].number),
            title=_title(lambda c, issue: c.edition.gettext("Thread: {issue}").format(
                issue=issue_label(issue, c.questions))),
            description=lambda c, key: c.edition.gettext(
                "Each side's claims on {issue} in {period}, with the kind of move each was.").format(
                issue=issue_label(key[0].owner, c.questions), period=key[0].label),
            meta=_not_searched,
            context=lambda c, key: {**_context(key), "issue": key[0].owner}),
)
"""The monthly pages' families, added to `pages.FAMILIES`."""


def template_globals(renderer: Renderer) -> dict[str, object]:
    """What the paged listings' templates call besides the renderer's API, reading the catalog as tracked:
    `day_page_count(day)` (how many pages a day's listing takes, for its month's links), `latest(ids, count=LATEST_CLAIMS)`
    (the last claims of a listing), `index_page(table, number)` (the rows of one page
    of an index, and the page as a `listing.Part` for its links) and `kind_counts(ids)` ('12 demands, 3 offers' for a summary)."""
    catalog = renderer.catalog
    return {"day_page_count": partial(listing.day_page_count, catalog),
            "index_page": lambda table, number: (listing.index_rows(table, number),
                                                 Part(number, listing.index_page_count(len(table)), ())),
            "latest": lambda ids, count=None: list(ids)[-(count or listing.LATEST_CLAIMS):],
            "kind_counts": partial(kind_counts, catalog)}


def kind_counts(catalog: Catalog, claim_ids: Sequence[str]) -> list[tuple[str, int]]:
    """How many claims of each kind, the most frequent first (then in the record format's order)."""
    counts: dict[str, int] = {}
    for claim_id in claim_ids:
        kind = catalog.claims[claim_id].kind
        counts[kind] = counts.get(kind, 0) + 1
    order = list(KIND_LABELS)
    return sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
