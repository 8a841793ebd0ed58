"""When each record file was first added and last changed, from the git history of `content/`.

One `git log` call covers every file, so the cost does not grow with the number of builds of a page.
Outside a git checkout, or without git, there is no history and pages simply do not show it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .partial_date import PartialDate


@dataclass(frozen=True)
class FileHistory:
    added: PartialDate
    changed: PartialDate


def read_history(content_dir: Path) -> dict[str, FileHistory]:
    """'claims/x.yaml' → its first and last commit dates; empty where git cannot tell."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        top = subprocess.run([git, "rev-parse", "--show-toplevel"], cwd=content_dir, capture_output=True,
                             text=True, timeout=30, check=True).stdout.strip()
        log = subprocess.run(
            [git, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=content_dir, capture_output=True, text=True, timeout=120, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = content_dir.resolve().relative_to(Path(top).resolve()).as_posix()
    return _parse(log, prefix + "/" if prefix != "." else "")


def _parse(log: str, prefix: str) -> dict[str, FileHistory]:
    """Commits come newest first: the first date seen for a file is its last change, the last its addition."""
    changed: dict[str, PartialDate] = {}
    added: dict[str, PartialDate] = {}
    for block in log.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        date = PartialDate(day.year, day.month, day.day)
        for name in lines[1:]:
            if name.startswith(prefix):
                relative = name[len(prefix):]
                changed.setdefault(relative, date)
                added[relative] = date
    return {name: FileHistory(added[name], changed[name]) for name in sorted(changed)}
