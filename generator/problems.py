"""Mistakes found in the content, reported to editors as `path:line:column: field: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)


class ContentError(Exception):
    """Raised when the content cannot be published; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.sort_key)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [str(p) for p in problems]
    lines.append(f"{count} problem{'s' if count != 1 else ''} found in the content; nothing was published.")
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'putin'?' when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""
