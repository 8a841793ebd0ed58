"""The renderer: one page at a time through the Jinja2 templates in `theme/templates/`, reusing from the
last build every page and fragment that would come out the same.

Templates receive records as data; every text value passes through the `text` filter, which escapes it, so
nothing an editor types becomes markup. What templates can use besides their own variables (`page_path`,
`title` and those of their family's row in `pages.FAMILIES`):

Filters
    `text` (inline text, escaped), `paragraphs` (text with paragraphs, escaped), `href` (a web address that
    is safe in a link), `groupby_issue` (claim ids → `[(issue or None, claim ids)]`, `listing.group_by_issue`).

Data
    `catalog` (`catalog.Catalog`, as a view that notes what a page reads), `history` (content file →
    `history.FileHistory`), `paths` (`urls.Paths`), `feeds` (`urls.Feeds`).

Links, written relative to the page
    `url(path)` (a Markdown link target), `actor_link(id)`, `region_link(id)`, `source_link(id)`,
    `date_link(date)` (Markdown links, text escaped), `date_page(date)` (the path of a date's page, or None).

Claims and their footnotes
    `render_claim_line(claim_id, show_actor=True, region_id=None)` (a claim's line in a list),
    `cite(claim_id)` (its footnote references; its notes are appended to the page),
    `footnote_label(claim_id, source_id)`.

Listings (`listing.py`)
    `timeline_groups()`, `recent_groups(limit=RECENT_CLAIMS)`, `recent_claims(limit=RECENT_CLAIMS)`,
    `thread_window(thread, claim_id)`, `months_of_year(year)`, `days_in_month(year, month)`.

Labels (`labels.py`) and maps
    `KIND[kind]`, `ATTRIBUTION[level]`, `RELATION[type]`, `INVERSE[type]` (the words for the record format's
    values), `CAMEO[code]`, `KIND_CAMEO[kind]` (`cameo.py`), `plural(count, noun, nouns=None)` ('1 independent source', '2 independent sources'),
    `issue_label(issue)`, `month_label(year, month)`, `publisher(source)` (Markdown),
    `strongest_roles(claim_ids)` (region id → its most telling role), `region_map(roles, title)` (an inline
    SVG map with its legend, or "" without map shapes).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from . import listing
from .cameo import CAMEO_NAMES, KIND_CAMEO
from .catalog import Catalog
from .compiled_templates import CompiledTemplates
from .date_span import DateSpan
from .history import FileHistory
from .labels import (
    ATTRIBUTION_LABELS,
    INVERSE_RELATION_LABELS,
    KIND_LABELS,
    RELATION_LABELS,
    ROLE_LABELS,
    issue_label,
    month_label,
    plural,
    publisher_name,
)
from .maps import CREDIT, MapRegion, Shapes, render_legend, render_map
from .markdown_text import escape_inline, escape_paragraphs, safe_href
from .page import Page, front_matter
from .partial_date import PartialDate
from .reads import Kept, Read, TrackedMapping, Tracking, catalog_tables
from .urls import Feeds, Paths, footnote_label, site_url_of

ROOT_MARKER = "\x00/"
"""Stands for the way up to the site's root in links until a page is complete. Text from records cannot
contain it: control characters are removed from every text field (`records.visible_text`)."""


@dataclass(frozen=True)
class PageCache:
    """One build's pages, kept so that the next build renders again only the pages an edit reaches."""

    settings: tuple[Any, ...]  # templates, introduction, map shapes: when they differ, nothing is reused
    pages: dict[Any, Kept]  # by path, each with its template call and what it read
    fragments: dict[Any, tuple[str, frozenset[Read]]]  # claim lines and footnotes, shared by many pages
    reused: int = 0  # pages taken as they were from the build before


_COMPILED = CompiledTemplates()  # page templates, shared by every build in this process


def site_tables(catalog: Catalog, history: dict[str, FileHistory]) -> dict[str, Any]:
    """What pages read: the catalog's tables, the files' history and the dates that have pages."""
    return {**catalog_tables(catalog), "history": history, "days": dict.fromkeys(catalog.days()),
            "months": dict.fromkeys(catalog.months()), "years": dict.fromkeys(catalog.years())}


def render_settings(templates_dir: Path, home_intro: str, geometry: Path | None) -> tuple[Any, ...]:
    """What every page depends on besides the catalog: the template files, the introduction, the map shapes."""
    return (_template_files(templates_dir), home_intro, _file_state(geometry))


def _file_state(path: Path | None) -> tuple[str, str] | None:
    """A file by its bytes, not its time and size: an edit within the clock's resolution that keeps the
    size (a digit changed) is still an edit."""
    if path is None or not path.is_file():
        return None
    return (str(path), hashlib.sha256(path.read_bytes()).hexdigest())


def _template_files(templates_dir: Path) -> tuple[tuple[str, str] | None, ...]:
    return tuple(_file_state(path) for path in sorted(templates_dir.rglob("*")) if path.is_file())


class Renderer:
    """Renders one page at a time; records which claims it shows so their footnotes follow."""

    def __init__(self, catalog: Catalog, templates_dir: Path, shapes: Shapes | None,
                 history: dict[str, FileHistory], tracking: Tracking | None = None,
                 previous: PageCache | None = None, *, small_shapes: Shapes | None = None,
                 helpers: Iterable[Callable[[Renderer], dict[str, Any]]] = ()) -> None:
        # Without tracking (a single build), reads are not noted: that costs about a fifth of the rendering.
        tracking = tracking or Tracking.off(catalog, site_tables(catalog, history))
        self.reads, self.tables, self.catalog = tracking.reads, tracking.tables, tracking.catalog
        self.changed = tracking.changed
        self.pages = tracking.memo(previous.pages if previous else None) if tracking.noting else None

        def table(name: str) -> Mapping[Any, Any]:
            return TrackedMapping(name, self.tables[name], self.reads) if tracking.noting else self.tables[name]

        self.shapes, self.small_shapes = shapes, small_shapes
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; text is escaped by the `text` filter instead
            auto_reload=False,  # templates do not change during a build: no file check per page
            bytecode_cache=_COMPILED,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(text=escape_inline, paragraphs=escape_paragraphs, href=safe_href)
        self.env.filters["groupby_issue"] = partial(listing.group_by_issue, self.catalog)
        self.env.globals.update(
            catalog=self.catalog,
            paths=Paths,
            feeds=Feeds,
            footnote_label=footnote_label,
            month_label=month_label,
            days_in_month=partial(listing.days_in_month, self.catalog),
            months_of_year=partial(listing.months_of_year, self.catalog),
            date_page=self.date_page,
            issue_label=partial(self._issue_label),
            timeline_groups=partial(listing.timeline_groups, self.catalog),
            recent_groups=partial(listing.recent_groups, self.catalog),
            recent_claims=partial(listing.recent_claims, self.catalog),
            thread_window=listing.thread_window,
            region_map=self.region_map,
            history=table("history"),
            strongest_roles=partial(listing.strongest_roles, self.catalog),
            render_claim_line=self.claim_line,
            # Bound to the page being rendered; globals, so that the macros module is built once.
            url=self.url,
            cite=self.cite,
            actor_link=self.actor_link,
            region_link=self.region_link,
            source_link=self.source_link,
            date_link=self.date_link,
            publisher=publisher_name,
            plural=plural,
            KIND=KIND_LABELS,
            ATTRIBUTION=ATTRIBUTION_LABELS,
            RELATION=RELATION_LABELS,
            INVERSE=INVERSE_RELATION_LABELS,
            CAMEO=CAMEO_NAMES,
            KIND_CAMEO=KIND_CAMEO,
        )
        for helper in helpers:  # a page family's own helpers (positions_pages.template_globals)
            self.env.globals.update(helper(self))
        self._days, self._months, self._years = table("days"), table("months"), table("years")
        self._page_path = ""
        self._up = ""  # '../' for each folder between the page and the site's root
        self._cited: dict[str, None] = {}  # in order of first appearance
        self._maps = 0
        # Claim lines and footnotes, each kept with what it read: those still valid come from the last build.
        self.fragments: dict[Any, tuple[str, frozenset[Read]]] = {
            key: kept for key, kept in (previous.fragments if previous is not None else {}).items()
            if kept[1].isdisjoint(self.changed)
        }
        self._line_template = self.env.get_template("_claim_line.md.j2")
        self._notes_template = self.env.get_template("_footnotes.md.j2")

    def _issue_label(self, issue: str) -> str:
        return issue_label(issue, self.catalog.questions)

    def url(self, target: str) -> str:
        """A link to another page, as MkDocs resolves it: up to the site's root, then down. The way up is
        written as a marker, replaced once the page is complete, so that a claim's line and notes are the
        same text on every page and are rendered once (MkDocs writes the shortest link into the HTML)."""
        return ROOT_MARKER + target

    def href(self, target: str) -> str:
        """A link for raw HTML (which MkDocs does not rewrite): the target's URL, relative to this page's."""
        here, there = site_url_of(self._page_path), site_url_of(target)
        return posixpath.relpath(there or ".", here or ".") + "/" if there != here else "./"

    def region_map(self, roles: dict[str, str], title: str) -> str:
        """An inline SVG map: every region a link to its page, those in `roles` shaded by role, with legend."""
        if self.shapes is None:
            return ""
        self._maps += 1
        regions = [
            MapRegion(region.iso, region.name, self.href(Paths.region(rid)), roles.get(rid),
                      label=f"{region.name} ({ROLE_LABELS[roles[rid]].lower()})" if rid in roles else None)
            for rid, region in self.catalog.regions.items() if region.iso in self.shapes.paths
        ]
        svg = render_map(self.shapes, regions, title=title, label_id=f"map-title-{self._maps}")
        legend = render_legend([(role, label) for role, label in ROLE_LABELS.items() if role in roles.values()])
        credit = f'<a href="{CREDIT[1]}">{html.escape(CREDIT[0])}</a>'
        return f'<figure class="explainer-figure">{svg}<figcaption>{legend}{credit}</figcaption></figure>'

    def cite(self, claim_id: str) -> str:
        """Footnote references for a claim shown on this page (one per source); its notes follow the page."""
        self._cited.setdefault(claim_id, None)
        return self._references(claim_id)

    # Links, the most frequent pieces of every page: plain functions rather than template macros.
    def actor_link(self, actor_id: str) -> str:
        return f"[{escape_inline(self.catalog.actors[actor_id].name)}]({self.url(Paths.actor(actor_id))})"

    def region_link(self, region_id: str) -> str:
        return f"[{escape_inline(self.catalog.regions[region_id].name)}]({self.url(Paths.region(region_id))})"

    def source_link(self, source_id: str) -> str:
        source = self.catalog.sources[source_id]
        title = f": {escape_inline(source.title)}" if source.title else ""
        return f"[{publisher_name(source)}{title}]({self.url(Paths.source(source_id))})"

    def date_link(self, date: PartialDate | DateSpan) -> str:
        target = self.date_page(date)
        return f"[{date.label}]({self.url(target)})" if target else date.label

    def _references(self, claim_id: str) -> str:
        return "".join(f"[^{footnote_label(claim_id, c.source)}]" for c in self.catalog.claims[claim_id].sources)

    # A claim is shown on many pages (its actor's, its regions', its days', the timeline…) and looks the
    # same on every page of one folder depth: its line and its notes are rendered once per folder.
    def claim_line(self, claim_id: str, show_actor: bool = True, region_id: str | None = None) -> str:
        self._cited.setdefault(claim_id, None)
        key = ("line", claim_id, show_actor, region_id)
        if key not in self.fragments:
            with self.reads.frame() as reads:
                line = self._line_template.render(claim_id=claim_id, show_actor=show_actor, region_id=region_id)
            self.fragments[key] = (line.strip("\n"), frozenset(reads))
            return self.fragments[key][0]
        line, reads_of_line = self.fragments[key]
        self.reads.merge(reads_of_line)  # the page shows what the line read, as if it had read it itself
        return line

    def _footnotes(self, claim_id: str) -> str:
        key = ("notes", claim_id)
        if key not in self.fragments:
            with self.reads.frame() as reads:
                notes = self._notes_template.render(claim_id=claim_id).strip()
            self.fragments[key] = (notes, frozenset(reads))
            return notes
        notes, reads_of_notes = self.fragments[key]
        self.reads.merge(reads_of_notes)
        return notes

    def date_page(self, date: PartialDate | DateSpan) -> str | None:
        """The page of a date at its own precision, if the site has one (a source's date may have none); for
        a range or bound, the page that holds it, or the year page that lists it (`catalog.span_year`)."""
        if isinstance(date, DateSpan):
            bound = date.placed or date.latest or date.earliest
            if date.placed is None and bound is not None:
                return Paths.year(bound.year) if bound.year in self._years else None
            assert bound is not None
            date = bound
        if date.precision == "day" and date in self._days:
            return Paths.day(date)
        if date.month is not None and (date.year, date.month) in self._months:
            return Paths.month(date.year, date.month)
        if date.precision == "year" and date.year in self._years:
            return Paths.year(date.year)
        return None

    def render(self, template: str, path: str, title: str, description: str, origin: str | None = None,
               meta: dict[str, Any] | None = None, **context: Any) -> Page:
        """The page, rendered again only if its template call differs from the last build's or it read
        something that changed since."""
        if self.pages is None:
            return self._render(template, path, title, description, origin, meta, context)
        return self.pages(path, (template, title, description, origin, meta, context),
                          lambda: self._render(template, path, title, description, origin, meta, context))

    def _render(self, template: str, path: str, title: str, description: str, origin: str | None,
                meta: dict[str, Any] | None, context: dict[str, Any]) -> Page:
        self._page_path, self._up, self._cited, self._maps = path, "../" * path.count("/"), {}, 0
        helpers = {"page_path": path, "title": title}
        body = self.env.get_template(template).render(**helpers, **context)
        markdown = front_matter(title, description, meta or {}) + body.strip() + "\n"
        if self._cited:
            markdown += "\n" + "\n".join(self._footnotes(claim_id) for claim_id in self._cited) + "\n"
        markdown = markdown.replace(ROOT_MARKER, self._up)
        return Page(path, title, markdown, origin)
