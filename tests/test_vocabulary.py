"""The record vocabulary is defined once, in records.py: what editors may write, what is checked as a
reference, and the words pages use for each value all follow from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import Field

from generator.labels import ATTRIBUTION_LABELS, KIND_LABELS, plural
from generator.pipeline import generate
from generator.records import (
    ATTRIBUTION_LEVELS,
    CLAIM_KINDS,
    ActorId,
    ClaimId,
    Record,
    SourceId,
    one_for_each,
    references,
)

from .conftest import ROOT, SMALL

TEMPLATES = ROOT / "theme" / "templates"
CLAIM = "claims/alice-demands-donetsk"


def test_a_label_table_must_name_every_value_and_nothing_else() -> None:
    with pytest.raises(ValueError, match=r"missing \['event'\], unknown \['evnet'\]"):
        one_for_each(CLAIM_KINDS, {**{kind: kind for kind in CLAIM_KINDS if kind != "event"}, "evnet": "Event"})


def test_references_are_found_wherever_an_id_type_is_used() -> None:
    class Step(Record):
        claim: ClaimId | None = None
        note: str = ""

    class Example(Record):
        actor: ActorId = Field(description="a field of its own, with a description")
        cites: list[SourceId] = Field(default_factory=list)
        steps: list[Step] = Field(default_factory=list)
        name: str = ""

    assert references(Example) == [(("actor",), "actors"), (("cites", "*"), "sources"),
                                   (("steps", "*", "claim"), "claims")]


def test_plural() -> None:
    assert [plural(n, "independent source") for n in (0, 1, 2)] == [
        "0 independent sources", "1 independent source", "2 independent sources"]
    assert plural(3, "claim made or event", "claims made or events") == "3 claims made or events"


def _claim_page(content: Path, field: str, value: str) -> str:
    path = content / f"{CLAIM}.yaml"
    text = path.read_text(encoding="utf-8")
    old = {"kind": "kind: demand\n", "level": "  level: unnamed-sources\n"}[field]
    path.write_text(text.replace(old, old.split(":")[0] + f": {value}\n"), encoding="utf-8")
    return next(page.markdown for page in generate(content, TEMPLATES).pages if page.path == f"{CLAIM}.md")


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_every_claim_kind_the_format_allows_has_its_label_on_the_page(kind: str, tmp_path: Path) -> None:
    content = shutil.copytree(SMALL, tmp_path / "content")
    assert f"**{KIND_LABELS[kind]}** by [Alice" in _claim_page(content, "kind", kind)


@pytest.mark.parametrize("level", ATTRIBUTION_LEVELS)
def test_every_attribution_level_has_its_label_on_the_page(level: str, tmp_path: Path) -> None:
    content = shutil.copytree(SMALL, tmp_path / "content")
    assert f"| Attribution | {ATTRIBUTION_LABELS[level]}" in _claim_page(content, "level", level)
