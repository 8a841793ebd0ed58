"""The addresses the site has published, kept in `content/published.txt`, so that none is dropped unnoticed.

The file lists the address of every record page and of every old address an alias keeps, one a line; it
is committed with the content, so `python -m generator check`, `mkdocs build` (in CI too) and the
preview all read the same list. An address in the list that no record or alias serves any more is a
problem, reported at its line: the record was renamed or deleted without leaving an alias. New addresses
join the list with `python -m generator published --update`, which never removes one; an address
withdrawn on purpose is deleted from the file by hand, in a commit that says why.
"""

from __future__ import annotations

import re
from pathlib import Path

from .aliases import RECORD_PAGES, address, aliases_in
from .load import Document, display_path
from .problems import Problem
from .records import RECORD_NAMES

PUBLISHED = "published.txt"
"""In `content/`."""

HEADER = """\
# Every address of a record page this site has published, one a line: readers cite them, so each must
# keep working. `python -m generator check` and `mkdocs build` refuse content that no longer serves one;
# a renamed or merged record keeps its old id in `aliases`. Add new addresses with
# `python -m generator published --update` (see CONTRIBUTING.md, "Renaming or merging a record").
"""

_ADDRESS = re.compile(rf"^({'|'.join(RECORD_PAGES)})/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


def served(documents: list[Document]) -> set[str]:
    """Every address the records give: their pages' and their aliases'."""
    found: set[str] = set()
    for document in documents:
        if document.folder in RECORD_PAGES:
            found.add(address(document.folder, document.id))
            found.update(address(document.folder, alias) for _, alias in aliases_in(document))
    return found


def listed(content_dir: Path) -> list[tuple[int, str]]:
    """The addresses in the list, each with its line; none if there is no list yet."""
    path = content_dir / PUBLISHED
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def check_published(content_dir: Path, documents: list[Document]) -> list[Problem]:
    """A problem for each listed address that is malformed or that nothing serves any more."""
    shown = display_path(content_dir / PUBLISHED)
    serving = served(documents)
    problems = []
    for line, entry in listed(content_dir):
        match = _ADDRESS.match(entry)
        if match is None:
            problems.append(Problem(shown, line, 1, "", f"'{entry}' is not the address of a record page "
                                    f"({', '.join(f'{folder}/<id>/' for folder in RECORD_PAGES)})"))
        elif entry not in serving:
            folder, old_id = match.groups()
            kind = RECORD_NAMES[folder]
            problems.append(Problem(
                shown, line, 1, entry,
                f"this address was published and would no longer be served: no {kind} has the id '{old_id}' or "
                f"lists it in its aliases. If the {kind} was renamed or merged, add '{old_id}' to the `aliases` "
                f"of the {kind} that replaces it",
            ))
    return problems


def unlisted(content_dir: Path, documents: list[Document]) -> list[str]:
    """Addresses the records serve that the list does not hold yet, in order."""
    return sorted(served(documents) - {entry for _, entry in listed(content_dir)})


def update_published(content_dir: Path, documents: list[Document]) -> list[str]:
    """Adds every address now served to the list, keeping those it holds and its comments (gathered at its
    top); returns those added."""
    added = unlisted(content_dir, documents)
    every = sorted({entry for _, entry in listed(content_dir)} | set(added))
    path = content_dir / PUBLISHED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.is_file() else []
    header = "".join(line for line in lines if line.startswith("#")) or HEADER  # the editors' words, if any
    path.write_text(header + "".join(f"{entry}\n" for entry in every), encoding="utf-8")
    return added
