"""The generated pages rendered late, one at a time, and by two processes at once.

MkDocs builds in two passes: every page's Markdown to HTML first, all of it held in memory, then every page
into the theme and out to its file. A generated page needs no HTML early: its title is in its front matter
and nothing reads another page's HTML. So its Markdown is kept aside when MkDocs reads it (`read`), MkDocs'
first pass renders nothing for it, and the page becomes HTML just before it enters the theme (`render`),
both let go once it is written (`written`). Until then a generated page waits on disk, in a folder of this
build's own (`page.PageStore`: the core writes its pages there as it renders them, `file` the few others):
MkDocs reads such a file only when asked, so the memory holds a page's Markdown and HTML only while the page
is written, and of the other pages their front matter alone.

The second pass is then nearly all of a build's work, and each page's alone: at its first page the build
forks (`start`), and each process takes every other page. A page of the other process passes through MkDocs'
loop unrendered: an empty template, no search entry, nothing written. When the last page has passed, the
second process hands the first what MkDocs needs from the pages it rendered (their search entries, the ids
they hold and the anchors they link to, the warnings they raised) and ends; the first goes on as a build in
one process does: it checks the anchors, writes the search index and counts the warnings (`--strict`).
The site is the same, file for file, with one process or two (`tests/test_page_workers.py`).

Each page's search entries are encoded as they go into its edition's index as soon as Material's search plugin
has made them (`indexed`), and taken out of the plugin's list: Python's dicts and strings of every entry were
several times the index's size, and the index written whole by the plugin was read back whole to be split
by edition. The plugin writes an index of no entries, and each edition's index is written from the encoded
entries in the order of the pages (`write_search_indexes`), the same bytes as before.

Neither happens under `mkdocs serve`, whose preview keeps every page for its next build, nor in a
`--dirty` build, which passes over the pages it keeps.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .edition_search import INDEX, encoded_entries, write_indexes
from .forked import can_fork, fork, reaped
from .page import Page as GeneratedPage
from .page import PageStore

SearchChunk = tuple[str, bytes]
"""A page's search entries as they go into its edition's index: the edition's code, the entries as UTF-8 JSON."""

ELSEWHERE = "explainer/rendered-elsewhere.html"
"""The empty template a page of the other process is given: nothing is rendered, nothing written."""


def available_workers() -> int:
    """Processes a build may use: two where the machine gives this process two cores or more."""
    return 2 if can_fork() else 1


@dataclass
class Rendered:
    """What the first process needs to know of a page the second one rendered."""

    entries: SearchChunk | None  # its search entries, encoded (`edition_search.encoded_entries`)
    anchors: set[str]  # the ids it holds
    links: dict[str, dict[str, str]]  # the anchors it links to, by the linked page's source path


@dataclass
class Handover:
    """Everything the second process sends back, in one pickle."""

    pages: dict[str, Rendered] = field(default_factory=dict)
    records: list[tuple[str, int, str]] = field(default_factory=list)  # its warnings: logger, level, message
    failed: str | None = None  # why it stopped before the last page


class PageWorkers:
    """Defers the generated pages' rendering and, with `workers` 2, shares the second pass with a forked process."""

    def __init__(self, workers: int, sanitize: Callable[[str], str]):
        self.workers = workers
        self.sanitize = sanitize
        self.deferred: dict[str, tuple[dict[str, Any], str, int]] = {}  # by source path: front matter, file, body's start
        self.store = PageStore()  # where the generated pages wait for their turn, written by the core or `file`
        self.mine: set[str] | None = None  # source paths this process renders; None before the fork
        self.last: File | None = None  # the last page of MkDocs' loop, where the processes meet again
        self.child: int | None = None  # the second process, in the first
        self.is_child = False
        self.handover_path: str | None = None
        self.handover = Handover()  # in the second process: what it will send
        self.entries: dict[str, SearchChunk] = {}  # each rendered page's search entries, encoded, by url
        self._search: Any = None  # Material's search index, if the search plugin is on
        self._files: Files | None = None
        self._quiet = _Elsewhere(self)
        self.failure: str | None = None
        self._marks: dict[str, int] = {}

    # -- the pages handed to MkDocs -----------------------------------------------------------------------

    def file(self, config: MkDocsConfig, path: str, content: str | bytes, inclusion: InclusionLevel) -> File:
        """A generated page or file for MkDocs. A page is written to the store and read from there in its
        turn, so that the build need not hold every page's Markdown; other files are small and few."""
        if not path.endswith(".md"):
            return File.generated(config, path, content=content, inclusion=inclusion)
        waiting = self.store.write(path, content if isinstance(content, bytes) else content.encode("utf-8"))
        return File.generated(config, path, abs_src_path=waiting, inclusion=inclusion)

    def page_file(self, config: MkDocsConfig, page: GeneratedPage, inclusion: InclusionLevel) -> File:
        """A page of the core for MkDocs: read from where the store keeps it, or written there."""
        if page.stored is not None and self.store.holds(page.stored):
            return File.generated(config, page.path, abs_src_path=page.stored, inclusion=inclusion)
        return self.file(config, page.path, page.encoded, inclusion)

    def remove_store(self) -> None:
        """The pages' folder, once every page is written or the build has failed (the first process's)."""
        if not self.is_child:
            self.store.remove()

    # -- MkDocs' first pass ------------------------------------------------------------------------------

    def read(self, page: Page) -> None:
        """Take the generated page's front matter, and stand a no-op in for its first rendering: the page's
        Markdown stays on disk until its turn. A page without a title in its front matter, or not waiting on
        disk, is left to MkDocs: its title comes of its rendering."""
        waiting = page.file.abs_src_path
        if waiting is None or not self.store.holds(waiting):
            return
        meta, start = _front_matter_of(waiting)
        if "title" not in meta:
            return
        self.deferred[page.file.src_uri] = (meta, waiting, start)
        page.file.content_bytes = b""  # MkDocs reads an empty page; the text waits on disk until the page's turn
        page.__dict__["render"] = lambda config, files: _unrendered(page)  # shadows Page.render until `render`

    def meta(self, page: Page) -> dict[str, Any] | None:
        """The front matter of a deferred page, to be the page's meta (MkDocs read none)."""
        kept = self.deferred.get(page.file.src_uri)
        return dict(kept[0]) if kept is not None else None

    def is_deferred(self, page: Page) -> bool:
        return page.file.src_uri in self.deferred

    # -- MkDocs' second pass -----------------------------------------------------------------------------

    def environment(self, env: jinja2.Environment) -> None:
        loader = env.loader
        assert loader is not None
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}), loader])

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Just before the page enters the theme: fork at the first page; render the page if it is this
        process's and deferred."""
        if self.mine is None:
            self._start(config, files)
        uri = page.file.src_uri
        if self.mine is not None and uri not in self.mine:
            return
        if self._search is not None:
            self._marks[uri] = len(self._search.entries)
        kept = self.deferred.pop(uri, None)
        if kept is None:
            return
        del page.__dict__["render"]
        with open(kept[1], "rb") as waiting:
            waiting.seek(kept[2])
            page.markdown = waiting.read().decode("utf-8")
        page.render(config, files)
        page.content = self.sanitize(page.content or "")

    def indexed(self, page: Page) -> None:
        """After the search plugin has read the page: its entries, encoded and kept apart to be put in page order."""
        uri = page.file.src_uri
        if uri not in self._marks:
            return
        start = self._marks.pop(uri)
        code, chunk = encoded_entries(self._search.entries[start:])
        del self._search.entries[start:]
        self.entries[page.url] = (code, chunk.encode("utf-8"))

    def written(self, output: str, page: Page, files: Files) -> str:
        """After the theme: the page's output, or nothing if the other process writes it. At the last page
        of the loop the second process hands over and ends, and the first takes what it handed over."""
        uri = page.file.src_uri
        mine = self.mine is None or uri in self.mine
        if mine and self.mine is not None:
            page.markdown, page.content = "", ""  # written: let go (not None, which MkDocs reads as unread)
        if self.last is not None and page.file is self.last:
            if self.is_child:
                self._hand_over()
            elif self.child is not None:
                self._take_over(files)
        return output if mine else ""

    def finish(self) -> None:
        """After MkDocs' loop: the build fails if the second process did."""
        self.remove_store()
        if self.failure is not None:
            raise PluginError(self.failure)

    def write_search_indexes(self, site_dir: Path, files: Files) -> bool:
        """After Material's search plugin has written its index (of no entries: `indexed` took them): each
        edition's index, with the plugin's settings and the pages' entries in the order of the pages. False
        if there is no search index to write."""
        written = site_dir / INDEX
        if self._search is None or not written.is_file():
            return False
        settings = json.loads(written.read_bytes())["config"]
        pages = (file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included))
        chunks = (chunk for page in pages if page is not None and (chunk := self.entries.pop(page.url, None)))
        write_indexes(site_dir, settings, chunks)
        self.entries.clear()
        return True

    @property
    def forked(self) -> bool:
        return self.is_child or self.child is not None

    def failed(self, error: Exception) -> None:
        """The build stopped: the second process says why and ends; the first stops the second."""
        if self.is_child:
            self.handover.failed = f"{type(error).__name__}: {error}"
            self._send()
        if self.child is not None:
            try:
                os.kill(self.child, 15)
                os.waitpid(self.child, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.child = None
            reaped()
            self._remove_handover()
        self.remove_store()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)

    # -- the fork and the handover -------------------------------------------------------------------------

    def _start(self, config: MkDocsConfig, files: Files) -> None:
        pages = [file for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                 if file.page is not None]
        self.mine = {file.src_uri for file in pages}
        self.last = pages[-1] if pages else None
        self._files = files
        self._search = _search_index(config)
        if self.workers < 2 or len(pages) < 2:
            return
        handle, self.handover_path = tempfile.mkstemp(prefix="explainer-pages-", suffix=".pickle")
        os.close(handle)
        pid = fork()
        rank = 1 if pid == 0 else 0
        if pid == 0:
            self.is_child = True
            _capture_warnings(self.handover.records)
        else:
            self.child = pid
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        # The first page is in MkDocs' hands already, with the theme's template: it is the first process's.
        # So is the last, which the second process does not live to see written.
        last = len(pages) - 1
        self.mine = {file.src_uri for index, file in enumerate(pages) if (0 if index == last else index % 2) == rank}
        for file in pages:
            if file.src_uri not in self.mine:
                assert file.page is not None
                file.page.meta = {**file.page.meta, "template": ELSEWHERE, "search": {"exclude": True}}
                # Its Markdown stays where it is, untouched: memory both processes share until one writes to it.

    def _hand_over(self) -> None:
        assert self.mine is not None and self._files is not None
        for uri in self.mine:
            file = self._files.get_file_from_path(uri)
            page = file.page if file is not None else None
            if page is None:
                continue
            links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
            self.handover.pages[uri] = Rendered(self.entries.get(page.url),
                                                set(page.present_anchor_ids or ()), links)
        self._send()

    def _send(self) -> None:
        assert self.handover_path is not None
        with open(self.handover_path, "wb") as out:
            pickle.dump(self.handover, out, protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # nothing of MkDocs' runs after its loop in this process: the first process goes on

    def _take_over(self, files: Files) -> None:
        assert self.child is not None and self.handover_path is not None
        _, status = os.waitpid(self.child, 0)
        self.child = None
        reaped()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        try:
            with open(self.handover_path, "rb") as handover_file:
                handover: Handover = pickle.load(handover_file)
        except (OSError, EOFError, pickle.UnpicklingError):
            handover = Handover(failed=f"it ended with status {status} before handing its pages over")
        finally:
            self._remove_handover()
        for name, level, message in handover.records:
            logging.getLogger(name).log(level, message)
        if handover.failed is not None:
            # Raised once MkDocs' loop is over (`finish`): here, MkDocs would name the last page as the one that failed.
            self.failure = f"the pages were not all built: {handover.failed}"
            return
        for uri, rendered in handover.pages.items():
            file = files.get_file_from_path(uri)
            if file is None or file.page is None:
                continue
            page = file.page
            page.present_anchor_ids = rendered.anchors
            page.links_to_anchors = {target: anchors for path, anchors in rendered.links.items()
                                     if (target := files.get_file_from_path(path)) is not None}
            if rendered.entries is not None:
                self.entries[page.url] = rendered.entries
        mine = len(self.mine or ())
        logging.getLogger("mkdocs.plugins.explainer").info(
            "pages rendered by two processes: %d and %d", mine, len(handover.pages))

    def _remove_handover(self) -> None:
        if self.handover_path is not None:
            Path(self.handover_path).unlink(missing_ok=True)
            self.handover_path = None


def _front_matter_of(path: str) -> tuple[dict[str, Any], int]:
    """The front matter of a page's UTF-8 file and where its body starts, reading no more of it. The generator
    writes front matter as one line of JSON (`page.front_matter`): read as JSON, many times faster than as YAML."""
    with open(path, "rb") as source:
        opening, data, closing = source.readline(), source.readline(), source.readline()
    if opening == b"---\n" and closing == b"---\n":
        try:
            meta = json.loads(data)
        except ValueError:
            meta = None
        if isinstance(meta, dict):
            return meta, len(opening) + len(data) + len(closing)
    return {}, 0  # not the generator's front matter: left to MkDocs


def _unrendered(page: Page) -> None:
    page.content = ""
    page.toc = get_toc([])


def _search_index(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries") and getattr(plugin.config, "enabled", True):
            return index
    return None


class _Capture(logging.Filter):
    """In the second process: its warnings are kept for the first to report, once each, not printed."""

    def __init__(self, records: list[tuple[str, int, str]]):
        super().__init__()
        self.records = records
        self._last: logging.LogRecord | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        if record is not self._last:
            self._last = record
            self.records.append((record.name, record.levelno, record.getMessage()))
        return False


def _capture_warnings(records: list[tuple[str, int, str]]) -> None:
    capture = _Capture(records)
    for logger in (logging.getLogger("mkdocs"), logging.getLogger()):
        for handler in logger.handlers:
            handler.addFilter(capture)


class _Elsewhere(logging.Filter):
    """MkDocs notes each page whose output is empty: the pages the other process writes are not worth a line."""

    def __init__(self, workers: PageWorkers):
        super().__init__()
        self.workers = workers

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '") or self.workers.mine is None:
            return True
        return message.split("'", 2)[1] in self.workers.mine
