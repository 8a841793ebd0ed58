"""The catalog's indexes and derived facts, on the small fixture content."""

from pathlib import Path

import pytest

from generator.catalog import Catalog, IncomingRelation, ThreadStep
from generator.partial_date import PartialDate
from generator.pipeline import check

from .conftest import SMALL


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = check(SMALL)
    assert problems == [] and found is not None
    return found


def test_claims_are_in_date_order(catalog: Catalog) -> None:
    # 2025-07-03, 2025-07-04, then August 2025 (month precision)
    assert catalog.claim_order == ["alice-demands-donetsk", "bob-refuses", "alice-offers-kherson"]


def test_indexes_by_actor_region_and_source(catalog: Catalog) -> None:
    assert catalog.claims_by_actor == {"alice": ["alice-demands-donetsk", "alice-offers-kherson"], "bob": ["bob-refuses"]}
    assert catalog.claims_addressed_to == {"bob": ["alice-demands-donetsk"]}
    assert catalog.claims_by_represented == {"freedonia": ["alice-demands-donetsk", "alice-offers-kherson"]}
    assert catalog.claims_by_region == {"donetsk": ["alice-demands-donetsk"], "kherson": ["alice-offers-kherson"]}
    assert catalog.claims_by_source["wire-report"] == ["alice-demands-donetsk"]
    assert catalog.claims_by_source["weekly-article"] == ["alice-demands-donetsk", "bob-refuses"]
    assert catalog.cited_by == {"wire-report": ["daily-article", "weekly-article"]}


def test_indexes_by_date_respect_precision(catalog: Catalog) -> None:
    day = PartialDate.parse
    assert catalog.happened_on_day == {day("2025-07-03"): ["alice-demands-donetsk"], day("2025-07-04"): ["bob-refuses"]}
    # The August claim is known to the month only: it has no day page, but its month lists it.
    assert catalog.happened_in_month[(2025, 8)] == ["alice-offers-kherson"]
    assert catalog.reported_on_day[day("2025-08-20")] == ["alice-offers-kherson"]
    assert catalog.deadline_on_day == {day("2025-09-01"): ["alice-demands-donetsk"]}
    assert catalog.months() == [(2025, 7), (2025, 8), (2025, 9)]
    assert [d.iso for d in catalog.days()] == ["2025-07-03", "2025-07-04", "2025-07-14", "2025-08-20", "2025-09-01"]


def test_relays_of_one_report_count_once(catalog: Catalog) -> None:
    # Two articles, both relaying the wire report: one independent source.
    assert catalog.independent_sources("alice-demands-donetsk") == ["wire-report"]
    assert catalog.independent_sources("alice-offers-kherson") == ["daily-article"]


def test_threads_and_incoming_relations(catalog: Catalog) -> None:
    assert catalog.thread("alice-offers-kherson") == ["alice-demands-donetsk", "alice-offers-kherson"]
    assert catalog.thread("bob-refuses") == []
    assert catalog.incoming_relations["alice-demands-donetsk"] == [
        IncomingRelation("responds-to", "bob-refuses"),
        IncomingRelation("narrows", "alice-offers-kherson"),
    ]


def test_the_real_content_is_valid() -> None:
    found, problems = check(Path(__file__).resolve().parents[1] / "content")
    assert [str(p) for p in problems] == []
    assert found is not None and len(found.claims) > 0


def test_thread_sides_group_by_whom_the_actor_speaks_for_and_show_changes(catalog: Catalog) -> None:
    sides = catalog.thread_sides("territory.demands")
    assert [side for side, _ in sides] == ["freedonia"]
    first, second = sides[0][1]
    assert first == ThreadStep("alice-demands-donetsk", first=True)
    assert second == ThreadStep("alice-offers-kherson", regions_added=(("kherson", "offered"),),
                                regions_dropped=(("donetsk", "demanded"),))


def test_a_claim_naming_no_region_does_not_read_as_dropping_them(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    text = claim.read_text().replace("actor: bob", "actor: alice").replace("kind: refusal", "kind: demand")
    claim.write_text(text.replace("summary:", "issue: territory.demands\nsummary:"))
    found, problems = check(content)
    assert problems == [] and found is not None
    steps = found.thread_sides("territory.demands")[0][1]
    assert [s.claim_id for s in steps] == ["alice-demands-donetsk", "bob-refuses", "alice-offers-kherson"]
    assert steps[1].regions_added == steps[1].regions_dropped == ()
    # The offer is compared with the last claim that named regions: the demand for Donetsk.
    assert steps[2].regions_dropped == (("donetsk", "demanded"),)


def test_every_thread_of_the_real_content_reads_in_date_order() -> None:
    found, _ = check(Path(__file__).resolve().parents[1] / "content")
    assert found is not None
    for issue in found.issues():
        for side, steps in found.thread_sides(issue):
            dates = [found.claims[step.claim_id].dates.happened.date.sort_key for step in steps]
            assert dates == sorted(dates), (issue, side)
            assert steps[0].first and not any(step.first for step in steps[1:]), (issue, side)
