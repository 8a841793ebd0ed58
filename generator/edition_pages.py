"""What the editions add to MkDocs: the navigation in each edition's words, each page's links to the same page
in the other editions (Material's language selector and the `hreflang` alternates), and, for a hand-written
page not yet translated, the English page in the edition's folder, saying that it is not translated.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .editions import EDITIONS, N_, Edition, edition_of

NAV_TITLES = (N_("Home"), N_("Positions"), N_("Actors"), N_("Regions"), N_("Timeline"), N_("Threads"),
              N_("Dates"), N_("Claims"), N_("Sources"), N_("Data"), N_("Corrections"), N_("Method"), N_("About"))
"""The titles of the navigation in mkdocs.yml, for the catalogs: each edition shows its own words for them."""

UNTRANSLATED = "untranslated"
"""Front matter of an English page standing in for a hand-written page an edition has not translated yet."""


def untranslated_pages(files: Files, generated: set[str]) -> Iterator[tuple[str, str]]:
    """For each hand-written page of the source language with no counterpart in an edition, that page's
    Markdown at the edition's path, marked `untranslated` (the theme then says so and marks it English)."""
    for file in list(files.documentation_pages()):
        if file.src_uri in generated or not edition_of(file.src_uri).is_source:
            continue
        for edition in EDITIONS[1:]:
            path = edition.path(file.src_uri)
            if files.get_file_from_path(path) is None:
                notice = edition.gettext("This page is not translated yet: it is shown in English.")
                yield path, _marked(file.content_string, notice)


def _marked(markdown: str, notice: str) -> str:
    """The page with the notice in its front matter (JSON is YAML: the text needs no other escaping)."""
    field = f"{UNTRANSLATED}: {json.dumps(notice, ensure_ascii=False)}\n"
    if markdown.startswith("---\n"):
        return "---\n" + field + markdown[4:]
    return f"---\n{field}---\n\n{markdown}"


def navigations(nav: Navigation, files: Files, config: MkDocsConfig) -> dict[str, Navigation]:
    """The navigation of every edition besides the source language's: the same entries, each leading to the
    edition's page and titled in its words."""
    return {edition.code: Navigation(*_items(nav.items, files, config, edition)) for edition in EDITIONS[1:]}


def _items(items: list[Any], files: Files, config: MkDocsConfig, edition: Edition) -> tuple[list[Any], list[Page]]:
    translated: list[Any] = []
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            file = files.get_file_from_path(edition.path(item.file.src_uri))
            if file is None:
                continue
            page = Page(edition.gettext(item.title) if item.title else None, file, config)
            translated.append(page)
            pages.append(page)
        elif isinstance(item, Section):
            children, inner = _items(item.children, files, config, edition)
            section = Section(edition.gettext(item.title), children)
            for child in children:
                child.parent = section
            translated.append(section)
            pages += inner
    for previous, following in itertools.pairwise(pages):
        previous.next_page, following.previous_page = following, previous
    return translated, pages


def alternates(page: Page, files: Files) -> list[dict[str, str]]:
    """The same page in every edition that has it, for Material's language selector and `hreflang` links."""
    source_path = edition_of(page.file.src_uri).unprefixed(page.file.src_uri)
    found = []
    for edition in EDITIONS:
        file = files.get_file_from_path(edition.path(source_path))
        if file is not None:
            found.append({"name": edition.name, "lang": edition.code, "link": file.url})
    return found
