"""The JSON Schemas editors' tools use: generated from the record format, committed, never stale."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.load import record_files
from generator.schema import SCHEMA_FOLDER, render_schemas, schema_file_name

from .conftest import ROOT

CONTENT = ROOT / "content"


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in render_schemas().items():
        committed = CONTENT / SCHEMA_FOLDER / name
        assert committed.read_text(encoding="utf-8") == text, (
            f"{committed} is stale: run `python -m generator schema` and commit the result"
        )


def test_schemas_are_draft_07() -> None:
    for text in render_schemas().values():
        schema = json.loads(text)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in text
        jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize(("folder", "path"), list(record_files(CONTENT)), ids=lambda v: getattr(v, "name", v))
def test_every_record_names_its_schema_and_satisfies_it(folder: str, path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{schema_file_name(folder)}"
    schema = json.loads((CONTENT / SCHEMA_FOLDER / schema_file_name(folder)).read_text(encoding="utf-8"))
    # Editors' tools read YAML dates as text, as the language server does.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    jsonschema.Draft7Validator(schema).validate(_typed(data))


def _typed(value):
    """BaseLoader reads every scalar as text; give booleans and integers back their type, as the language
    server does (dates stay text)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return {"true": True, "false": False}.get(value, value)


def test_the_schema_rejects_what_the_format_rejects() -> None:
    schema = json.loads(render_schemas()["actor.schema.json"])
    errors = list(jsonschema.Draft7Validator(schema).iter_errors({"name": "X", "kind": "person", "nmae": "Y"}))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('nmae' was unexpected)"]
