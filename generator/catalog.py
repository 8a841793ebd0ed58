"""The catalog: validated records with their references resolved and the facts derived from them.

Everything a page shows is computed here once, in a stable order, so that templates only lay
things out and the same content always gives the same pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .editions import ENGLISH, Edition
from .partial_date import PartialDate
from .positions import Cell, Move, PositionKey, build_positions, sides_of
from .records import Actor, Citation, Claim, Question, Region, Side, Source
from .validate import Records

Month = tuple[int, int]
CorrectionKey = tuple[str, str, int]  # (folder, record id, the correction's place in its `corrections`)


@dataclass(frozen=True)
class IncomingRelation:
    type: str  # the relation as the other claim states it, e.g. 'supersedes'
    claim_id: str  # the claim that states it


@dataclass(frozen=True)
class ThreadStep:
    """One claim in a position thread, with what changed since the same side's previous claim."""

    claim_id: str
    regions_added: tuple[tuple[str, str], ...] = ()  # (region id, role) not in the previous claim
    regions_dropped: tuple[tuple[str, str], ...] = ()  # (region id, role) of the previous claim, gone now
    deadline_added: bool = False
    first: bool = False


@dataclass
class Catalog:
    actors: dict[str, Actor]
    regions: dict[str, Region]
    sources: dict[str, Source]
    claims: dict[str, Claim]
    sides: dict[str, Side] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    claim_order: list[str] = field(default_factory=list)
    claims_by_actor: dict[str, list[str]] = field(default_factory=dict)
    claims_addressed_to: dict[str, list[str]] = field(default_factory=dict)
    claims_by_represented: dict[str, list[str]] = field(default_factory=dict)
    claims_by_region: dict[str, list[str]] = field(default_factory=dict)
    claims_by_source: dict[str, list[str]] = field(default_factory=dict)
    claims_by_issue: dict[str, list[str]] = field(default_factory=dict)
    claims_by_issue_and_actor: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # the threads
    happened_on_day: dict[PartialDate, list[str]] = field(default_factory=dict)
    reported_on_day: dict[PartialDate, list[str]] = field(default_factory=dict)
    happened_in_month: dict[Month, list[str]] = field(default_factory=dict)
    reported_in_month: dict[Month, list[str]] = field(default_factory=dict)
    deadline_on_day: dict[PartialDate, list[str]] = field(default_factory=dict)
    deadline_in_month: dict[Month, list[str]] = field(default_factory=dict)
    scheduled_on_day: dict[PartialDate, list[str]] = field(default_factory=dict)
    scheduled_in_month: dict[Month, list[str]] = field(default_factory=dict)
    happened_in_year_only: dict[int, list[str]] = field(default_factory=dict)  # dated to the year, no finer
    happened_as_span_in_year: dict[int, list[str]] = field(default_factory=dict)  # a range or bound (`span_year`)
    incoming_relations: dict[str, list[IncomingRelation]] = field(default_factory=dict)
    corrections: list[CorrectionKey] = field(default_factory=list)  # newest first (see `corrections_newest_first`)
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    # positions (positions.py): the sides' columns, every position typed as a move, the table at each month's end
    side_order: list[str] = field(default_factory=list)
    side_of_actor: dict[str, str] = field(default_factory=dict)
    moves: dict[PositionKey, Move] = field(default_factory=dict)
    position_threads: dict[Cell, list[str]] = field(default_factory=dict)
    map_steps: dict[Cell, list[str]] = field(default_factory=dict)
    reporting: dict[str, list[str]] = field(default_factory=dict)
    question_order: list[str] = field(default_factory=list)
    issues_of_question: dict[str, list[str]] = field(default_factory=dict)
    position_months: list[Month] = field(default_factory=list)
    states: dict[Month, dict[Cell, str]] = field(default_factory=dict)
    changes_in_month: dict[Month, list[PositionKey]] = field(default_factory=dict)
    edition: Edition = ENGLISH  # the language of the records' texts (`localized.py`) and of what pages say
    original_sources: dict[str, Source] = field(default_factory=dict)  # in another edition: as published

    # --- derived facts about one claim --------------------------------------------------------

    def original_source(self, source_id: str) -> Source:
        """A source as published, its headline in its own language, whatever the edition."""
        return self.original_sources.get(source_id) or self.sources[source_id]

    def origin(self, citation: Citation) -> str:
        """The source a citation's words go back to: the relayed original where there is one."""
        return citation.via or citation.source

    def independent_sources(self, claim_id: str) -> list[str]:
        """Distinct originals behind a claim: three outlets relaying one story count once."""
        return sorted({self.origin(citation) for citation in self.claims[claim_id].sources})

    def thread(self, claim_id: str) -> list[str]:
        """The claims by the same actor on the same issue, in date order (this one included)."""
        claim = self.claims[claim_id]
        if claim.issue is None:
            return []
        return list(self.claims_by_issue_and_actor[(claim.issue, claim.actor)])

    def sides_of(self, claim_id: str) -> list[str]:
        """The sides whose position a claim is, or states: those its actors speak for (two for a joint
        statement of two sides), the principal actor's first."""
        return sides_of(self.claims[claim_id], self.side_of_actor)

    def moves_of(self, claim_id: str) -> list[Move]:
        """The claim's move in each side's thread: one per side whose position it is, none for the rest."""
        return [self.moves[(side_id, claim_id)] for side_id in self.sides_of(claim_id)
                if (side_id, claim_id) in self.moves]

    def side(self, actor_id: str) -> str | None:
        """The side an actor speaks for (`content/sides/`): Putin's and Peskov's claims are Russia's. None for
        outlets, analysts and anyone else on no side."""
        return self.side_of_actor.get(actor_id)

    def issues(self) -> list[str]:
        return sorted(self.claims_by_issue)

    def thread_sides(self, issue: str) -> list[tuple[str | None, list[ThreadStep]]]:
        """Each side's claims on an issue in date order, sides in the table's order, each claim compared with
        that side's previous one; then, as side None, the reporting and analysis of actors on no side."""
        by_side: dict[str | None, list[str]] = {}
        for claim_id in self.claims_by_issue.get(issue, []):
            sides: list[str | None] = [*self.sides_of(claim_id)] or [None]
            for side_id in sides:
                by_side.setdefault(side_id, []).append(claim_id)
        groups: list[tuple[str | None, list[ThreadStep]]] = [
            (side, self._steps(by_side[side])) for side in self.side_order if side in by_side]
        if None in by_side:  # compared one with the next like a side's, though the pages show no change for them
            groups.append((None, self._steps(by_side[None])))
        return groups

    def _steps(self, claim_ids: list[str]) -> list[ThreadStep]:
        """Regions are compared with the side's latest earlier claim that named any: a claim that names
        none says nothing about territory, and must not read as dropping it all."""
        steps = [ThreadStep(claim_ids[0], first=True)]
        last: set[tuple[str, str]] = self._region_roles(claim_ids[0])
        had_deadline = self.claims[claim_ids[0]].dates.deadline is not None
        for claim_id in claim_ids[1:]:
            claim = self.claims[claim_id]
            regions = self._region_roles(claim_id)
            compare = bool(regions and last)
            steps.append(ThreadStep(
                claim_id,
                regions_added=tuple(sorted(regions - last)) if compare else (),
                regions_dropped=tuple(sorted(last - regions)) if compare else (),
                deadline_added=claim.dates.deadline is not None and not had_deadline,
            ))
            last = regions or last
            had_deadline = had_deadline or claim.dates.deadline is not None
        return steps

    def _region_roles(self, claim_id: str) -> set[tuple[str, str]]:
        return {(mention.region, str(mention.role)) for mention in self.claims[claim_id].regions}

    def months(self) -> list[Month]:
        return sorted(set(self.happened_in_month) | set(self.reported_in_month) | set(self.deadline_in_month)
                      | set(self.scheduled_in_month))

    def years(self) -> list[int]:
        """Every year with a month page or a claim dated to the year only: each has a page."""
        return sorted({year for year, _ in self.months()} | set(self.happened_in_year_only)
                      | set(self.happened_as_span_in_year))

    def days(self) -> list[PartialDate]:
        days = (set(self.happened_on_day) | set(self.reported_on_day) | set(self.deadline_on_day)
                | set(self.scheduled_on_day))
        return sorted(days, key=lambda d: d.sort_key)


def build_catalog(records: Records) -> Catalog:
    catalog = Catalog(
        actors=dict(sorted(records.actors.items())),
        regions=dict(sorted(records.regions.items())),
        sources=dict(sorted(records.sources.items())),
        claims=dict(sorted(records.claims.items())),
        sides=dict(sorted(records.sides.items())),
        questions=dict(sorted(records.questions.items())),
    )
    catalog.claim_order = sorted(catalog.claims, key=lambda cid: _date_key(catalog.claims[cid], cid))
    indexes: defaultdict[str, defaultdict[object, list[str]]] = defaultdict(lambda: defaultdict(list))
    for claim_id in catalog.claim_order:
        _index_claim(catalog, claim_id, indexes)
    for name, index in indexes.items():
        setattr(catalog, name, dict(index))
    for claim_id in catalog.claim_order:
        for relation in catalog.claims[claim_id].relations:
            incoming = IncomingRelation(relation.type, claim_id)
            catalog.incoming_relations.setdefault(relation.claim, []).append(incoming)
    catalog.corrections = corrections_newest_first(catalog)
    for source_id, source in catalog.sources.items():
        for cited in source.cites:
            catalog.cited_by.setdefault(cited, []).append(source_id)
    positions = build_positions(catalog.claims, catalog.claim_order, catalog.actors, catalog.regions,
                                catalog.sides, catalog.questions)
    for name in positions.__dataclass_fields__:
        setattr(catalog, name, getattr(positions, name))
    return catalog


CORRECTED_FOLDERS = ("claims", "actors", "regions", "sources")
"""The records with pages of their own, whose corrections readers are shown."""


def corrections_newest_first(catalog: Catalog) -> list[CorrectionKey]:
    """Every correction of every record, as (folder, id, its place in the record's list): newest first, then
    by folder and id, and a record's corrections of one day in the order it lists them."""
    records = {folder: getattr(catalog, folder) for folder in CORRECTED_FOLDERS}
    keys = [(folder, record_id, at) for folder in CORRECTED_FOLDERS for record_id, record in records[folder].items()
            for at in range(len(record.corrections))]
    keys.sort(key=lambda key: records[key[0]][key[1]].corrections[key[2]].date.sort_key, reverse=True)  # stable
    return keys


def span_year(claim: Claim) -> int:
    """The year whose page lists a claim dated by a range or bound that no single year holds: the year it ends
    (by then it had happened), or for an open end, the year it begins."""
    date = claim.dates.happened.date
    bound = date.latest or date.earliest
    assert bound is not None
    return bound.year


def _date_key(claim: Claim, claim_id: str) -> tuple[tuple[int, int, int], tuple[int, int, int], str]:
    return (claim.dates.happened.date.sort_key, claim.dates.reported.date.sort_key, claim_id)


def _index_claim(catalog: Catalog, claim_id: str, indexes: defaultdict[str, defaultdict[object, list[str]]]) -> None:
    """Add one claim to every index; claims arrive in date order, so every list stays in date order."""
    claim = catalog.claims[claim_id]

    def add(index: str, key: object) -> None:
        entries = indexes[index][key]
        if not entries or entries[-1] != claim_id:
            entries.append(claim_id)

    for actor_id in claim.actors:  # a joint statement is on each of its actors' pages, feeds and threads
        add("claims_by_actor", actor_id)
        represented = catalog.actors[actor_id].represents
        if represented and represented not in claim.actors:
            add("claims_by_represented", represented)
        if claim.issue:
            add("claims_by_issue_and_actor", (claim.issue, actor_id))
    for addressee in claim.addressees:
        add("claims_addressed_to", addressee)
    for mention in claim.regions:
        add("claims_by_region", mention.region)
    for citation in claim.sources:
        add("claims_by_source", citation.source)
        if citation.via:
            add("claims_by_source", citation.via)
    if claim.issue:
        add("claims_by_issue", claim.issue)
    happened = claim.dates.happened.date.placed  # None for a range or bound no one day, month or year holds
    moments = [(claim.dates.reported.date, "reported_on_day", "reported_in_month")]
    if happened is not None:
        moments.append((happened, "happened_on_day", "happened_in_month"))
    else:
        add("happened_as_span_in_year", span_year(claim))
    if claim.dates.deadline:
        moments.append((claim.dates.deadline.date, "deadline_on_day", "deadline_in_month"))
    if claim.dates.scheduled:
        moments.append((claim.dates.scheduled.date, "scheduled_on_day", "scheduled_in_month"))
    if happened is not None and happened.precision == "year":
        add("happened_in_year_only", happened.year)
    for moment, day_index, month_index in moments:
        if moment.precision == "day":
            add(day_index, moment)
        if moment.month is not None:
            add(month_index, (moment.year, moment.month))
