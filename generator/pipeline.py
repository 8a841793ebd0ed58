"""The whole core in one call: YAML files → validated records → catalog → pages.

Nothing here knows about MkDocs; the plugin and the command line both call `generate`. The stages are
functions of their own (`STAGES`), so that the benchmark's stage timer (bench/stages.py) times exactly
what a build runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from .catalog import Catalog, build_catalog
from .editions import EDITIONS, ENGLISH, Edition
from .feeds import build_feeds
from .forked import Beside
from .history import FileHistory, read_history
from .links import links_leaving
from .load import FileCache, Loaded, load_content, stray_files
from .localized import Localizations, localized
from .markdown_text import Untranslated
from .open_data import DATA_DIR, build_open_data
from .outputs import OutputFile
from .page import Page, PageStore
from .pages import render_pages
from .partial_date import PartialDate
from .problems import ContentError, Problem
from .published import check_published
from .reads import Kept, Memo, Tracking
from .redirect_pages import build_redirect_pages
from .renderer import PageCache, site_tables
from .validate import RecordCache, Records, validate

GEOMETRY = "geo/ukraine-admin1.geojson"
"""Region shapes for the maps, in `content/` (see content/geo/README.md)."""

HOME_INTRO = "home.md"
"""A hand-written introduction, in `content/`, placed at the top of the generated home page; in another
edition `home.<code>.md` (`home.uk.md`)."""


# --- the stages, in the order a build runs them -------------------------------------------------------

STAGES = ("load", "validate", "catalog", "pages", "files")


def load_stage(content_dir: Path, files: FileCache | None = None, *, theme: Sequence[Path] = (),
               root: Path | None = None) -> Loaded:
    """Every YAML file of the content, read with the positions of its values. With a cache, a file whose
    bytes are unchanged since the last call is not parsed again. A symbolic link in the content or the
    `theme` folders that leads out of `root` (default: the folder holding the content) is a problem, and
    nothing is read through it. So is an address of `content/published.txt` that no record serves any more
    (`published.py`)."""
    refused = links_leaving(root or content_dir.resolve().parent, [content_dir, *theme])
    loaded = load_content(content_dir, files, skip=refused)
    problems = [*refused.values(), *loaded.problems]
    if not problems:  # a file that could not be read may hold aliases: the addresses it serves are not known
        problems = check_published(content_dir, loaded.documents)
    return replace(loaded, problems=problems)


def validate_stage(loaded: Loaded, records: RecordCache | None = None) -> tuple[Records | None, list[Problem]]:
    """The records, or None and every problem in the content, in file order."""
    valid, found = validate(loaded.documents, loaded.ids, records)
    problems = [*loaded.problems, *found]
    if problems:
        return None, sorted(problems, key=lambda p: p.sort_key)
    return valid, []


def catalog_stage(records: Records) -> Catalog:
    return build_catalog(records)


@dataclass(frozen=True)
class PageInputs:
    """What pages show besides the records: the content's introduction, history and map shapes."""

    intro: str
    history: dict[str, FileHistory]
    geometry: Path


def read_page_inputs(content_dir: Path, edition: Edition = ENGLISH, history: dict[str, FileHistory] | None = None
                     ) -> PageInputs:
    """The first step of the pages stage, for one edition (`history` where an edition before read it)."""
    intro_file = content_dir / (HOME_INTRO if edition.is_source else f"home.{edition.code}.md")
    english = content_dir / HOME_INTRO
    if intro_file.is_file():
        intro = intro_file.read_text(encoding="utf-8")
    else:  # not translated yet: the English one, which the page says is not translated
        intro = Untranslated(english.read_text(encoding="utf-8")) if english.is_file() else ""
    return PageInputs(intro, read_history(content_dir) if history is None else history, content_dir / GEOMETRY)


def pages_stage(catalog: Catalog, templates_dir: Path, inputs: PageInputs, tracking: Tracking | None = None,
                previous: PageCache | None = None, store: PageStore | None = None) -> tuple[list[Page], PageCache]:
    return render_pages(catalog, templates_dir, inputs.intro, inputs.geometry, inputs.history, tracking, previous,
                        store)


def files_stage(catalog: Catalog, site_name: str, site_url: str | None, memo: Memo | None = None,
                templates_dir: Path | None = None, open_data: list[OutputFile] | None = None) -> list[OutputFile]:
    """Open data and feeds, and with `templates_dir` the pages left at old addresses, sorted by path, in the
    catalog's edition (its files in its folder). The open data is one record set with every language's fields:
    an edition after the first is given the same files (`open_data`) to publish in its folder."""
    data = build_open_data(catalog, memo) if open_data is None else open_data
    files = data + build_feeds(catalog, site_name, site_url, memo)
    if templates_dir is not None:
        files += build_redirect_pages(catalog, templates_dir, site_name, site_url)
    edition = catalog.edition
    return sorted((replace(f, path=edition.path(f.path)) if edition.prefix else f for f in files),
                  key=lambda f: f.path)


def check(content_dir: Path, files: FileCache | None = None, records: RecordCache | None = None, *,
          theme: Sequence[Path] = (), root: Path | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Load and validate everything; a catalog only when no problem was found. With caches, files whose
    bytes are unchanged since the last call are neither parsed nor validated again; for `theme` and `root`,
    see `load_stage`."""
    valid, problems = validate_stage(load_stage(content_dir, files, theme=theme, root=root), records)
    return (catalog_stage(valid), []) if valid is not None else (None, problems)


@dataclass(frozen=True)
class Site:
    pages: list[Page]  # Markdown, for the site engine to render
    files: list[OutputFile]  # published as they are: open data, feeds
    updated: PartialDate | None  # the newest report date: the site's date, never the time of the build
    warnings: list[Problem] = field(default_factory=list)  # files in record folders that are not records


@dataclass(frozen=True)
class EditionState:
    """What a successful run leaves for the next, saved whole and once, at its end: a run that fails half-way
    leaves the state of the last good one, never its tables with newer pages or the reverse."""

    tables: dict[str, Any]  # what its pages and files read from (`site_tables`)
    pages: PageCache
    outputs: dict[Any, Kept]  # feeds, open data entries


class Builds:
    """The core run again and again on the same folders, as the preview does on every save. Each run
    reuses what the last one parsed, validated and rendered wherever its inputs are unchanged, so that
    an edit costs in proportion to what it reaches; the result is always what a fresh run would give."""

    def __init__(self, content_dir: Path, templates_dir: Path, site_name: str = "", site_url: str | None = None,
                 *, incremental: bool = True, theme: Sequence[Path] = (), root: Path | None = None,
                 site_names: Mapping[str, str] | None = None):
        self.content_dir, self.templates_dir = content_dir, templates_dir
        self.site_names = dict(site_names or {})  # the site's name in other editions than the source's, by code
        self.theme, self.root = (templates_dir, *theme), root  # checked for links that leave the project
        self.site_name, self.site_url = site_name, site_url
        self.incremental = incremental  # False for a single run: nothing is kept for a next one
        self._files: FileCache | None = {} if incremental else None
        self._records: RecordCache | None = {} if incremental else None
        self._state: dict[str, EditionState] = {}  # left by the last successful run, by edition
        self._localized: dict[str, Localizations] = {}  # the records each edition's last run localized
        self.reused_pages = 0  # by the last run, for the curious and for tests

    def generate(self, store: PageStore | None = None) -> Site:
        """Every page and file of the site, in every edition; raises ContentError listing every problem if the
        content has any. With `store` (a single run's), the pages are kept on disk as they are made."""
        assert store is None or not self.incremental, "the preview compares each page's bytes with the last"
        catalog, problems = check(self.content_dir, self._files, self._records, theme=self.theme, root=self.root)
        if catalog is None:
            raise ContentError(problems)
        pages: list[Page] = []
        files: list[OutputFile] = []
        states: dict[str, EditionState] = {}
        open_data: list[OutputFile] | None = None
        self.reused_pages = 0
        editions = [(edition, localized(catalog, edition, self._localized.setdefault(edition.code, {})))
                    for edition in EDITIONS]
        inputs = {EDITIONS[0].code: read_page_inputs(self.content_dir, EDITIONS[0])}
        history = inputs[EDITIONS[0].code].history
        for edition in EDITIONS[1:]:
            inputs[edition.code] = read_page_inputs(self.content_dir, edition, history)
        # A single run renders the other editions' pages in forked processes meanwhile (`forked.py`); the
        # preview keeps each edition's state for its next run, so it renders them here, one after the other.
        beside = {} if self.incremental else {
            edition.code: Beside(partial(_pages_alone, view, self.templates_dir, inputs[edition.code], store))
            for edition, view in editions[1:]}
        for edition, view in editions:
            if edition.code in beside:
                edition_pages = beside[edition.code].result()
                name = self.site_names.get(edition.code, self.site_name)
                edition_files = files_stage(view, name, self.site_url, None, self.templates_dir, open_data)
            else:
                edition_pages, edition_files, states[edition.code] = self._edition(
                    view, inputs[edition.code], self._state.get(edition.code), open_data, store)
            open_data = open_data or [f for f in edition_files if f.path.startswith(DATA_DIR + "/")]
            pages += edition_pages
            files += edition_files
        if self.incremental:  # a single run keeps nothing for a next one
            self._state = states
        reported = [claim.dates.reported.date for claim in catalog.claims.values()]
        updated = max(reported, key=lambda date: date.sort_key) if reported else None
        return Site(pages, sorted(files, key=lambda f: f.path), updated, stray_files(self.content_dir))

    def _edition(self, catalog: Catalog, inputs: PageInputs, state: EditionState | None,
                 open_data: list[OutputFile] | None, store: PageStore | None = None
                 ) -> tuple[list[Page], list[OutputFile], EditionState]:
        """One edition's pages and files, reusing what the last run of the same edition left."""
        tracking = (Tracking.start(catalog, site_tables(catalog, inputs.history), state.tables if state else None)
                    if self.incremental else None)
        pages, rendered = pages_stage(catalog, self.templates_dir, inputs, tracking, state.pages if state else None,
                                      store)
        outputs = tracking.memo(state.outputs if state else None) if tracking else None
        view = tracking.catalog if tracking else catalog
        name = self.site_names.get(catalog.edition.code, self.site_name)
        files = files_stage(view, name, self.site_url, outputs, self.templates_dir, open_data)
        self.reused_pages += rendered.reused
        return pages, files, EditionState(tracking.tables if tracking else {}, rendered,
                                          outputs.results if outputs else {})


def _pages_alone(catalog: Catalog, templates_dir: Path, inputs: PageInputs, store: PageStore | None = None
                 ) -> list[Page]:
    return pages_stage(catalog, templates_dir, inputs, store=store)[0]


def generate(content_dir: Path, templates_dir: Path, site_name: str = "", site_url: str | None = None,
             *, theme: Sequence[Path] = ()) -> Site:
    """Every page and file of the site; raises ContentError listing every problem if the content has any."""
    return Builds(content_dir, templates_dir, site_name, site_url, incremental=False, theme=theme).generate()
