"""Read the YAML files of `content/` into plain data, remembering where every value was written.

Only the YAML that records need is accepted: mappings, lists, strings, numbers, booleans, null and
dates. Tags, anchors and aliases, duplicate keys, oversized files and text that is not UTF-8 are
reported as problems with their line, never executed, expanded or silently resolved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .problems import Problem, look_alike
from .records import ID_PATTERN, RECORD_TYPES

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24

# The libyaml parser is several times faster than the pure-Python one; both give the same nodes.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: ('sources', 0, 'quote')."""


@dataclass(frozen=True)
class Document:
    """One YAML file's data, with the line and column of each value. Immutable, its data too (mappings are
    read-only, lists are tuples): a document is reused by every build while its file's bytes are the same,
    so nothing a build does may change it."""

    path: str  # as shown to editors, relative to the working directory where possible
    folder: str  # 'claims', 'actors', …
    id: str
    data: Mapping[str, Any]
    positions: Mapping[Path_, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", frozen(self.data))
        object.__setattr__(self, "positions", MappingProxyType(dict(self.positions)))

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of the deepest written value along `path` (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return (1, 1)

    def problem(self, path: Path_, message: str) -> Problem:
        line, column = self.position(path)
        return Problem(self.path, line, column, format_field(path), message)


def frozen(value: Any) -> Any:
    """Parsed YAML made read-only all the way down."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    return value


def format_field(path: Path_) -> str:
    """('sources', 0, 'quote') → 'sources[0].quote'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def record_files(content_dir: Path, skip: Collection[Path] = ()) -> Iterator[tuple[str, Path]]:
    """Every record file, as (folder, path), in a stable order; never one of `skip` (links refused)."""
    for folder in sorted(RECORD_TYPES):
        directory = content_dir / folder
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                if _looks_like_a_record(path) and path.is_file() and path not in skip:
                    yield folder, path


def _looks_like_a_record(path: Path) -> bool:
    # '.yml' and '.YAML' are read, to be reported as misnamed records rather than passed over.
    return path.suffix.lower() in (".yaml", ".yml")


def stray_files(content_dir: Path) -> list[Problem]:
    """Files and folders in a record folder that are not records: not read, so an editor is told (a warning;
    `--strict` makes it an error). Hidden files (`.DS_Store`, an editor's swap file) are passed over."""
    found = []
    for folder in sorted(RECORD_TYPES):
        directory = content_dir / folder
        if not directory.is_dir():
            continue
        with os.scandir(directory) as entries:  # the file type comes with the listing: no call per record
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    message = f"a folder inside content/{folder}/ is not read; records sit directly in content/{folder}/"
                elif not entry.name.lower().endswith((".yaml", ".yml")):
                    message = (f"not a record file (records end in '.yaml'), so it is not read; "
                               f"move it out of content/{folder}/")
                else:
                    continue
                found.append(Problem(display_path(directory / entry.name), 1, 1, "", message))
    return sorted(found, key=lambda problem: problem.sort_key)


@dataclass
class Loaded:
    documents: list[Document]
    problems: list[Problem]
    ids: dict[str, set[str]]  # folder → the id of every record file, readable or not


FileCache = dict[Path, tuple[bytes, Document | None, list[Problem]]]
"""What each file held when last read, and what was read from it: a file whose bytes are the same is not
parsed again. Only files with a valid name are kept, since the problems of others depend on their siblings."""


def load_content(content_dir: Path, cache: FileCache | None = None, skip: Collection[Path] = ()) -> Loaded:
    files = list(record_files(content_dir, skip))
    loaded = Loaded([], [], {folder: set() for folder in RECORD_TYPES})
    for folder, path in files:
        loaded.ids[folder].add(path.stem)
    kept: FileCache = {}
    for folder, path in files:
        raw = path.read_bytes()
        before = cache.get(path) if cache is not None else None
        if before is not None and before[0] == raw:
            document, found = before[1], before[2]
        else:
            document, found = load_file(path, folder, loaded.ids[folder], raw)
        if re.match(ID_PATTERN, path.stem):
            kept[path] = (raw, document, found)
        loaded.problems.extend(found)
        if document is not None:
            loaded.documents.append(document)
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return loaded


def load_file(path: Path, folder: str, siblings: Iterable[str] = (),
              raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    shown = display_path(path)
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        return None, [Problem(shown, 1, 1, "", "record files end in '.yaml'; rename this file")]
    record_id = path.stem
    if not re.match(ID_PATTERN, record_id):
        # Bob.yaml beside bob.yaml, or bоb.yaml with a Cyrillic о: one record to a reader (and to some disks).
        same = look_alike(record_id, siblings)
        clash = f"; it reads the same as '{same}'" if same else ""
        problems.append(
            Problem(shown, 1, 1, "", f"the file name '{record_id}' is the record's id and may hold only "
                    f"lower-case letters a-z, digits and single hyphens{clash}")
        )
    raw = path.read_bytes() if raw is None else raw
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, 1, 1, "", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown, line, column, "", "the file is not UTF-8 text; save it as UTF-8")]
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add is harmless
    data, positions, found = parse_yaml(text, shown)
    problems.extend(found)
    if data is None:
        return None, problems
    return Document(shown, folder, record_id, data, positions), problems


def parse_yaml(text: str, shown: str) -> tuple[dict[str, Any] | None, dict[Path_, tuple[int, int]], list[Problem]]:
    if "*" in text:  # only then can there be an alias; the check re-reads the text, so it is skipped otherwise
        alias = _first_alias(text, shown)
        if alias is not None:
            return None, {}, [alias]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, {}, [_syntax_problem(error, shown)]
    except RecursionError:
        return None, {}, [Problem(shown, 1, 1, "", f"nesting is deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()
    if node is None:
        return None, {}, [Problem(shown, 1, 1, "", "the file is empty; a record is a mapping of fields")]
    builder = _Builder(loader, shown)
    data = builder.build(node, ())
    if builder.problems:
        return None, {}, builder.problems
    if not isinstance(data, dict):
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, {}, [Problem(shown, line, column, "", f"the file holds {kind}; a record is a mapping of fields")]
    return data, builder.positions, []


def _first_alias(text: str, shown: str) -> Problem | None:
    """Aliases (`*name`) repeat a value written elsewhere; nested, they expand exponentially ("billion
    laughs"). Records never need them: the first is reported where it is used, and the file is not read."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                return Problem(shown, line, column, "",
                               "anchors and aliases (& and *) are not allowed; write the value out")
    except yaml.YAMLError:
        return None  # reported as a syntax error by the full read
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{error.context}, {message}"
        started = error.context_mark
        if started is not None and mark is not None and started.line != mark.line:
            message += f" (it began on line {started.line + 1})"
    if "tab" in message or "'\\t'" in message:
        message += " (indent with spaces, not tabs)"
    return Problem(shown, line, column, "", f"YAML syntax error: {message}")


class _Builder:
    """Turns a composed YAML node tree into Python data, refusing what records never need."""

    def __init__(self, loader: yaml.SafeLoader, shown: str) -> None:
        self.loader = loader
        self.shown = shown
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _fail(self, node: yaml.Node, path: Path_, message: str, at_node: bool = False) -> None:
        # Prefer the key's position: "field: value" is read by its key's line.
        line, column = (not at_node and self.positions.get(path)) or (node.start_mark.line + 1, node.start_mark.column + 1)
        self.problems.append(Problem(self.shown, line, column, format_field(path), message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        # Aliases never reach here: `_first_alias` refuses a file that has one before it is composed.
        if len(path) > MAX_DEPTH:
            self._fail(node, path, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP_TAG:
            # Kept as written: the record format reads dates itself, with clearer messages than YAML's.
            return node.value
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            try:
                return self.loader.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError) as error:
                self._fail(node, path, f"cannot read this value: {error}")
                return None
        self._fail(node, path, f"the tag '{node.tag}' is not allowed; records hold plain values only")
        return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                self._fail(key_node, path, "a field name must be plain text")
                continue
            key = key_node.value
            if key in result:
                first = self.positions.get((*path, key), (0, 0))[0]
                self._fail(key_node, (*path, key), f"the field is given twice (first on line {first})", at_node=True)
                continue
            # Point at the key: "field: value" is read by its key's line.
            self.positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key))
        return result
