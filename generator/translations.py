"""How much of the content is translated: every reader-facing text field `x` of the record format that has a
Ukrainian field `x_uk` beside it (`summary` and `summary_uk`, a role's `title` and `title_uk`), counted in
the records as written, so that `check` can say per record kind how far the Ukrainian edition has come and
list, by file and line, each text that has no Ukrainian yet.

The pairs come from the record format itself (`records.py`): a field given a `_uk` twin there is counted here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from .labels import plural
from .load import Document, Path_, format_field
from .records import RECORD_TYPES, Record

LANGUAGE = "uk"
SUFFIX = f"_{LANGUAGE}"

NEVER_MISSING = frozenset({"quote"})
"""A quote stays in its source's language: its translation (`quote_uk`) is welcome, never missing."""


def translated_fields(model: type[Record]) -> list[str]:
    """The fields of a model whose Ukrainian twin the edition needs, in the format's order."""
    return [name for name in model.model_fields
            if not name.endswith(SUFFIX) and name + SUFFIX in model.model_fields and name not in NEVER_MISSING]


@dataclass(frozen=True)
class Missing:
    path: str  # the file, as shown to editors
    line: int
    column: int
    field: str  # the English field, e.g. 'sources[0].quote'
    twin: str  # the Ukrainian field to write, e.g. 'sources[0].quote_uk'

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.twin}: no Ukrainian text yet for `{self.field}`"


@dataclass
class Progress:
    """Of one record kind: how many texts are written, and which of them have no Ukrainian."""

    texts: int = 0
    missing: list[Missing] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.texts - len(self.missing)


def progress(documents: list[Document]) -> dict[str, Progress]:
    """Per folder (record kind), in the format's order: every text written and every one not translated."""
    found = {folder: Progress() for folder in sorted(RECORD_TYPES)}
    for document in documents:
        counted = found[document.folder]
        for path, model_data in _models(RECORD_TYPES[document.folder], document.data, ()):
            model, data = model_data
            for name in translated_fields(model):
                for text, twin, done in _texts(data, name):
                    counted.texts += 1
                    if not done:
                        line, column = document.position((*path, *text))
                        counted.missing.append(Missing(document.path, line, column, format_field((*path, *text)),
                                                       format_field((*path, *twin))))
    return found


def _texts(data: Mapping[str, Any], name: str) -> Iterator[tuple[Path_, Path_, bool]]:
    """Each text of the field `name` of a mapping: (its path, its twin's path, whether the twin is written). A
    mapping of labels (a question's `issues`) is a text per label."""
    value, twin = data.get(name), data.get(name + SUFFIX)
    if isinstance(value, Mapping):
        twins = twin if isinstance(twin, Mapping) else {}
        for key in value:
            yield (name, key), (name + SUFFIX, key), bool(twins.get(key))
    elif value not in (None, ""):
        yield (name,), (name + SUFFIX,), bool(twin)


def _models(model: type[Record], data: Any, path: Path_) -> Iterator[tuple[Path_, tuple[type[Record], Mapping[str, Any]]]]:
    """Every mapping of a document with the record type that describes it, nested ones included."""
    if not isinstance(data, Mapping):
        return
    yield path, (model, data)
    for name, info in model.model_fields.items():
        inner = _record_in(info.annotation)
        value = data.get(name)
        if inner is None or value is None:
            continue
        if isinstance(value, tuple):  # a document's lists are tuples
            for index, item in enumerate(value):
                yield from _models(inner, item, (*path, name, index))
        else:
            yield from _models(inner, value, (*path, name))


def _record_in(annotation: Any) -> type[Record] | None:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in get_args(annotation):
        found = _record_in(argument)
        if found is not None:
            return found
    return None


def summary(found: dict[str, Progress]) -> str:
    """'Ukrainian: claims 12 of 340 texts (4 %), actors …': one line for `check`."""
    parts = []
    for folder, counted in found.items():
        if counted.texts:
            share = round(100 * counted.translated / counted.texts)
            parts.append(f"{folder} {counted.translated} of {plural(counted.texts, 'text')} ({share} %)")
    return "Ukrainian translations: " + (", ".join(parts) if parts else "no texts to translate")
