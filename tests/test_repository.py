"""The repository as committed: no file carries what an unfinished merge leaves behind."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT

MARKER = re.compile(r"^(<{7}|>{7}) ", re.MULTILINE)


def test_no_tracked_file_holds_merge_conflict_markers() -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    marked = []
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        path = ROOT / name
        if path.suffix in {".md", ".py", ".j2", ".yaml", ".yml", ".toml", ".html", ".txt", ".cfg"} and path.is_file():
            if MARKER.search(path.read_text(encoding="utf-8", errors="replace")):
                marked.append(name)
    assert marked == []
