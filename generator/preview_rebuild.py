"""The preview's rebuild after an edit that reaches only generated pages: those pages rendered again, alone.

Even a dirty build of MkDocs makes every file object, the navigation and the theme's environment anew, and
walks every page to check its anchors and to index it for search: about half of a rebuild at 1,000
claims, for an edit that changed a few dozen pages. When the core's new run (`pipeline.Builds`) gives
the same addresses as the last full build, the same date, and nothing else that build read has changed
(`mkdocs.yml`, the theme's overrides, the hand-written pages, which plugins run), the pages and files
whose content changed are put into that build's files and rendered again by MkDocs' own page steps, with
every plugin's page events (Markdown, the plugin's sanitizer, the search plugin's indexing, the theme).
Each edition's search index is then written from the entries kept for every page (`preview.py`).

Anything else gets MkDocs' full dirty build, as before: a page or file added or gone, an edited
hand-written page or configuration, a content error, a build that failed, a plugin this module does not
know (its build-wide events, such as `on_post_build`, would not run), or a version of MkDocs without the
page steps used here (they are its own functions, not a public interface; `requirements.lock` pins it).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .outputs import OutputFile
from .page import Page
from .partial_date import PartialDate
from .preview import DirtyPreview, search_plugin, surroundings

log = logging.getLogger("mkdocs.plugins.explainer")

KNOWN_PLUGINS = frozenset({"search", "material/search", "explainer"})
"""Plugins whose build-wide events a rebuild of pages alone may skip: Material's search (its index is
written here, as after a dirty build) and this one."""

_PAGE_STEPS = ("_populate_page", "_build_page")
"""MkDocs' own functions that read, render and write one page, plugin events included."""


@dataclass
class LastBuild:
    """What the last full build made that a rebuild of pages alone renders into."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    addresses: frozenset[str]  # the paths of the core's pages and files
    updated: PartialDate | None  # the site's date (the sitemap's, every page's build date)
    around: str  # `preview.surroundings`: configuration, overrides, which hand-written files exist
    hand_written: dict[str, int]  # each file of docs_dir by path: its modification time (ns)


def last_build(config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment,
               pages: list[Page], outputs: list[OutputFile], updated: PartialDate | None) -> LastBuild:
    addresses = frozenset([page.path for page in pages] + [output.path for output in outputs])
    return LastBuild(config, files, nav, env, addresses, updated, surroundings(config), _hand_written(config))


def unchanged_around(last: LastBuild) -> bool:
    """Whether nothing the last build read besides the content can have changed, and the page steps exist.
    (The content's own changes are the core's to find.)"""
    config = last.config
    return all(hasattr(mkdocs_build, name) for name in _PAGE_STEPS) \
        and set(config.plugins) <= KNOWN_PLUGINS \
        and surroundings(config) == last.around and _hand_written(config) == last.hand_written


def rebuild_pages(last: LastBuild, preview: DirtyPreview, pages: list[Page], outputs: list[OutputFile],
                  updated: PartialDate | None) -> int | None:
    """Render again the pages, and write again the files, whose content differs from what the last build
    published; the number of pages rendered, or None (nothing done) if the core's run gave other addresses
    or another date than the last full build: that needs a full build."""
    addresses = frozenset([page.path for page in pages] + [output.path for output in outputs])
    if addresses != last.addresses or updated != last.updated:
        return None
    changed_pages = [(page.path, page.encoded) for page in pages if preview.published.get(page.path) != page.encoded]
    changed_files = [(output.path, output.content) for output in outputs
                     if preview.published.get(output.path) != output.content]
    files = last.files
    for path, content in changed_files:
        file = _file(files, path)
        if isinstance(content, bytes):
            file.content_bytes = content
        else:
            file.content_string = content
        file.copy_file()
        preview.published[path] = content
    config = last.config
    search = search_plugin(config)
    if search is not None:
        search.search_index.entries = []  # this rebuild's pages only, merged below
    counted = _Warnings(config.strict)
    try:
        rendered = _render(last, [(_file(files, path), content) for path, content in changed_pages])
        counted.check()
    finally:
        counted.close()
    for path, content in changed_pages:
        preview.published[path] = content
    preview.merge_search_index(config)
    return rendered


def _render(last: LastBuild, changed: list[tuple[File, bytes]]) -> int:
    """Each page read, rendered and written by MkDocs' page steps; then its anchors checked, as a build
    checks every page's."""
    config, files = last.config, last.files
    populate: Callable[..., None] = mkdocs_build._populate_page
    build: Callable[..., None] = mkdocs_build._build_page
    for file, content in changed:
        file.content_bytes = content
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file, _ in changed:
        assert file.page is not None
        populate(file.page, config, files)
    for file, _ in changed:
        assert file.page is not None
        build(file.page, config, doc_files, last.nav, last.env, excluded=file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
    for file, _ in changed:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return len(changed)


def _file(files: Files, path: str) -> File:
    file = files.get_file_from_path(path)
    if file is None:  # the addresses are the last build's, so each has its file
        raise AssertionError(f"{path}: not among the last build's files")
    return file


def _hand_written(config: MkDocsConfig) -> dict[str, int]:
    found: dict[str, int] = {}
    for folder, _, names in os.walk(config.docs_dir):
        for name in names:
            path = os.path.join(folder, name)
            found[path] = os.stat(path).st_mtime_ns
    return found


class _Warnings:
    """In strict mode, a warning while rendering fails the rebuild, as it fails MkDocs' build."""

    def __init__(self, strict: bool) -> None:
        self.counter: Any = utils.CountHandler()
        self.counter.setLevel(logging.WARNING)
        self.strict = strict
        if strict:
            logging.getLogger("mkdocs").addHandler(self.counter)

    def check(self) -> None:
        if counts := self.counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
