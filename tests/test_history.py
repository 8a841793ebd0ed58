"""Record history on claim pages: dates from git, corrections from the record; nothing outside a checkout."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.history import FileHistory, _parse, read_history
from generator.partial_date import PartialDate
from generator.pipeline import check, generate

from .conftest import ROOT

TEMPLATES = ROOT / "theme" / "templates"


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_the_log_is_read_newest_first() -> None:
    log = "\0" + "2025-09-02\n\ncontent/claims/a.yaml\n" + "\0" + "2025-08-01\n\ncontent/claims/a.yaml\ncontent/claims/b.yaml\n"
    day = PartialDate.parse
    assert _parse(log, "content/") == {
        "claims/a.yaml": FileHistory(added=day("2025-08-01"), changed=day("2025-09-02")),
        "claims/b.yaml": FileHistory(added=day("2025-08-01"), changed=day("2025-08-01")),
    }


def claim_page(content: Path) -> str:
    return {p.path: p.markdown for p in generate(content, TEMPLATES).pages}["claims/bob-refuses.md"]


def test_claim_pages_show_when_their_record_was_added_and_changed(content: Path) -> None:
    repo = content.parent
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "First records", date="2025-08-01T12:00:00+00:00")
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("Bob refused", "Bob refused outright")
                     + "corrections:\n  - date: 2025-09-02\n    note: The summary said Bob hesitated; he refused.\n")
    git(repo, "commit", "-q", "-am", "Correct Bob's refusal", date="2025-09-02T09:00:00+00:00")

    assert read_history(content)["claims/bob-refuses.yaml"] == FileHistory(
        PartialDate.parse("2025-08-01"), PartialDate.parse("2025-09-02"))
    page = claim_page(content)
    assert "This record was added on 1 August 2025 and last changed on 2 September 2025" in page
    assert "- **2 September 2025**: The summary said Bob hesitated; he refused\\." in page


def test_outside_a_checkout_there_is_no_history(content: Path) -> None:
    assert read_history(content) == {}  # the temporary folder is in no git checkout
    assert "Record history" not in claim_page(content)


def test_a_correction_must_name_its_day(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text() + "corrections:\n  - date: 2025-09\n    note: Fixed.\n")
    _, problems = check(content)
    assert [p.message for p in problems] == ["'2025-09' names no day: a correction is dated YYYY-MM-DD"]
