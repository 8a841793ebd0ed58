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

HTML, for the parts of a page whose markup the generator knows (claim lists, footnotes): Python-Markdown
passes raw HTML blocks by, where it would spend most of a build parsing the same text as Markdown
    filters `html` (inline text, HTML-escaped) and `html_href` (a web address for an attribute);
    `html_url(path)` (a link target), `actor_a(id)`, `region_a(id)`, `source_a(id)`, `date_a(date)`,
    `claim_a(id)`, `publisher_html(source)` (HTML links and names, text escaped).

Claims and their footnotes
    `render_claim_line(claim_id, show_actor=True, region_id=None, with_regions=False)` (a claim's line in a
    list, HTML: the content of an `<li>`), `render_claim_list(claim_ids, …)` (a raw HTML block: `<ul>` of
    lines), `cite(claim_id)` (its footnote references, HTML; its notes are appended to the page),
    `footnote_label(claim_id, source_id)`, `backrefs(label)` (the links back from a note, filled in once
    the page is complete).

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
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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
    plural,
    publisher_name,
    translated,
)
from .maps import CREDIT, MapRegion, Shapes, render_legend, render_map
from .markdown_text import UNTRANSLATED_MARK, Untranslated, escape_inline, escape_paragraphs, safe_href
from .page import Page, front_matter
from .partial_date import PartialDate
from .reads import Kept, Read, TrackedMapping, Tracking, catalog_tables
from .urls import Feeds, Paths, footnote_label, site_url_of

ROOT_MARKER = "\x00/"
"""Stands for the way up to the site's root in links until a page is complete. Text from records cannot
contain it: control characters are removed from every text field (`records.visible_text`)."""

HTML_ROOT_MARKER = "\x00|"
"""The same for links in raw HTML, which MkDocs does not rewrite: up from the page's URL (one more folder
than its file, 'actors/putin.md' being served at 'actors/putin/'), so written apart from ROOT_MARKER."""

_NOTE_MARK = re.compile("\x00([rnb])([^\x00]*)\x00")
"""Footnote references and notes are shared by many pages, but their numbers and the ids of repeated
references are the page's own: they are written as marks (`\x00` kind label `\x00`), filled in at the end."""


def escape_html(text: str) -> str:
    """One line of plain text → HTML that shows exactly that text (the `html` filter); an untranslated text
    marked as English (`markdown_text.Untranslated`)."""
    escaped = html.escape(" ".join(text.split()), quote=True)
    return f"<span {UNTRANSLATED_MARK}>{escaped}</span>" if isinstance(text, Untranslated) else escaped


def capital(text: str) -> str:
    """The text with a capital first letter, the rest as written (and an untranslated text still marked)."""
    capitalized = text[:1].upper() + text[1:]
    return Untranslated(capitalized) if isinstance(text, Untranslated) else capitalized


def html_href(url: str) -> str:
    """An http(s) address for an HTML attribute: percent-encoded as for Markdown, then HTML-escaped."""
    return html.escape(safe_href(url), quote=True)


@dataclass(frozen=True)
class PageCache:
    """One build's pages, kept so that the next build renders again only the pages an edit reaches."""

    settings: tuple[Any, ...]  # templates, introduction, map shapes: when they differ, nothing is reused
    pages: dict[Any, Kept]  # by path, each with its template call and what it read
    fragments: dict[Any, tuple[str, frozenset[Read]]]  # claim lines and footnotes, shared by many pages
    reused: int = 0  # pages taken as they were from the build before
    calls: dict[Any, Kept] = field(default_factory=dict)  # each page's template call (`PagesOf.entries`)


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


# The macro templates every page template can call, by the name they are called under.
MACRO_MODULES = {"m": "_macros.md.j2", "p": "_positions.md.j2"}


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
            extensions=["jinja2.ext.i18n"],
        )
        # The words of the page's edition: `_()`, `gettext()` and `ngettext()` in templates (Babel's catalogs).
        self.edition = edition = catalog.edition
        self.role_labels = translated(ROLE_LABELS, edition)  # the maps' legends and labels, in the edition's words
        self.env.install_gettext_translations(edition.translations, newstyle=True)  # type: ignore[attr-defined]
        self.env.filters.update(text=escape_inline, paragraphs=escape_paragraphs, href=safe_href,
                                html=escape_html, html_href=html_href, date=edition.date,
                                capital=capital)
        self.env.filters["groupby_issue"] = partial(listing.group_by_issue, self.catalog)
        self.env.globals.update(
            catalog=self.catalog,
            paths=Paths,
            feeds=Feeds,
            footnote_label=footnote_label,
            month_label=edition.month,
            edition=edition,
            counted=edition.counted,
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
            render_claim_list=self.claim_list,
            backrefs=_backrefs,
            html_url=self.html_url,
            actor_a=self.actor_a,
            region_a=self.region_a,
            source_a=self.source_a,
            date_a=self.date_a,
            claim_a=self.claim_a,
            publisher_html=self.publisher_html,
            # Bound to the page being rendered; globals, so that the macros module is built once.
            url=self.url,
            cite=self.cite,
            actor_link=self.actor_link,
            region_link=self.region_link,
            source_link=self.source_link,
            date_link=self.date_link,
            publisher=partial(publisher_name, edition=edition),
            plural=plural,
            KIND=translated(KIND_LABELS, edition),
            ATTRIBUTION=translated(ATTRIBUTION_LABELS, edition),
            RELATION=translated(RELATION_LABELS, edition),
            INVERSE=translated(INVERSE_RELATION_LABELS, edition),
            ROLE=self.role_labels,
            CAMEO=translated(CAMEO_NAMES, edition),
            KIND_CAMEO=KIND_CAMEO,
        )
        for helper in helpers:  # a page family's own helpers (positions_pages.template_globals)
            self.env.globals.update(helper(self))
        # The macro templates, made modules once as globals: an `{% import %}` in each page's template would
        # cost Jinja2 a comparison of all the globals on every page (about a tenth of the rendering).
        for name, module in MACRO_MODULES.items():
            self.env.globals[name] = self.env.get_template(module).module
        self._days, self._months, self._years = table("days"), table("months"), table("years")
        self._page_path = ""
        self._up = ""  # '../' for each folder between the page and the site's root
        self._html_up = "./"  # the same from the page's URL, for raw HTML
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
        return issue_label(issue, self.catalog.questions, self.edition)

    def url(self, target: str) -> str:
        """A link to another page of the edition, as MkDocs resolves it: up to the site's root, then down. The
        way up is written as a marker, replaced once the page is complete, so that a claim's line and notes
        are the same text on every page and are rendered once (MkDocs writes the shortest link into the HTML)."""
        return ROOT_MARKER + self.edition.prefix + target

    def html_url(self, target: str) -> str:
        """A link to another page for raw HTML: its URL from the site's root, behind a marker for the way up."""
        return HTML_ROOT_MARKER + site_url_of(self.edition.prefix + target)

    def href(self, target: str) -> str:
        """A link for raw HTML (which MkDocs does not rewrite): the target's URL, relative to this page's."""
        here, there = site_url_of(self._page_path), site_url_of(self.edition.prefix + target)
        return posixpath.relpath(there or ".", here or ".") + "/" if there != here else "./"

    def region_map(self, roles: dict[str, str], title: str) -> str:
        """An inline SVG map: every region a link to its page, those in `roles` shaded by role, with legend."""
        if self.shapes is None:
            return ""
        self._maps += 1
        role_labels = self.role_labels
        regions = [
            MapRegion(region.iso, region.name, self.href(Paths.region(rid)), roles.get(rid),
                      label=f"{region.name} ({role_labels[roles[rid]].lower()})" if rid in roles else None)
            for rid, region in self.catalog.regions.items() if region.iso in self.shapes.paths
        ]
        svg = render_map(self.shapes, regions, title=title, label_id=f"map-title-{self._maps}")
        legend = render_legend([(role, label) for role, label in role_labels.items() if role in roles.values()])
        credit = f'<a href="{CREDIT[1]}">{html.escape(self.edition.gettext(CREDIT[0]))}</a>'
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
        return f"[{publisher_name(source, self.edition)}{title}]({self.url(Paths.source(source_id))})"

    def date_link(self, date: PartialDate | DateSpan) -> str:
        target, label = self.date_page(date), self.edition.date(date)
        return f"[{label}]({self.url(target)})" if target else label

    # The same links as HTML, for the claim lines and footnotes.
    def actor_a(self, actor_id: str) -> str:
        return _a(self.html_url(Paths.actor(actor_id)), escape_html(self.catalog.actors[actor_id].name))

    def region_a(self, region_id: str) -> str:
        return _a(self.html_url(Paths.region(region_id)), escape_html(self.catalog.regions[region_id].name))

    def source_a(self, source_id: str) -> str:
        source = self.catalog.sources[source_id]
        title = f": {escape_html(source.title)}" if source.title else ""
        return _a(self.html_url(Paths.source(source_id)), self.publisher_html(source) + title)

    def date_a(self, date: PartialDate | DateSpan) -> str:
        target, label = self.date_page(date), html.escape(self.edition.date(date))
        return _a(self.html_url(target), label) if target else label

    def publisher_html(self, source: Any) -> str:
        """A source's publisher as HTML: "unknown", as records say when the text names none, said plainly."""
        if source.publisher == "unknown":
            return html.escape(self.edition.gettext("Publisher not named"))
        return escape_html(source.publisher)

    def claim_a(self, claim_id: str) -> str:
        return _a(self.html_url(Paths.claim(claim_id)), escape_html(self.catalog.claims[claim_id].summary))

    def _references(self, claim_id: str) -> str:
        """Python-Markdown's footnote references, with marks for the id and number (`_number_notes`)."""
        return "".join(f'<sup id="\x00r{label}\x00"><a class="footnote-ref" href="#fn:{label}">\x00n{label}\x00</a></sup>'
                       for label in (footnote_label(claim_id, c.source) for c in self.catalog.claims[claim_id].sources))

    # A claim is shown on many pages (its actor's, its regions', its days', the timeline…) and looks the
    # same on every page of one folder depth: its line and its notes are rendered once per folder.
    def claim_line(self, claim_id: str, show_actor: bool = True, region_id: str | None = None,
                   with_regions: bool = False) -> str:
        self._cited.setdefault(claim_id, None)
        key = ("line", claim_id, show_actor, region_id, with_regions)
        if key not in self.fragments:
            with self.reads.frame() as reads:
                line = self._line_template.render(claim_id=claim_id, show_actor=show_actor, region_id=region_id,
                                                  with_regions=with_regions)
            self.fragments[key] = (line.strip("\n"), frozenset(reads))
            return self.fragments[key][0]
        line, reads_of_line = self.fragments[key]
        self.reads.merge(reads_of_line)  # the page shows what the line read, as if it had read it itself
        return line

    def claim_list(self, claim_ids: Iterable[str], show_actor: bool = True, region_id: str | None = None,
                   with_regions: bool = False) -> str:
        """Claims as a raw HTML list: Markdown takes it as one block (templates put it between blank lines)."""
        items = "".join(f"<li>{self.claim_line(claim_id, show_actor, region_id, with_regions)}</li>\n"
                        for claim_id in claim_ids)
        return f"<ul>\n{items}</ul>\n" if items else ""

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
        path = self.edition.path(path)  # 'uk/actors/putin.md' in the Ukrainian edition
        if meta and "feed" in meta:  # the page's feed in its edition, named in its words
            meta = {**meta, "feed": self.edition.path(meta["feed"]),
                    "feed_title": self.edition.gettext("Claims feed")}
        self._page_path, self._up, self._cited, self._maps = path, "../" * path.count("/"), {}, 0
        helpers = {"page_path": path, "title": title}
        body = self.env.get_template(template).render(**helpers, **context)
        if UNTRANSLATED_MARK in body or isinstance(context.get("intro"), Untranslated):
            body = self._say_untranslated(body)
        markdown = front_matter(title, description, meta or {}) + body.strip() + "\n"
        if self._cited:
            # Python-Markdown's footnotes, as its footnotes extension writes them.
            notes = "\n".join(self._footnotes(claim_id) for claim_id in self._cited)
            markdown += f'\n<div class="footnote">\n<hr>\n<ol>\n{notes}\n</ol>\n</div>\n'
        up = site_url_of(path).count("/")
        markdown = markdown.replace(ROOT_MARKER, self._up).replace(HTML_ROOT_MARKER, "../" * up or "./")
        if self._cited:
            markdown = self._number_notes(markdown)
        return Page.of(path, title, markdown, origin)

    def _say_untranslated(self, body: str) -> str:
        """A page showing texts not yet translated says so, below its heading: they are in English."""
        notice = html.escape(self.edition.gettext(
            "Some texts on this page are not translated yet: they are shown in English."))
        note = f'<p class="explainer-untranslated">{notice}</p>'
        heading, newline, rest = body.partition("\n")
        return f"{heading}\n\n{note}\n\n{rest}" if heading.startswith("# ") else f"{note}\n\n{body}"

    def _number_notes(self, markdown: str) -> str:
        """Fill in the marks of the footnotes: each note numbered in the order of the list of notes, each
        reference with an id of its own (`fnref:…`, then `fnref2:…`), each note linking back to every
        reference (the marks of the references come first, in the page's body)."""
        numbers = {footnote_label(claim_id, c.source): str(number) for number, (claim_id, c) in enumerate(
            ((claim_id, c) for claim_id in self._cited for c in self.catalog.claims[claim_id].sources), 1)}
        seen: dict[str, int] = {}
        back = self.edition.gettext("Jump back to footnote {number} in the text")

        def fill(mark: re.Match[str]) -> str:
            kind, label = mark.group(1), mark.group(2)
            if kind == "n":
                return numbers[label]
            if kind == "r":
                seen[label] = count = seen.get(label, 0) + 1
                return f"fnref{count if count > 1 else ''}:{label}"
            title = html.escape(back.format(number=numbers[label]), quote=True)
            links = "".join(f'<a class="footnote-backref" href="#fnref{n if n > 1 else ""}:{label}" '
                            f'title="{title}">&#8617;</a>' for n in range(1, seen.get(label, 0) + 1))
            return "&#160;" + links if links else ""

        return _NOTE_MARK.sub(fill, markdown)


def _a(href: str, text_html: str) -> str:
    return f'<a href="{href}">{text_html}</a>'


def _backrefs(label: str) -> str:
    """Where a note's links back to its references go: how many there are is known once the page is done."""
    return f"\x00b{label}\x00"
