"""The MkDocs plugin: an adapter that hands the core's pages to MkDocs. It holds no logic of its own.

MkDocs calls, on every build: `on_config`, then `on_pre_build` (before it empties the site folder:
the content is checked and the pages generated here, so a content error leaves the previous site
in place), then `on_files` with the files found in `docs_dir` (where the generated pages join them), then `on_page_content` for each page (generated pages
are sanitized there, after Markdown).
Under `mkdocs serve` only, `on_serve` runs once after the first build (the content and template
folders are added to the watched paths).

The preview (`mkdocs serve --dirty`) rebuilds in proportion to an edit: the core reuses what it parsed and
rendered before (see `pipeline.Builds`), and MkDocs renders again only the pages whose Markdown changed
(`is_modified`). What a dirty build of MkDocs alone leaves stale is done here: pages that no longer exist
are deleted, Material's search index is merged page by page, and anything that every page shows (the
configuration, the theme, the list of hand-written pages) starts a full build when it changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from .pages import problem_pages
from .pipeline import Builds, Site
from .problems import ContentError
from .sanitize import sanitize


class ExplainerConfig(Config):
    content = config_options.Type(str, default="content")
    """Folder of the YAML records, relative to `mkdocs.yml`."""
    templates = config_options.Type(str, default="theme/templates")
    """Folder of the Jinja2 page templates, relative to `mkdocs.yml`."""


class _GeneratedFile(File):
    """A generated page or file that a dirty build writes again only if its content changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


DIRTY_WARNING = "A 'dirty' build is being performed"


class _DirtyBuildIsComplete(logging.Filter):
    """MkDocs warns that a dirty build may leave pages stale, which strict mode turns into a failed build.
    Under this plugin it leaves none (see the module's docstring), so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    site: Site
    generated: set[str]
    _dated_by_content = False
    serving = False
    dirty = False
    builds: Builds | None = None

    def __init__(self) -> None:
        super().__init__()
        self.published: dict[str, bytes | str] = {}  # what the last build wrote, by path: to write only changes
        self.destinations: dict[str, str] = {}  # where it wrote each, to delete what is gone
        self.surroundings: str | None = None  # digest of what every page shows besides its own content
        self.search_pages: dict[str, str] = {}  # each page's search entries, as JSON
        self.page_urls: set[str] = set()
        self.site_shape: tuple[Any, ...] | None = None  # what the sitemap and the 404 page are made of

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.content_dir = root / self.config.content
        self.templates_dir = root / self.config.templates
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # Only the preview keeps track of what it wrote; `mkdocs build --dirty` into a folder an earlier
        # process wrote is left to MkDocs, warning included.
        self.dirty = dirty and self.serving
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildIsComplete())

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._start_over_if_surroundings_changed(config)
        settings = (self.content_dir, self.templates_dir, config.site_name, config.site_url)
        if self.builds is None or settings != (self.builds.content_dir, self.builds.templates_dir,
                                               self.builds.site_name, self.builds.site_url):
            # Kept from build to build only by the preview, where the next build will use it.
            self.builds = Builds(*settings, incremental=self.serving)
        try:
            self.site = self.builds.generate()
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            self._show_problems(error)
            return
        self._date_the_build()

    def _show_problems(self, error: ContentError) -> None:
        """In the preview a mistake must not stop the server: every page the browser may have open shows
        the list of problems instead, until the files are fixed. (Printed, not logged: in strict mode a
        logged error would abort the preview's build.)"""
        print(f"\n{error}\n", file=sys.stderr, flush=True)
        previous = [page.path for page in self.site.pages] if hasattr(self, "site") else []
        problems = [str(problem) for problem in error.problems]
        self.site = Site(problem_pages(problems, previous, self.templates_dir), [], None)

    def _date_the_build(self) -> None:
        """MkDocs dates pages (the sitemap's lastmod) by the clock unless SOURCE_DATE_EPOCH is set: date them
        by the content instead, so the same content always gives the same site. A date set by whoever runs
        the build is respected."""
        if "SOURCE_DATE_EPOCH" in os.environ and not self._dated_by_content:
            return
        updated = self.site.updated
        if updated is not None:
            moment = dt.datetime(updated.year, updated.month or 1, updated.day or 1, tzinfo=dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
            self._dated_by_content = True

    def _start_over_if_surroundings_changed(self, config: MkDocsConfig) -> None:
        """In a dirty build, a page whose own content is unchanged is not rendered again: right only while
        what surrounds it on every page is the same too. When that changes, the site folder is emptied
        and every page is written again."""
        surroundings = _surroundings(config)
        if self.dirty and self.surroundings not in (None, surroundings) and os.path.isdir(config.site_dir):
            for entry in os.scandir(config.site_dir):
                shutil.rmtree(entry.path) if entry.is_dir() and not entry.is_symlink() else os.remove(entry.path)
            self.published.clear()
            self.search_pages.clear()
        self.surroundings = surroundings

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.generated = {page.path for page in self.site.pages}
        docs_dir = Path(config.docs_dir)
        published: dict[str, bytes | str] = {}
        for page in self.site.pages:
            # Generated pages are reached through index pages and links, never all listed in the
            # navigation, which Material renders into every page (DESIGN.md, "Navigation stays small").
            file = self._file(config, page.path, page.markdown, published, InclusionLevel.NOT_IN_NAV)
            if page.origin:
                # "Edit this page" opens the YAML record: MkDocs joins edit_uri (which points at docs_dir)
                # with this path, and resolves the '..' to the record's place in the repository.
                file.edit_uri = Path(os.path.relpath(self.content_dir / page.origin, docs_dir)).as_posix()
            files.append(file)
        for output in self.site.files:
            files.append(self._file(config, output.path, output.content, published))
        if self.dirty:
            self._delete_what_is_gone(published)
        self.published = published
        # As pages give their address (and search entries their location): the home page's is ''.
        self.page_urls = {"" if file.url in (".", "./") else file.url for file in files.documentation_pages()}
        self._keep_site_wide_pages_if_unchanged(config)
        return files

    def _keep_site_wide_pages_if_unchanged(self, config: MkDocsConfig) -> None:
        """The sitemap lists every page with the site's date, and the 404 page shows what surrounds every
        page: in a dirty build where none of that changed, the last build's are kept as they are instead of
        being rendered again (the sitemap alone takes a quarter of a second at 1,000 claims)."""
        shape = (frozenset(self.page_urls), os.environ.get("SOURCE_DATE_EPOCH"), self.surroundings)
        if self.dirty and shape == self.site_shape:
            for name in ("sitemap.xml", "404.html"):
                if os.path.isfile(os.path.join(config.site_dir, name)):
                    config.theme.static_templates.discard(name)
        self.site_shape = shape

    def _file(self, config: MkDocsConfig, path: str, content: str | bytes, published: dict[str, bytes | str],
              inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        file = _GeneratedFile.generated(config, path, content=content, inclusion=inclusion)
        assert isinstance(file, _GeneratedFile)
        file.changed = self.published.get(path) != content
        published[path] = content
        self.destinations[path] = file.abs_dest_path
        return file

    def _delete_what_is_gone(self, published: dict[str, bytes | str]) -> None:
        """A page or file of the last build that this one no longer has: its address must not keep
        serving the old content."""
        for path in self.published.keys() - published.keys():
            destination = self.destinations.pop(path)
            if os.path.isfile(destination):
                os.remove(destination)
            try:
                os.rmdir(os.path.dirname(destination))  # a page's own folder, once empty
            except OSError:
                pass

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Generated pages only: hand-written pages are the editors' own Markdown, trusted as such.
        return sanitize(html) if page.file.src_uri in self.generated else html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty:
            self._merge_search_index(config)

    def _merge_search_index(self, config: MkDocsConfig) -> None:
        """Material's search plugin, in a dirty build, indexes only the pages rendered and merges them into
        the last index as if one page had changed. Its index is merged here instead: each page's entries
        are replaced when the page is rendered again and dropped when the page is gone."""
        search = next((plugin for plugin in config.plugins.values() if hasattr(plugin, "search_index_prev")), None)
        if search is None or not getattr(search.config, "enabled", True):
            return
        index = search.search_index
        by_page: dict[str, list[dict[str, Any]]] = {}
        for entry in index.entries:
            by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
        for location, entries in by_page.items():
            self.search_pages[location] = json.dumps(entries, separators=(",", ":"), default=str)[1:-1]
        for location in self.search_pages.keys() - self.page_urls:
            del self.search_pages[location]
        settings = {key: index.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        docs = ",".join(chunk for _, chunk in sorted(self.search_pages.items()) if chunk)
        text = '{"config":' + json.dumps(settings, separators=(",", ":"), default=str) + ',"docs":[' + docs + "]}"
        Path(config.site_dir, "search", "search_index.json").write_text(text, encoding="utf-8")
        search.search_index_prev = None  # so that its next index holds only the pages rendered then

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir))
        return server


def _surroundings(config: MkDocsConfig) -> str:
    """A digest of what every rendered page shows besides its own content: the configuration file, the
    theme's overrides, and which hand-written pages exist (the navigation; MkDocs itself renders a
    hand-written page again when it changes)."""
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    if config.theme.custom_dir:
        for path in _files_in(Path(config.theme.custom_dir)):
            digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
    for path in _files_in(Path(config.docs_dir)):
        digest.update(f"{path}\0".encode())
    return digest.hexdigest()


def _files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())
