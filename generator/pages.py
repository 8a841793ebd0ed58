"""From the catalog to pages: the page families of the site, as one table, and the function that renders them.

Each row of `FAMILIES` is one kind of page: its template, where it lives, its title and description, and
the content file it shows. An index page is one page (`IndexPage`); a record family has a page for each
record or date it is given (`PagesOf`), its columns then functions of the catalog and that key. Adding a
family is adding rows (a family may come from a module of its own and be added to `FAMILIES`); its
template sees the variables of its row (`context`) and the template API of `renderer.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from . import corrections_pages, monthly_pages, positions_pages
from .catalog import Catalog
from .editions import N_
from .history import FileHistory
from .labels import actor_names, issue_label, source_title
from .listing import Part, day_sections, month_sections, split_listing, year_sections
from .maps import SMALL_MAP_TOLERANCE, load_shapes
from .page import NOT_SEARCHED, IndexPage, Page, PagesOf, PageStore
from .reads import Tracking
from .renderer import PageCache, Renderer, render_settings
from .structured_data import claim_jsonld
from .urls import Feeds, Paths

K = TypeVar("K")
Sections = list[tuple[str, Sequence[str]]]


def _paged(keys: Callable[[Catalog], Iterable[K]], sections: Callable[[Catalog, K], Sections]
           ) -> Callable[[Catalog], Iterator[tuple[K, Part]]]:
    """A date family's keys with each page of their listing (`listing.split_listing`)."""
    def each(catalog: Catalog) -> Iterator[tuple[K, Part]]:
        for key in keys(catalog):
            for part in split_listing(sections(catalog, key)):
                yield key, part
    return each


def _paged_title(catalog: Catalog, title: str, part: Part) -> str:
    """A listing's title, with which of its pages this is where it has several."""
    if part.count == 1:
        return title
    return catalog.edition.gettext("{title}, page {number} of {count}").format(
        title=title, number=part.number, count=part.count)


def _claim_description(catalog: Catalog, claim_id: str) -> str:
    claim, edition = catalog.claims[claim_id], catalog.edition
    count = edition.counted(len(catalog.independent_sources(claim_id)), "%(num)d independent source",
                            "%(num)d independent sources")
    return edition.gettext("{actors}, {date}: {summary} ({count})").format(
        actors=actor_names(catalog.actors, claim.actors, edition), date=edition.date(claim.dates.happened.date),
        summary=claim.summary, count=count)


FAMILIES: tuple[IndexPage | PagesOf, ...] = (
    IndexPage("home.md.j2", Paths.home, N_("Negotiating positions"),
              N_("What each side in the Russia–Ukraine war negotiations demanded, offered and refused, "
                 "claim by claim, with the sources for every one."), meta={"feed": Feeds.all}, intro=True),

    IndexPage("actors.md.j2", Paths.actors, N_("Actors"),
              N_("The people, states and organisations whose claims are recorded."), context={"number": 1}),
    PagesOf("actor.md.j2", lambda c: c.actors, Paths.actor,
            title=lambda c, actor_id: c.actors[actor_id].name,
            description=lambda c, actor_id: c.edition.gettext(
                "What {name} demanded, offered, refused and said, claim by claim, with sources.").format(
                name=c.actors[actor_id].name),
            origin="actors", meta=lambda c, actor_id: {"feed": Feeds.actor(actor_id)},
            context=lambda c, actor_id: {"actor_id": actor_id, "actor": c.actors[actor_id],
                                         "periods": monthly_pages.actor_periods(c, actor_id)}),

    IndexPage("regions.md.j2", Paths.regions, N_("Regions"), N_("Claims about each region of Ukraine.")),
    PagesOf("region.md.j2", lambda c: c.regions, Paths.region,
            title=lambda c, region_id: c.regions[region_id].name,
            description=lambda c, region_id: c.edition.gettext(
                "Claims about {name}: demanded, offered, occupied or attacked, with sources.").format(
                name=c.regions[region_id].name),
            origin="regions", meta=lambda c, region_id: {"feed": Feeds.region(region_id)},
            context=lambda c, region_id: {"region_id": region_id, "region": c.regions[region_id],
                                           "periods": monthly_pages.region_periods(c, region_id)}),

    IndexPage("sources.md.j2", Paths.sources, N_("Sources"), N_("The publications the claims come from."),
              context={"number": 1}),
    PagesOf("source.md.j2", lambda c: c.sources, Paths.source,
            title=lambda c, source_id: source_title(c.sources[source_id], c.edition),
            description=lambda c, source_id: c.edition.gettext(
                "{publisher}: {title}. The claims it reports, with its exact words.").format(
                publisher=c.sources[source_id].publisher, title=source_title(c.sources[source_id], c.edition)),
            origin="sources",
            context=lambda c, source_id: {"source_id": source_id, "source": c.sources[source_id],
                                           "periods": monthly_pages.source_periods(c, source_id)}),

    IndexPage("claims.md.j2", Paths.claims, N_("Claims"), N_("Every recorded claim, by date.")),
    PagesOf("claim.md.j2", lambda c: c.claims, Paths.claim,
            title=lambda c, claim_id: c.claims[claim_id].summary,
            description=_claim_description,
            origin="claims", meta=lambda c, claim_id: {"jsonld": claim_jsonld(c, claim_id)},
            context=lambda c, claim_id: {"claim_id": claim_id, "claim": c.claims[claim_id]}),

    IndexPage("dates.md.j2", Paths.dates, N_("Dates"), N_("Claims by the month and day they were made or reported.")),
    PagesOf("year.md.j2", _paged(lambda c: c.years(), year_sections),
            lambda key: Paths.part(Paths.year(key[0]), key[1].number),
            title=lambda c, key: _paged_title(c, str(key[0]), key[1]),
            description=lambda c, key: c.edition.gettext(
                "Claims made, reported or falling due in {year}, month by month.").format(year=key[0]),
            meta=lambda c, key: NOT_SEARCHED, context=lambda c, key: {"year": key[0], "part": key[1]}),
    PagesOf("month.md.j2", _paged(lambda c: c.months(), lambda c, key: month_sections(c, *key)),
            lambda key: Paths.part(Paths.month(*key[0]), key[1].number),
            title=lambda c, key: _paged_title(c, c.edition.month(*key[0]), key[1]),
            description=lambda c, key: c.edition.gettext(
                "Claims made, reported or falling due in {month}.").format(month=c.edition.month(*key[0])),
            meta=lambda c, key: NOT_SEARCHED,
            context=lambda c, key: {"year": key[0][0], "month": key[0][1], "label": c.edition.month(*key[0]),
                                    "part": key[1]}),
    PagesOf("day.md.j2", _paged(lambda c: c.days(), day_sections),
            lambda key: Paths.part(Paths.day(key[0]), key[1].number),
            title=lambda c, key: _paged_title(c, c.edition.date(key[0]), key[1]),
            description=lambda c, key: c.edition.gettext(
                "Claims made, reported or falling due on {date}.").format(date=c.edition.date(key[0])),
            meta=lambda c, key: NOT_SEARCHED, context=lambda c, key: {"day": key[0], "part": key[1]}),

    IndexPage("timeline.md.j2", Paths.timeline, N_("Timeline"),
              N_("Every claim and event in the Russia–Ukraine negotiations by date, month by month.")),
    IndexPage("data.md.j2", Paths.data, N_("Open data"),
              N_("Every claim, actor, region and source as JSON and CSV, with JSON Schemas and Atom feeds.")),
    IndexPage("threads.md.j2", Paths.threads, N_("Position threads"),
              N_("How each side's position on each issue changed over time.")),
    PagesOf("thread.md.j2", lambda c: c.issues(), Paths.thread,
            title=lambda c, issue: c.edition.gettext("Thread: {issue}").format(issue=issue_label(issue, c.questions)),
            description=lambda c, issue: c.edition.gettext(
                "How each side's position on {issue} changed over time, claim by claim.").format(
                issue=issue_label(issue, c.questions)),
            context=lambda c, issue: {"issue": issue, "periods": monthly_pages.thread_periods(c, issue)}),
) + monthly_pages.FAMILIES + positions_pages.FAMILIES + corrections_pages.FAMILIES
"""Every page family of the site."""


TEMPLATE_HELPERS = (positions_pages.template_globals, corrections_pages.template_globals,
                    monthly_pages.template_globals)
"""What the templates of the families kept in modules of their own call (`Renderer`'s `helpers`)."""

INDEX_PAGES = tuple(family.path for family in FAMILIES if isinstance(family, IndexPage))
"""The pages that exist whatever the content holds; the navigation names them."""


def build_pages(catalog: Catalog, templates_dir: Path, home_intro: str = "", geometry: Path | None = None,
                history: dict[str, FileHistory] | None = None) -> list[Page]:
    """Every page of the site, sorted by path. Maps are drawn where region `geometry` (GeoJSON) is given;
    claim pages show when their file was added and changed where `history` knows."""
    return render_pages(catalog, templates_dir, home_intro, geometry, history)[0]


def render_pages(catalog: Catalog, templates_dir: Path, home_intro: str = "", geometry: Path | None = None,
                 history: dict[str, FileHistory] | None = None,
                 tracking: Tracking | None = None, previous: PageCache | None = None,
                 store: PageStore | None = None) -> tuple[list[Page], PageCache]:
    """`build_pages`, reusing from `previous` every page that would come out the same: one whose template
    call is the same and which read nothing that changed. Anything else that pages depend on (templates,
    introduction, shapes) is in `settings`; when it differs, every page is rendered again. Without
    `tracking` (see `renderer.site_tables`), what pages read is not noted and the next build can reuse none.
    With `store`, each page is written to disk as it is rendered, and returned without its bytes."""
    settings = render_settings(templates_dir, home_intro, geometry)
    if previous is not None and previous.settings != settings:
        previous = None
    drawn = geometry if geometry is not None and geometry.is_file() else None
    shapes = load_shapes(drawn) if drawn else None
    small_shapes = load_shapes(drawn, SMALL_MAP_TOLERANCE) if drawn else None
    renderer = Renderer(catalog, templates_dir, shapes, history or {}, tracking, previous,
                        small_shapes=small_shapes, helpers=TEMPLATE_HELPERS)
    # Each page's template call is reused while nothing it read through the tracked view has changed.
    calls = tracking.memo(previous.calls if previous else None) if tracking and tracking.noting else None
    memo = (calls, tracking.catalog) if calls and tracking else None
    rendered = (renderer.render(family.template, **entry)
                for family in FAMILIES for entry in family.entries(catalog, home_intro, memo))
    pages = sorted(map(store.keep, rendered) if store else rendered, key=lambda page: page.path)
    kept = renderer.pages
    return pages, PageCache(settings, kept.results if kept else {}, renderer.fragments, kept.reused if kept else 0,
                            calls.results if calls else {})
