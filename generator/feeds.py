"""Atom feeds of claims by report date: one for the whole site, one per actor and one per region; and the
feeds of the changes of position and of the corrections.

Atom needs full timestamps; a claim reported in "July 2025" is dated at the start of its period
(2025-07-01T00:00:00Z), and its page says how precise the date really is. Nothing depends on the
time of the build, so the same content gives the same feeds.
"""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import partial

from .catalog import Catalog
from .corrections_pages import corrected_page, corrected_title, correction
from .labels import CHANGE_LABELS, actor_names, issue_label
from .outputs import OutputFile
from .partial_date import PartialDate
from .reads import Memo
from .urls import Feeds, Paths, site_url_of

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def build_feeds(catalog: Catalog, site_name: str, site_url: str | None, memo: Memo | None = None) -> list[OutputFile]:
    """Every feed. With a `memo` (and a tracked catalog), a feed whose claims are unchanged since the last
    build is taken as it was."""
    def feed(path: str, page: str, title: str, claim_ids: Callable[[], list[str]]) -> OutputFile:
        def make() -> OutputFile:
            return _feed(catalog, path, page, title, site_name, claim_ids(), site_url)
        return memo(path, (page, title, site_name, site_url), make) if memo is not None else make()

    def titled(name: str) -> str:
        return catalog.edition.gettext("{name} — {site}").format(name=name, site=site_name)

    def claims_of(index: dict[str, list[str]], key: str) -> Callable[[], list[str]]:
        return lambda: index.get(key, [])

    feeds = [feed(Feeds.all, Paths.home, site_name, lambda: catalog.claim_order)]
    for actor_id, actor in catalog.actors.items():
        feeds.append(feed(Feeds.actor(actor_id), Paths.actor(actor_id), titled(actor.name),
                          claims_of(catalog.claims_by_actor, actor_id)))
    for region_id, region in catalog.regions.items():
        feeds.append(feed(Feeds.region(region_id), Paths.region(region_id), titled(region.name),
                          claims_of(catalog.claims_by_region, region_id)))
    makers: tuple[tuple[str, Callable[[Catalog, str, str | None], OutputFile]], ...] = (
        (Feeds.changes, _changes_feed), (Feeds.corrections, _corrections_feed))
    for path, make in makers:
        feeds.append(memo(path, (site_name, site_url), partial(make, catalog, site_name, site_url))
                     if memo is not None else make(catalog, site_name, site_url))
    return feeds


def _corrections_feed(catalog: Catalog, site_name: str, site_url: str | None) -> OutputFile:
    """Every correction of a published record, newest first, each entry dated by the day it was made."""
    newest = catalog.corrections[:MAX_ENTRIES]
    path = Feeds.corrections
    _ = catalog.edition.gettext
    feed = _feed_head(catalog, path, Paths.corrections, _("Corrections — {site}").format(site=site_name), site_name,
                      [], site_url)
    if newest:
        feed.find("updated").text = _timestamp(correction(catalog, newest[0]).date)  # type: ignore[union-attr]
    for key in newest:
        folder, record_id, at = key
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "id").text = _urn(catalog, f"correction:{record_id}:{at}" if folder == "claims"
                                               else f"correction:{folder}:{record_id}:{at}")
        ET.SubElement(entry, "title").text = _("Correction: {title}").format(title=corrected_title(catalog, key))
        ET.SubElement(entry, "updated").text = _timestamp(correction(catalog, key).date)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html",
                                      "href": _href(catalog, path, corrected_page(key), site_url) + "#record-history"})
        ET.SubElement(entry, "summary", {"type": "text"}).text = correction(catalog, key).note
    return _finished(feed, path)


def _changes_feed(catalog: Catalog, site_name: str, site_url: str | None) -> OutputFile:
    """Every move of a side's position, newest report first (see positions.py)."""
    newest = sorted(catalog.moves, reverse=True,
                    key=lambda key: (catalog.claims[key[1]].dates.reported.date.sort_key, key[1], key[0]))[:MAX_ENTRIES]
    path = Feeds.changes
    _ = catalog.edition.gettext
    feed = _feed_head(catalog, path, Paths.changes, _("Changes of position — {site}").format(site=site_name), site_name,
                      [claim_id for _side, claim_id in newest], site_url)
    for side_id, claim_id in newest:
        move = catalog.moves[(side_id, claim_id)]
        entry = _entry(catalog, claim_id, path, site_url)
        # A joint claim is a move of each side: the principal actor's side keeps the plain id.
        principal = catalog.sides_of(claim_id)[0] == side_id
        entry.find("id").text = _urn(catalog, f"move:{claim_id}" if principal  # type: ignore[union-attr]
                                     else f"move:{claim_id}:{side_id}")
        entry.find("title").text = _("{side}, {issue}: {change}. {summary}").format(  # type: ignore[union-attr]
            side=catalog.sides[move.side].name, issue=issue_label(move.issue, catalog.questions),
            change=_(CHANGE_LABELS[move.change]), summary=catalog.claims[claim_id].summary)
        feed.append(entry)
    return _finished(feed, path)


def _timestamp(date: PartialDate) -> str:
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _href(catalog: Catalog, feed_path: str, page_path: str, site_url: str | None) -> str:
    """A page's address from the feed: absolute when the site's address is known, else relative (the feed
    and the page being in the same edition's folder)."""
    page_url = site_url_of(page_path)
    if site_url:
        return site_url.rstrip("/") + "/" + site_url_of(catalog.edition.path(page_path))
    return posixpath.relpath(page_url or ".", posixpath.dirname(feed_path)) + "/"


def _urn(catalog: Catalog, name: str) -> str:
    # Stable across builds and hosts: derived from the record's id alone (and the edition's folder: an entry
    # in Ukrainian is another entry than the same claim's in English).
    return uuid.uuid5(uuid.NAMESPACE_URL, f"explainer:{catalog.edition.prefix}{name}").urn


def _feed(catalog: Catalog, path: str, page: str, title: str, author: str, claim_ids: list[str],
          site_url: str | None) -> OutputFile:
    newest = sorted(claim_ids, key=lambda cid: (catalog.claims[cid].dates.reported.date.sort_key, cid), reverse=True)
    newest = newest[:MAX_ENTRIES]
    feed = _feed_head(catalog, path, page, title, author, newest, site_url)
    for claim_id in newest:
        feed.append(_entry(catalog, claim_id, path, site_url))
    return _finished(feed, path)


def _feed_head(catalog: Catalog, path: str, page: str, title: str, author: str, newest: list[str],
               site_url: str | None) -> ET.Element:
    """The feed's own elements, dated by its newest entry."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    ET.SubElement(feed, "id").text = _urn(catalog, path)
    ET.SubElement(feed, "title").text = title
    updated = max((catalog.claims[c].dates.reported.date for c in newest), key=lambda d: d.sort_key, default=None)
    ET.SubElement(feed, "updated").text = _timestamp(updated) if updated else "2022-02-24T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = author
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": _href(catalog, path, page, site_url)})
    if site_url:
        ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml",
                                     "href": site_url.rstrip("/") + "/" + catalog.edition.path(path)})
    return feed


def _finished(feed: ET.Element, path: str) -> OutputFile:
    ET.indent(feed)
    return OutputFile(path, ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n")


def _entry(catalog: Catalog, claim_id: str, feed_path: str, site_url: str | None) -> ET.Element:
    claim = catalog.claims[claim_id]
    entry = ET.Element("entry")
    ET.SubElement(entry, "id").text = _urn(catalog, f"claim:{claim_id}")
    ET.SubElement(entry, "title").text = claim.summary
    ET.SubElement(entry, "updated").text = _timestamp(claim.dates.reported.date)
    ET.SubElement(entry, "published").text = _timestamp(claim.dates.reported.date)
    for actor_id in claim.actors:  # a joint statement has an author element for each of its actors
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = catalog.actors[actor_id].name
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html",
                                  "href": _href(catalog, feed_path, Paths.claim(claim_id), site_url)})
    ET.SubElement(entry, "summary", {"type": "text"}).text = _summary(catalog, claim_id)
    return entry


def _summary(catalog: Catalog, claim_id: str) -> str:
    """A claim in one paragraph: who, when, what, reported by whom, how well sourced."""
    claim, edition = catalog.claims[claim_id], catalog.edition
    _ = edition.gettext
    sources = "; ".join(catalog.sources[c.source].publisher for c in claim.sources)
    count = edition.counted(len(catalog.independent_sources(claim_id)), "%(num)d independent source",
                          "%(num)d independent sources")
    text = _("{actors}, {date}: {summary} Reported {reported} by {sources} ({count}).").format(
        actors=actor_names(catalog.actors, claim.actors, edition), date=edition.date(claim.dates.happened.date),
        summary=claim.summary, reported=edition.date(claim.dates.reported.date), sources=sources, count=count)
    if claim.dates.deadline:
        text += " " + _("Deadline named: {date}.").format(date=edition.date(claim.dates.deadline.date))
    if claim.dates.scheduled:
        text += " " + _("Scheduled for {date}.").format(date=edition.date(claim.dates.scheduled.date))
    return text

