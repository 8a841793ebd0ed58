"""Who stands where: each side's positions on each issue, the kind of every move, and the state at each month's end.

A **side** (a record in `content/sides/`) gathers the actors who speak for one party: Russia is Putin, Peskov,
Ushakov and the Russian state. A **position** is a side's claim of a kind that states where it stands (a demand,
an offer, a refusal…) on an issue key. A joint statement by actors of two sides is a position of each: it has a
move in each side's thread. Claims of actors on no side (outlets, analysts, the articles' own reporting) are
never positions: they are the issue's *reporting and analysis*.

Consecutive positions of one side on one issue are compared, and each is typed as a move (`CHANGE_TYPES`):
derived where the records decide it (the regions demanded shrink: narrowed), set by editors on the claim
(`change`) where they do not. Everything here is computed once, with the catalog, from validated records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import get_args

from .editions import ENGLISH, N_, Edition
from .load import Document
from .problems import Problem
from .records import Actor, ChangeType, Claim, ClaimKind, Question, Region, Side

Month = tuple[int, int]
Cell = tuple[str, str]  # (side id, issue key)
PositionKey = tuple[str, str]  # (side id, claim id): a joint claim is a position of each of its actors' sides

POSITION_KINDS: tuple[ClaimKind, ...] = ("demand", "offer", "refusal", "threat", "intent", "proposal", "statement")
"""The kinds of claim that say where a side stands. Assessments, actions and events are not positions."""

CHANGE_TYPES: tuple[ChangeType, ...] = get_args(ChangeType)

_WILLING: frozenset[str] = frozenset({"offer", "proposal", "intent"})  # a refusal after one of these reverses it


KIND_WORDS: dict[str, str] = {
    "demand": N_("demand"), "offer": N_("offer"), "refusal": N_("refusal"), "threat": N_("threat"),
    "intent": N_("intent"), "proposal": N_("proposal"), "statement": N_("statement"),
}
"""The kinds of position as a derived reason names them within its sentence."""


@dataclass(frozen=True)
class Reason:
    """Why a move is of its type, in the words of any edition: a message naming the side, regions or a kind of
    claim by id, filled with their names in the edition's catalog. Editors' reasons are the claim's own text."""

    message: str  # an N_() message: {side}, {regions}, {kind}
    side: str | None = None
    regions: tuple[str, ...] = ()
    kind: str | None = None

    def text(self, edition: Edition, sides: Mapping[str, Side], regions: Mapping[str, Region]) -> str:
        return edition.gettext(self.message).format(
            side=sides[self.side].name if self.side else "",
            regions=", ".join(regions[rid].name for rid in self.regions),
            kind=edition.gettext(KIND_WORDS[self.kind]) if self.kind else "")


@dataclass(frozen=True)
class Move:
    """One position of a side on an issue, typed against the same side's previous position there."""

    claim_id: str
    side: str
    issue: str
    change: ChangeType | None  # None where the records do not decide it and no editor has set it
    reason: str  # plain text, for readers: what in the records decides the type, or the editors' reason
    set_by_editors: bool = False
    previous: str | None = None  # the claim of the side's previous position on the issue
    entered: Month = (0, 0)  # the month by whose end it had been reported: from then on it is in the table
    derived: Reason | None = None  # the reason in any edition's words, where the records decide it (`reason_in`)


@dataclass(frozen=True)
class PositionTables:
    """What the catalog holds about positions (see `Catalog`)."""

    side_order: list[str] = field(default_factory=list)
    side_of_actor: dict[str, str] = field(default_factory=dict)
    moves: dict[PositionKey, Move] = field(default_factory=dict)  # by (side, claim id): every position
    position_threads: dict[Cell, list[str]] = field(default_factory=dict)  # each side's positions on an issue
    map_steps: dict[Cell, list[str]] = field(default_factory=dict)  # those that name regions demanded or offered
    reporting: dict[str, list[str]] = field(default_factory=dict)  # question id → claims of actors on no side
    question_order: list[str] = field(default_factory=list)  # question ids, as the table shows them
    issues_of_question: dict[str, list[str]] = field(default_factory=dict)  # question id → issue keys with positions
    position_months: list[Month] = field(default_factory=list)  # every month from the first position to the latest
    states: dict[Month, dict[Cell, str]] = field(default_factory=dict)  # month → cell → the claim shown
    changes_in_month: dict[Month, list[PositionKey]] = field(default_factory=dict)  # month → moves entered then


def question_of(issue: str) -> str:
    """'territory.russia-demands' → 'territory': the question an issue key belongs to."""
    return issue.split(".", 1)[0]


def sides_by_actor(sides: Mapping[str, Side], actors: Mapping[str, Actor]) -> dict[str, str]:
    """Each actor that speaks for a side: the side's members and the people who represent one of them."""
    member_of = {member: side_id for side_id, side in sides.items() for member in side.members}
    found = {}
    for actor_id, actor in actors.items():
        side_id = member_of.get(actor_id) or (member_of.get(actor.represents) if actor.represents else None)
        if side_id is not None:
            found[actor_id] = side_id
    return found


def sides_of(claim: Claim, side_of_actor: Mapping[str, str]) -> list[str]:
    """The sides a claim's actors speak for, the principal actor's first: a joint statement may have two."""
    found = [side_of_actor[actor] for actor in claim.actors if actor in side_of_actor]
    return list(dict.fromkeys(found))


def is_position(claim: Claim, side_of_actor: Mapping[str, str]) -> bool:
    return claim.issue is not None and claim.kind in POSITION_KINDS and bool(sides_of(claim, side_of_actor))


def entered_month(claim: Claim) -> Month:
    """The month by whose end a claim had been reported: a report dated to the year only counts from December."""
    reported = claim.dates.reported.date
    return (reported.year, reported.month or 12)


def build_positions(claims: Mapping[str, Claim], claim_order: list[str], actors: Mapping[str, Actor],
                    regions: Mapping[str, Region], sides: Mapping[str, Side],
                    questions: Mapping[str, Question]) -> PositionTables:
    side_of_actor = sides_by_actor(sides, actors)
    tables = PositionTables(
        side_order=sorted(sides, key=lambda side_id: (sides[side_id].order, side_id)),
        side_of_actor=side_of_actor,
    )
    for claim_id in claim_order:
        claim = claims[claim_id]
        if claim.issue is None:
            continue
        if is_position(claim, side_of_actor):
            for side_id in sides_of(claim, side_of_actor):
                tables.position_threads.setdefault((side_id, claim.issue), []).append(claim_id)
        elif not sides_of(claim, side_of_actor):
            tables.reporting.setdefault(question_of(claim.issue), []).append(claim_id)
    for (side_id, issue), thread in tables.position_threads.items():
        for move in _moves(side_id, issue, thread, claims, regions, sides[side_id]):
            tables.moves[(side_id, move.claim_id)] = move
        steps = [claim_id for claim_id in thread if _regions(claims[claim_id], "demanded", "offered")]
        if steps:
            tables.map_steps[(side_id, issue)] = steps
    issues = sorted({issue for _, issue in tables.position_threads})
    for issue in issues:
        tables.issues_of_question.setdefault(question_of(issue), []).append(issue)
    tables.question_order.extend(sorted(
        tables.issues_of_question,
        key=lambda qid: (questions[qid].order if qid in questions else 100, qid)))
    _monthly_states(tables, claims, claim_order)
    return tables


def _moves(side_id: str, issue: str, thread: list[str], claims: Mapping[str, Claim],
           regions: Mapping[str, Region], side: Side) -> Iterable[Move]:
    """The thread's positions, each typed against the one before it."""
    previous: Claim | None = None
    previous_id: str | None = None
    demanded: frozenset[str] = frozenset()  # the latest regions demanded: a claim naming none keeps them
    offered: frozenset[str] = frozenset()
    for claim_id in thread:
        claim = claims[claim_id]
        now_demanded = _regions(claim, "demanded")
        now_offered = _regions(claim, "offered")
        change: ChangeType | None
        derived: Reason | None = None
        if claim.change is not None:
            change, reason, by_editors = claim.change.type, claim.change.reason, True
        else:
            if previous is None:
                change, derived = "new", Reason(N_("The first recorded position of {side} on this issue."), side_id)
            else:
                change, derived = _derive(claim, previous, previous_id or "", demanded, now_demanded, offered,
                                          now_offered)
            reason, by_editors = derived.text(ENGLISH, {side_id: side}, regions), False
        yield Move(claim_id, side_id, issue, change, reason, by_editors, previous_id, entered_month(claim), derived)
        previous, previous_id = claim, claim_id
        demanded = now_demanded or demanded
        offered = offered | now_offered


def _derive(claim: Claim, previous: Claim, previous_id: str, demanded: frozenset[str], now_demanded: frozenset[str],
            offered: frozenset[str], now_offered: frozenset[str]) -> tuple[ChangeType | None, Reason]:
    """The move as far as the records decide it, with the reason; (None, …) where they do not."""
    def ids(found: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(found))

    if demanded and now_demanded and now_demanded < demanded:
        return "narrowed", Reason(N_("No longer names {regions} among the regions demanded."),
                                  regions=ids(demanded - now_demanded))
    if demanded and now_demanded and now_demanded > demanded:
        return "widened", Reason(N_("Now also demands {regions}."), regions=ids(now_demanded - demanded))
    if now_offered - offered:
        return "softened", Reason(N_("Offers {regions} in exchange: a concession."), regions=ids(now_offered - offered))
    if claim.kind == "refusal" and previous.kind in _WILLING:
        return "reversed", Reason(N_("A refusal after an earlier {kind}."), kind=previous.kind)
    if claim.kind == "offer" and previous.kind == "refusal":
        return "reversed", Reason(N_("An offer after an earlier refusal."))
    if claim.kind == "proposal" and previous.kind == "refusal":
        return "reversed", Reason(N_("A proposal after an earlier refusal."))
    if claim.kind == "threat" and previous.kind != "threat":
        return "hardened", Reason(N_("A threat after an earlier {kind}."), kind=previous.kind)
    if any(r.type == "narrows" and r.claim == previous_id for r in claim.relations):
        return "narrowed", Reason(N_("The record says it narrows the previous position."))
    if claim.kind == previous.kind and now_demanded and now_demanded == demanded:
        return "restated", Reason(N_("The same {kind}, naming the same regions: {regions}."), kind=claim.kind,
                                  regions=ids(now_demanded))
    return None, Reason(N_("The records do not say how this moved from the previous position."))


def reason_in(move: Move, edition: Edition, claims: Mapping[str, Claim], sides: Mapping[str, Side],
              regions: Mapping[str, Region]) -> str:
    """A move's reason in an edition, from that edition's records: the editors' own text where they set the type
    (its translation, or the English marked untranslated), else the derived reason in the edition's words."""
    if move.derived is None:
        change = claims[move.claim_id].change
        return change.reason if change is not None else move.reason
    return move.derived.text(edition, sides, regions)


def _regions(claim: Claim, *roles: str) -> frozenset[str]:
    return frozenset(mention.region for mention in claim.regions if mention.role in roles)


def _monthly_states(tables: PositionTables, claims: Mapping[str, Claim], claim_order: list[str]) -> None:
    """Each month's table as it stood at the month's end: every cell's latest position (in date order)
    among those reported by then."""
    if not tables.moves:
        return
    months = [move.entered for move in tables.moves.values()]
    last_report = max(entered_month(claim) for claim in claims.values())
    tables.position_months.extend(month_range(min(months), max(last_report, max(months))))
    for key, move in sorted(tables.moves.items(), key=lambda item: (item[1].entered, item[1].claim_id, item[0])):
        tables.changes_in_month.setdefault(move.entered, []).append(key)
    for month in tables.position_months:
        state: dict[Cell, str] = {}
        for (side_id, issue), thread in tables.position_threads.items():
            shown = [claim_id for claim_id in thread if tables.moves[(side_id, claim_id)].entered <= month]
            if shown:
                state[(side_id, issue)] = shown[-1]
        tables.states[month] = state
    # in the order readers read them: by issue, then in date order, then the side
    order = {claim_id: at for at, claim_id in enumerate(claim_order)}
    sides_rank = {side_id: at for at, side_id in enumerate(tables.side_order)}
    for moved in tables.changes_in_month.values():
        moved.sort(key=lambda key: (tables.moves[key].issue, order[key[1]], sides_rank[key[0]]))


def month_range(first: Month, last: Month) -> list[Month]:
    months, (year, month) = [], first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(month: Month, edition: Edition = ENGLISH) -> str:
    return edition.month(*month)


# --- what editors are told ------------------------------------------------------------------------


def check_positions(documents: list[Document], claims: Mapping[str, Claim], actors: Mapping[str, Actor],
                    sides: Mapping[str, Side]) -> list[Problem]:
    """Problems only the sides and threads can show: run on records that are valid one by one."""
    problems: list[Problem] = []
    by_path = {(d.folder, d.id): d for d in documents}
    problems += _check_members(by_path, sides)
    side_of_actor = sides_by_actor(sides, actors)
    issues = {claim.issue for claim in claims.values() if claim.issue}
    for (folder, record_id), document in sorted(by_path.items()):
        if folder == "claims" and record_id in claims and claims[record_id].change is not None:
            message = _change_problem(record_id, claims, side_of_actor, sides)
            if message:
                problems.append(document.problem(("change", "type"), message))
        if folder == "questions":
            problems += _check_question(document, issues)
    return problems


def _check_members(by_path: Mapping[tuple[str, str], Document], sides: Mapping[str, Side]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for side_id in sorted(sides):
        for index, member in enumerate(sides[side_id].members):
            if member in seen:
                problems.append(by_path[("sides", side_id)].problem(
                    ("members", index), f"'{member}' is already a member of the side '{seen[member]}'"))
            seen.setdefault(member, side_id)
    return problems


def _change_problem(claim_id: str, claims: Mapping[str, Claim], side_of_actor: Mapping[str, str],
                    sides: Mapping[str, Side]) -> str | None:
    claim = claims[claim_id]
    assert claim.change is not None
    if claim.issue is None:
        return "a change compares positions on one issue, and this claim has no 'issue'"
    if claim.kind not in POSITION_KINDS:
        return (f"only a position ({', '.join(POSITION_KINDS)}) moves; this claim is {_a(claim.kind)}: "
                f"remove 'change'")
    if not sides_of(claim, side_of_actor):
        return (f"'{claim.actor}' speaks for no side (content/sides/), so this claim is reporting or analysis, "
                f"not a position: remove 'change'")
    for side_id in sides_of(claim, side_of_actor):  # the editors' move holds for every side of a joint claim
        thread = _thread_order(claims, side_of_actor, side_id, claim.issue)
        earlier = thread[:thread.index(claim_id)]
        if claim.change.type == "new" and earlier:
            return (f"'new' is for a side's first position on an issue; {sides[side_id].name} stated "
                    f"'{earlier[-1]}' before")
        if claim.change.type != "new" and not earlier:
            return (f"'{claim.change.type}' compares with {sides[side_id].name}'s previous position on "
                    f"'{claim.issue}', and this is its first: use 'new' or remove 'change'")
    return None


def _thread_order(claims: Mapping[str, Claim], side_of_actor: Mapping[str, str], side_id: str,
                  issue: str) -> list[str]:
    thread = [cid for cid, c in claims.items()
              if c.issue == issue and is_position(c, side_of_actor) and side_id in sides_of(c, side_of_actor)]
    return sorted(thread, key=lambda cid: (claims[cid].dates.happened.date.sort_key,
                                           claims[cid].dates.reported.date.sort_key, cid))


def _check_question(document: Document, issues: set[str]) -> list[Problem]:
    problems = []
    if not any(question_of(issue) == document.id for issue in issues):
        problems.append(document.problem((), f"no claim has an issue key beginning with '{document.id}': "
                                             f"rename the file or delete it"))
    labels = document.data.get("issues")
    for key in labels if isinstance(labels, Mapping) else {}:  # a document's mappings are read-only
        if question_of(str(key)) != document.id:
            problems.append(document.problem(("issues", key), f"'{key}' does not belong to this question: "
                                                               f"its key must begin with '{document.id}.'"))
        elif key not in issues:
            problems.append(document.problem(("issues", key), f"no claim has the issue '{key}'"))
    return problems


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
