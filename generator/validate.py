"""Turn loaded documents into records, and check every reference between them.

All problems in all files are collected before anything is returned, so an editor sees every
mistake in one run. Each problem names the file, line, column and field, with a hint where one helps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .aliases import check_aliases, renamed
from .load import Document, Path_
from .positions import check_positions
from .problems import Problem, did_you_mean
from .records import RECORD_NAMES, RECORD_TYPES, Actor, Claim, Question, Record, Region, Side, Source, references


@dataclass
class Records:
    """Every valid record, by id."""

    actors: dict[str, Actor] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    sides: dict[str, Side] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)

    def of(self, folder: str) -> dict[str, Any]:
        table: dict[str, Any] = getattr(self, folder)
        return table


RecordCache = dict[str, tuple[Document, Record | None, list[Problem]]]
"""Each file's record (or its problems) by path, with the document it came from: reused while the loader
hands over that same document, which it does while the file's bytes are unchanged."""


def validate(documents: list[Document], ids: dict[str, set[str]],
             cache: RecordCache | None = None) -> tuple[Records, list[Problem]]:
    """Records from documents; `ids` holds every record file's id, so that a reference to a file that
    has problems of its own is not reported a second time as unknown."""
    records = Records()
    problems: list[Problem] = []
    kept: RecordCache = {}
    for document in documents:
        before = cache.get(document.path) if cache is not None else None
        if before is not None and before[0] is document:
            record, found = before[1], before[2]
        else:
            record, found = to_record(document)
        kept[document.path] = (document, record, found)
        problems.extend(found)
        if record is not None:
            records.of(document.folder)[document.id] = record
    problems.extend(_check_references(documents, ids))
    problems.extend(check_aliases(documents, ids))
    if not problems:  # the sides and threads are known only once every record is valid
        problems.extend(check_positions(documents, records.claims, records.actors, records.sides))
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return records, problems


# --- one file ---------------------------------------------------------------------------------


_REFERENCE_FIELDS = frozenset(
    next(part for part in reversed(pattern) if part != "*") for model in RECORD_TYPES.values() for pattern, _ in references(model)
)


def to_record(document: Document) -> tuple[Record | None, list[Problem]]:
    model = RECORD_TYPES[document.folder]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, [_problem_from(document, model, detail) for detail in error.errors(include_url=False)
                      if not _is_reference_spelling(detail)]


def _is_reference_spelling(detail: ErrorDetails) -> bool:
    # A reference that is not a well-formed id cannot name any record: the reference check says so, with
    # a hint, so the format's own "does not match the pattern" would only repeat it.
    fields = [part for part in detail["loc"] if isinstance(part, str)]
    return detail["type"] == "string_pattern_mismatch" and bool(fields) and fields[-1] in _REFERENCE_FIELDS


def _problem_from(document: Document, model: type[Record], detail: ErrorDetails) -> Problem:
    path: Path_ = tuple(part for part in detail["loc"] if isinstance(part, int) or _is_field(part))
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden" and str(path[-1]) in _renamed_at(model, path[:-1]):
        message = _renamed_at(model, path[:-1])[str(path[-1])].format(value=_as_yaml(value))
    elif kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1])
        message = f"unknown field '{path[-1]}'{did_you_mean(str(path[-1]), allowed)}"
        if allowed:
            message += f" (allowed here: {', '.join(sorted(allowed))})"
    elif kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        message = f"'{value}' is not one of: {', '.join(choices)}{did_you_mean(str(value), choices)}"
    elif kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        message = f"is {len(str(value))} characters long; at most {limit} are allowed"
    elif kind == "list_type" and path and isinstance(value, (str, int)):
        message = f"a list is expected: write `{path[-1]}: [{value}]`"
    elif kind in ("value_error", "assertion_error"):
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
    else:
        message = detail["msg"][0].lower() + detail["msg"][1:]
    return document.problem(path, message)


def _is_field(part: object) -> bool:
    # pydantic adds validator names such as 'function-after[...]' to locations; fields are identifiers.
    return isinstance(part, str) and part.replace("_", "a").isalnum()


def _model_at(model: type[Record], path: Path_) -> Any:
    """The record type at a location, following nested models; None where there is none."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return None
        current = _model_in(info.annotation)
    return current


def _fields_at(model: type[Record], path: Path_) -> list[str]:
    """The field names allowed at a location."""
    return list(getattr(_model_at(model, path), "model_fields", {}))


def _renamed_at(model: type[Record], path: Path_) -> dict[str, str]:
    """The fields of an earlier edition at a location, each with how to write it now."""
    found: dict[str, str] = getattr(_model_at(model, path), "renamed", {})
    return found


def _as_yaml(value: object) -> str:
    # The value typed, as it goes inside a flow list: `putin`, or `putin, zelensky` for a list.
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


# --- references between files -----------------------------------------------------------------

# Where each record type refers to others, as the record format marks them: (path pattern, target folder).
# Checked on the raw data, so that a file with other mistakes still has its references checked.
REFERENCES = {folder: references(model) for folder, model in RECORD_TYPES.items()}


def _values_at(data: Any, pattern: tuple[str, ...], path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every value matching `pattern` in raw data, with its path; silently skips malformed shapes."""
    if not pattern:
        return [(path, data)]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = data if isinstance(data, tuple) else []  # a document's lists are tuples
        return [found for index, item in enumerate(items) for found in _values_at(item, rest, (*path, index))]
    if isinstance(data, Mapping) and head in data:
        return _values_at(data[head], rest, (*path, head))
    return []


def _check_references(documents: list[Document], ids: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {(document.folder, document.id): document for document in documents}
    renames = renamed(documents)
    for document in documents:
        for pattern, folder in REFERENCES[document.folder]:
            for path, target in _values_at(document.data, pattern):
                if not isinstance(target, str):
                    continue  # a wrong type is reported by the record format
                if target not in ids[folder]:
                    new_id = renames.get((folder, target))
                    hint = (f"; it was renamed '{new_id}' (see that {RECORD_NAMES[folder]}'s aliases)" if new_id
                            else did_you_mean(target, ids[folder]))
                    problems.append(document.problem(path, f"unknown {RECORD_NAMES[folder]} '{target}'{hint}"))
                elif target == document.id and folder == document.folder:
                    problems.append(document.problem(path, f"a {RECORD_NAMES[folder]} cannot refer to itself"))
        if document.folder == "claims":
            problems.extend(_check_citations(document, by_id))
            problems.extend(_check_parties(document))
    problems.extend(_check_cycles(documents, "claims", ("relations", "*"), "supersedes"))
    problems.extend(_check_cycles(documents, "sources", ("cites", "*"), None))
    return problems


def _check_cycles(documents: list[Document], folder: str, pattern: tuple[str, ...], relation: str | None) -> list[Problem]:
    """A claim that supersedes itself through others, or a source that relays itself, is a mistake."""
    edges: dict[str, list[tuple[str, Path_]]] = {}
    owners = {d.id: d for d in documents if d.folder == folder}
    for document in owners.values():
        for path, value in _values_at(document.data, pattern):
            target = value
            if relation is not None:  # a relation is a mapping: follow only those of the given type
                if not (isinstance(value, Mapping) and value.get("type") == relation):
                    continue
                target, path = value.get("claim"), (*path, "claim")
            if isinstance(target, str) and target != document.id:
                edges.setdefault(document.id, []).append((target, path))
    problems: list[Problem] = []
    reported: set[tuple[str, ...]] = set()
    for start in sorted(edges):
        cycle = _cycle_from(start, edges)
        if cycle is None:
            continue
        key = tuple(sorted(cycle))
        if key in reported:
            continue
        reported.add(key)
        first = min(cycle)
        rotated = cycle[cycle.index(first):] + cycle[:cycle.index(first)]
        path = next(p for target, p in edges[first] if target == rotated[1 % len(rotated)])
        verb = relation or "cites"
        chain = " → ".join([*rotated, first])
        problems.append(owners[first].problem(path, f"'{verb}' goes round in a circle: {chain}"))
    return problems


def _cycle_from(start: str, edges: dict[str, list[tuple[str, Path_]]]) -> list[str] | None:
    """The ids of a cycle through `start`, in order, if following the edges leads back to it."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for target, _ in sorted(edges.get(node, []), reverse=True):
            if target == start:
                return trail
            if target not in seen:
                seen.add(target)
                stack.append((target, [*trail, target]))
    return None


def _check_parties(document: Document) -> list[Problem]:
    """Each party named once: an actor is not also a co-actor, nor an addressee of their own claim."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    named = [*_values_at(document.data, ("actor",)), *_values_at(document.data, ("co_actors", "*")),
             *_values_at(document.data, ("addressees", "*"))]
    for path, party in named:
        if not isinstance(party, str):
            continue
        role = "an addressee" if path[0] == "addressees" else "an actor"
        if party in seen:
            problems.append(document.problem(path, f"'{party}' is already named as {seen[party]} of this claim; "
                                                   "name each party once"))
        seen.setdefault(party, role)
    return problems


def _check_citations(document: Document, by_id: dict[tuple[str, str], Document]) -> list[Problem]:
    """Each source cited once; a relayed original (`via`) must be among the citing source's `cites`."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for path, citation in _values_at(document.data, ("sources", "*")):
        if not isinstance(citation, Mapping) or not isinstance(citation.get("source"), str):
            continue
        source_id = citation["source"]
        if source_id in seen:
            problems.append(document.problem((*path, "source"), f"source '{source_id}' is listed twice; keep one entry"))
        seen.add(source_id)
        via = citation.get("via")
        source = by_id.get(("sources", source_id))
        if not isinstance(via, str) or source is None:
            continue
        cites = [c for c in source.data.get("cites") or [] if isinstance(c, str)]
        if via not in cites:
            problems.append(document.problem(
                (*path, "via"),
                f"'{via}' is not among the sources that '{source_id}' cites ({', '.join(cites) or 'none'}); "
                "add it to that source's `cites`",
            ))
    return problems
