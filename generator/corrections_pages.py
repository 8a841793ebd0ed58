"""The corrections pages: every correction made to a published record (a claim, an actor, a region, a source),
newest first, so that a reader who cited one can see what changed since. `/corrections/` lists the latest (`CORRECTIONS_ON_INDEX`) and links a page
for each year in which corrections were made; `feeds/corrections.xml` (feeds.py) carries the newest.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from .catalog import Catalog, CorrectionKey
from .editions import N_
from .labels import source_title
from .page import IndexPage, PagesOf
from .partial_date import PartialDate
from .records import Correction
from .urls import Feeds, Paths

if TYPE_CHECKING:
    from .renderer import Renderer

CORRECTIONS_ON_INDEX = 200
"""The corrections page lists at most this many of the newest corrections; each year's page lists that year's."""


RECORD_PAGES = {"claims": Paths.claim, "actors": Paths.actor, "regions": Paths.region, "sources": Paths.source}


def correction(catalog: Catalog, key: CorrectionKey) -> Correction:
    folder, record_id, at = key
    found: Correction = getattr(catalog, folder)[record_id].corrections[at]
    return found


def corrected_page(key: CorrectionKey) -> str:
    """The page of the corrected record, where its corrections are listed under "Record history"."""
    folder, record_id, _ = key
    return RECORD_PAGES[folder](record_id)


def corrected_title(catalog: Catalog, key: CorrectionKey) -> str:
    """What readers call the corrected record: a claim's summary, an actor's or region's name, a source's title."""
    folder, record_id, _ = key
    record = getattr(catalog, folder)[record_id]
    if folder == "claims":
        return str(record.summary)
    if folder == "sources":
        return catalog.edition.gettext("Source: {title}").format(title=source_title(record, catalog.edition))
    return str(record.name)


def correction_years(catalog: Catalog) -> list[int]:
    """The years in which corrections were made, newest first."""
    return list(dict.fromkeys(correction(catalog, key).date.year for key in catalog.corrections))


def by_day(catalog: Catalog, keys: list[CorrectionKey]) -> list[tuple[PartialDate, list[CorrectionKey]]]:
    """Corrections grouped by the day they were made, in the order given (newest first)."""
    return [(day, list(group)) for day, group in groupby(keys, key=lambda key: correction(catalog, key).date)]


def latest_corrections(catalog: Catalog) -> list[CorrectionKey]:
    return catalog.corrections[:CORRECTIONS_ON_INDEX]


def corrections_in_year(catalog: Catalog, year: int) -> list[CorrectionKey]:
    return [key for key in catalog.corrections if correction(catalog, key).date.year == year]


def template_globals(renderer: Renderer) -> dict[str, Any]:
    """The corrections templates' helpers, bound to the catalog the renderer's pages read."""
    catalog = renderer.catalog
    return {
        "correction": lambda key: correction(catalog, key),
        "corrected_page": corrected_page,
        "corrected_title": lambda key: corrected_title(catalog, key),
        "correction_years": lambda: correction_years(catalog),
        "corrections_by_day": lambda keys: by_day(catalog, keys),
        "latest_corrections": lambda: latest_corrections(catalog),
        "corrections_in_year": lambda year: corrections_in_year(catalog, year),
    }


FAMILIES: tuple[IndexPage | PagesOf, ...] = (
    IndexPage("corrections.md.j2", Paths.corrections, N_("Corrections"),
              N_("Every correction made to a published record, newest first: what was wrong and what it is now."),
              meta={"feed": Feeds.corrections}, context={"year": None}),
    PagesOf("corrections.md.j2", correction_years, Paths.corrections_year,
            title=lambda c, year: c.edition.gettext("Corrections made in {year}").format(year=year),
            description=lambda c, year: c.edition.gettext(
                "Every correction made to a published record in {year}, newest first.").format(year=year),
            meta=lambda c, year: {"feed": Feeds.corrections},
            context=lambda c, year: {"year": year}),
)
"""The corrections pages, added to the site's families in `pages.py`."""
