"""schema.org data for search engines and fact-checking tools: a `Claim` per claim page (JSON-LD)."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog
from .partial_date import PartialDate
from .records import ACTOR_KINDS, Actor, Source, one_for_each

_ACTOR_TYPES = one_for_each(ACTOR_KINDS, {
    "person": "Person", "state": "Country", "organisation": "Organization", "media-outlet": "NewsMediaOrganization",
})


def _actor(actor: Actor) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": _ACTOR_TYPES[actor.kind], "name": actor.name}
    if actor.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
    return data


def _work(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.title:
        data["headline"] = source.title
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.published:
        data["datePublished"] = source.published.date.iso
    if source.url:
        data["url"] = source.url
    return data


def claim_jsonld(catalog: Catalog, claim_id: str) -> dict[str, Any]:
    """A schema.org `Claim`: who made it, when, where it appeared and where it appeared first."""
    claim = catalog.claims[claim_id]
    appearances = [catalog.sources[c.source] for c in claim.sources]
    originals = [catalog.sources[origin] for origin in catalog.independent_sources(claim_id)]
    # The earliest dated original; undated sources sort last, ids keep the choice stable.
    first = min(
        originals,
        key=lambda s: (s.published is None, s.published.date.sort_key if s.published else (0, 0, 0), s.publisher),
    )
    return {
        "@context": "https://schema.org",
        "@type": "Claim",
        "name": claim.summary,
        # a joint statement has several authors: schema.org takes a list
        "author": [_actor(catalog.actors[a]) for a in claim.actors] if claim.co_actors else _actor(catalog.actors[claim.actor]),
        # schema.org dates are single dates: a range or bound is left out rather than given as one
        **({"dateCreated": claim.dates.happened.date.iso} if isinstance(claim.dates.happened.date, PartialDate) else {}),
        "datePublished": claim.dates.reported.date.iso,
        "appearance": [_work(source) for source in appearances],
        "firstAppearance": _work(first),
    }
