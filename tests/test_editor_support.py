"""Editors get completion and checking while typing: `.vscode/settings.json` maps each record folder to its
JSON Schema (Red Hat's YAML extension), and that mapping agrees with the `$schema` line of every file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.records import RECORD_TYPES
from generator.schema import schema_file_name

from .conftest import ROOT

CONTENT = ROOT / "content"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def settings() -> dict[str, object]:
    data = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def schema_map() -> dict[Path, list[str]]:
    """Schema file (absolute) → the glob patterns mapped to it, as the YAML extension reads them."""
    mapping = settings()["yaml.schemas"]
    assert isinstance(mapping, dict)
    result: dict[Path, list[str]] = {}
    for schema, patterns in mapping.items():
        assert not re.match(r"^[a-z]+://", schema), f"{schema}: a local schema, never fetched from elsewhere"
        result[(ROOT / schema).resolve()] = [patterns] if isinstance(patterns, str) else list(patterns)
    return result


def schema_for_folder() -> dict[str, Path]:
    """Record folder → the schema mapped to its files. Each pattern must be `content/<folder>/*.yaml`: the
    files directly in one folder, read alike by every glob matcher, so that no matching is left to guess."""
    result: dict[str, Path] = {}
    for schema, patterns in schema_map().items():
        for pattern in patterns:
            parts = pattern.split("/")
            assert len(parts) == 3 and parts[0] == "content" and parts[2] == "*.yaml", (
                f"{pattern}: a record folder's pattern is content/<folder>/*.yaml")
            assert parts[1] not in result, f"content/{parts[1]}/ is mapped twice"
            result[parts[1]] = schema
    return result


def record_files() -> list[Path]:
    return sorted(path for folder in RECORD_TYPES for path in (CONTENT / folder).glob("*.yaml"))


def test_every_mapped_schema_exists_and_is_a_json_schema() -> None:
    for schema in schema_map():
        assert schema.is_file(), f"{schema.relative_to(ROOT)} is mapped in .vscode/settings.json but does not exist"
        assert "$schema" in json.loads(schema.read_text(encoding="utf-8")), schema


def test_every_record_folder_is_mapped_to_its_own_schema() -> None:
    folders_with_yaml = {path.parent.name for path in CONTENT.glob("*/*.yaml")}
    assert folders_with_yaml <= set(RECORD_TYPES), "a folder of YAML files that holds no known record type"
    assert schema_for_folder() == {
        folder: (CONTENT / "schema" / schema_file_name(folder)).resolve() for folder in RECORD_TYPES
    }


def test_the_mapping_agrees_with_each_files_schema_line() -> None:
    files = record_files()
    assert files
    mapped = schema_for_folder()
    disagreements = []
    for path in files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first_line)
        shown = path.relative_to(ROOT)
        if match is None:
            disagreements.append(f"{shown}:1: no '# yaml-language-server: $schema=' line first")
            continue
        named = (path.parent / match.group(1)).resolve()
        if mapped.get(path.parent.name) != named:
            disagreements.append(f"{shown}: its line names {match.group(1)}, settings.json maps it to "
                                 f"{mapped.get(path.parent.name)}")
    assert disagreements == []


def test_the_yaml_extension_is_recommended() -> None:
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    yaml_settings = settings()["[yaml]"]
    assert isinstance(yaml_settings, dict) and yaml_settings["editor.insertSpaces"] is True  # a tab breaks YAML
