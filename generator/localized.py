"""A catalog in the words of one edition: every reader-facing text of the records replaced by its twin in that
language (`summary` by `summary_uk`), or, where editors have not written it yet, kept in English and marked
`Untranslated`, so that pages show it with `lang="en"` and say that it is not translated.

Only the texts change: ids, dates and every index of the catalog are the same objects in each edition, so a
localized catalog costs a copy of the records, not a second catalog. Quotes are never replaced (they stay in the
language of their source, `quote_uk` being a translation shown beside them); a source's headline is its
translation where one is written, the original staying on the source's page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from .catalog import Catalog
from .editions import Edition
from .markdown_text import Untranslated
from .translations import NEVER_MISSING

Localizations = dict[int, tuple[Any, Any]]
"""Records already localized for one edition, by the identity of the record: the record and its localized
copy (the record is kept, so that its identity is not given to another)."""


def localized(catalog: Catalog, edition: Edition, kept: Localizations | None = None) -> Catalog:
    """The catalog as `edition` shows it (the same catalog for the source language). With `kept` (what the
    last call for this edition made), a record that is the same object as then is not copied again: the
    preview's core reuses the records of unchanged files, and its next build then sees the same localized
    records too. `kept` is replaced by this call's records."""
    if edition.is_source:
        return catalog
    suffix = "_" + edition.code
    before = kept if kept is not None else {}
    made: Localizations = {}

    def one(record: Any) -> Any:
        old = before.get(id(record))
        copy = old[1] if old is not None and old[0] is record else _localized(record, suffix)
        made[id(record)] = (record, copy)
        return copy

    def table(records: dict[str, Any]) -> dict[str, Any]:
        return {key: one(record) for key, record in records.items()}

    view = replace(catalog, actors=table(catalog.actors), regions=table(catalog.regions),
                   sources=table(catalog.sources), claims=table(catalog.claims), sides=table(catalog.sides),
                   questions=table(catalog.questions), edition=edition,
                   original_sources=catalog.sources)
    if kept is not None:
        kept.clear()
        kept.update(made)
    return view


def _localized(value: Any, suffix: str) -> Any:
    """A record (or a list of them) with each text that has a twin field replaced by it, nested records too."""
    if isinstance(value, list):
        items = [_localized(item, suffix) for item in value]
        # The same list where nothing in it has a translated text: its record need not be copied.
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    if not isinstance(value, BaseModel):
        return value
    fields = type(value).model_fields
    update: dict[str, Any] = {}
    for name in fields:
        current = getattr(value, name)
        if name.endswith(suffix) or current is None:
            continue
        if name + suffix in fields and name not in NEVER_MISSING:
            update[name] = _text(current, getattr(value, name + suffix))
        elif isinstance(current, (BaseModel, list)):
            inner = _localized(current, suffix)
            if inner is not current:
                update[name] = inner
    return value.model_copy(update=update) if update else value


def _text(english: Any, translated: Any) -> Any:
    if isinstance(english, dict):  # labels by key (a question's issues)
        translated = translated or {}
        return {key: translated.get(key) or Untranslated(text) for key, text in english.items()}
    return translated if translated else Untranslated(english)
