"""How the pages name things: regions' roles, issues, publishers, months. Labels are Markdown-safe text
where they are meant for Markdown (`publisher_name`), plain text elsewhere."""

from __future__ import annotations

from collections.abc import Mapping

from .markdown_text import escape_inline
from .partial_date import PartialDate
from .records import Question, Source

ROLE_LABELS = {
    "demanded": "Demanded", "offered": "Offered in exchange", "occupied": "Occupied", "claimed": "Claimed as annexed",
    "attacked": "Attacked", "threatened": "Threatened", "mentioned": "Mentioned", "selected": "This region",
}
"""Map roles in the order they win when a region has several: a demand says more than a mention."""


def issue_label(issue: str, questions: Mapping[str, Question] | None = None) -> str:
    """The editors' label for an issue key (`content/questions/`), or its question's for a key of one part,
    else the key made readable:
    'territory.russia-demands' → 'territory › russia demands'."""
    question = questions.get(issue.split(".", 1)[0]) if questions else None
    if question is not None and issue in question.issues:
        return question.issues[issue]
    if question is not None and "." not in issue:  # the question's only issue: 'ceasefire'
        return question.label
    return issue.replace(".", " › ").replace("-", " ")


def month_label(year: int, month: int) -> str:
    """'July 2025'."""
    return PartialDate(year, month).label


def publisher_name(source: Source) -> str:
    """Markdown for a source's publisher: "unknown", as records say when the text names none, said plainly."""
    return "Publisher not named" if source.publisher == "unknown" else escape_inline(source.publisher)


def source_title(source: Source) -> str:
    """A source's title, or for one without a title, who published it and when (plain text)."""
    if source.title:
        return source.title
    who = "publisher not named" if source.publisher == "unknown" else source.publisher
    when = f", {source.published.date.label}" if source.published else ""
    return f"Untitled report ({who}{when})"
