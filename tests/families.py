"""One page of each page family of a site, chosen from its catalog: tests of what must hold of any content
(accessibility, valid HTML, nothing overflowing a phone) name no record of the real content, so that no
editorial correction can break them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator import listing
from generator.catalog import Catalog
from generator.pipeline import check
from generator.positions_pages import compared_pairs

FAMILIES = ("home", "timeline", "thread", "actor", "region", "day", "month", "year", "claim", "source", "data",
            "positions-month", "positions-compared", "changes", "thread-maps", "listing-page")
INDEXES = ("actors/", "regions/", "claims/", "sources/", "dates/", "threads/", "positions/", "changes/", "method/",
           "about/")
"""The index pages and the hand-written pages: their addresses are fixed."""


def catalog_of(content: Path) -> Catalog:
    catalog, problems = check(content)
    assert catalog is not None, problems
    return catalog


def busiest(index: Mapping[Any, list[str]]) -> Any:
    """The key with the most claims (the first such in sorted order): the fullest page of its family."""
    return max(sorted(index), key=lambda key: len(index[key]))


def family_pages(content: Path) -> dict[str, str]:
    """Family name (FAMILIES) → the address of one of its pages, relative to the site root."""
    catalog = catalog_of(content)
    claim = max(catalog.claim_order, key=lambda claim_id: len(catalog.claims[claim_id].sources))
    day = max(catalog.happened_on_day, key=lambda date: date.sort_key)
    year, month = catalog.months()[-1]
    issue = busiest({issue: catalog.claims_by_issue[issue] for issue in catalog.issues()})
    return {
        "home": "",
        "timeline": "timeline/",
        "thread": f"threads/{issue}/",
        "actor": f"actors/{busiest(catalog.claims_by_actor)}/",
        "region": f"regions/{busiest(catalog.claims_by_region)}/",
        "day": f"dates/{day.year:04d}/{day.month:02d}/{day.day:02d}/",
        "month": f"dates/{year:04d}/{month:02d}/",
        "year": f"dates/{year:04d}/",
        "claim": f"claims/{claim}/",
        "source": f"sources/{busiest(catalog.claims_by_source)}/",
        "data": "data/",
        **position_pages(catalog),
        "listing-page": listing_page(catalog),
    }


def listing_page(catalog: Catalog) -> str:
    """The second page of the busiest month's listing (`listing.Part`), or that month's page while it fits on
    one page."""
    listed = {key: [i for _, ids in listing.month_sections(catalog, *key) for i in ids] for key in catalog.months()}
    year, month = busiest(listed)
    more = listing.page_count([listed[(year, month)]]) > 1
    return f"dates/{year:04d}/{month:02d}/" + ("page/2/" if more else "")


def position_pages(catalog: Catalog) -> dict[str, str]:
    """The positions families: the month with the most moves, its first comparison, its changes, and the
    thread whose territorial steps make the longest row of maps."""
    (year, month), _ = max(sorted(catalog.changes_in_month.items()), key=lambda item: len(item[1]))
    first, second = sorted(pair for pair in compared_pairs(catalog) if (year, month) in pair)[0]
    steps = {cell: [c for c in thread if any(m.role in ("demanded", "offered") for m in catalog.claims[c].regions)]
             for cell, thread in catalog.position_threads.items()}
    _, issue = busiest(steps) if steps else (None, busiest({i: catalog.claims_by_issue[i] for i in catalog.issues()}))
    return {
        "positions-month": f"positions/{year:04d}/{month:02d}/",
        "positions-compared": f"positions/compare/{first[0]:04d}-{first[1]:02d}/{second[0]:04d}-{second[1]:02d}/",
        "changes": f"changes/{year:04d}/{month:02d}/",
        "thread-maps": f"threads/{issue}/",
    }
