"""Turn loaded documents into records, and check every reference between them.

All problems in all files are collected before anything is returned, so an editor sees every
mistake in one run. Each problem names the file, line, column and field, with a hint where one helps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .load import Document, Path_
from .problems import Problem, did_you_mean
from .records import RECORD_TYPES, Actor, Claim, Record, Region, Source


@dataclass
class Records:
    """Every valid record, by id, with the document it came from (for later positions)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)

    def of(self, folder: str) -> dict[str, Any]:
        table: dict[str, Any] = getattr(self, folder)
        return table


def validate(documents: list[Document], ids: dict[str, set[str]]) -> tuple[Records, list[Problem]]:
    """Records from documents; `ids` holds every record file's id, so that a reference to a file that
    has problems of its own is not reported a second time as unknown."""
    records = Records()
    problems: list[Problem] = []
    for document in documents:
        record, found = _to_record(document)
        problems.extend(found)
        if record is not None:
            records.of(document.folder)[document.id] = record
            records.documents[(document.folder, document.id)] = document
    problems.extend(_check_references(records, ids))
    return records, problems


# --- one file ---------------------------------------------------------------------------------


def _to_record(document: Document) -> tuple[Record | None, list[Problem]]:
    model = RECORD_TYPES[document.folder]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, [_problem_from(document, model, detail) for detail in error.errors(include_url=False)]


def _problem_from(document: Document, model: type[Record], detail: ErrorDetails) -> Problem:
    path: Path_ = tuple(part for part in detail["loc"] if isinstance(part, int) or _is_field(part))
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1])
        message = f"unknown field '{path[-1]}'{did_you_mean(str(path[-1]), allowed)}"
        if allowed:
            message += f" (allowed here: {', '.join(sorted(allowed))})"
    elif kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        message = f"'{value}' is not one of: {', '.join(choices)}{did_you_mean(str(value), choices)}"
    elif kind == "string_pattern_mismatch" and path and path[-1] in ("actor", "addressee", "source", "via",
                                                                        "claim", "region", "represents"):
        message = f"'{value}' is not an id: ids are lower-case letters a-z, digits and single hyphens"
    elif kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        message = f"is {len(str(value))} characters long; at most {limit} are allowed"
    elif kind in ("value_error", "assertion_error"):
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
    else:
        message = detail["msg"][0].lower() + detail["msg"][1:]
    return document.problem(path, message)


def _is_field(part: object) -> bool:
    # pydantic adds validator names such as 'function-after[...]' to locations; fields are identifiers.
    return isinstance(part, str) and part.replace("_", "a").isalnum()


def _fields_at(model: type[Record], path: Path_) -> list[str]:
    """The field names allowed at a location, following nested models."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


# --- references between files -----------------------------------------------------------------


def _check_references(records: Records, ids: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []

    def ref(folder: str, kind: str, owner: tuple[str, str], path: Path_, target: str | None) -> None:
        if target is not None and target not in ids[folder]:
            hint = did_you_mean(target, ids[folder])
            problems.append(records.documents[owner].problem(path, f"unknown {kind} '{target}'{hint}"))

    for actor_id, actor in records.actors.items():
        ref("actors", "actor", ("actors", actor_id), ("represents",), actor.represents)
    for source_id, source in records.sources.items():
        owner = ("sources", source_id)
        for index, cited in enumerate(source.cites):
            ref("sources", "source", owner, ("cites", index), cited)
            if cited == source_id:
                problems.append(records.documents[owner].problem(("cites", index), "a source cannot cite itself"))
    for claim_id, claim in records.claims.items():
        problems.extend(_check_claim(records, claim_id, claim, ref))
    return problems


def _check_claim(records: Records, claim_id: str, claim: Claim, ref: Any) -> list[Problem]:
    owner = ("claims", claim_id)
    document = records.documents[owner]
    problems: list[Problem] = []
    ref("actors", "actor", owner, ("actor",), claim.actor)
    ref("actors", "actor", owner, ("addressee",), claim.addressee)
    for index, mention in enumerate(claim.regions):
        ref("regions", "region", owner, ("regions", index, "region"), mention.region)
    for index, relation in enumerate(claim.relations):
        ref("claims", "claim", owner, ("relations", index, "claim"), relation.claim)
        if relation.claim == claim_id:
            problems.append(document.problem(("relations", index, "claim"), "a claim cannot relate to itself"))
    seen_sources: set[str] = set()
    for index, citation in enumerate(claim.sources):
        ref("sources", "source", owner, ("sources", index, "source"), citation.source)
        if citation.source in seen_sources:
            problems.append(document.problem(("sources", index, "source"),
                                             f"source '{citation.source}' is listed twice; keep one entry"))
        seen_sources.add(citation.source)
        source = records.sources.get(citation.source)
        if citation.via is not None and source is not None and citation.via not in source.cites:
            problems.append(document.problem(
                ("sources", index, "via"),
                f"'{citation.via}' is not among the sources that '{citation.source}' cites "
                f"({', '.join(source.cites) or 'none'}); add it to that source's `cites`",
            ))
    return problems
