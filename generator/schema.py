"""The JSON Schemas in `content/schema/`, generated from the record models (see `records`)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .records import RECORD_NAMES, RECORD_TYPES, schema_for

SCHEMA_FOLDER = "schema"


def schema_file_name(folder: str) -> str:
    """'claims' → 'claim.schema.json'."""
    return f"{RECORD_NAMES[folder]}.schema.json"


def render_schemas() -> dict[str, str]:
    """File name → the schema's text, exactly as committed."""
    return dict(_schema_texts())


@functools.cache
def _schema_texts() -> tuple[tuple[str, str], ...]:
    # The schemas follow from the code alone: made once per process, not on every build of the preview.
    return tuple(
        (schema_file_name(folder), json.dumps(schema_for(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        for folder, model in sorted(RECORD_TYPES.items())
    )


def write_schemas(content_dir: Path) -> list[Path]:
    """Write the schemas where they changed; return the files written."""
    directory = content_dir / SCHEMA_FOLDER
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
