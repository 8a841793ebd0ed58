"""Old addresses of renamed and merged records: the `aliases` of a record, checked, and where they lead.

A record page is cited by readers, so its address outlives the record's name. A record renamed from
`old-id` to `new-id` lists `old-id` in its `aliases`; a record merged into another leaves its id in the
survivor's. Each alias gives a redirect at the old address (`redirect_pages.py`), and the addresses once
published are kept in `content/published.txt` (`published.py`) so that none is dropped unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .load import Document, Path_
from .problems import Problem
from .records import RECORD_NAMES
from .urls import Paths, site_url_of

if TYPE_CHECKING:  # the catalog is built from validated records, and validation checks aliases
    from .catalog import Catalog

RECORD_PAGES: dict[str, Callable[[str], str]] = {
    "claims": Paths.claim,
    "actors": Paths.actor,
    "regions": Paths.region,
    "sources": Paths.source,
}
"""The record folders whose records have a page of their own (and may have aliases), with its path."""



def address(folder: str, record_id: str) -> str:
    """The address of a record's page from the site's root: 'claims/bob-refuses/'."""
    return site_url_of(RECORD_PAGES[folder](record_id))


@dataclass(frozen=True, order=True)
class Redirect:
    """An old address of a record, leading to its page."""

    folder: str
    old_id: str
    new_id: str

    @property
    def old_address(self) -> str:
        return address(self.folder, self.old_id)

    @property
    def new_address(self) -> str:
        return address(self.folder, self.new_id)


def redirects(catalog: Catalog) -> list[Redirect]:
    """Every alias of every record with a page, in order of address."""
    tables: dict[str, dict[str, Any]] = {"claims": catalog.claims, "actors": catalog.actors,
                                          "regions": catalog.regions, "sources": catalog.sources}
    return sorted(Redirect(folder, alias, record_id)
                  for folder, table in tables.items() for record_id, record in table.items()
                  for alias in record.aliases)


def aliases_in(document: Document) -> Iterator[tuple[Path_, str]]:
    """The aliases written in a record file, with where each is written; malformed ones are skipped (the
    record format reports them)."""
    values = document.data.get("aliases") if document.folder in RECORD_PAGES else None
    for index, value in enumerate(values if isinstance(values, tuple) else ()):  # a document's lists are tuples
        if isinstance(value, str):
            yield ("aliases", index), value


def renamed(documents: list[Document]) -> dict[tuple[str, str], str]:
    """(folder, old id) → the id of the record that lists it in its aliases: a reference to an old id is told
    the new one."""
    return {(document.folder, alias): document.id for document in documents for _, alias in aliases_in(document)}


def check_aliases(documents: list[Document], ids: dict[str, set[str]]) -> list[Problem]:
    """An alias names an address no record has any more: not a record's id, and no other record's alias."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], tuple[Document, Path_]] = {}  # (folder, alias) → where it was first given
    for document in sorted(documents, key=lambda d: d.path):
        for path, alias in aliases_in(document):
            kind = RECORD_NAMES[document.folder]
            earlier = first.get((document.folder, alias))
            if alias == document.id:
                message = f"'{alias}' is this {kind}'s own id; an alias is an id it had before"
            elif alias in ids[document.folder]:
                message = (f"'{alias}' is the id of another {kind}, whose page has that address; "
                           "an alias is an id no record has any more")
            elif earlier is not None and earlier[0] is document:
                message = f"'{alias}' is listed twice; keep one"
            elif earlier is not None:
                line, column = earlier[0].position(earlier[1])
                message = (f"'{alias}' is also an alias of the {kind} '{earlier[0].id}' "
                           f"({earlier[0].path}:{line}:{column}); an old address can lead to one record only")
            else:
                first[(document.folder, alias)] = (document, path)
                continue
            problems.append(document.problem(path, message))
    return problems
