"""How pages, feeds and templates name things: the words of the record format's vocabularies, counts with
their plurals, issues, publishers, months. Labels are plain text, except `publisher_name` (Markdown).

Each table has a label for every value `records.py` allows: a value added there without a label here
stops the generator at import, not a page at render time.
"""

from __future__ import annotations

from collections.abc import Mapping

from .markdown_text import escape_inline
from .partial_date import PartialDate
from .records import (
    ATTRIBUTION_LEVELS,
    CHANGE_TYPES,
    CLAIM_KINDS,
    REGION_ROLES,
    RELATION_TYPES,
    Actor,
    Question,
    Source,
    one_for_each,
)

KIND_LABELS = one_for_each(CLAIM_KINDS, {
    "demand": "Demand", "offer": "Offer", "refusal": "Refusal", "threat": "Threat", "intent": "Intention",
    "proposal": "Proposal", "statement": "Statement", "assessment": "Assessment", "action": "Action", "event": "Event",
})

ATTRIBUTION_LABELS = one_for_each(ATTRIBUTION_LEVELS, {
    "on-record": "On the record", "official-readout": "Official readout", "document": "Document",
    "outlet": "The outlet's own reporting", "analyst": "Analyst", "unnamed-sources": "Unnamed sources",
})

RELATION_LABELS = one_for_each(RELATION_TYPES, {
    "supersedes": "Supersedes", "narrows": "Narrows", "contradicts": "Contradicts", "responds-to": "Responds to",
    "pairs-with": "Goes with",
})
"""How a claim names the claims it relates to."""

INVERSE_RELATION_LABELS = one_for_each(RELATION_TYPES, {
    "supersedes": "Superseded by", "narrows": "Narrowed by", "contradicts": "Contradicted by",
    "responds-to": "Answered by", "pairs-with": "Goes with",
})
"""How a claim names the claims that relate to it."""

ROLE_LABELS = one_for_each((*REGION_ROLES, "selected"), {
    "demanded": "Demanded", "offered": "Offered in exchange", "occupied": "Occupied", "claimed": "Claimed as annexed",
    "attacked": "Attacked", "threatened": "Threatened", "mentioned": "Mentioned", "selected": "This region",
})
"""Map roles in the order they win when a region has several: a demand says more than a mention. 'selected'
is the region whose own page the map is on."""

CHANGE_LABELS: dict[str | None, str] = one_for_each((*CHANGE_TYPES, None), {
    "new": "New", "restated": "Restated", "hardened": "Hardened", "softened": "Softened", "narrowed": "Narrowed",
    "widened": "Widened", "reversed": "Reversed", "withdrawn": "Withdrawn", None: "Not classified",
})
"""The badge of each kind of move of a position; None where the records do not decide it and no editor has set it."""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 independent source', '2 independent sources', '0 independent sources'; `nouns` where adding an s
    is not the plural."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


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


def actor_names(actors: Mapping[str, Actor], actor_ids: list[str]) -> str:
    """Several actors by name, as a sentence lists them: 'Putin', 'Putin and Zelensky', 'A, B and C'."""
    names = [actors[actor_id].name for actor_id in actor_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
