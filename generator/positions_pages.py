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

from .catalog import Catalog
from .editions import N_
from .labels import CHANGE_LABELS, month_label, translated
from .maps import MapRegion, render_map
from .page import NOT_SEARCHED, IndexPage, PagesOf
from .positions import CHANGE_TYPES, Cell, Month, PositionKey, question_of, reason_in
from .urls import Feeds, Paths

if TYPE_CHECKING:
    from .renderer import Renderer

CHANGES_PER_ISSUE = 5
"""A month's changes list at most this many of the latest moves on each issue (with the count of each kind
and a link to the thread for the rest): the page is bounded by the issues, however many claims a month has."""

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
    issues = {issue for issue in catalog.reporting if question_of(issue) == question_id}
    return [claim_id for claim_id in catalog.claim_order if catalog.claims[claim_id].issue in issues
            and not catalog.sides_of(claim_id)]


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
        "changes_per_issue": CHANGES_PER_ISSUE,
    }


# --- the page families ------------------------------------------------------------------------------


WIDE = {"hide": ["navigation"]}
"""A table of four sides needs the page's width: Material's navigation column is left out (front matter)."""


def _wide(catalog: Catalog, key: Any) -> dict[str, Any]:
    return WIDE


def _wide_not_searched(catalog: Catalog, key: Any) -> dict[str, Any]:
    return {**WIDE, **NOT_SEARCHED}


def _month_words(message: str) -> Callable[[Catalog, Month], str]:
    """A month's page's title or description: a message naming the month, '… {month}'."""
    return lambda catalog, month: catalog.edition.gettext(message).format(month=month_label(*month, edition=catalog.edition))


FAMILIES: tuple[IndexPage | PagesOf, ...] = (
    IndexPage("positions.md.j2", Paths.positions, N_("Positions"),
              N_("Where each side in the Russia–Ukraine negotiations stands on each issue, with the kind of every "
                 "move, its date and its sources."), meta=WIDE, context={"month": None}),
    PagesOf("positions.md.j2", lambda c: c.position_months, lambda month: Paths.positions_month(*month),
            title=_month_words(N_("Positions at the end of {month}")),
            description=_month_words(N_("Each side's latest position on each issue as it stood at the end of {month}.")),
            meta=_wide_not_searched, context=lambda c, month: {"month": month}),
    PagesOf("positions_compare.md.j2", compared_pairs, lambda pair: Paths.positions_compare(*pair),
            title=lambda c, pair: c.edition.gettext("Positions: {first} and {second} compared").format(
                first=c.edition.month(*pair[0]), second=c.edition.month(*pair[1])),
            description=lambda c, pair: c.edition.gettext(
                "Which positions changed between the end of {first} and the end of {second}, and how.").format(
                first=c.edition.month(*pair[0]), second=c.edition.month(*pair[1])),
            meta=_wide_not_searched, context=lambda c, pair: {"first": pair[0], "second": pair[1]}),
    IndexPage("changes_index.md.j2", Paths.changes, N_("Changes of position"),
              N_("Every move of each side's position, month by month, with its kind."), meta={"feed": Feeds.changes}),
    PagesOf("changes.md.j2", lambda c: c.position_months, lambda month: Paths.changes_month(*month),
            title=_month_words(N_("Changes of position in {month}")),
            description=_month_words(N_("Every position reported in {month}, by question, with the kind of move it was.")),
            meta=lambda c, month: {"feed": Feeds.changes},
            context=lambda c, month: {"month": month}),
)
"""The positions pages, added to the site's families in `pages.py`."""
