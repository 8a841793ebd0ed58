"""What a listing shows: which claims, in which groups and order. Listing pages stay bounded as the content
grows: the timeline and the claims index show the latest claims (`RECENT_CLAIMS`), a claim page the nearest
claims of its thread (`THREAD_REACH`); pages of their own list the rest.

Each function takes the catalog the page reads, so that under the preview what a listing reads is noted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from .catalog import Catalog, span_year
from .labels import ROLE_LABELS
from .partial_date import PartialDate
from .urls import Paths

T = TypeVar("T")

THREAD_REACH = 5
"""A claim page lists the 2 × THREAD_REACH + 1 claims of its actor's thread on the issue nearest to it in
time, itself included: listing the whole thread would make a thread of k claims weigh k² (each of its k
pages lists all k), and the thread page lists it all."""

PAGE_CLAIMS = 50
"""The most claims one page lists. A longer listing is split into pages of this many (`Part`), each linked
from the first; an actor's, region's, source's or thread's page with more than this many claims shows a
summary and its latest claims (`LATEST_CLAIMS`) and links a page for each month (`monthly_pages.py`). A claim
line with its footnotes (one a source) is 0.6 to 1.5 KB of Markdown, about 1.4 times that in HTML: a page of
50 stays near 100 KB of HTML, theme included, whatever the size of the content."""

RECENT_CLAIMS = PAGE_CLAIMS
"""The timeline and the claims index list at most this many of the latest claims, in whole months; earlier
months are linked to their own pages. Like any listing, they stay under 250 KB of HTML with each claim's
footnotes (200 claims on the timeline made 348 KB at 1,000 claims of the benchmark's corpus), and an edit
to an old claim does not rebuild them. A site with fewer claims lists them all."""


LATEST_CLAIMS = 10
"""How many of the latest claims a summary page lists in each of its sections."""

INDEX_ROWS = 400
"""The most rows of the actors' and the sources' index pages: a longer index goes on over numbered pages
(`/sources/page/2/`), each linked from every other. A row is about 0.2 KB of Markdown."""


@dataclass(frozen=True)
class Part:
    """One page of a listing: its number (from 1), how many pages the listing has, and the claims it lists
    under each of the listing's sections (a section name, then claim ids in date order)."""

    number: int
    count: int
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    def ids(self, section: str) -> tuple[str, ...]:
        """This page's claims of one section (none if the section is on other pages)."""
        return next((ids for name, ids in self.sections if name == section), ())

    @property
    def size(self) -> int:
        return sum(len(ids) for _, ids in self.sections)


def split_listing(sections: Sequence[tuple[str, Sequence[str]]], size: int | None = None,
                  weight: Callable[[str, str], int] | None = None) -> list[Part]:
    """A listing cut into pages of at most `size` claims (PAGE_CLAIMS), sections kept in order and a section
    continued on the next page where it does not fit; always one page at least, even for an empty listing.
    With `weight`, an entry counts as `weight(section, entry)` claims (a row of the positions table holds a
    position per side): a page takes entries while their weights fit, and one at least."""
    size = size or PAGE_CLAIMS
    entries = [(name, claim_id) for name, ids in sections for claim_id in ids]
    if weight is None:
        chunks = [entries[start:start + size] for start in range(0, len(entries), size)] or [[]]
    else:
        chunks = _weighed_chunks(entries, size, weight)
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        grouped: dict[str, list[str]] = {}
        for name, claim_id in chunk:
            grouped.setdefault(name, []).append(claim_id)
        parts.append(Part(number, len(chunks), tuple((name, tuple(ids)) for name, ids in grouped.items())))
    return parts


def _weighed_chunks(entries: list[tuple[str, str]], size: int,
                    weight: Callable[[str, str], int]) -> list[list[tuple[str, str]]]:
    chunks: list[list[tuple[str, str]]] = [[]]
    used = 0
    for name, entry in entries:
        cost = weight(name, entry)
        if chunks[-1] and used + cost > size:
            chunks.append([])
            used = 0
        chunks[-1].append((name, entry))
        used += cost
    return chunks


def page_count(lists: Sequence[Sequence[str]]) -> int:
    """How many pages a listing of these claims takes (`split_listing`)."""
    return entries_page_count(sum(len(ids) for ids in lists))


def entries_page_count(entries: int) -> int:
    """How many pages a list of this many entries takes, PAGE_CLAIMS a page (`page_entries`)."""
    return max(1, -(-entries // PAGE_CLAIMS))


def page_entries(entries: Sequence[T], number: int) -> list[T]:
    """The entries page `number` of a list lists (the moves of a month, the cells of a comparison)."""
    start = (number - 1) * PAGE_CLAIMS
    return list(entries[start:start + PAGE_CLAIMS])


def index_page_count(rows: int) -> int:
    """How many pages an index of this many rows takes (INDEX_ROWS a page)."""
    return max(1, -(-rows // INDEX_ROWS))


def index_rows(table: Mapping[str, Any], number: int) -> list[tuple[str, Any]]:
    """The rows of one page of an index: the records of `table` (in its order) that page `number` lists."""
    start = (number - 1) * INDEX_ROWS
    return list(islice(table.items(), start, start + INDEX_ROWS))


def thread_window(thread: list[str], claim_id: str, reach: int = THREAD_REACH) -> list[str]:
    """The claims of a thread nearest to `claim_id` in date order, this one included: `reach` before it and
    `reach` after it, more on one side where the other has fewer."""
    at = thread.index(claim_id)
    start = max(0, min(at - reach, len(thread) - 2 * reach - 1))
    return thread[start:start + 2 * reach + 1]


@dataclass(frozen=True)
class TimelineGroup:
    label: str
    claim_ids: list[str]
    year: int
    month: int | None = None  # None for the claims of a year dated to the year only
    total: int | None = None  # the group's claims where it lists only the latest of them

    @property
    def path(self) -> str:
        """The page of the group's month, or of its year for claims dated to the year only."""
        return Paths.month(self.year, self.month) if self.month else Paths.year(self.year)


def timeline_groups(catalog: Catalog) -> list[TimelineGroup]:
    """Claims by the month they happened; those known only to the year close that year."""
    groups: dict[tuple[int, int], TimelineGroup] = {}
    edition = catalog.edition
    for claim_id in catalog.claim_order:
        date = catalog.claims[claim_id].dates.happened.date.placed
        if date is None:  # a range or bound across years: after the year it ends in (see `span_year`)
            year = span_year(catalog.claims[claim_id])
            group = TimelineGroup(edition.gettext("{year}, known only as a range or a bound").format(year=year),
                                  [], year, None)
            groups.setdefault((year, 14), group).claim_ids.append(claim_id)
            continue
        key = (date.year, date.month or 13)
        label = (edition.month(date.year, date.month) if date.month
                 else edition.gettext("{year}, date known to the year only").format(year=date.year))
        groups.setdefault(key, TimelineGroup(label, [], date.year, date.month)).claim_ids.append(claim_id)
    return [groups[key] for key in sorted(groups)]


def recent_groups(catalog: Catalog, limit: int = RECENT_CLAIMS) -> tuple[list[TimelineGroup], list[TimelineGroup]]:
    """The timeline's groups split in two: the latest months, whole, up to `limit` claims, then the earlier
    groups, newest first, for links to their pages. A latest month of more than `limit` claims is shown alone,
    cut to its latest `limit` (its `total` says how many it has, and its page lists them all). Claims dated to
    a year only, or as a range, are not the latest of anything: they are shown only where every claim fits,
    and linked to their year's page otherwise (they would fill the page before the latest month)."""
    groups = timeline_groups(catalog)
    if sum(len(group.claim_ids) for group in groups) <= limit:
        return groups, []
    shown: list[TimelineGroup] = []
    count = 0
    for group in reversed([group for group in groups if group.month]):
        if shown and count + len(group.claim_ids) > limit:
            break
        shown.append(group)
        count += len(group.claim_ids)
    earlier = [group for group in reversed(groups) if group not in shown]
    if shown and len(shown[0].claim_ids) > limit:  # the latest month alone is longer: its latest claims
        whole = shown[0]
        shown = [TimelineGroup(whole.label, whole.claim_ids[-limit:], whole.year, whole.month, len(whole.claim_ids))]
    return shown[::-1], earlier


def recent_claims(catalog: Catalog, limit: int = RECENT_CLAIMS) -> tuple[list[str], list[TimelineGroup]]:
    """The claims of `recent_groups` in date order (claims dated to the year only first in their year),
    and the earlier months, after the latest month where only its latest claims are shown."""
    shown, earlier = recent_groups(catalog, limit)
    ids = {claim_id for group in shown for claim_id in group.claim_ids}
    cut = [whole for group in shown if group.total for whole in timeline_groups(catalog)
           if (whole.year, whole.month, whole.label) == (group.year, group.month, group.label)]
    return [claim_id for claim_id in catalog.claim_order if claim_id in ids], cut + earlier


def group_by_issue(catalog: Catalog, claim_ids: list[str]) -> list[tuple[str | None, list[str]]]:
    """Claims grouped by issue key (issues in key order, claims without one last), dates kept in order."""
    groups: dict[str | None, list[str]] = {}
    for claim_id in claim_ids:
        groups.setdefault(catalog.claims[claim_id].issue, []).append(claim_id)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def strongest_roles(catalog: Catalog, claim_ids: list[str]) -> dict[str, str]:
    """Each region the claims name, with its most telling role (ROLE_LABELS order)."""
    order = list(ROLE_LABELS)
    roles: dict[str, str] = {}
    for claim_id in claim_ids:
        for mention in catalog.claims[claim_id].regions:
            current = roles.get(mention.region)
            if current is None or order.index(mention.role) < order.index(current):
                roles[mention.region] = mention.role
    return roles


def months_of_year(catalog: Catalog, year: int) -> list[int]:
    return [month for y, month in catalog.months() if y == year]


def days_in_month(catalog: Catalog, year: int, month: int) -> list[PartialDate]:
    return [day for day in catalog.days() if (day.year, day.month) == (year, month)]


# --- the date pages' listings, by section, cut into pages (`split_listing`) -------------------------


def day_sections(catalog: Catalog, day: PartialDate) -> list[tuple[str, Sequence[str]]]:
    return [("happened", catalog.happened_on_day.get(day, [])), ("reported", catalog.reported_on_day.get(day, [])),
            ("deadlines", catalog.deadline_on_day.get(day, [])), ("scheduled", catalog.scheduled_on_day.get(day, []))]


def month_sections(catalog: Catalog, year: int, month: int) -> list[tuple[str, Sequence[str]]]:
    key = (year, month)
    return [("happened", catalog.happened_in_month.get(key, [])), ("reported", catalog.reported_in_month.get(key, [])),
            ("deadlines", catalog.deadline_in_month.get(key, [])), ("scheduled", catalog.scheduled_in_month.get(key, []))]


def year_sections(catalog: Catalog, year: int) -> list[tuple[str, Sequence[str]]]:
    return [("year-only", catalog.happened_in_year_only.get(year, [])),
            ("spans", catalog.happened_as_span_in_year.get(year, []))]


def day_page_count(catalog: Catalog, day: PartialDate) -> int:
    """How many pages a day's listing takes, for the links of its month's page."""
    return page_count([ids for _, ids in day_sections(catalog, day)])
