"""How far the Ukrainian edition has come: the `_uk` fields of the record format, counted and listed by `check`."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_content
from generator.pipeline import check
from generator.records import Actor, Citation, Claim, Question, Role
from generator.translations import progress, summary, translated_fields

from .test_cli import run
from .test_validate import problems_after


def test_the_pairs_come_from_the_record_format() -> None:
    assert translated_fields(Claim) == ["summary", "text"]
    assert translated_fields(Actor) == ["name"]
    assert translated_fields(Role) == ["title"]
    assert translated_fields(Question) == ["label", "issues"]
    assert translated_fields(Citation) == []  # a quote keeps its language: its translation is never missing


def test_each_text_is_counted_once_and_each_missing_one_named_at_its_line(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace(
        "summary: Bob refused to cede any territory.\n",
        "summary: Bob refused to cede any territory.\nsummary_uk: Боб відмовився поступитися будь-якою територією.\n"),
        encoding="utf-8")
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    found = progress(load_content(content).documents)
    claims = found["claims"]
    assert claims.texts == 3 + 2 + 1  # three summaries, two dates' notes, an attribution's detail
    assert [(m.path.rsplit("/", 1)[-1], m.field, m.twin) for m in claims.missing] == [
        ("alice-demands-donetsk.yaml", "summary", "summary_uk"),
        ("alice-demands-donetsk.yaml", "dates.deadline.note", "dates.deadline.note_uk"),
        ("alice-demands-donetsk.yaml", "attribution.detail", "attribution.detail_uk"),
        ("alice-offers-kherson.yaml", "dates.happened.note", "dates.happened.note_uk"),
    ]
    assert str(claims.missing[0]).endswith("alice-demands-donetsk.yaml:4:1: summary_uk: "
                                           "no Ukrainian text yet for `summary`")
    assert found["regions"].translated == found["regions"].texts == 2  # region records name both languages
    assert "claims 2 of 6 texts (33 %)" in summary(found)  # the fixture's Alice's offer has its summary too
    assert [m.twin for m in found["actors"].missing] == ["name_uk", "roles[0].title_uk", "name_uk", "name_uk"]


def test_a_question_translates_only_the_labels_it_has(content: Path) -> None:
    (content / "questions").mkdir()
    (content / "questions" / "territory.yaml").write_text(
        "label: Territory\nissues:\n  territory.donetsk: Donetsk\n", encoding="utf-8")
    found = problems_after(content, "questions/territory.yaml", "issues:",
                           "issues_uk:\n  territory.kherson: Херсон\nissues:")
    assert found == ["questions/territory.yaml:1:1: issues_uk translates 'territory.kherson', which `issues` does not "
                     "label: give the English label there first"]


def test_a_quote_translation_names_its_translator(content: Path) -> None:
    found = problems_after(content, "claims/bob-refuses.yaml", "    quote: Bob said no.\n",
                           "    quote: Bob said no.\n    quote_uk:\n      text: Боб сказав ні.\n")
    assert found == ["claims/bob-refuses.yaml:16:5: sources[0].quote_uk.translator: required field is missing"]


def test_check_reports_the_translation_and_lists_what_is_missing(content: Path) -> None:
    result = run("--content", str(content), "check", cwd=content.parent)
    assert result.returncode == 0, result.stderr
    assert ("Ukrainian translations: actors 0 of 4 texts (0 %), claims 1 of 6 texts (17 %), regions 2 of 2 texts "
            "(100 %), sides 0 of 1 text (0 %), sources 0 of 3 texts (0 %)\n") in result.stdout
    assert "no Ukrainian text yet" not in result.stdout
    listed = run("--content", str(content), "check", "--untranslated", cwd=content.parent)
    missing = [line for line in listed.stdout.splitlines() if "no Ukrainian text yet" in line]
    assert len(missing) == 4 + 5 + 1 + 3  # actors, claims, the side, the sources (titles, a date's note)
    assert "claims/bob-refuses.yaml:3:1: summary_uk: no Ukrainian text yet for `summary`" in listed.stdout
