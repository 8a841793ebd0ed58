"""Every message an editor can get from a record that YAML reads but the format refuses."""

from pathlib import Path

from generator.pipeline import check


def problems_after(content: Path, name: str, old: str, new: str) -> list[str]:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    catalog, problems = check(content)
    assert catalog is None
    return [str(p).split("/content/", 1)[-1] for p in problems]


def test_the_fixture_content_is_valid(content: Path) -> None:
    catalog, problems = check(content)
    assert problems == [] and catalog is not None


def test_misspelt_actor_gets_a_hint(content: Path) -> None:
    assert problems_after(content, "claims/bob-refuses.yaml", "actor: bob", "actor: bbo") == [
        "claims/bob-refuses.yaml:2:1: actor: unknown actor 'bbo'; did you mean 'bob'?"
    ]


def test_unknown_reference_without_a_close_match(content: Path) -> None:
    assert problems_after(content, "claims/bob-refuses.yaml", "claim: alice-demands-donetsk", "claim: zzz") == [
        "claims/bob-refuses.yaml:18:5: relations[0].claim: unknown claim 'zzz'"
    ]


def test_missing_required_field_points_at_its_parent(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "  reported:\n    date: 2025-07-04\n    basis: stated\n", "")
    assert found == ["claims/bob-refuses.yaml:4:1: dates.reported: required field is missing"]


def test_missing_top_level_field(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "summary: Bob refused to cede any territory.\n", "")
    assert found == ["claims/bob-refuses.yaml:1:1: summary: required field is missing"]


def test_impossible_date(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "date: 2025-07-04", "date: 2025-02-30")
    assert found == [
        "claims/bob-refuses.yaml:6:5: dates.happened.date: '2025-02-30' is not a real date: February 2025 has 28 days"
    ]


def test_unknown_field_with_hint_and_the_allowed_names(content: Path) -> None:
    found = problems_after(content, "actors/bob.yaml", "name:", "nmae:")
    assert found == [
        "actors/bob.yaml:1:1: name: required field is missing",
        "actors/bob.yaml:1:1: nmae: unknown field 'nmae'; did you mean 'name'? "
        "(allowed here: aliases, corrections, kind, name, name_uk, represents, roles, wikidata)",
    ]


def test_unknown_nested_field(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "  level: on-record", "  level: on-record\n  confidence: high")
    assert found == [
        "claims/bob-refuses.yaml:13:3: attribution.confidence: unknown field 'confidence' (allowed here: detail, detail_uk, level)"
    ]


def test_value_outside_the_allowed_set(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "kind: refusal", "kind: refusel")
    assert found == [
        "claims/bob-refuses.yaml:1:1: kind: 'refusel' is not one of: demand, offer, refusal, threat, intent, "
        "proposal, statement, assessment, action, event; did you mean 'refusal'?"
    ]


def test_inferred_date_needs_a_note(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "    date: 2025-07-04\n    basis: stated\n  reported",
                           "    date: 2025-07-04\n    basis: inferred\n  reported")
    assert found == [
        "claims/bob-refuses.yaml:5:3: dates.happened: an inferred date needs a note saying how it was inferred"
    ]


def test_relay_must_be_cited_by_the_source(content: Path) -> None:
    found = problems_after(content, "claims/alice-offers-kherson.yaml", "  - source: daily-article\n",
                           "  - source: weekly-article\n    via: daily-article\n")
    assert found == [
        "claims/alice-offers-kherson.yaml:20:5: sources[0].via: 'daily-article' is not among the sources that "
        "'weekly-article' cites (wire-report); add it to that source's `cites`"
    ]


def test_urls_must_be_http(content: Path) -> None:
    found = problems_after(content, "sources/daily-article.yaml", "https://daily.example/alice-demands",
                           "javascript:alert(1)")
    assert found == [
        "sources/daily-article.yaml:8:1: url: 'javascript:alert(1)' is not an http:// or https:// address"
    ]


def test_a_claim_cannot_relate_to_itself(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "claim: alice-demands-donetsk", "claim: bob-refuses")
    assert found == ["claims/bob-refuses.yaml:18:5: relations[0].claim: a claim cannot refer to itself"]


def test_every_problem_in_every_file_is_reported_at_once(content: Path) -> None:
    (content / "claims/bob-refuses.yaml").write_text(
        (content / "claims/bob-refuses.yaml").read_text().replace("actor: bob", "actor: putn"))
    (content / "actors/alice.yaml").write_text("name: Alice\nkind: persn\n")
    catalog, problems = check(content)
    assert catalog is None
    assert [(Path(p.path).name, p.field) for p in problems] == [("alice.yaml", "kind"), ("bob-refuses.yaml", "actor")]


def test_every_line_break_yaml_knows_is_a_space_in_a_one_line_field(content: Path) -> None:
    # "\N", "\L" and "\P" are YAML's escapes for NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to
    # YAML, as a newline is. A summary is one line: each becomes a space, none vanishes.
    path = content / "claims" / "bob-refuses.yaml"
    text = path.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    path.write_text(text.replace(summary, 'summary: "Bob\\Nrefused\\Lthe\\Pdemand\\n  again."'), encoding="utf-8")
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    assert catalog.claims["bob-refuses"].summary == "Bob refused the demand again."


def test_the_old_addressee_field_says_how_to_write_it_now(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml", "addressees: [bob]", "addressee: bob")
    assert found == [
        "claims/alice-demands-donetsk.yaml:3:1: addressee: `addressee` is now `addressees`, a list: "
        "write `addressees: [bob]`"
    ]


def test_an_addressee_is_a_list_of_actors(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml", "addressees: [bob]", "addressees: bob")
    assert found == ["claims/alice-demands-donetsk.yaml:3:1: addressees: a list is expected: write `addressees: [bob]`"]


def test_each_addressee_and_co_actor_must_be_an_actor(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml", "addressees: [bob]",
                           "co_actors: [freedonai]\naddressees: [bob, bbo]")
    assert found == [
        "claims/alice-demands-donetsk.yaml:3:13: co_actors[0]: unknown actor 'freedonai'; did you mean 'freedonia'?",
        "claims/alice-demands-donetsk.yaml:4:19: addressees[1]: unknown actor 'bbo'; did you mean 'bob'?",
    ]


def test_each_party_is_named_once(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml", "addressees: [bob]",
                           "co_actors: [alice]\naddressees: [bob, bob]")
    assert found == [
        "claims/alice-demands-donetsk.yaml:3:13: co_actors[0]: 'alice' is already named as an actor of this claim; "
        "name each party once",
        "claims/alice-demands-donetsk.yaml:4:19: addressees[1]: 'bob' is already named as an addressee of this claim; "
        "name each party once",
    ]


def test_a_scheduled_date_is_a_kind_of_date_of_its_own(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml", "  deadline:", "  schedule:")
    assert found == [
        "claims/alice-demands-donetsk.yaml:16:3: dates.schedule: unknown field 'schedule'; did you mean 'scheduled'? "
        "(allowed here: deadline, happened, reported, scheduled)"
    ]


def test_a_scheduled_date_may_be_in_the_future_and_an_inferred_one_needs_a_note(content: Path) -> None:
    found = problems_after(content, "claims/alice-demands-donetsk.yaml",
                           "  deadline:\n    date: 2025-09-01\n    basis: inferred\n    note: '\"within 60 days\" of the call.'\n",
                           "  scheduled:\n    date: 2999-09-01\n    basis: inferred\n")
    assert found == [
        "claims/alice-demands-donetsk.yaml:16:3: dates.scheduled: an inferred date needs a note saying how it was inferred"
    ]


def test_a_range_is_checked_like_a_date(content: Path) -> None:
    # Bounds before 1991 or in the future, a report before the range begins: each told at the date.
    assert problems_after(content, "claims/bob-refuses.yaml", "date: 2025-07-04\n    basis: stated\n  reported",
                          "date: 1989/2025-07\n    basis: stated\n  reported") == [
        "claims/bob-refuses.yaml:5:3: dates.happened: '1989' is before 1991, the earliest year this site records"]


def test_a_report_cannot_come_before_a_range_begins(content: Path) -> None:
    assert problems_after(content, "claims/bob-refuses.yaml", "date: 2025-07-04\n    basis: stated\n  reported",
                          "date: 2025-08/..\n    basis: stated\n  reported") == [
        "claims/bob-refuses.yaml:4:1: dates: reported (2025-07-04) before it happened (2025-08/..)"]


def test_only_when_it_happened_may_be_a_range(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "  reported:\n    date: 2025-07-04",
                           "  reported:\n    date: ../2025-07-04")
    assert found == ["claims/bob-refuses.yaml:9:5: dates.reported.date: '../2025-07-04' is not a date written "
                     "YYYY-MM-DD, YYYY-MM or YYYY"]


def test_a_range_that_ends_before_it_begins_is_refused_at_its_date(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "date: 2025-07-04\n    basis: stated\n  reported",
                           "date: 2025-07-04/2025-07-01\n    basis: stated\n  reported")
    assert found == ["claims/bob-refuses.yaml:6:5: dates.happened.date: '2025-07-04/2025-07-01' ends before it begins"]


def test_a_cameo_code_is_one_of_the_twenty_root_codes(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "actor: bob\n", "actor: bob\ncameo: 25\n")
    assert found == ["claims/bob-refuses.yaml:3:1: cameo: '25' is not one of: "
                     + ", ".join(f"{code:02d}" for code in range(1, 21))]


def test_a_cameo_code_written_as_a_number_is_the_same_code(content: Path) -> None:
    path = content / "claims" / "bob-refuses.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("actor: bob\n", "actor: bob\ncameo: 04\n"),
                    encoding="utf-8")
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    assert catalog.claims["bob-refuses"].cameo == "04"
