"""What a listing shows: which claims, in which groups and order. Listing pages stay bounded as the content
grows: the timeline and the claims index show the latest claims (`RECENT_CLAIMS`), a claim page the nearest
claims of its thread (`THREAD_REACH`); pages of their own list the rest.

Each function takes the catalog the page reads, so that under the preview what a listing reads is noted.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog, span_year
from .labels import ROLE_LABELS
from .partial_date import PartialDate
from .urls import Paths

THREAD_REACH = 5
"""A claim page lists the 2 × THREAD_REACH + 1 claims of its actor's thread on the issue nearest to it in
time, itself included: listing the whole thread would make a thread of k claims weigh k² (each of its k
pages lists all k), and the thread page lists it all."""

RECENT_CLAIMS = 200
"""The timeline and the claims index list at most about this many of the latest claims, in whole months;
earlier months are linked to their own pages. A page stays readable, and an edit to an old claim does not
rebuild them. A site with fewer claims lists them all."""


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

    @property
    def path(self) -> str:
        """The page of the group's month, or of its year for claims dated to the year only."""
        return Paths.month(self.year, self.month) if self.month else Paths.year(self.year)


def timeline_groups(catalog: Catalog) -> list[TimelineGroup]:
    """Claims by the month they happened; those known only to the year close that year."""
    groups: dict[tuple[int, int], TimelineGroup] = {}
    for claim_id in catalog.claim_order:
        date = catalog.claims[claim_id].dates.happened.date.placed
        if date is None:  # a range or bound across years: after the year it ends in (see `span_year`)
            year = span_year(catalog.claims[claim_id])
            group = TimelineGroup(f"{year}, known only as a range or a bound", [], year, None)
            groups.setdefault((year, 14), group).claim_ids.append(claim_id)
            continue
        key = (date.year, date.month or 13)
        label = PartialDate(date.year, date.month).label if date.month else f"{date.year}, date known to the year only"
        groups.setdefault(key, TimelineGroup(label, [], date.year, date.month)).claim_ids.append(claim_id)
    return [groups[key] for key in sorted(groups)]


def recent_groups(catalog: Catalog, limit: int = RECENT_CLAIMS) -> tuple[list[TimelineGroup], list[TimelineGroup]]:
    """The timeline's groups split in two: the latest, in whole months, up to `limit` claims (always one
    group at least), then the earlier groups, newest first, for links to their pages."""
    groups = timeline_groups(catalog)
    shown: list[TimelineGroup] = []
    earlier: list[TimelineGroup] = []
    count = 0
    for group in reversed(groups):
        if earlier or (shown and count + len(group.claim_ids) > limit):
            earlier.append(group)
        else:
            shown.append(group)
            count += len(group.claim_ids)
    return shown[::-1], earlier


def recent_claims(catalog: Catalog, limit: int = RECENT_CLAIMS) -> tuple[list[str], list[TimelineGroup]]:
    """The claims of `recent_groups` in date order (claims dated to the year only first in their year),
    and the earlier months."""
    shown, earlier = recent_groups(catalog, limit)
    ids = {claim_id for group in shown for claim_id in group.claim_ids}
    return [claim_id for claim_id in catalog.claim_order if claim_id in ids], earlier


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
