"""Sides, moves and monthly states (positions.py), on the small fixture records of tests/fixtures/moves/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog import Catalog
from generator.editions import ENGLISH, UKRAINIAN
from generator.labels import issue_label
from generator.localized import localized
from generator.pipeline import check
from generator.positions import reason_in
from generator.problems import Problem
from generator.records import Question

MOVES = Path(__file__).resolve().parent / "fixtures" / "moves"

EXPECTED_MOVES = {
    "russia-1-new": "new",  # the side's first position on the issue
    "russia-2-narrowed": "narrowed",  # four regions demanded, then two of them
    "russia-3-widened": "widened",  # two, then three
    "russia-4-softened": "softened",  # Zaporizhzhia offered in exchange
    "russia-5-unclassified": None,  # a demand after an offer, naming the same regions: the records do not decide
    "russia-6-restated": "restated",  # the same demand, the same regions
    "ukraine-1-new": "new",
    "ukraine-2-reversed": "reversed",  # a refusal after a proposal
    "ukraine-3-hardened": "hardened",  # a threat after a refusal
    "ukraine-4-withdrawn": "withdrawn",  # set by the editors, with their reason
    "russia-refuses-ceasefire": "new",  # on another issue, on which Ukraine has no position
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = check(MOVES)
    assert problems == [] and found is not None
    return found


@pytest.fixture
def moves(tmp_path: Path) -> Path:
    """A writable copy of the fixture records."""
    target = tmp_path / "content"
    shutil.copytree(MOVES, target)
    return target


def test_each_move_has_the_type_its_records_imply(catalog: Catalog) -> None:
    assert {claim_id: move.change for (_, claim_id), move in catalog.moves.items()} == EXPECTED_MOVES


def test_a_derived_move_says_why_and_an_editors_move_gives_their_reason(catalog: Catalog) -> None:
    narrowed = catalog.moves[("russia", "russia-2-narrowed")]
    assert narrowed.reason == "No longer names Kherson Oblast, Zaporizhzhia Oblast among the regions demanded."
    assert not narrowed.set_by_editors and narrowed.previous == "russia-1-new"
    withdrawn = catalog.moves[("ukraine", "ukraine-4-withdrawn")]
    assert withdrawn.set_by_editors and withdrawn.reason == "The statement gives up the threat."


def test_sides_gather_their_speakers_and_outlets_are_no_side(catalog: Catalog) -> None:
    assert catalog.side_order == ["russia", "ukraine"]
    assert catalog.side_of_actor == {"putin": "russia", "russia": "russia", "ukraine": "ukraine",
                                     "zelensky": "ukraine"}
    # Putin's and the Russian state's claims are one thread of Russia's positions.
    assert catalog.position_threads[("russia", "territory.demands")][:3] == [
        "russia-1-new", "russia-2-narrowed", "russia-3-widened"]
    assert catalog.moves_of("daily-assesses-demands") == []
    assert catalog.reporting == {"territory": ["daily-assesses-demands"]}  # by question
    groups = catalog.thread_sides("territory.demands")
    assert [side for side, _ in groups] == ["russia", "ukraine", None]
    assert [step.claim_id for step in groups[-1][1]] == ["daily-assesses-demands"]


def test_a_months_table_shows_what_had_been_reported_by_its_end(catalog: Catalog) -> None:
    assert catalog.position_months == [(2025, month) for month in range(5, 11)]
    cell = ("russia", "territory.demands")
    # russia-2-narrowed was said in June but reported only in July: June's table still shows the first demand.
    assert catalog.states[(2025, 6)][cell] == "russia-1-new"
    assert catalog.states[(2025, 7)][cell] == "russia-3-widened"
    assert catalog.states[(2025, 10)][cell] == "russia-6-restated"
    assert catalog.changes_in_month[(2025, 7)] == [
        ("russia", "russia-2-narrowed"), ("russia", "russia-3-widened"), ("ukraine", "ukraine-3-hardened")]
    # By issue, then in date order.
    assert catalog.changes_in_month[(2025, 8)] == [
        ("russia", "russia-refuses-ceasefire"), ("russia", "russia-4-softened"), ("ukraine", "ukraine-4-withdrawn")]


def test_a_month_with_no_report_keeps_the_table_of_the_month_before(moves: Path) -> None:
    claim = moves / "claims" / "russia-6-restated.yaml"
    claim.write_text(claim.read_text().replace("2025-10-07", "2025-12-07").replace("2025-10-08", "2025-12-08"))
    found, problems = check(moves)
    assert problems == [] and found is not None
    assert (2025, 11) in found.position_months and (2025, 11) not in found.changes_in_month
    assert found.states[(2025, 11)] == found.states[(2025, 10)] != found.states[(2025, 12)]


def test_issues_read_as_the_editors_label_them(catalog: Catalog) -> None:
    assert issue_label("territory.demands", catalog.questions) == "Territorial demands"
    assert issue_label("territory.borders", catalog.questions) == "territory › borders"  # no label: the key
    questions = {"ceasefire": Question(label="A ceasefire")}
    assert issue_label("ceasefire", questions) == "A ceasefire"  # the question's only issue
    assert issue_label("ceasefire") == "ceasefire"


def problems_after(moves: Path, claim_id: str, old: str, new: str) -> list[str]:
    path = moves / "claims" / f"{claim_id}.yaml"
    path.write_text(path.read_text().replace(old, new))
    found, problems = check(moves)
    return shown(problems)


def shown(problems: list[Problem]) -> list[str]:
    """The messages, with each file named from the content folder, as editors see them there."""
    return [str(problem).split("content/", 1)[1] for problem in problems]


CHANGE = "change:\n  type: {}\n  reason: Because.\n"


@pytest.mark.parametrize(("claim_id", "old", "new", "message"), [
    ("russia-1-new", "sources:", CHANGE.format("narrowed") + "sources:",
     "claims/russia-1-new.yaml:{line}:3: change.type: 'narrowed' compares with Russia's previous position on "
     "'territory.demands', and this is its first: use 'new' or remove 'change'"),
    ("russia-3-widened", "sources:", CHANGE.format("new") + "sources:",
     "claims/russia-3-widened.yaml:{line}:3: change.type: 'new' is for a side's first position on an issue; "
     "Russia stated 'russia-2-narrowed' before"),
    ("daily-assesses-demands", "sources:", CHANGE.format("hardened") + "sources:",
     "claims/daily-assesses-demands.yaml:{line}:3: change.type: only a position (demand, offer, refusal, threat, "
     "intent, proposal, statement) moves; this claim is an assessment: remove 'change'"),
    ("russia-2-narrowed", "issue: territory.demands\n", "",
     None),  # no change set: nothing to report
])
def test_a_change_that_cannot_apply_is_explained(moves: Path, claim_id: str, old: str, new: str,
                                                 message: str | None) -> None:
    found = problems_after(moves, claim_id, old, new)
    if message is None:
        assert found == []
        return
    line = (moves / "claims" / f"{claim_id}.yaml").read_text().splitlines().index("  type: " + new.split()[2]) + 1
    assert found == [message.format(line=line)]


def line_of(path: Path, line: str) -> int:
    return path.read_text().splitlines().index(line) + 1


WITHDRAWN = Path("claims") / "ukraine-4-withdrawn.yaml"


def test_a_change_on_a_claim_without_an_issue_is_explained(moves: Path) -> None:
    found = problems_after(moves, "ukraine-4-withdrawn", "issue: territory.demands\n", "")
    line = line_of(moves / WITHDRAWN, "  type: withdrawn")
    assert found == [f"claims/ukraine-4-withdrawn.yaml:{line}:3: change.type: a change compares positions on one issue, "
                     "and this claim has no 'issue'"]


def test_a_change_by_an_actor_on_no_side_is_explained(moves: Path) -> None:
    (moves / "sides" / "ukraine.yaml").write_text("name: Ukraine\nmembers: [ukraine]\n")
    found = problems_after(moves, "ukraine-4-withdrawn", "actor: zelensky", "actor: the-daily")
    line = line_of(moves / WITHDRAWN, "  type: withdrawn")
    assert found == [f"claims/ukraine-4-withdrawn.yaml:{line}:3: change.type: 'the-daily' speaks for no side "
                     "(content/sides/), so this claim is reporting or analysis, not a position: remove 'change'"]


def test_an_unknown_change_type_is_a_field_error(moves: Path) -> None:
    found = problems_after(moves, "ukraine-4-withdrawn", "type: withdrawn", "type: retracted")
    line = line_of(moves / WITHDRAWN, "  type: retracted")
    assert found == [f"claims/ukraine-4-withdrawn.yaml:{line}:3: change.type: 'retracted' is not one of: new, "
                     "restated, hardened, softened, narrowed, widened, reversed, withdrawn; did you mean 'restated'?"]


def test_a_change_needs_a_reason(moves: Path) -> None:
    found = problems_after(moves, "ukraine-4-withdrawn", "  reason: The statement gives up the threat.\n", "")
    line = line_of(moves / WITHDRAWN, "change:")
    assert found == [f"claims/ukraine-4-withdrawn.yaml:{line}:1: change.reason: required field is missing"]


def test_an_actor_on_two_sides_is_refused(moves: Path) -> None:
    (moves / "sides" / "ukraine.yaml").write_text("name: Ukraine\nmembers: [ukraine, russia]\n")
    found, problems = check(moves)
    assert shown(problems) == [
        "sides/ukraine.yaml:2:20: members[1]: 'russia' is already a member of the side 'russia'"]


def test_a_side_member_must_be_an_actor(moves: Path) -> None:
    (moves / "sides" / "ukraine.yaml").write_text("name: Ukraine\nmembers: [ukriane]\n")
    found, problems = check(moves)
    assert shown(problems) == [
        "sides/ukraine.yaml:2:11: members[0]: unknown actor 'ukriane'; did you mean 'ukraine'?"]


def test_question_labels_must_name_issues_of_the_question(moves: Path) -> None:
    (moves / "questions" / "territory.yaml").write_text(
        "label: Territory\nissues:\n  territory.demand: Demands\n  ceasefire: Ceasefire\n")
    (moves / "questions" / "sanctions.yaml").write_text("label: Sanctions\n")
    found, problems = check(moves)
    assert shown(problems) == [
        "questions/sanctions.yaml:1:1: no claim has an issue key beginning with 'sanctions': rename the file or "
        "delete it",
        "questions/territory.yaml:3:3: issues.territory.demand: no claim has the issue 'territory.demand'",
        "questions/territory.yaml:4:3: issues.ceasefire: 'ceasefire' does not belong to this question: its key "
        "must begin with 'territory.'",
    ]


JOINT = """kind: statement
actor: putin
co_actors: [zelensky]
addressees: [the-daily]
summary: Fixture joint statement.
issue: ceasefire
dates:
  happened:
    date: 2025-10-20
    basis: stated
  reported:
    date: 2025-10-21
    basis: stated
attribution:
  level: on-record
sources:
  - source: daily
    quote: Words of the joint statement.
"""


def test_a_joint_statement_of_two_sides_is_a_position_of_each(moves: Path) -> None:
    (moves / "claims" / "joint-statement.yaml").write_text(JOINT, encoding="utf-8")
    found, problems = check(moves)
    assert problems == [] and found is not None
    assert found.sides_of("joint-statement") == ["russia", "ukraine"]
    # After Russia's refusal, a statement is a move the records do not decide; for Ukraine it is the first.
    assert [(m.side, m.change, m.previous) for m in found.moves_of("joint-statement")] == [
        ("russia", None, "russia-refuses-ceasefire"), ("ukraine", "new", None)]
    assert found.position_threads[("ukraine", "ceasefire")] == ["joint-statement"]
    assert found.position_threads[("russia", "ceasefire")][-1] == "joint-statement"
    assert found.states[(2025, 10)][("ukraine", "ceasefire")] == "joint-statement"
    assert ("ukraine", "joint-statement") in found.changes_in_month[(2025, 10)]
    groups = dict(found.thread_sides("ceasefire"))
    assert [s.claim_id for s in groups["ukraine"]] == ["joint-statement"]
    assert "joint-statement" not in found.reporting.get("ceasefire", [])
    # Each actor's page, feed and thread has it; the addressee's page lists it as addressed to them.
    assert "joint-statement" in found.claims_by_actor["zelensky"]
    assert found.claims_by_issue_and_actor[("ceasefire", "zelensky")] == ["joint-statement"]
    assert found.claims_addressed_to["the-daily"] == ["joint-statement"]


def test_a_moves_reason_is_in_the_words_of_each_edition(catalog: Catalog) -> None:
    ukrainian = localized(catalog, UKRAINIAN)
    narrowed = catalog.moves[("russia", "russia-2-narrowed")]
    assert reason_in(narrowed, ENGLISH, catalog.claims, catalog.sides, catalog.regions) == narrowed.reason
    names = ", ".join(ukrainian.regions[region_id].name for region_id in narrowed.derived.regions)  # type: ignore[union-attr]
    assert reason_in(narrowed, UKRAINIAN, ukrainian.claims, ukrainian.sides, ukrainian.regions) == (
        f"Серед регіонів, яких вимагають, більше не названо: {names}.")
    reversed_ = catalog.moves[("ukraine", "ukraine-2-reversed")]
    assert reason_in(reversed_, UKRAINIAN, ukrainian.claims, ukrainian.sides, ukrainian.regions) == (
        "Відмова після попередньої позиції типу «ініціатива».")
    withdrawn = catalog.moves[("ukraine", "ukraine-4-withdrawn")]  # the editors' own text, as the edition has it
    change = ukrainian.claims["ukraine-4-withdrawn"].change
    assert change is not None
    assert reason_in(withdrawn, UKRAINIAN, ukrainian.claims, ukrainian.sides, ukrainian.regions) is change.reason
