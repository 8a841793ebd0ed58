"""The positions pages: who stands where on each issue (now and at the end of every month), what changed in
each month, and how two months compare. The facts come from the catalog (`positions.py`); this module gives
their page families and what their templates call.

Addresses: `/positions/` (the latest table), `/positions/<yyyy>/<mm>/` (the table at the end of a month),
`/positions/compare/<yyyy-mm>/<yyyy-mm>/` (two months side by side), `/changes/` and `/changes/<yyyy>/<mm>/`
(the moves reported in a month), `feeds/changes.xml` (every move, newest first).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import listing
from .catalog import Catalog
from .editions import N_
from .labels import CHANGE_LABELS, month_label, translated
from .listing import Part
from .maps import MapRegion, render_map
from .page import NOT_SEARCHED, IndexPage, PagesOf
from .positions import CHANGE_TYPES, Cell, Month, PositionKey, question_of, reason_in
from .urls import Feeds, Paths

if TYPE_CHECKING:
    from .renderer import Renderer

REPORTING_LATEST = 3
"""How many of the latest claims of reporting and analysis the positions page lists under each question."""

# Each position shown is a claim with its footnotes, as on a listing: no positions page shows more than
# `listing.PAGE_CLAIMS` of them. The table goes on over numbered pages (`/positions/page/2/`), a whole row of
# issue at a time; a month's changes and a comparison's changed cells over pages of PAGE_CLAIMS
# (`/changes/2025/07/page/2/`), each page linked from the first. With 30 issues and 4 sides, the table at
# 10,000 claims weighed 342 KB of HTML on one page.

STEP_ROLES = {"demanded": N_("demanded"), "offered": N_("offered")}
"""The roles a step's small map shows, as its caption names them after a region."""

COMPARED_MONTHS_BACK = (1, 12)
"""A month's table is compared with the tables this many months before it, and with the latest: a fixed number
of comparisons per month (three at most), so that they grow with the months and not with their square."""




# --- what the positions templates call -----------------------------------------------------------


def question_label(catalog: Catalog, question_id: str) -> str:
    """The editors' label (`content/questions/`), or the key itself made readable: 'war-aims' → 'War aims'."""
    question = catalog.questions.get(question_id)
    return question.label if question else question_id.replace("-", " ").capitalize()


def latest_state(catalog: Catalog) -> dict[Cell, str]:
    months = catalog.position_months
    return catalog.states[months[-1]] if months else {}


def table_parts(catalog: Catalog, with_reporting: bool) -> list[Part]:
    """The positions table's rows (issue keys, under their questions) over pages of at most PAGE_CLAIMS
    positions: a row holds a position per side, and a question's latest reporting (`with_reporting`, on
    `/positions/`) counts on the page where the question's rows begin. A question may go on over the next."""
    sides = max(1, len(catalog.side_order))
    first = {issues[0] for issues in catalog.issues_of_question.values() if issues}

    def weight(question_id: str, issue: str) -> int:
        if with_reporting and issue in first:
            return sides + min(REPORTING_LATEST, len(reporting_of(catalog, question_id)))
        return sides

    sections = [(question_id, catalog.issues_of_question[question_id]) for question_id in catalog.question_order]
    return listing.split_listing(sections, weight=weight)


def month_moves(catalog: Catalog, month: Month) -> list[PositionKey]:
    """The moves of a month in the order its changes pages list them: by question, then issue, then date."""
    return [key for _, issues in moves_by_question(catalog, list(catalog.changes_in_month.get(month, [])))
            for _, keys in issues for key in keys]


def changes_page(catalog: Catalog, month: Month, number: int) -> tuple[list[PositionKey], Part]:
    """The moves page `number` of a month's changes lists, and the page as a `listing.Part` for its links."""
    moves = month_moves(catalog, month)
    return listing.page_entries(moves, number), Part(number, listing.entries_page_count(len(moves)), ())


def compare_page(catalog: Catalog, first: Month, second: Month,
                 number: int) -> tuple[list[tuple[Cell, list[PositionKey]]], Part]:
    """The changed cells page `number` of a comparison lists (`changed_cells`), and the page for its links."""
    changed = changed_cells(catalog, first, second)
    return listing.page_entries(changed, number), Part(number, listing.entries_page_count(len(changed)), ())


def compared_pairs(catalog: Catalog) -> list[tuple[Month, Month]]:
    """Every comparison that has a page: each month with some months before it, and with the latest."""
    months = catalog.position_months
    pairs: set[tuple[Month, Month]] = set()
    for at, month in enumerate(months):
        pairs.update((months[at - back], month) for back in COMPARED_MONTHS_BACK if at - back >= 0)
        if at < len(months) - 1:
            pairs.add((month, months[-1]))
    return sorted(pairs)


def compared_months(catalog: Catalog, month: Month) -> list[tuple[Month, str]]:
    """The months a month's table is compared with, each with the comparison's page."""
    found = [(other if first == month else first, Paths.positions_compare(first, other))
             for first, other in compared_pairs(catalog) if month in (first, other)]
    return sorted(found)


def changed_cells(catalog: Catalog, first: Month, second: Month) -> list[tuple[Cell, list[PositionKey]]]:
    """The cells that differ between two months' tables, by question order, each with the moves that entered
    it in between."""
    before, after = catalog.states[first], catalog.states[second]
    rank = {issue: at for at, issue in enumerate(
        issue for qid in catalog.question_order for issue in catalog.issues_of_question[qid])}
    sides = {side: at for at, side in enumerate(catalog.side_order)}
    changed = []
    for cell in sorted(before.keys() | after.keys(), key=lambda c: (rank[c[1]], sides[c[0]])):
        if before.get(cell) != after.get(cell):
            between = [(cell[0], cid) for cid in catalog.position_threads[cell]
                       if first < catalog.moves[(cell[0], cid)].entered <= second]
            changed.append((cell, between))
    return changed


def moves_by_question(catalog: Catalog, keys: list[PositionKey]) -> list[tuple[str, list[tuple[str, list[PositionKey]]]]]:
    """Moves grouped by question (in the table's order), then by issue key."""
    grouped: dict[str, dict[str, list[PositionKey]]] = {}
    for key in keys:
        issue = catalog.moves[key].issue
        grouped.setdefault(question_of(issue), {}).setdefault(issue, []).append(key)
    order = {qid: at for at, qid in enumerate(catalog.question_order)}
    return [(qid, sorted(issues.items())) for qid, issues in sorted(grouped.items(), key=lambda item: order[item[0]])]


def change_counts(catalog: Catalog, keys: list[PositionKey]) -> str:
    """'2 narrowed, 1 new': how many moves of each kind, in the vocabulary's order."""
    counts: dict[str | None, int] = {}
    for key in keys:
        change = catalog.moves[key].change
        counts[change] = counts.get(change, 0) + 1
    _ = catalog.edition.gettext
    return ", ".join(_("{count} {change}").format(count=counts[kind], change=_(CHANGE_LABELS[kind]).lower())
                     for kind in CHANGE_LABELS if kind in counts) or _("none")


def reporting_of(catalog: Catalog, question_id: str) -> list[str]:
    """The reporting and analysis on a question's issues, in date order."""
    return list(catalog.reporting.get(question_id, []))


def maps_of(catalog: Catalog, side_id: str, issue: str) -> list[str]:
    """A side's positions on an issue that name regions demanded or offered: one small map each."""
    return catalog.map_steps.get((side_id, issue), [])


def change_badge(catalog: Catalog, side_id: str, claim_id: str) -> str:
    """A move's kind as a labelled badge: its word is the label, the colour only repeats it."""
    change = catalog.moves[(side_id, claim_id)].change
    label = html.escape(catalog.edition.gettext(CHANGE_LABELS[change]))
    return f'<span class="explainer-change change-{change or "unclassified"}">{label}</span>'


def step_maps(renderer: Renderer, side_id: str, issue: str, latest: int | None = None) -> str:
    """A row of small maps, one per step of a side's territorial position (the `latest` steps alone, where
    given), each captioned with its date and the kind of move. Drawn from coarser shapes than the full maps,
    so that a row stays light."""
    shapes = renderer.small_shapes
    if shapes is None:
        return ""
    catalog = renderer.catalog
    edition = catalog.edition
    _ = edition.gettext
    figures = []
    steps = maps_of(catalog, side_id, issue)
    first = max(0, len(steps) - latest) if latest else 0
    for at, claim_id in enumerate(steps[first:], start=first + 1):
        claim = catalog.claims[claim_id]
        roles = {m.region: m.role for m in claim.regions if m.role in ("demanded", "offered")}
        drawn = [(catalog.regions[rid], _(STEP_ROLES[role]), role) for rid, role in sorted(roles.items())
                 if catalog.regions[rid].iso in shapes.paths]
        regions = [MapRegion(region.iso, region.name, None, role,
                             label=_("{region} ({role})").format(region=region.name, role=word))
                   for region, word, role in drawn]
        date = edition.date(claim.dates.happened.date)
        change = _(CHANGE_LABELS[catalog.moves[(side_id, claim_id)].change])
        named = "; ".join(_("{region} {role}").format(region=region.name, role=word) for region, word, _role in drawn)
        title = _("{date}, {change}: {regions}").format(date=date, change=change.lower(), regions=named)
        svg = render_map(shapes, regions, title=title, label_id=f"step-map-{side_id}-{at}")
        link = renderer.href(Paths.claim(claim_id))
        figures.append(f'<figure class="explainer-step">{svg}<figcaption><a href="{link}">{html.escape(date)}</a>'
                       f' {change_badge(catalog, side_id, claim_id)}</figcaption></figure>')
    return f'<div class="explainer-steps">{"".join(figures)}</div>'


def template_globals(renderer: Renderer) -> dict[str, Any]:
    """The positions templates' helpers, bound to the catalog the renderer's pages read."""
    catalog = renderer.catalog

    def bound(function: Callable[..., Any]) -> Callable[..., Any]:
        return lambda *args: function(catalog, *args)

    return {
        "change_types": CHANGE_TYPES, "change_labels": translated(CHANGE_LABELS, catalog.edition),
        "move_reason": lambda side_id, claim_id: reason_in(catalog.moves[(side_id, claim_id)], catalog.edition,
                                                           catalog.claims, catalog.sides, catalog.regions),
        "question_label": bound(question_label), "latest_state": bound(latest_state),
        "compared_months": bound(compared_months), "changed_cells": bound(changed_cells),
        "moves_by_question": bound(moves_by_question), "change_counts": bound(change_counts),
        "reporting_of": bound(reporting_of), "maps_of": bound(maps_of), "change_badge": bound(change_badge),
        "step_maps": lambda side_id, issue, latest=None: step_maps(renderer, side_id, issue, latest),
        "table_parts": bound(table_parts), "changes_page": bound(changes_page), "compare_page": bound(compare_page),
        "reporting_latest": REPORTING_LATEST,
    }


# --- the page families ------------------------------------------------------------------------------


WIDE = {"hide": ["navigation"]}
"""A table of four sides needs the page's width: Material's navigation column is left out (front matter)."""


def _wide(catalog: Catalog, key: Any) -> dict[str, Any]:
    return WIDE


def _wide_not_searched(catalog: Catalog, key: Any) -> dict[str, Any]:
    return {**WIDE, **NOT_SEARCHED}


def _page(catalog: Catalog, title: str, number: int, count: int) -> str:
    """A title with which of its pages this is, where there are several, in the edition's words."""
    if count <= 1:
        return title
    return catalog.edition.gettext("{title}, page {number} of {count}").format(title=title, number=number, count=count)


def _month(catalog: Catalog, month: Month) -> str:
    return month_label(*month, edition=catalog.edition)


def _index_parts(catalog: Catalog) -> list[Part]:
    return table_parts(catalog, True)


def _month_parts(catalog: Catalog) -> list[tuple[Month, Part]]:
    parts = table_parts(catalog, False)
    return [(month, part) for month in catalog.position_months for part in parts]


def _compare_pages(catalog: Catalog) -> list[tuple[tuple[Month, Month], int, int]]:
    """Each comparison's pages: the two months, the page's number and how many pages the comparison has."""
    pages = []
    for pair in compared_pairs(catalog):
        count = listing.entries_page_count(len(changed_cells(catalog, *pair)))
        pages += [(pair, number, count) for number in range(1, count + 1)]
    return pages


def _changes_pages(catalog: Catalog) -> list[tuple[Month, int]]:
    return [(month, number) for month in catalog.position_months
            for number in range(1, listing.entries_page_count(len(catalog.changes_in_month.get(month, []))) + 1)]


def _positions_title(catalog: Catalog, part: Part) -> str:
    return _page(catalog, catalog.edition.gettext("Positions"), part.number, part.count)


def _positions_description(catalog: Catalog, part: Part) -> str:
    return catalog.edition.gettext("Where each side in the Russia–Ukraine negotiations stands on each issue, with "
                                   "the kind of every move, its date and its sources.")


def _month_title(catalog: Catalog, key: tuple[Month, Part]) -> str:
    month, part = key
    title = catalog.edition.gettext("Positions at the end of {month}").format(month=_month(catalog, month))
    return _page(catalog, title, part.number, part.count)


def _month_description(catalog: Catalog, key: tuple[Month, Part]) -> str:
    return catalog.edition.gettext("Each side's latest position on each issue as it stood at the end of {month}."
                                   ).format(month=_month(catalog, key[0]))


def _compare_title(catalog: Catalog, key: tuple[tuple[Month, Month], int, int]) -> str:
    (first, second), number, count = key
    title = catalog.edition.gettext("Positions: {first} and {second} compared").format(
        first=_month(catalog, first), second=_month(catalog, second))
    return _page(catalog, title, number, count)


def _compare_description(catalog: Catalog, key: tuple[tuple[Month, Month], int, int]) -> str:
    (first, second), _number, _count = key
    return catalog.edition.gettext(
        "Which positions changed between the end of {first} and the end of {second}, and how.").format(
        first=_month(catalog, first), second=_month(catalog, second))


def _changes_title(catalog: Catalog, key: tuple[Month, int]) -> str:
    month, number = key
    count = listing.entries_page_count(len(catalog.changes_in_month.get(month, [])))
    title = catalog.edition.gettext("Changes of position in {month}").format(month=_month(catalog, month))
    return _page(catalog, title, number, count)


def _changes_description(catalog: Catalog, key: tuple[Month, int]) -> str:
    return catalog.edition.gettext("Every position reported in {month}, by question, with the kind of move it was."
                                   ).format(month=_month(catalog, key[0]))


FAMILIES: tuple[IndexPage | PagesOf, ...] = (
    PagesOf("positions.md.j2", _index_parts, lambda part: Paths.part(Paths.positions, part.number),
            title=_positions_title, description=_positions_description,
            meta=_wide, context=lambda c, part: {"month": None, "part": part}),
    PagesOf("positions.md.j2", _month_parts, lambda key: Paths.part(Paths.positions_month(*key[0]), key[1].number),
            title=_month_title, description=_month_description,
            meta=_wide_not_searched, context=lambda c, key: {"month": key[0], "part": key[1]}),
    PagesOf("positions_compare.md.j2", _compare_pages, lambda key: Paths.part(Paths.positions_compare(*key[0]), key[1]),
            title=_compare_title, description=_compare_description,
            meta=_wide_not_searched,
            context=lambda c, key: {"first": key[0][0], "second": key[0][1], "number": key[1]}),
    IndexPage("changes_index.md.j2", Paths.changes, N_("Changes of position"),
              N_("Every move of each side's position, month by month, with its kind."), meta={"feed": Feeds.changes}),
    PagesOf("changes.md.j2", _changes_pages, lambda key: Paths.part(Paths.changes_month(*key[0]), key[1]),
            title=_changes_title, description=_changes_description,
            meta=lambda c, key: {"feed": Feeds.changes},
            context=lambda c, key: {"month": key[0], "number": key[1]}),
)
"""The positions pages, added to the site's families in `pages.py`."""
