"""The whole core in one call: YAML files → validated records → catalog → pages.

Nothing here knows about MkDocs; the plugin and the command line both call `generate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, build_catalog
from .feeds import build_feeds
from .history import read_history
from .load import load_content
from .open_data import build_open_data
from .outputs import OutputFile
from .pages import Page, build_pages
from .partial_date import PartialDate
from .problems import ContentError, Problem
from .validate import validate

GEOMETRY = "geo/ukraine-admin1.geojson"
"""Region shapes for the maps, in `content/` (see content/geo/README.md)."""

HOME_INTRO = "home.md"
"""A hand-written introduction, in `content/`, placed at the top of the generated home page."""


def check(content_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    """Load and validate everything; a catalog only when no problem was found."""
    loaded = load_content(content_dir)
    records, found = validate(loaded.documents, loaded.ids)
    problems = loaded.problems + found
    if problems:
        return None, sorted(problems, key=lambda p: p.sort_key)
    return build_catalog(records), []


@dataclass(frozen=True)
class Site:
    pages: list[Page]  # Markdown, for the site engine to render
    files: list[OutputFile]  # published as they are: open data, feeds
    updated: PartialDate | None  # the newest report date: the site's date, never the time of the build


def generate(content_dir: Path, templates_dir: Path, site_name: str = "", site_url: str | None = None) -> Site:
    """Every page and file of the site; raises ContentError listing every problem if the content has any."""
    catalog, problems = check(content_dir)
    if catalog is None:
        raise ContentError(problems)
    intro_file = content_dir / HOME_INTRO
    intro = intro_file.read_text(encoding="utf-8") if intro_file.is_file() else ""
    pages = build_pages(catalog, templates_dir, intro, content_dir / GEOMETRY, read_history(content_dir))
    files = build_open_data(catalog) + build_feeds(catalog, site_name, site_url)
    reported = [claim.dates.reported.date for claim in catalog.claims.values()]
    updated = max(reported, key=lambda date: date.sort_key) if reported else None
    return Site(pages, sorted(files, key=lambda f: f.path), updated)
