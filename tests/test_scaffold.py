"""`python -m generator new`: a valid, commented record in one command, or a clear refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.pipeline import check

from .test_cli import run


def test_new_claim_from_options_is_valid_and_named(content: Path) -> None:
    result = run("--content", str(content), "new", "claim", "--kind", "demand", "--actor", "alice",
                 "--summary", 'Alice demanded: "all" of Kherson', "--happened", "2025-08-21",
                 "--reported", "2025-08", "--attribution", "unnamed-sources", "--source", "daily-article",
                 "--quote", "Alice offered parts of Kherson.", cwd=content.parent)
    assert result.returncode == 0, result.stderr
    path = content.parent / result.stdout.strip()  # printed relative to where the command ran
    assert path.name == "alice-demanded-all-of-kherson.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/claim.schema.json\n")
    assert "# addressees:" in text and "# co_actors:" in text and "# regions:" in text  # optional fields shown, commented out
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    claim = catalog.claims["alice-demanded-all-of-kherson"]
    assert claim.summary == 'Alice demanded: "all" of Kherson'
    assert claim.dates.reported.date.precision == "month"


def test_new_refuses_unknown_references_and_writes_nothing(content: Path) -> None:
    before = sorted(p.name for p in (content / "claims").iterdir())
    result = run("--content", str(content), "new", "claim", "--actor", "alise", "--summary", "x",
                 "--happened", "2025", "--reported", "2025", "--source", "nope", "--quote", "q", cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/claims/x.yaml:4:1: actor: unknown actor 'alise'; did you mean 'alice'?",
        "content/claims/x.yaml:31:5: sources[0].source: unknown source 'nope'",
        "Nothing was written.",
    ]
    assert sorted(p.name for p in (content / "claims").iterdir()) == before


def test_new_never_overwrites(content: Path) -> None:
    original = (content / "actors" / "bob.yaml").read_bytes()
    result = run("--content", str(content), "new", "actor", "--id", "bob", "--name", "Bob", cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "content/actors/bob.yaml already exists; choose another id with --id"
    assert (content / "actors" / "bob.yaml").read_bytes() == original


def test_new_names_what_is_missing_when_it_cannot_ask(content: Path) -> None:
    result = run("--content", str(content), "new", "region", cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "missing: --iso, --name, --name-uk (give them as options, or run in a terminal to be asked)")


def test_new_asks_in_a_terminal(content: Path) -> None:
    # A pseudo-terminal, as an editor has: the command asks, with the choices and defaults shown.
    import pty

    answers = iter(["Carol Example\n", "\n"])  # the name; then Enter for the default kind
    output = b""
    pid, fd = pty.fork()
    if pid == 0:  # the child runs the command
        os.chdir(content.parent)
        os.execv(sys.executable, [sys.executable, "-m", "generator", "--content", str(content), "new", "actor"])
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if chunk.rstrip().endswith(b":"):
            os.write(fd, next(answers, "\n").encode())
    _, status = os.waitpid(pid, 0)
    text = output.decode()
    assert "Name, as readers know it:" in text
    assert "What sort of actor [person/state/organisation/media-outlet] (default: person):" in text
    assert os.waitstatus_to_exitcode(status) == 0, text
    created = content / "actors" / "carol-example.yaml"
    assert "name: Carol Example\nkind: person" in created.read_text()
    assert subprocess.run([sys.executable, "-m", "generator", "--content", str(content), "check"],
                          capture_output=True).returncode == 0


def test_new_takes_a_range_for_when_it_happened(content: Path) -> None:
    result = run("--content", str(content), "new", "claim", "--actor", "alice", "--summary", "Alice said it before",
                 "--happened", "../2025-07", "--reported", "2025-07", "--source", "daily-article", "--quote", "q",
                 cwd=content.parent)
    assert result.returncode == 0, result.stderr
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    assert catalog.claims["alice-said-it-before"].dates.happened.date.label == "on or before July 2025"
