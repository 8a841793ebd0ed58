"""`python -m generator`: what an editor sees on the command line."""

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GENERATOR_DEBUG"}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def break_content(content: Path) -> None:
    """Four kinds of mistake: a misspelt actor, a missing field, an impossible date, an unknown field."""
    claim = content / "claims" / "bob-refuses.yaml"
    text = claim.read_text().replace("actor: bob", "actor: bbo").replace("date: 2025-07-04", "date: 2025-06-31", 1)
    claim.write_text(text.replace("summary:", "summry:"))
    actor = content / "actors" / "alice.yaml"
    actor.write_text(actor.read_text().replace("kind: person\n", ""))


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_check_passes_on_the_real_content() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_check_lists_every_mistake_with_file_and_line(content: Path) -> None:
    break_content(content)
    result = run("--content", str(content), "check", cwd=content.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/actors/alice.yaml:1:1: kind: required field is missing",
        "content/claims/bob-refuses.yaml:1:1: summary: required field is missing",
        "content/claims/bob-refuses.yaml:2:1: actor: unknown actor 'bbo'; did you mean 'bob'?",
        "content/claims/bob-refuses.yaml:3:1: summry: unknown field 'summry'; did you mean 'summary'? (allowed here: "
        "actor, addressees, aliases, attribution, cameo, change, co_actors, corrections, dates, issue, kind, regions, relations, sources, standing, summary, summary_uk, text, text_uk)",
        "content/claims/bob-refuses.yaml:6:5: dates.happened.date: '2025-06-31' is not a real date: "
        "June 2025 has 30 days",
        "5 problems found in the content; nothing was published.",
    ]
    assert "Traceback" not in result.stderr


def test_a_missing_content_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run("--content", str(tmp_path / "nowhere"), "check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: no content folder at '{tmp_path / 'nowhere'}'"


def test_export_writes_only_what_changed(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--content", str(content), "--templates", str(ROOT / "theme" / "templates"), "export", str(out))
    first = run(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"76 pages and 34 files in {out}: 110 written, 0 removed, 0 unchanged"
    claim_page = out / "claims" / "bob-refuses.md"
    actor_page = out / "actors" / "alice.md"
    os.utime(claim_page, ns=(1, 1))
    os.utime(actor_page, ns=(1, 1))

    second = run(*args, cwd=tmp_path)
    assert second.stdout.strip() == f"76 pages and 34 files in {out}: 0 written, 0 removed, 110 unchanged"
    assert claim_page.stat().st_mtime_ns == 1 and actor_page.stat().st_mtime_ns == 1

    source = content / "claims" / "bob-refuses.yaml"
    source.write_text(source.read_text().replace("Bob refused", "Bob flatly refused"))
    third = run(*args, cwd=tmp_path)
    assert third.returncode == 0
    assert "Bob flatly refused" in claim_page.read_text()
    assert actor_page.stat().st_mtime_ns == 1  # alice's page does not show Bob's claim: untouched
    before_deletion = tree(out)

    # Deleting a claim removes its pages; editing another rewrites the pages that show it.
    (content / "claims" / "bob-refuses.yaml").unlink()
    offer = content / "claims" / "alice-offers-kherson.yaml"
    offer.write_text(offer.read_text().replace("Alice offered to give up", "Alice offered at last to give up"))
    fourth = run(*args, cwd=tmp_path)
    assert fourth.returncode == 0, fourth.stderr
    assert not claim_page.exists()
    assert "Alice offered at last to give up" in actor_page.read_text() and actor_page.stat().st_mtime_ns != 1
    # Exactly what a first export of the same content writes is left, and the summary counts what went.
    fresh = tmp_path / "fresh"
    assert run("--content", str(content), "--templates", str(ROOT / "theme" / "templates"), "export", str(fresh),
               cwd=tmp_path).returncode == 0
    left = tree(out)
    assert left == tree(fresh)
    gone = set(before_deletion) - set(left)
    assert {"claims/bob-refuses.md", "dates/2025/07/04.md"} <= gone  # Bob's claim was the day's only one
    assert f", {len(gone)} removed, " in fourth.stdout, fourth.stdout
