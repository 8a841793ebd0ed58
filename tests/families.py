"""One page of each page family of a site, chosen from its catalog: tests of what must hold of any content
(accessibility, valid HTML, nothing overflowing a phone) name no record of the real content, so that no
editorial correction can break them."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import Catalog
from generator.pipeline import check

FAMILIES = ("home", "timeline", "thread", "actor", "region", "day", "month", "year", "claim", "source", "data")
INDEXES = ("actors/", "regions/", "claims/", "sources/", "dates/", "threads/", "method/", "about/")
"""The index pages and the hand-written pages: their addresses are fixed."""


def catalog_of(content: Path) -> Catalog:
    catalog, problems = check(content)
    assert catalog is not None, problems
    return catalog


def busiest(index: dict[str, list[str]]) -> str:
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
    }
