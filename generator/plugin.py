"""The MkDocs plugin: an adapter that hands the core's pages to MkDocs. It holds no logic of its own.

MkDocs calls, on every build: `on_config`, then `on_pre_build` (before it empties the site folder:
the content is checked and the pages generated here, so a content error leaves the previous site
in place), then `on_files` with the files found in `docs_dir` (where the generated pages join them), then
`on_page_content` for each page (every page, hand-written or generated, is sanitized there, after Markdown).
At the end of a build, `on_post_build` (or `on_build_error` if it failed) puts the process environment back
as it was (the build's date, below). Under `mkdocs serve` only, `on_serve` runs once after the first build
(the content and template folders are added to the watched paths).

The preview (`mkdocs serve --dirty`) rebuilds in proportion to an edit: the core reuses what it parsed and
rendered before (`pipeline.Builds`), and MkDocs renders again only the pages whose Markdown changed, with
`preview.DirtyPreview` doing what a dirty build of MkDocs alone leaves undone.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from . import edition_pages, edition_sitemap
from .edition_search import split_search_index
from .editions import edition_of
from .page_workers import PageWorkers, available_workers
from .pipeline import Builds, Site
from .preview import DirtyBuildIsComplete, DirtyPreview, set_aside
from .preview_rebuild import LastBuild, last_build, rebuild_pages, unchanged_around
from .preview_watch import use_native_watcher
from .problem_pages import problem_pages
from .problems import ContentError
from .raw_html import RawHtmlBlocks
from .sanitize import sanitize

log = get_plugin_logger("explainer")  # messages read "explainer: …", as the plugin is named in mkdocs.yml


class ExplainerConfig(Config):
    content = config_options.Type(str, default="content")
    """Folder of the YAML records, relative to `mkdocs.yml`."""
    templates = config_options.Type(str, default="theme/templates")
    """Folder of the Jinja2 page templates, relative to `mkdocs.yml`."""
    site_names = config_options.Type(dict, default={})
    """The site's name in each other edition, by language code (`uk: …`): its header, titles and feeds."""
    workers = config_options.Optional(config_options.Choice((1, 2)))
    """Processes rendering the pages of `mkdocs build`: 2 where the machine has two cores, unless set
    (`page_workers.py`)."""
    watcher = config_options.Choice(("native", "polling"), default="native")
    """How the preview learns of edits: the system's notifications where they work (`preview_watch.py`), or
    MkDocs' polling every half second (for file systems whose notifications are not to be trusted)."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    site: Site
    generated: set[str]
    files: Files
    navs: dict[str, Navigation]  # by edition, the source language's being MkDocs' own
    _dated_by_content = False  # SOURCE_DATE_EPOCH set by this build, to be removed when it ends
    serving = False
    builds: Builds | None = None
    preview: DirtyPreview | None = None  # `mkdocs serve --dirty` only
    last: LastBuild | None = None  # the preview's last full build, complete and without content problems
    generated_ahead: Site | None = None  # the core's run of a rebuild of pages alone that needs a full build
    nav: Navigation
    env: jinja2.Environment
    workers: PageWorkers | None = None  # `mkdocs build` only: the generated pages rendered late (`page_workers.py`)
    dirty = False
    showing_problems = False
    stop_watching: Callable[[], None] = staticmethod(lambda: None)  # what `on_serve` started besides MkDocs  # this build's pages list the content's problems (the preview only)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            # Pages link one another, and feeds and open data name them, by directory URLs (`urls.py`).
            raise PluginError("the explainer plugin needs 'use_directory_urls: true' in mkdocs.yml: generated "
                              "pages, feeds and open data link pages by directory URLs ('actors/putin/')")
        self.root = Path(config.config_file_path).parent
        self.site_name = config.site_name  # the source edition's; each page is given its edition's (`on_page_context`)
        self.content_dir = self.root / self.config.content
        self.templates_dir = self.root / self.config.templates
        # MkDocs reads the theme's overrides and the hand-written pages itself: they are checked for links
        # that leave the project too (`docs_dir` is most often inside the content, and then walked once).
        custom_dir = config.theme.custom_dir
        self.read_dirs = (*([Path(custom_dir)] if custom_dir else []), Path(config.docs_dir))
        # The generator's raw HTML blocks go to the page as written, unparsed (`raw_html.py`).
        if not any(isinstance(extension, RawHtmlBlocks) for extension in config.markdown_extensions):
            config.markdown_extensions.append(RawHtmlBlocks())
        # Material shows its language selector when `extra.alternate` is set: each page's own links to the same
        # page in every edition are put there as the page is rendered (`on_page_context`).
        config.extra["alternate"] = []
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        # Only the preview keeps track of what it wrote; `mkdocs build --dirty` into a folder an earlier
        # process wrote is left to MkDocs, warning included.
        if dirty and self.serving:
            self.preview = DirtyPreview()
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyBuildIsComplete())

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        config.site_name = self.site_name  # as configured, whatever page was rendered last
        self.last = None  # until this build is complete
        self.showing_problems = False
        ahead, self.generated_ahead = self.generated_ahead, None
        if not self.serving:
            workers = 1 if self.dirty else self.config.workers or available_workers()
            self.workers = PageWorkers(workers, sanitize)
        if self.preview is not None:
            self.preview.start(config)
        settings = (self.content_dir, self.templates_dir, config.site_name, config.site_url)
        guarded = ((self.templates_dir, *self.read_dirs), self.root)
        names = dict(self.config.site_names)
        if self.builds is None or settings != (self.builds.content_dir, self.builds.templates_dir,
                                               self.builds.site_name, self.builds.site_url) \
                or guarded != (self.builds.theme, self.builds.root) or names != self.builds.site_names:
            # Kept from build to build only by the preview, where the next build will use it.
            self.builds = Builds(*settings, incremental=self.serving, theme=self.read_dirs, root=self.root,
                                 site_names=names)
            ahead = None
        try:
            self.site = ahead or self.builds.generate(self.workers.store if self.workers else None)
            self._warn(config.strict)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            self._show_problems(error)
            return
        self._date_the_build()

    def _warn(self, strict: bool) -> None:
        """Files in record folders that are not records: warnings, or in strict mode problems like any other
        (raised before anything is built, as `python -m generator check --strict` reports them)."""
        if strict and self.site.warnings:
            raise ContentError(self.site.warnings)
        for warning in self.site.warnings:
            log.warning(str(warning))

    def _show_problems(self, error: ContentError) -> None:
        """In the preview a mistake must not stop the server: every page the browser may have open shows
        the list of problems instead, until the files are fixed. (Logged as information: in strict mode a
        warning or an error would abort the preview's build.)"""
        log.info("the content has problems; every page shows them until they are fixed:\n%s\n", error)
        previous = [page.path for page in self.site.pages] if hasattr(self, "site") else []
        problems = [str(problem) for problem in error.problems]
        self.site = Site(problem_pages(problems, previous, self.templates_dir), [], None)
        self.showing_problems = True

    def _date_the_build(self) -> None:
        """MkDocs dates pages (the sitemap's lastmod) by the clock unless SOURCE_DATE_EPOCH is set: date them
        by the content instead, so the same content always gives the same site. A date set by whoever runs
        the build is respected."""
        if "SOURCE_DATE_EPOCH" in os.environ:
            return
        updated = self.site.updated
        if updated is not None:
            moment = dt.datetime(updated.year, updated.month or 1, updated.day or 1, tzinfo=dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
            self._dated_by_content = True

    def _undate(self) -> None:
        """The date was this build's alone: a later build in the same process (the preview's next one, or
        another site) is dated by its own content."""
        if self._dated_by_content:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._dated_by_content = False

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.generated = {page.path for page in self.site.pages}
        docs_dir = Path(config.docs_dir)
        make = self.preview.file if self.preview is not None else self.workers.file if self.workers else _generated
        for page in self.site.pages:
            # Generated pages are reached through index pages and links, never all listed in the
            # navigation, which Material renders into every page (DESIGN.md, "Navigation stays small").
            file = self.workers.page_file(config, page, InclusionLevel.NOT_IN_NAV) if self.workers \
                else make(config, page.path, page.encoded, InclusionLevel.NOT_IN_NAV)
            if page.origin:
                # "Edit this page" opens the YAML record: MkDocs joins edit_uri (which points at docs_dir)
                # with this path, and resolves the '..' to the record's place in the repository.
                file.edit_uri = Path(os.path.relpath(self.content_dir / page.origin, docs_dir)).as_posix()
            files.append(file)
        for output in self.site.files:
            files.append(make(config, output.path, output.content, InclusionLevel.UNDEFINED))
        for file in files.documentation_pages():
            if not edition_of(file.src_uri).is_source and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV  # in its edition's navigation (`on_nav`), not MkDocs'
        for path, markdown in edition_pages.untranslated_pages(files, self.generated):
            files.append(make(config, path, markdown, InclusionLevel.NOT_IN_NAV))
            self.generated.add(path)
        if self.preview is not None:
            self.preview.files_done(files, config)
        self.files = files
        if not self.serving:
            # MkDocs's files hold the pages now; only the preview keeps them, for its next build.
            self.site = replace(self.site, pages=[])
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs = edition_pages.navigations(nav, files, config)
        self.nav = nav
        return nav

    @event_priority(100)  # before the search plugin reads the page
    def _render_late(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                     nav: Navigation) -> TemplateContext:
        if self.workers is not None:
            self.workers.render(page, config, self.files)
        return context

    def _page_context(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        # Pages are rendered one at a time: what is set here is this page's until the next page's turn.
        edition = edition_of(page.file.src_uri)
        context["nav"] = self.navs.get(edition.code, nav)
        config.site_name = self.config.site_names.get(edition.code, self.site_name)
        config.extra["alternate"] = edition_pages.alternates(page, self.files)
        return context

    @event_priority(-100)  # after the search plugin has read the page
    def _indexed(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                 nav: Navigation) -> TemplateContext:
        if self.workers is not None:
            self.workers.indexed(page)
        return context

    on_page_context = CombinedEvent(_render_late, _page_context, _indexed)

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return self.workers.written(output, page, self.files) if self.workers is not None else output

    def on_pre_page(self, page: MkDocsPage, /, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        if self.workers is not None and page.file.src_uri in self.generated:
            self.workers.read(page)
        return page

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # MkDocs holds every page's Markdown and HTML until the last page is written. In a single build the
        # generated file's text has been read into the page by now: it is let go, and the page's Markdown
        # once it is HTML (`on_page_content`). The preview keeps both, to tell the next build what changed.
        meta = self.workers.meta(page) if self.workers is not None else None
        if meta is not None:
            page.meta = meta  # MkDocs read an empty page: the front matter was taken out with the Markdown
        elif not self.serving and page.file.src_uri in self.generated:
            page.file.content_bytes = b""
        page.meta["language"] = edition_of(page.file.src_uri).code  # <html lang>, Material's own words
        return markdown

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.workers is not None and self.workers.is_deferred(page):
            return html  # nothing yet: the page is rendered, and sanitized, in its turn
        if not self.serving and page.file.src_uri in self.generated:
            page.markdown = ""  # not None: MkDocs then takes the page for one without a title
        # Every page, hand-written ones too: a pull request that edits `content/pages/` must not be able to
        # put a script on the site any more than one that edits a record.
        return sanitize(html)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.env = env
        if self.preview is not None:
            self.preview.environment(env)
        if self.workers is not None:
            self.workers.environment(env)
        return env

    @event_priority(100)  # before any plugin writes what the pages gave it
    def _pages_done(self, *, config: MkDocsConfig) -> None:
        if self.workers is not None:
            self.workers.finish()

    # Last of all (MkDocs runs higher priorities first; plugins default to 0): the search index is merged
    # after Material's search plugin has written it, whatever the order of the plugins in mkdocs.yml, and
    # the build's date is removed once no plugin can read it any more.
    @event_priority(-100)
    def _site_done(self, *, config: MkDocsConfig) -> None:
        try:
            if self.preview is not None:
                self.preview.merge_search_index(config)  # each edition's index, written from the pages' entries
            elif self.workers is None or not self.workers.write_search_indexes(Path(config.site_dir), self.files):
                split_search_index(Path(config.site_dir))
            if config.site_url:
                edition_sitemap.add_alternates(Path(config.site_dir), config.site_url)
            if self.preview is not None and not self.showing_problems:
                self.last = last_build(config, self.files, self.nav, self.env, self.site.pages, self.site.files,
                                       self.site.updated)
        finally:
            config.site_name = self.site_name
            self._undate()

    on_post_build = CombinedEvent(_pages_done, _site_done)

    def on_build_error(self, *, error: Exception) -> None:
        self.last = None
        if self.workers is not None:
            self.workers.failed(error)
        self._undate()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir))
        if self.config.watcher == "native":
            use_native_watcher(server)
        if self.preview is not None:
            server.builder = self._rebuild_pages_or(server.builder)
        set_aside()  # the first build is done: what it keeps, kept out of every rebuild's collections
        return server

    def _rebuild_pages_or(self, full_build: Callable[[], None]) -> Callable[[], None]:
        """The preview's builder: the changed pages alone where that is enough (`preview_rebuild.py`), else
        MkDocs' full dirty build."""
        def rebuild() -> None:
            if not self._rebuild_pages():
                full_build()
        return rebuild

    def _rebuild_pages(self) -> bool:
        """Whether a rebuild of the changed pages alone did the work. A content problem, or other addresses
        than the last build's, is left to the full build (which then shows the problems, or uses this run)."""
        last, self.last = self.last, None
        if last is None or self.builds is None or self.preview is None or not unchanged_around(last):
            return False
        started = time.monotonic()
        try:
            site = self.builds.generate()
        except ContentError:
            return False
        if site.warnings and last.config.strict:
            return False
        self.site = self.generated_ahead = site
        self._date_the_build()
        try:
            rendered = rebuild_pages(last, self.preview, site.pages, site.files, site.updated)
        finally:
            last.config.site_name = self.site_name
            self._undate()
        if rendered is None:
            return False
        self.generated_ahead = None
        self._warn(strict=False)
        self.last = last
        log.info("%d pages rendered again, in %.2f seconds (no full build needed)", rendered,
                 time.monotonic() - started)
        return True



def _generated(config: MkDocsConfig, path: str, content: str | bytes, inclusion: InclusionLevel) -> File:
    return File.generated(config, path, content=content, inclusion=inclusion)
