"""The records as open data: `data/claims.json` (every record, keyed by id), `data/claims.csv` (one row
per claim, for spreadsheets) and the JSON Schemas that describe them, published with the site."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .cameo import CAMEO_NAMES, cameo_code
from .catalog import Catalog
from .outputs import OutputFile
from .reads import Memo
from .records import ID_PATTERN, RECORD_TYPES
from .schema import render_schemas, schema_file_name
from .urls import Paths, site_url_of

DATA_DIR = "data"
JSON_FILE = f"{DATA_DIR}/claims.json"
CSV_FILE = f"{DATA_DIR}/claims.csv"
SCHEMA_DIR = f"{DATA_DIR}/schema"
DATASET_SCHEMA = "dataset.schema.json"

CSV_COLUMNS = [
    "id", "page", "kind", "actor", "actor_name", "co_actors", "addressees", "summary", "issue", "regions",
    "happened", "happened_basis", "reported", "reported_basis", "deadline", "scheduled", "attribution", "attribution_detail",
    "standing", "independent_sources", "sources", "cameo", "cameo_name",
    "summary_uk", "actor_name_uk", "attribution_detail_uk",  # the Ukrainian texts, where written: one record set
]


def build_open_data(catalog: Catalog, memo: Memo | None = None) -> list[OutputFile]:
    """The open data files. With a `memo` (and a tracked catalog), each record's entry and each claim's row
    is taken from the last build where the record and what it shows are unchanged."""
    files = [
        OutputFile(JSON_FILE, _json(dataset(catalog, memo))),
        OutputFile(CSV_FILE, claims_csv(catalog, memo).encode("utf-8")),
        OutputFile(f"{SCHEMA_DIR}/{DATASET_SCHEMA}", _json(dataset_schema())),
    ]
    files += [OutputFile(f"{SCHEMA_DIR}/{name}", text.encode("utf-8")) for name, text in render_schemas().items()]
    return files


def _json(data: Any) -> bytes:
    # Compact: without indentation, the json module encodes in C, ten times as fast for a large dataset.
    return (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def dataset(catalog: Catalog, memo: Memo | None = None) -> dict[str, Any]:
    """Every record, exactly as its schema describes it, keyed by id under its folder's name; a claim's
    `cameo` is its own or its kind's (see `cameo.py`)."""
    def entry(folder: str, record_id: str) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            record = getattr(catalog, folder)[record_id]
            data = dict(record.model_dump(mode="json", exclude_none=True))
            if folder == "claims" and (code := cameo_code(record)):
                data["cameo"] = code  # the kind's code where the claim sets none: every user reads the same field
            return data
        return memo(("record", folder, record_id), (), make) if memo is not None else make()

    return {
        folder: {record_id: entry(folder, record_id) for record_id in getattr(catalog, folder)}
        for folder in sorted(RECORD_TYPES)
    }


def dataset_schema() -> dict[str, Any]:
    """claims.json's schema: each folder an object of records, each record checked by its own schema."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Explainer dataset",
        "type": "object",
        "additionalProperties": False,
        "required": sorted(RECORD_TYPES),
        "properties": {
            folder: {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {"$ref": schema_file_name(folder)},
            }
            for folder in sorted(RECORD_TYPES)
        },
    }


def claims_csv(catalog: Catalog, memo: Memo | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def row(claim_id: str) -> dict[str, str]:
        return memo(("row", claim_id), (), lambda: _row(catalog, claim_id)) if memo else _row(catalog, claim_id)

    for claim_id in catalog.claim_order:
        writer.writerow(row(claim_id))
    return out.getvalue()


def _row(catalog: Catalog, claim_id: str) -> dict[str, str]:
    claim = catalog.claims[claim_id]
    dates, code = claim.dates, cameo_code(claim)
    return {column: _cell(value) for column, value in {
        "id": claim_id,
        "page": site_url_of(Paths.claim(claim_id)),
        "kind": claim.kind,
        "actor": claim.actor,
        "actor_name": catalog.actors[claim.actor].name,
        "co_actors": ";".join(claim.co_actors),
        "addressees": ";".join(claim.addressees),
        "summary": claim.summary,
        "issue": claim.issue or "",
        "regions": ";".join(f"{m.region}:{m.role}" for m in claim.regions),
        "happened": dates.happened.date.iso,
        "happened_basis": dates.happened.basis,
        "reported": dates.reported.date.iso,
        "reported_basis": dates.reported.basis,
        "deadline": dates.deadline.date.iso if dates.deadline else "",
        "scheduled": dates.scheduled.date.iso if dates.scheduled else "",
        "attribution": claim.attribution.level,
        "attribution_detail": claim.attribution.detail or "",
        "standing": claim.standing,
        "independent_sources": str(len(catalog.independent_sources(claim_id))),
        "sources": ";".join(c.source for c in claim.sources),
        "cameo": code or "",
        "cameo_name": CAMEO_NAMES[code] if code else "",
        "summary_uk": claim.summary_uk or "",
        "actor_name_uk": catalog.actors[claim.actor].name_uk or "",
        "attribution_detail_uk": claim.attribution.detail_uk or "",
    }.items()}


def _cell(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs: prefix it so it stays text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
