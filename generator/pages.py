"""From the catalog to pages: a pure function, rendered through the Jinja2 templates in `theme/templates/`.

Each page is Markdown at a fixed path. Paths never depend on what else is in the content, so an
address stays the same as records are added. Templates receive records as data; every text value
passes through the `text` filter, which escapes it, so nothing an editor types becomes markup.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .catalog import Catalog
from .compiled_templates import CompiledTemplates
from .history import FileHistory
from .maps import CREDIT, MapRegion, Shapes, load_shapes, render_legend, render_map
from .markdown_text import escape_inline, escape_paragraphs, safe_href
from .partial_date import PartialDate
from .reads import Kept, Read, TrackedDict, Tracking, catalog_tables
from .records import Source
from .structured_data import claim_jsonld


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. 'actors/putin.md'
    title: str  # plain text
    markdown: str  # front matter (description, structured data, feed) and body
    origin: str | None = None  # the content file the page shows, e.g. 'claims/putin-demands-donetsk.yaml'


def front_matter(title: str, description: str, extra: dict[str, Any]) -> str:
    """Page metadata for the theme's <head>. MkDocs renders theme templates without autoescaping (Material
    writes `<title>{{ page.title }}`), so title and description are HTML-escaped here; structured data
    is emitted by the theme through `tojson`."""
    data = {
        "title": html.escape(" ".join(title.split()), quote=True),
        "description": html.escape(" ".join(description.split()), quote=True),
        **extra,
    }
    # JSON is YAML too, and writes many times faster than a YAML emitter: pages are numerous.
    # Not ensure_ascii: YAML reads no escaped surrogate pairs, so characters beyond U+FFFF stay as they are.
    # U+2028 and U+2029 would be line breaks to YAML: escaped.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "---\n" + text + "\n---\n\n"


# --- addresses: the one place that says where each page family lives --------------------------


class Paths:
    home = "index.md"
    actors = "actors/index.md"
    regions = "regions/index.md"
    sources = "sources/index.md"
    claims = "claims/index.md"
    dates = "dates/index.md"

    timeline = "timeline.md"
    data = "data/index.md"
    threads = "threads/index.md"

    @staticmethod
    def thread(issue: str) -> str:
        return f"threads/{issue}.md"

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
    def year(year: int) -> str:
        return f"dates/{year:04d}/index.md"

    @staticmethod
    def month(year: int, month: int) -> str:
        return f"dates/{year:04d}/{month:02d}/index.md"

    @staticmethod
    def day(date: PartialDate) -> str:
        return f"dates/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"


@dataclass(frozen=True)
class PageCache:
    """One build's pages, kept so that the next build renders again only the pages an edit reaches."""

    settings: tuple[Any, ...]  # templates, introduction, map shapes: when they differ, nothing is reused
    pages: dict[Any, Kept]  # by path, each with its template call and what it read
    fragments: dict[Any, tuple[str, frozenset[Read]]]  # claim lines and footnotes, shared by many pages
    reused: int = 0  # pages taken as they were from the build before


_COMPILED = CompiledTemplates()  # page templates, shared by every build in this process


THREAD_REACH = 5
"""A claim page lists the 2 × THREAD_REACH + 1 claims of its actor's thread on the issue nearest to it in
time, itself included: listing the whole thread would make a thread of k claims weigh k² (each of its k
pages lists all k), and the thread page lists it all."""


def thread_window(thread: list[str], claim_id: str, reach: int = THREAD_REACH) -> list[str]:
    """The claims of a thread nearest to `claim_id` in date order, this one included: `reach` before it and
    `reach` after it, more on one side where the other has fewer."""
    at = thread.index(claim_id)
    start = max(0, min(at - reach, len(thread) - 2 * reach - 1))
    return thread[start:start + 2 * reach + 1]


@dataclass(frozen=True)
class TimelineGroup:
    label: str
    claim_ids: list[str]
    year: int
    month: int | None = None  # None for the claims of a year dated to the year only

    @property
    def path(self) -> str:
        """The page of the group's month, or of its year for claims dated to the year only."""
        return Paths.month(self.year, self.month) if self.month else Paths.year(self.year)


RECENT_CLAIMS = 200
"""The timeline and the claims index list at most about this many of the latest claims, in whole months;
earlier months are linked to their own pages. A page stays readable, and an edit to an old claim does not
rebuild them. A site with fewer claims lists them all."""


class Feeds:
    """Atom feeds, as paths from the site's root."""

    all = "feeds/claims.xml"

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"feeds/actors/{actor_id}.xml"

    @staticmethod
    def region(region_id: str) -> str:
        return f"feeds/regions/{region_id}.xml"


ROLE_LABELS = {
    "demanded": "Demanded", "offered": "Offered in exchange", "occupied": "Occupied", "claimed": "Claimed as annexed",
    "attacked": "Attacked", "threatened": "Threatened", "mentioned": "Mentioned", "selected": "This region",
}
"""Map roles in the order they win when a region has several: a demand says more than a mention."""


def site_url_of(path: str) -> str:
    """'actors/putin.md' → 'actors/putin/', 'actors/index.md' → 'actors/', 'index.md' → '' (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def footnote_label(claim_id: str, source_id: str) -> str:
    # Made of ids only, so a footnote's anchor stays the same from build to build.
    return f"{claim_id}--{source_id}"


# --- rendering -------------------------------------------------------------------------------


class _Renderer:
    """Renders one page at a time; records which claims it shows so their footnotes follow."""

    def __init__(self, catalog: Catalog, templates_dir: Path, shapes: Shapes | None,
                 history: dict[str, FileHistory], tracking: Tracking | None = None,
                 previous: PageCache | None = None) -> None:
        # Without tracking (a single build), reads are not noted: that costs about a fifth of the rendering.
        tracking = tracking or Tracking.off(catalog, site_tables(catalog, history))
        self.reads, self.tables, self.catalog = tracking.reads, tracking.tables, tracking.catalog
        self.changed = tracking.changed
        self.pages = tracking.memo(previous.pages if previous else None) if tracking.noting else None

        def table(name: str) -> dict[Any, Any]:
            return TrackedDict(name, self.tables[name], self.reads) if tracking.noting else self.tables[name]

        self.shapes = shapes
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
        self.env.filters["groupby_issue"] = self.group_by_issue
        self.env.globals.update(
            catalog=self.catalog,
            paths=Paths,
            feeds=Feeds,
            footnote_label=footnote_label,
            month_label=lambda year, month: PartialDate(year, month).label,
            days_in_month=self.days_in_month,
            months_of_year=self.months_of_year,
            date_page=self.date_page,
            issue_label=issue_label,
            timeline_groups=self.timeline_groups,
            recent_groups=self.recent_groups,
            recent_claims=self.recent_claims,
            thread_window=thread_window,
            region_map=self.region_map,
            history=table("history"),
            strongest_roles=self.strongest_roles,
            render_claim_line=self.claim_line,
            # Bound to the page being rendered; globals, so that the macros module is built once.
            url=self.url,
            cite=self.cite,
            references=self._references,
            actor_link=self.actor_link,
            region_link=self.region_link,
            source_link=self.source_link,
            date_link=self.date_link,
            publisher=publisher_name,
        )
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

    def url(self, target: str) -> str:
        """A link to another page, as MkDocs resolves it: up to the site's root, then down. The way up is
        written as a marker, replaced once the page is complete, so that a claim's line and notes are the
        same text on every page and are rendered once (MkDocs writes the shortest link into the HTML)."""
        return ROOT_MARKER + target

    def href(self, target: str) -> str:
        """A link for raw HTML (which MkDocs does not rewrite): the target's URL, relative to this page's."""
        here, there = site_url_of(self._page_path), site_url_of(target)
        return posixpath.relpath(there or ".", here or ".") + "/" if there != here else "./"

    def strongest_roles(self, claim_ids: list[str]) -> dict[str, str]:
        """Each region the claims name, with its most telling role (ROLE_LABELS order)."""
        order = list(ROLE_LABELS)
        roles: dict[str, str] = {}
        for claim_id in claim_ids:
            for mention in self.catalog.claims[claim_id].regions:
                current = roles.get(mention.region)
                if current is None or order.index(mention.role) < order.index(current):
                    roles[mention.region] = mention.role
        return roles

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

    def date_link(self, date: PartialDate) -> str:
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
        if date.precision == "year" and date.year in self._years:
            return Paths.year(date.year)
        return None

    def timeline_groups(self) -> list[TimelineGroup]:
        """Claims by the month they happened; those known only to the year close that year."""
        groups: dict[tuple[int, int], TimelineGroup] = {}
        for claim_id in self.catalog.claim_order:
            date = self.catalog.claims[claim_id].dates.happened.date
            key = (date.year, date.month or 13)
            label = PartialDate(date.year, date.month).label if date.month else f"{date.year}, date known to the year only"
            groups.setdefault(key, TimelineGroup(label, [], date.year, date.month)).claim_ids.append(claim_id)
        return [groups[key] for key in sorted(groups)]

    def recent_groups(self, limit: int = RECENT_CLAIMS) -> tuple[list[TimelineGroup], list[TimelineGroup]]:
        """The timeline's groups split in two: the latest, in whole months, up to `limit` claims (always one
        group at least), then the earlier groups, newest first, for links to their pages."""
        groups = self.timeline_groups()
        shown: list[TimelineGroup] = []
        earlier: list[TimelineGroup] = []
        count = 0
        for group in reversed(groups):
            if earlier or (shown and count + len(group.claim_ids) > limit):
                earlier.append(group)
            else:
                shown.append(group)
                count += len(group.claim_ids)
        return shown[::-1], earlier

    def recent_claims(self, limit: int = RECENT_CLAIMS) -> tuple[list[str], list[TimelineGroup]]:
        """The claims of `recent_groups` in date order (claims dated to the year only first in their year),
        and the earlier months."""
        shown, earlier = self.recent_groups(limit)
        ids = {claim_id for group in shown for claim_id in group.claim_ids}
        return [claim_id for claim_id in self.catalog.claim_order if claim_id in ids], earlier

    def months_of_year(self, year: int) -> list[int]:
        return [month for y, month in self.catalog.months() if y == year]

    def days_in_month(self, year: int, month: int) -> list[PartialDate]:
        return [day for day in self.catalog.days() if (day.year, day.month) == (year, month)]

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


def build_pages(catalog: Catalog, templates_dir: Path, home_intro: str = "", geometry: Path | None = None,
                history: dict[str, FileHistory] | None = None) -> list[Page]:
    """Every page of the site, sorted by path. Maps are drawn where region `geometry` (GeoJSON) is given;
    claim pages show when their file was added and changed where `history` knows."""
    return render_pages(catalog, templates_dir, home_intro, geometry, history)[0]


def render_pages(catalog: Catalog, templates_dir: Path, home_intro: str = "", geometry: Path | None = None,
                 history: dict[str, FileHistory] | None = None,
                 tracking: Tracking | None = None, previous: PageCache | None = None) -> tuple[list[Page], PageCache]:
    """`build_pages`, reusing from `previous` every page that would come out the same: one whose template
    call is the same and which read nothing that changed. Anything else that pages depend on (templates,
    introduction, shapes) is in `settings`; when it differs, every page is rendered again. Without
    `tracking` (see `site_tables`), what pages read is not noted and the next build can reuse none."""
    settings = (_template_files(templates_dir), home_intro, _file_state(geometry))
    if previous is not None and previous.settings != settings:
        previous = None
    shapes = load_shapes(geometry) if geometry is not None and geometry.is_file() else None
    renderer = _Renderer(catalog, templates_dir, shapes, history or {}, tracking, previous)
    pages = sorted(_generate(catalog, renderer, home_intro), key=lambda page: page.path)
    kept = renderer.pages
    return pages, PageCache(settings, kept.results if kept else {}, renderer.fragments, kept.reused if kept else 0)


def site_tables(catalog: Catalog, history: dict[str, FileHistory]) -> dict[str, Any]:
    """What pages read: the catalog's tables, the files' history and the dates that have pages."""
    return {**catalog_tables(catalog), "history": history, "days": dict.fromkeys(catalog.days()),
            "months": dict.fromkeys(catalog.months()), "years": dict.fromkeys(catalog.years())}


def _file_state(path: Path | None) -> tuple[str, int, int] | None:
    if path is None or not path.is_file():
        return None
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _template_files(templates_dir: Path) -> tuple[tuple[str, int, int] | None, ...]:
    return tuple(_file_state(path) for path in sorted(templates_dir.rglob("*")) if path.is_file())


INDEX_PAGES = (Paths.home, Paths.actors, Paths.regions, Paths.sources, Paths.claims, Paths.dates, Paths.timeline,
               Paths.threads, Paths.data)
"""The pages the navigation names: they must exist even when nothing else can be built."""


def problem_pages(problems: list[str], paths: Iterable[str], templates_dir: Path) -> list[Page]:
    """For the preview only: the list of problems, at every address the browser may have open."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["text"] = escape_inline
    body = env.get_template("problems.md.j2").render(problems=problems)
    description = f"{len(problems)} problems in the content stop the site from building."
    markdown = front_matter("The content has problems", description, {}) + body.strip() + "\n"
    return [Page(path, "The content has problems", markdown) for path in sorted(set(paths) | set(INDEX_PAGES))]


def _generate(catalog: Catalog, r: _Renderer, home_intro: str) -> Iterator[Page]:
    yield r.render("home.md.j2", Paths.home, "Negotiating positions",
                   "What each side in the Russia–Ukraine war negotiations demanded, offered and refused, "
                   "claim by claim, with the sources for every one.",
                   meta={"feed": Feeds.all}, intro=home_intro)
    yield from _record_pages(catalog, r)
    yield from _date_pages(catalog, r)
    yield r.render("timeline.md.j2", Paths.timeline, "Timeline",
                   "Every claim and event in the Russia–Ukraine negotiations by date, month by month.")
    yield r.render("data.md.j2", Paths.data, "Open data",
                   "Every claim, actor, region and source as JSON and CSV, with JSON Schemas and Atom feeds.")
    yield r.render("threads.md.j2", Paths.threads, "Position threads",
                   "How each side's position on each issue changed over time.")
    for issue in catalog.issues():
        yield r.render("thread.md.j2", Paths.thread(issue), f"Thread: {issue_label(issue)}",
                       f"How each side's position on {issue_label(issue)} changed over time, claim by claim.",
                       issue=issue)


def _record_pages(catalog: Catalog, r: _Renderer) -> Iterator[Page]:
    yield r.render("actors.md.j2", Paths.actors, "Actors", "The people, states and organisations whose claims are recorded.")
    for actor_id, actor in catalog.actors.items():
        yield r.render("actor.md.j2", Paths.actor(actor_id), actor.name,
                       f"What {actor.name} demanded, offered, refused and said, claim by claim, with sources.",
                       f"actors/{actor_id}.yaml", meta={"feed": Feeds.actor(actor_id)}, actor_id=actor_id, actor=actor)
    yield r.render("regions.md.j2", Paths.regions, "Regions", "Claims about each region of Ukraine.")
    for region_id, region in catalog.regions.items():
        yield r.render("region.md.j2", Paths.region(region_id), region.name,
                       f"Claims about {region.name}: demanded, offered, occupied or attacked, with sources.",
                       f"regions/{region_id}.yaml", meta={"feed": Feeds.region(region_id)},
                       region_id=region_id, region=region)
    yield r.render("sources.md.j2", Paths.sources, "Sources", "The publications the claims come from.")
    for source_id, source in catalog.sources.items():
        title = source.title or _untitled(source)
        yield r.render("source.md.j2", Paths.source(source_id), title,
                       f"{source.publisher}: {title}. The claims it reports, with its exact words.",
                       f"sources/{source_id}.yaml", source_id=source_id, source=source)
    yield r.render("claims.md.j2", Paths.claims, "Claims", "Every recorded claim, by date.")
    for claim_id, claim in catalog.claims.items():
        actor_name = catalog.actors[claim.actor].name
        count = len(catalog.independent_sources(claim_id))
        yield r.render("claim.md.j2", Paths.claim(claim_id), claim.summary,
                       f"{actor_name}, {claim.dates.happened.date.label}: {claim.summary} "
                       f"({count} independent source{'s' if count != 1 else ''})",
                       f"claims/{claim_id}.yaml", meta={"jsonld": claim_jsonld(catalog, claim_id)},
                       claim_id=claim_id, claim=claim)


def _date_pages(catalog: Catalog, r: _Renderer) -> Iterator[Page]:
    yield r.render("dates.md.j2", Paths.dates, "Dates", "Claims by the month and day they were made or reported.")
    for year in catalog.years():
        yield r.render("year.md.j2", Paths.year(year), str(year),
                       f"Claims made, reported or falling due in {year}, month by month.", year=year)
    for year, month in catalog.months():
        label = PartialDate(year, month).label
        yield r.render("month.md.j2", Paths.month(year, month), label,
                       f"Claims made, reported or falling due in {label}.", year=year, month=month, label=label)
    for day in catalog.days():
        yield r.render("day.md.j2", Paths.day(day), day.label,
                       f"Claims made, reported or falling due on {day.label}.", day=day)


ROOT_MARKER = "\x00/"
"""Stands for the way up to the site's root in links until a page is complete. Text from records cannot
contain it: control characters are removed from every text field (`records.visible_text`)."""


def publisher_name(source: Source) -> str:
    """Markdown for a source's publisher: "unknown", as records say when the text names none, said plainly."""
    return "Publisher not named" if source.publisher == "unknown" else escape_inline(source.publisher)


def _untitled(source: Source) -> str:
    who = "publisher not named" if source.publisher == "unknown" else source.publisher
    when = f", {source.published.date.label}" if source.published else ""
    return f"Untitled report ({who}{when})"


def issue_label(issue: str) -> str:
    """'territory.russia-demands' → 'territory › russia demands'."""
    return issue.replace(".", " › ").replace("-", " ")
