"""A generated page: Markdown at a path, with the front matter the theme reads into its <head>; and the two
shapes a family of pages comes in (`pages.FAMILIES` lists them all)."""

from __future__ import annotations

import glob
import html
import json
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from .catalog import Catalog
from .reads import holds_tracked

if TYPE_CHECKING:
    from .reads import Memo


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. 'actors/putin.md'
    title: str  # plain text
    # Front matter (description, structured data, feed) and body, as UTF-8: a run holds every page at once,
    # and a str holding one character beyond Latin-1 (a curly quote, any Cyrillic) takes 2 to 4 bytes a character.
    # Empty for a page kept on disk (`stored`).
    encoded: bytes
    origin: str | None = None  # the content file the page shows, e.g. 'claims/putin-demands-donetsk.yaml'
    stored: str | None = None  # the file holding the page's bytes, for a page a `PageStore` kept

    @classmethod
    def of(cls, path: str, title: str, markdown: str, origin: str | None = None) -> Page:
        return cls(path, title, markdown.encode("utf-8"), origin)

    def read(self) -> bytes:
        if self.stored is None:
            return self.encoded
        with open(self.stored, "rb") as stored:
            return stored.read()

    @property
    def markdown(self) -> str:
        return self.read().decode("utf-8")


class PageStore:
    """A folder where the pages of a single run wait on disk, each at its own path, for MkDocs to read in the
    page's turn: a run at 10,000 claims makes about 800 MB of pages, which it then need not hold. Pages made in
    a forked process (`forked.py`) are written to the same folder and sent back as their paths alone."""

    PREFIX = "explainer-spool-"

    def __init__(self) -> None:
        # Made now, before any fork: a forked process writes into it, and this one removes it, at the latest
        # when it exits (a forked process ends by `os._exit`, which removes nothing). The folder is named for
        # this process, so that the next store removes what a killed build left.
        remove_abandoned_stores()
        self.folder: str | None = tempfile.mkdtemp(prefix=f"{self.PREFIX}{os.getpid()}-")
        self._removal = weakref.finalize(self, shutil.rmtree, self.folder, True)

    def keep(self, page: Page) -> Page:
        """The page with its bytes on disk."""
        return replace(page, encoded=b"", stored=self.write(page.path, page.encoded))

    def write(self, path: str, content: bytes) -> str:
        """`content` written at the page's `path` in the folder; the file's path."""
        if self.folder is None:
            raise RuntimeError("the page store was removed")
        target = os.path.join(self.folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(content)
        return target

    def holds(self, path: str | None) -> bool:
        return path is not None and self.folder is not None and path.startswith(self.folder + os.sep)

    def remove(self) -> None:
        self._removal()
        self.folder = None


def remove_abandoned_stores() -> None:
    """The page stores of processes that no longer run: builds killed before they could remove theirs."""
    for folder in glob.glob(os.path.join(tempfile.gettempdir(), PageStore.PREFIX + "*")):
        owner = os.path.basename(folder).removeprefix(PageStore.PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def front_matter(title: str, description: str, extra: dict[str, Any]) -> str:
    """Page metadata for the theme's <head>. MkDocs renders theme templates without autoescaping (Material
    writes `<title>{{ page.title }}`), so title and description are HTML-escaped here; structured data
    is emitted by the theme through `tojson`."""
    data = {
        "title": html.escape(" ".join(title.split()), quote=True),
        "description": html.escape(" ".join(description.split()), quote=True),
        **extra,
    }
    # JSON is YAML too, and writes many times faster than a YAML emitter: pages are numerous.
    # Not ensure_ascii: YAML reads no escaped surrogate pairs, so characters beyond U+FFFF stay as they are.
    # U+2028 and U+2029 would be line breaks to YAML: escaped.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "---\n" + text + "\n---\n\n"


NOT_SEARCHED: dict[str, Any] = {"search": {"exclude": True}}
"""Front matter of the pages that list claims by date alone (days, months, years, the positions at a month's
end and their comparisons): Material's search leaves them out. Every claim on them is found on its own page,
and its actor's, region's, source's and thread's; indexing them too listed each claim several times more
in the results and was about half of the search plugin's work in a build."""


@dataclass(frozen=True)
class IndexPage:
    """A family of one page, which exists whatever the content holds. Its title and description are messages
(marked `N_()` where written), put in the words of the catalog's edition."""

    template: str
    path: str
    title: str
    description: str
    meta: dict[str, Any] = field(default_factory=dict)  # front matter besides title and description
    intro: bool = False  # the template receives the hand-written introduction (`content/home.md`) as `intro`
    context: dict[str, Any] = field(default_factory=dict)  # the template's variables

    def entries(self, catalog: Catalog, intro: str, memo: tuple[Memo, Catalog] | None = None
                ) -> Iterator[dict[str, Any]]:
        words = catalog.edition.gettext
        yield {"path": self.path, "title": words(self.title), "description": words(self.description),
               "meta": self.meta or None, **({"intro": intro} if self.intro else {}), **self.context}


Column = Callable[[Catalog, Any], str]


@dataclass(frozen=True)
class PagesOf:
    """A family of a page for each key `each` gives (a record's id, a date, an issue). A path depends on
    the key alone, so an address never depends on what else is in the content."""

    template: str
    each: Callable[[Catalog], Iterable[Any]]
    path: Callable[[Any], str]
    title: Column
    description: Column
    origin: str | None = None  # the content folder of the record each page shows ('actors'), if any
    meta: Callable[[Catalog, Any], dict[str, Any]] | None = None  # front matter besides title and description
    context: Callable[[Catalog, Any], dict[str, Any]] = lambda catalog, key: {}  # the template's variables

    def entries(self, catalog: Catalog, intro: str, memo: tuple[Memo, Catalog] | None = None
                ) -> Iterator[dict[str, Any]]:
        """Each page's template call. With `memo` (the preview's, and its tracked view of the catalog), a
        page's call is taken from the last build where nothing it read has changed: computing every page's
        title, description and structured data was a third of a rebuild at 10,000 claims. The keys are
        found in the catalog itself, which is faster to read than the view."""
        for key in self.each(catalog):
            if memo is None:
                yield self.entry(catalog, key)
            else:
                calls, view = memo
                yield calls((self.template, self.path(key)), (key,), partial(self._kept_entry, view, key))

    def entry(self, catalog: Catalog, key: Any) -> dict[str, Any]:
        return {"path": self.path(key), "title": self.title(catalog, key),
                "description": self.description(catalog, key),
                "origin": f"{self.origin}/{key}.yaml" if self.origin else None,
                "meta": self.meta(catalog, key) if self.meta else None, **self.context(catalog, key)}

    def _kept_entry(self, view: Catalog, key: Any) -> dict[str, Any]:
        entry = self.entry(view, key)
        if holds_tracked(entry):
            # A kept call would carry this build's table into the next, and later reads into this build's notes.
            raise TypeError(f"{self.template}: a page's template call holds a table of the tracked catalog; "
                            "pass what it holds (a list, a dict) instead")
        return entry

