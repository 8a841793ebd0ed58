"""Reading YAML: positions, and every way a file can be unreadable, with the exact message."""

from pathlib import Path

import pytest

from generator.load import MAX_FILE_BYTES, load_file


def load(tmp_path: Path, text: str | bytes, name: str = "sample.yaml"):
    path = tmp_path / "claims" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_file(path, "claims")


def messages(problems) -> list[str]:
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" if p.field else f"{p.line}:{p.column}: {p.message}"
            for p in problems]


def test_positions_point_at_keys_and_list_items(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "kind: demand\nsources:\n  - source: a\n    quote: b\ndates:\n  happened: 2025\n")
    assert problems == []
    assert document.id == "sample"
    assert document.position(("sources", 0, "quote")) == (4, 5)
    assert document.position(("sources", 0)) == (3, 5)
    assert document.position(("dates", "happened")) == (6, 3)
    # A missing field points at the nearest written parent.
    assert document.position(("dates", "reported")) == (5, 1)


def test_dates_are_kept_as_written_for_the_format_to_read(tmp_path: Path) -> None:
    # YAML would turn 2025-07-03 into a date and fail on 2025-02-30 with its own message.
    document, problems = load(tmp_path, "a: 2025-07-03\nb: 2025-02-30\nc: 2025\n")
    assert problems == []
    assert document.data == {"a": "2025-07-03", "b": "2025-02-30", "c": 2025}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind: demand\n\tactor: putin\n",
         "2:1: YAML syntax error: while scanning a plain scalar, found a tab character that violates indentation "
         "(it began on line 1) (indent with spaces, not tabs)"),
        ('summary: "unclosed\n',
         "2:1: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream (it began on line 1)"),
        ("kind: demand\n  actor: putin\n",
         "2:8: YAML syntax error: mapping values are not allowed in this context"),
        ("kind: demand\nkind: offer\n", "2:1: kind: the field is given twice (first on line 1)"),
        ("kind: !!python/object/apply:os.system ['true']\n",
         "1:1: kind: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
         "records hold plain values only"),
        ("kind: !custom demand\n", "1:1: kind: the tag '!custom' is not allowed; records hold plain values only"),
        ("a: &x demand\nb: *x\n", "2:4: anchors and aliases (& and *) are not allowed; write the value out"),
        ("", "1:1: the file is empty; a record is a mapping of fields"),
        ("# only a comment\n", "1:1: the file is empty; a record is a mapping of fields"),
        ("- kind: demand\n", "1:1: the file holds a list; a record is a mapping of fields"),
        ("just text\n", "1:1: the file holds a single value; a record is a mapping of fields"),
        ("--- {a: 1}\n--- {b: 2}\n",
         "2:1: YAML syntax error: expected a single document in the stream, but found another document "
         "(it began on line 1)"),
    ],
)
def test_unreadable_yaml_is_reported_with_its_position(tmp_path: Path, text: str, expected: str) -> None:
    document, problems = load(tmp_path, text)
    assert document is None
    assert messages(problems) == [expected]


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    document, problems = load(tmp_path, b"kind: demand\nsummary: caf\xe9\n")
    assert document is None
    assert messages(problems) == ["2:13: the file is not UTF-8 text; save it as UTF-8"]


def test_a_byte_order_mark_is_harmless(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "\ufeffkind: demand\n")
    assert problems == [] and document.data == {"kind": "demand"}


def test_oversized_files_are_refused_unread(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")
    assert document is None
    assert messages(problems) == [f"1:1: file is {MAX_FILE_BYTES + 4:,} bytes; the limit is {MAX_FILE_BYTES:,}"]


def test_file_names_must_be_ids(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "kind: demand\n", name="Putin Demands.yaml")
    assert messages(problems) == [
        "1:1: the file name 'Putin Demands' is the record's id and may hold only lower-case letters a-z, "
        "digits and single hyphens"
    ]


def test_yml_files_are_named_as_mistakes(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "kind: demand\n", name="claim.yml")
    assert messages(problems) == ["1:1: record files end in '.yaml'; rename this file"]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "a: " + "[" * 40 + "]" * 40 + "\n")
    assert document is None
    assert messages(problems)[0].endswith("nesting is deeper than 24 levels")


def test_a_loaded_document_cannot_be_changed(tmp_path: Path) -> None:
    """Every build reuses a document while its file's bytes are the same: nothing may change it in between."""
    document, _ = load(tmp_path, "kind: demand\nsources:\n  - source: a\n    quote: b\n")
    sources = document.data["sources"]
    assert sources == ({"source": "a", "quote": "b"},)
    for change in (lambda: document.data.__setitem__("kind", "offer"), lambda: sources[0].__setitem__("quote", "c"),
                   lambda: sources.append({}), lambda: document.positions.__setitem__(("kind",), (9, 9))):
        with pytest.raises((TypeError, AttributeError)):
            change()
    with pytest.raises(AttributeError):
        document.data = {}  # type: ignore[misc]
    assert document.data["kind"] == "demand" and document.data["sources"][0]["quote"] == "b"
