"""Symbolic links that lead out of the project are refused, before anything is read through them.

A pull request can add a link named `content/claims/x.yaml` that points at `/etc/passwd`: followed, the build
would read the machine's files and show them in messages or pages. As Jekyll's safe mode and Hugo do, a link
is followed only if it leads to a place inside the project (the folder of `mkdocs.yml`, which holds
`content/` and `theme/`); any other is reported, naming the link, and not read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .load import display_path
from .problems import Problem


def links_leaving(root: Path, folders: Iterable[Path]) -> dict[Path, Problem]:
    """Every symbolic link in `folders` (or in a folder reached through a link in them) that leads outside
    `root`, as the build would reach it, with its problem."""
    inside = root.resolve()
    problems: dict[Path, Problem] = {}
    walked: set[Path] = set()
    for folder in folders:
        if folder.is_symlink() and not _within(folder.resolve(), inside):
            problems[folder] = _problem(folder)
        elif folder.is_dir():
            _walk(folder, inside, walked, problems)
    return problems


def _walk(folder: Path, inside: Path, walked: set[Path], problems: dict[Path, Problem]) -> None:
    real = folder.resolve()
    if real in walked:  # a link back up the tree, or a folder reached by two ways
        return
    walked.add(real)
    with os.scandir(folder) as entries:  # the file type comes with the listing: no call per plain file
        for entry in entries:
            if entry.is_symlink():
                path = folder / entry.name  # as the build reads it, through any link on the way
                if not _within(path.resolve(), inside):
                    problems[path] = _problem(path)
                elif path.is_dir():
                    _walk(path, inside, walked, problems)
            elif entry.is_dir():
                _walk(folder / entry.name, inside, walked, problems)


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _problem(link: Path) -> Problem:
    return Problem(display_path(link), 1, 1, "",
                   f"a symbolic link to '{os.readlink(link)}', outside the project, is not read; "
                   "put the file itself in the project")
