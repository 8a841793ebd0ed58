"""From the catalog to pages: a pure function, rendered through the Jinja2 templates in `theme/templates/`.

Each page is Markdown at a fixed path. Paths never depend on what else is in the content, so an
address stays the same as records are added. Templates receive records as data; every text value
passes through the `text` filter, which escapes it, so nothing an editor types becomes markup.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .catalog import Catalog
from .markdown_text import escape_inline, escape_paragraphs, safe_href
from .partial_date import PartialDate


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. 'actors/putin.md'
    title: str  # plain text
    markdown: str
    origin: str | None = None  # the content file the page shows, e.g. 'content/actors/putin.yaml'


# --- addresses: the one place that says where each page family lives --------------------------


class Paths:
    home = "index.md"
    actors = "actors/index.md"
    regions = "regions/index.md"
    sources = "sources/index.md"
    claims = "claims/index.md"
    dates = "dates/index.md"

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"actors/{actor_id}.md"

    @staticmethod
    def region(region_id: str) -> str:
        return f"regions/{region_id}.md"

    @staticmethod
    def source(source_id: str) -> str:
        return f"sources/{source_id}.md"

    @staticmethod
    def claim(claim_id: str) -> str:
        return f"claims/{claim_id}.md"

    @staticmethod
    def month(year: int, month: int) -> str:
        return f"dates/{year:04d}/{month:02d}/index.md"

    @staticmethod
    def day(date: PartialDate) -> str:
        return f"dates/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"


def footnote_label(claim_id: str, source_id: str) -> str:
    # Made of ids only, so a footnote's anchor stays the same from build to build.
    return f"{claim_id}--{source_id}"


# --- rendering -------------------------------------------------------------------------------


class _Renderer:
    """Renders one page at a time; records which claims it shows so their footnotes follow."""

    def __init__(self, catalog: Catalog, templates_dir: Path) -> None:
        self.catalog = catalog
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; text is escaped by the `text` filter instead
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(text=escape_inline, paragraphs=escape_paragraphs, href=safe_href)
        self.env.filters["groupby_issue"] = self.group_by_issue
        self.env.globals.update(
            catalog=catalog,
            paths=Paths,
            footnote_label=footnote_label,
            month_label=lambda year, month: PartialDate(year, month).label,
            days_in_month=self.days_in_month,
            date_page=self.date_page,
        )
        self._days = set(catalog.days())
        self._months = set(catalog.months())
        self._page_path = ""
        self._cited: list[str] = []

    def url(self, target: str) -> str:
        """A link from the page being rendered to another page, relative, as MkDocs resolves it."""
        return posixpath.relpath(target, posixpath.dirname(self._page_path) or ".")

    def cite(self, claim_id: str) -> str:
        """Footnote references for a claim shown on this page (one per source)."""
        if claim_id not in self._cited:
            self._cited.append(claim_id)
        claim = self.catalog.claims[claim_id]
        return "".join(f"[^{footnote_label(claim_id, c.source)}]" for c in claim.sources)

    def group_by_issue(self, claim_ids: list[str]) -> list[tuple[str | None, list[str]]]:
        """Claims grouped by issue key (issues in key order, claims without one last), dates kept in order."""
        groups: dict[str | None, list[str]] = {}
        for claim_id in claim_ids:
            groups.setdefault(self.catalog.claims[claim_id].issue, []).append(claim_id)
        return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))

    def date_page(self, date: PartialDate) -> str | None:
        """The page of a date at its own precision, if the site has one (a source's date may have none)."""
        if date.precision == "day" and date in self._days:
            return Paths.day(date)
        if date.month is not None and (date.year, date.month) in self._months:
            return Paths.month(date.year, date.month)
        return None

    def days_in_month(self, year: int, month: int) -> list[PartialDate]:
        return [day for day in self.catalog.days() if (day.year, day.month) == (year, month)]

    def render(self, template: str, path: str, title: str, origin: str | None = None, **context: Any) -> Page:
        self._page_path, self._cited = path, []
        helpers = {"url": self.url, "cite": self.cite, "page_path": path, "title": title}
        body = self.env.get_template(template).render(**helpers, **context)
        notes = self.env.get_template("_footnotes.md.j2").render(**helpers, cited=list(self._cited))
        markdown = body.rstrip() + "\n" + ("\n" + notes.strip() + "\n" if self._cited else "")
        return Page(path, title, markdown, origin)


def build_pages(catalog: Catalog, templates_dir: Path, home_intro: str = "") -> list[Page]:
    """Every page of the site, sorted by path."""
    renderer = _Renderer(catalog, templates_dir)
    pages = list(_generate(catalog, renderer, home_intro))
    return sorted(pages, key=lambda page: page.path)


def _generate(catalog: Catalog, r: _Renderer, home_intro: str) -> Iterator[Page]:
    yield r.render("home.md.j2", Paths.home, "Negotiating positions", intro=home_intro)
    yield r.render("actors.md.j2", Paths.actors, "Actors")
    for actor_id, actor in catalog.actors.items():
        yield r.render("actor.md.j2", Paths.actor(actor_id), actor.name, f"actors/{actor_id}.yaml",
                       actor_id=actor_id, actor=actor)
    yield r.render("regions.md.j2", Paths.regions, "Regions")
    for region_id, region in catalog.regions.items():
        yield r.render("region.md.j2", Paths.region(region_id), region.name, f"regions/{region_id}.yaml",
                       region_id=region_id, region=region)
    yield r.render("sources.md.j2", Paths.sources, "Sources")
    for source_id, source in catalog.sources.items():
        yield r.render("source.md.j2", Paths.source(source_id), source.title or source.publisher,
                       f"sources/{source_id}.yaml", source_id=source_id, source=source)
    yield r.render("claims.md.j2", Paths.claims, "Claims")
    for claim_id, claim in catalog.claims.items():
        yield r.render("claim.md.j2", Paths.claim(claim_id), claim.summary, f"claims/{claim_id}.yaml",
                       claim_id=claim_id, claim=claim)
    yield r.render("dates.md.j2", Paths.dates, "Dates")
    for year, month in catalog.months():
        label = PartialDate(year, month).label
        yield r.render("month.md.j2", Paths.month(year, month), label, year=year, month=month, label=label)
    for day in catalog.days():
        yield r.render("day.md.j2", Paths.day(day), day.label, day=day)
