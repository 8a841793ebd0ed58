"""What a dirty build of MkDocs leaves undone, done for the preview (`mkdocs serve --dirty`).

In a dirty build MkDocs renders again only the files whose `is_modified()` is true and keeps the rest of
the site folder as it is. That is right for a page whose own content is unchanged, as long as nothing
around it changed either. `DirtyPreview` keeps it right from one build to the next:

- each generated file says whether its content differs from the last build's (`file`);
- a page or file the last build had and this one has not is deleted from the site folder (`files_done`);
- Material's search index is merged page by page (`merge_search_index`): its own dirty mode assumes
  that exactly one page changed;
- a change to what every page shows besides its content (`mkdocs.yml`, the theme's overrides, the list
  of hand-written pages) empties the site folder, so that every page is written again (`start`);
- the sitemap and the 404 page are rendered again only when what they show changed (`files_done`);
- the theme's templates are compiled once, not on every build (`environment`);
- what the first build left for the next is set aside from the cyclic garbage collector (`set_aside`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .compiled_templates import CompiledTemplates
from .edition_search import encoded_entries, write_indexes


def set_aside() -> None:
    """Once the preview's first build is done: the objects it keeps for the next builds (the catalog, every
    page, what each page read) are set aside from the cyclic garbage collector, after one collection has freed
    that build's own garbage. A full collection walks every object the collector tracks, and without this
    took about 0.7 s of most rebuilds at 1,000 claims. Set-aside objects are still freed when nothing refers
    to them; what they hold in reference cycles when later replaced stays, at most once what the first
    build kept."""
    gc.collect()
    gc.freeze()


class DirtyBuildIsComplete(logging.Filter):
    """MkDocs warns that a dirty build may leave pages stale, which strict mode turns into a failed build.
    With `DirtyPreview` it leaves none, so that one warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _GeneratedFile(File):
    """A generated page or file that a dirty build writes again only if its content changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class DirtyPreview:
    """The state one build leaves for the next: what was written, where, and what surrounded it."""

    def __init__(self) -> None:
        self.published: dict[str, bytes | str] = {}  # by path: content written by the last build
        self.destinations: dict[str, str] = {}  # by path: where in the site folder it went
        self.surroundings: str | None = None  # digest of what every page shows besides its own content
        self.site_shape: tuple[Any, ...] | None = None  # what the sitemap and the 404 page are made of
        self.search_pages: dict[str, tuple[str, str]] = {}  # by page address: its edition, its search entries as JSON
        self.page_urls: set[str] = set()
        self._publishing: dict[str, bytes | str] = {}
        self.compiled = CompiledTemplates()  # the theme's templates, kept from build to build

    def start(self, config: MkDocsConfig) -> None:
        """Before a build: if what surrounds every page changed, every page must be written again."""
        around = surroundings(config)
        if self.surroundings not in (None, around) and os.path.isdir(config.site_dir):
            for entry in os.scandir(config.site_dir):
                shutil.rmtree(entry.path) if entry.is_dir() and not entry.is_symlink() else os.remove(entry.path)
            self.published.clear()
            self.search_pages.clear()
        self.surroundings = around
        self._publishing = {}

    def file(self, config: MkDocsConfig, path: str, content: str | bytes,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        """A generated file that tells MkDocs whether it changed since the last build."""
        file = _GeneratedFile.generated(config, path, content=content, inclusion=inclusion)
        assert isinstance(file, _GeneratedFile)
        file.changed = self.published.get(path) != content
        self._publishing[path] = content
        self.destinations[path] = file.abs_dest_path
        return file

    def files_done(self, files: Files, config: MkDocsConfig) -> None:
        """Once every file is known: delete what is gone, and keep the site-wide pages if they are the same."""
        for path in self.published.keys() - self._publishing.keys():
            destination = self.destinations.pop(path)
            if os.path.isfile(destination):
                os.remove(destination)
            try:
                os.rmdir(os.path.dirname(destination))  # a page's own folder, once empty
            except OSError:
                pass
        self.published = self._publishing
        # As pages give their address (and search entries their location): the home page's is ''.
        self.page_urls = {"" if file.url in (".", "./") else file.url for file in files.documentation_pages()}
        # The sitemap lists every page with the site's date; the 404 page shows what surrounds every page.
        # Rendering the sitemap alone takes about a quarter of a second at 1,000 claims.
        shape = (frozenset(self.page_urls), os.environ.get("SOURCE_DATE_EPOCH"), self.surroundings)
        if shape == self.site_shape:
            for name in ("sitemap.xml", "404.html"):
                if os.path.isfile(os.path.join(config.site_dir, name)):
                    config.theme.static_templates.discard(name)
        self.site_shape = shape

    def environment(self, env: jinja2.Environment) -> None:
        """MkDocs makes the theme's template environment anew on every build: let it reuse the code compiled
        by the builds before (Jinja2 compiles a template again if its source changed)."""
        env.bytecode_cache = self.compiled

    def merge_search_index(self, config: MkDocsConfig) -> None:
        """After Material's search plugin wrote the index of the pages rendered in this build: each page's
        entries replace its earlier ones, the entries of pages that are gone are dropped, and each edition's
        index is written again (`edition_search`), from the entries kept, without reading any index back."""
        search = search_plugin(config)
        if search is None:
            return
        index = search.search_index
        by_page: dict[str, list[dict[str, Any]]] = {}
        for entry in index.entries:
            by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
        for location, entries in by_page.items():
            self.search_pages[location] = encoded_entries(entries)
        for location in self.search_pages.keys() - self.page_urls:
            del self.search_pages[location]
        settings = {key: index.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        write_indexes(Path(config.site_dir), settings, (kept for _, kept in sorted(self.search_pages.items())))
        search.search_index_prev = None  # so that its next index holds only the pages rendered then


_SEARCH_ATTRIBUTES = ("search_index", "search_index.entries", "search_index.config", "search_index_prev")
"""What `merge_search_index` reads of Material's search plugin: its own, not a public interface."""


def search_plugin(config: MkDocsConfig) -> Any:
    """The site's search plugin, if it has one enabled. One that lacks what the merge reads (a Material
    version that renamed it, another search plugin) stops the build: a silent skip would leave the
    preview's search index holding only the pages of the latest build."""
    search = next((plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search"), None)
    if search is None or not getattr(search.config, "enabled", True):
        return None
    missing = [name for name in _SEARCH_ATTRIBUTES if not _has_path(search, name)]
    if missing:
        raise PluginError(
            f"the search plugin ({type(search).__module__}) has no {', '.join(missing)}: the preview cannot merge "
            "its search index page by page (generator/preview.py, merge_search_index). Use the version of "
            "mkdocs-material in requirements.lock, or serve without --dirty")
    return search


def _has_path(obj: Any, dotted: str) -> bool:
    for name in dotted.split("."):
        if not hasattr(obj, name):
            return False
        obj = getattr(obj, name)
    return True


def surroundings(config: MkDocsConfig) -> str:
    """A digest of what every rendered page shows besides its own content: the configuration file, the
    theme's overrides (by their bytes: an edit that keeps the time and size is still an edit), and which hand-written pages exist (the navigation; MkDocs itself renders a
    hand-written page again when it changes)."""
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    if config.theme.custom_dir:
        for path in _files_in(Path(config.theme.custom_dir)):
            digest.update(f"{path}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    for path in _files_in(Path(config.docs_dir)):
        digest.update(f"{path}\0".encode())
    return digest.hexdigest()


def _files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())
