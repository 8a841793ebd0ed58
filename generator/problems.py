"""Mistakes found in the content, reported to editors as `path:line:column: field: message`."""

from __future__ import annotations

import difflib
import unicodedata
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


# Letters of other scripts that look like Latin ones: an id typed with them looks right and never matches.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "α": "a", "ο": "o", "ν": "v",
    "ρ": "p", "τ": "t", "υ": "u", "ι": "i", "κ": "k", "ε": "e",
})


def skeleton(word: str) -> str:
    """What a word looks like: case and look-alike letters of other scripts ignored."""
    return unicodedata.normalize("NFKC", word).casefold().translate(_LOOK_ALIKES)


def look_alike(word: str, choices: Iterable[str]) -> str | None:
    """Another id that reads the same as `word` but is spelt with different characters, if any."""
    target = skeleton(word)
    return next((choice for choice in sorted(set(choices)) if choice != word and skeleton(choice) == target), None)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'putin'?' when a close match exists, else ''."""
    choices = sorted(set(choices))
    same = look_alike(word, choices)
    if same:
        return f"; did you mean '{same}'? (they differ only in upper-case or look-alike letters)"
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""
