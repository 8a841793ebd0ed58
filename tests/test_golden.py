"""Golden output: `python -m generator export` of the small fixture content, every page and data file, equals
the expected files in tests/fixtures/small-expected/ byte for byte; a difference is shown as a diff.

After a change meant to alter the output, rewrite the expected files and review them with `git diff`:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator.cli import main as cli_main

from .conftest import FIXTURES, ROOT

EXPECTED = FIXTURES / "small-expected"
UPDATE = "run `.venv/bin/python -m pytest tests/test_golden.py --update-golden` and review the change with git diff"


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def exported(content: Path, out: Path) -> dict[str, bytes]:
    """A first export of `content` (a copy outside any git checkout: no record history) into `out`."""
    assert cli_main(["--content", str(content), "--templates", str(ROOT / "theme" / "templates"), "export", str(out)]) == 0
    return tree(out)


def diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(expected.decode("utf-8").splitlines(keepends=True),
                                 actual.decode("utf-8").splitlines(keepends=True),
                                 fromfile=f"expected/{name}", tofile=f"exported/{name}")
    return "".join(lines)


def test_the_export_of_the_small_site_is_the_expected_output(
        content: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    actual = exported(content, tmp_path / "out")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(tmp_path / "out", EXPECTED)
        pytest.skip(f"rewrote {EXPECTED.relative_to(ROOT)}: review it with git diff")
    expected = tree(EXPECTED)
    report = [f"missing: {name}" for name in sorted(set(expected) - set(actual))]
    report += [f"unexpected: {name}" for name in sorted(set(actual) - set(expected))]
    report += [diff(name, expected[name], actual[name]) for name in sorted(set(expected) & set(actual))
               if expected[name] != actual[name]]
    assert not report, "the export differs from tests/fixtures/small-expected/ (" + UPDATE + "):\n" + "\n".join(report)
