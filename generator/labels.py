"""How pages, feeds and templates name things: the words of the record format's vocabularies, counts with
their plurals, issues, publishers, months. Labels are plain text, except `publisher_name` (Markdown).

Each table has a label for every value `records.py` allows: a value added there without a label here
stops the generator at import, not a page at render time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from .editions import ENGLISH, N_, Edition
from .markdown_text import Untranslated, escape_inline
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

K = TypeVar("K")

KIND_LABELS = one_for_each(CLAIM_KINDS, {
    "demand": N_("Demand"), "offer": N_("Offer"), "refusal": N_("Refusal"), "threat": N_("Threat"),
    "intent": N_("Intention"), "proposal": N_("Proposal"), "statement": N_("Statement"),
    "assessment": N_("Assessment"), "action": N_("Action"), "event": N_("Event"),
})

ATTRIBUTION_LABELS = one_for_each(ATTRIBUTION_LEVELS, {
    "on-record": N_("On the record"), "official-readout": N_("Official readout"), "document": N_("Document"),
    "outlet": N_("The outlet's own reporting"), "analyst": N_("Analyst"), "unnamed-sources": N_("Unnamed sources"),
})

RELATION_LABELS = one_for_each(RELATION_TYPES, {
    "supersedes": N_("Supersedes"), "narrows": N_("Narrows"), "contradicts": N_("Contradicts"),
    "responds-to": N_("Responds to"), "pairs-with": N_("Goes with"),
})
"""How a claim names the claims it relates to."""

INVERSE_RELATION_LABELS = one_for_each(RELATION_TYPES, {
    "supersedes": N_("Superseded by"), "narrows": N_("Narrowed by"), "contradicts": N_("Contradicted by"),
    "responds-to": N_("Answered by"), "pairs-with": N_("Goes with"),
})
"""How a claim names the claims that relate to it."""

ROLE_LABELS = one_for_each((*REGION_ROLES, "selected"), {
    "demanded": N_("Demanded"), "offered": N_("Offered in exchange"), "occupied": N_("Occupied"),
    "claimed": N_("Claimed as annexed"), "attacked": N_("Attacked"), "threatened": N_("Threatened"),
    "mentioned": N_("Mentioned"), "selected": N_("This region"),
})
"""Map roles in the order they win when a region has several: a demand says more than a mention. 'selected'
is the region whose own page the map is on."""

CHANGE_LABELS: dict[str | None, str] = one_for_each((*CHANGE_TYPES, None), {
    "new": N_("New"), "restated": N_("Restated"), "hardened": N_("Hardened"), "softened": N_("Softened"),
    "narrowed": N_("Narrowed"), "widened": N_("Widened"), "reversed": N_("Reversed"), "withdrawn": N_("Withdrawn"),
    None: N_("Not classified"),
})
"""The badge of each kind of move of a position; None where the records do not decide it and no editor has set it."""


def translated(labels: Mapping[K, str], edition: Edition) -> dict[K, str]:
    """A table of labels in the words of an edition."""
    return {value: edition.gettext(label) for value, label in labels.items()}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 independent source', '2 independent sources', '0 independent sources'; `nouns` where adding an s
    is not the plural."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def issue_label(issue: str, questions: Mapping[str, Question] | None = None, edition: Edition = ENGLISH) -> str:
    """The editors' label for an issue key (`content/questions/`), or its question's for a key of one part,
    else the key made readable:
    'territory.russia-demands' → 'territory › russia demands'."""
    question = questions.get(issue.split(".", 1)[0]) if questions else None
    if question is not None and issue in question.issues:
        return question.issues[issue]
    if question is not None and "." not in issue:  # the question's only issue: 'ceasefire'
        return question.label
    readable = issue.replace(".", " › ").replace("-", " ")
    return readable if edition.is_source else Untranslated(readable)  # the key's English words


def month_label(year: int, month: int, edition: Edition = ENGLISH) -> str:
    """'July 2025', 'липень 2025'."""
    return edition.month(year, month)


def publisher_name(source: Source, edition: Edition = ENGLISH) -> str:
    """Markdown for a source's publisher: "unknown", as records say when the text names none, said plainly."""
    if source.publisher == "unknown":
        return escape_inline(edition.gettext("Publisher not named"))
    return escape_inline(source.publisher)


def source_title(source: Source, edition: Edition = ENGLISH) -> str:
    """A source's title, or for one without a title, who published it and when (plain text)."""
    if source.title:
        return source.title
    who = edition.gettext("publisher not named") if source.publisher == "unknown" else source.publisher
    if source.published:
        return edition.gettext("Untitled report ({publisher}, {date})").format(
            publisher=who, date=edition.date(source.published.date))
    return edition.gettext("Untitled report ({publisher})").format(publisher=who)


def actor_names(actors: Mapping[str, Actor], actor_ids: list[str], edition: Edition = ENGLISH) -> str:
    """Several actors by name, as a sentence lists them: 'Putin', 'Putin and Zelensky', 'A, B and C'."""
    names = [actors[actor_id].name for actor_id in actor_ids]
    if len(names) == 1:
        return names[0]
    return edition.gettext("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
