"""Hostile and broken input, one case a file in `tests/hostile/`: each ends in an exact error naming the file
and line (the same from `check` and from `mkdocs build`), in an exact warning (an error with `--strict`), or in
a page that shows the text literally."""

from __future__ import annotations

import base64
import contextlib
import io
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.cli import main as cli_main

from .conftest import SMALL, make_project
from .html_pages import live_markup, page_file, parse

pytestmark = pytest.mark.build

CASES = sorted((Path(__file__).parent / "hostile").glob("*.yaml"))

# Fields that take editors' text, by record folder: (path in the record, the page that shows it).
TEXT_FIELDS = {
    "claims/hostile-claim.yaml": ("claims/hostile-claim/", ["summary", "text", "attribution.detail", "quote", "note"]),
    "actors/hostile-actor.yaml": ("actors/hostile-actor/", ["name", "title"]),
    "sources/hostile-source.yaml": ("sources/hostile-source/", ["publisher", "title", "author", "note", "published.note"]),
    "regions/hostile-region.yaml": ("regions/hostile-region/", ["name", "name_uk"]),
}


def every_text_field_files(one_line: str, paragraphs: str) -> dict[str, str]:
    """Valid records with a marked copy of the payload in every text field (prose fields get paragraphs)."""
    def q(field: str, text: str = one_line) -> str:
        return yaml.safe_dump(f"{field}: {text}", width=10_000, allow_unicode=True).removesuffix("\n...\n").strip()
    return {
        "actors/hostile-actor.yaml": f"name: {q('name')}\nkind: person\nroles:\n  - title: {q('title')}\n",
        "regions/hostile-region.yaml": f"iso: UA-23\nname: {q('name')}\nname_uk: {q('name_uk')}\n",
        "sources/hostile-source.yaml": (
            f"publisher: {q('publisher')}\ntitle: {q('title')}\nauthor: {q('author')}\n"
            f"published:\n  date: 2025-07\n  basis: inferred\n  note: {q('published.note')}\n"
            f"seen: true\nnote: {q('note', paragraphs)}\n"
        ),
        "claims/hostile-claim.yaml": (
            f"kind: statement\nactor: hostile-actor\nsummary: {q('summary')}\ntext: {q('text', paragraphs)}\n"
            f"regions:\n  - region: hostile-region\n    role: mentioned\n"
            f"dates:\n  happened:\n    date: 2025-07-05\n    basis: inferred\n    note: {q('note')}\n"
            f"  reported:\n    date: 2025-07-05\n    basis: stated\n"
            f"attribution:\n  level: on-record\n  detail: {q('attribution.detail')}\n"
            f"sources:\n  - source: hostile-source\n    quote: {q('quote')}\n"
        ),
    }


def prepare(case: dict[str, Any], root: Path) -> Path:
    """A project copy with the small fixture content and the case's files written over it."""
    project = make_project(root, SMALL)
    content = project / "content"
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in (case.get("files") or {}).items()}
    files |= {path: base64.b64decode(data) for path, data in (case.get("binary_files") or {}).items()}
    files |= {path: spec["repeat"].encode() * spec["times"] for path, spec in (case.get("generate") or {}).items()}
    if "every_text_field" in case:
        payload = case["every_text_field"]
        files |= {path: text.encode("utf-8") for path, text in
                  every_text_field_files(payload["one_line"], payload["paragraphs"]).items()}
    for path, data in files.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_bytes(data)
    # Symbolic links, made here since git would store them as links: paths relative to the project.
    for path, target in (case.get("links") or {}).items():
        link = project / path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(target)
    return project


def run_check(project: Path, *options: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(project):
        code = cli_main(["check", *options])
    return code, err.getvalue()


def problem_lines(problems: list[str]) -> list[str]:
    return [*problems, f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in the content; "
            "nothing was published."]


class _Errors(logging.Handler):
    def __init__(self, level: int = logging.ERROR) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(project: Path, warnings: list[str] | None = None, **options: Any) -> str | None:
    """Build as `mkdocs build --strict` does (the project's mkdocs.yml says `strict: true`); what it logs as
    an error if it stops, else None. Warnings logged go to `warnings` when given."""
    errors, warned = _Errors(), _Errors(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(errors)
    logger.addHandler(warned)
    try:
        with contextlib.chdir(project):
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), **options)
            mkdocs_build(config)
    except Abort:
        return "\n".join(errors.messages)
    finally:
        logger.removeHandler(errors)
        logger.removeHandler(warned)
        if warnings is not None:
            warnings.extend(warned.messages)
    return None


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_hostile_case(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    project = prepare(case, tmp_path / "project")
    code, messages = run_check(project)
    built = run_mkdocs(project)
    assert "Traceback" not in messages
    if "expect" in case:
        assert (code, messages.splitlines()) == (1, problem_lines(case["expect"]))
        assert built == messages.rstrip("\n"), "mkdocs build and check must give the same messages"
        return
    if "warn" in case:
        # A warning lets `check` pass; `check --strict` and `mkdocs build --strict` stop on it alike.
        assert (code, messages.splitlines()) == (0, [f"warning: {warning}" for warning in case["warn"]])
        code, messages = run_check(project, "--strict")
        assert (code, messages.splitlines()) == (1, problem_lines(case["warn"]))
        assert built == messages.rstrip("\n"), "mkdocs build --strict and check --strict must give the same messages"
        warned: list[str] = []
        assert run_mkdocs(project, warned, strict=False) is None
        # The plugin logs through MkDocs' plugin logger, which names it: "explainer: content/…".
        assert [message.removeprefix("explainer: ") for message in warned
                if message.removeprefix("explainer: ").startswith("content/")] == case["warn"]
        return
    assert code == 0 and built is None, messages or built
    site = project / "site"
    for html_file in site.rglob("*.html"):
        assert live_markup(parse(html_file)) == [], html_file.relative_to(site)
    literal = case["literal"]
    if literal.get("page"):
        assert literal["text"] in parse(page_file(site, literal["page"])).text
    if "every_text_field" in case:
        payload = case["every_text_field"]
        for page_url, fields in TEXT_FIELDS.values():
            text = parse(page_file(site, page_url)).text
            for field in fields:
                if field in ("text", "note") and page_url.startswith(("claims/", "sources/")) and field != "note" \
                        or (field == "note" and page_url.startswith("sources/")):
                    expected = " ".join(f"{field}: {payload['paragraphs']}".split())
                else:
                    expected = " ".join(f"{field}: {payload['one_line']}".split())
                assert expected in text, f"{page_url} does not show {field} literally"
