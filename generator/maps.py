"""Build-time SVG maps of Ukraine's regions: shapes from `content/geo/`, one inline `<svg>` per map.

The GeoJSON is projected (Albers equal-area conic), fitted to a fixed width and simplified. Neighbouring
regions share identical border points in the file, so each ring is cut into arcs at junctions and every
shared arc is simplified once and reused on both sides: simplifying each region on its own would open
gaps and slivers along borders. The markup carries no styles, only classes (`theme/overrides/assets/
maps.css`), and every text value is escaped, so a region's name from an editor's YAML stays text.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .editions import N_
from .markdown_text import safe_href

WIDTH = 800  # user units; the height follows from the shape of the country
CREDIT = (N_("Boundaries: Natural Earth"), "https://www.naturalearthdata.com/about/terms-of-use/")  # shown with maps
_PADDING = 4  # keeps the outermost strokes inside the viewBox
_TOLERANCE = 0.5  # user units: below what a reader sees at full width
_MIN_RING_AREA = 1.0  # square units: smaller islands are specks, and simplification may collapse them

# Albers equal-area conic fitted to Ukraine: areas stay comparable across the country.
_CENTRAL_MERIDIAN = 31.5
_STANDARD_PARALLELS = (45.5, 51.5)

# Kyiv city and Sevastopol are ~18 units across: a marker makes them findable.
_MARKED = frozenset({"UA-30", "UA-40"})
_MARKER_RADIUS = 4

_ROLE = re.compile(r"[a-z][a-z0-9-]*")  # becomes part of a class name
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_MARKDOWN_INLINE = {ord(char): f"&#{ord(char)};" for char in "\\`*_[]{}!~^|"}

Key = tuple[float, float]  # a vertex as written in the file (lon, lat): equal keys are the same point
Point = tuple[float, float]  # projected and fitted, in user units
Arc = tuple[Key, ...]


@dataclass(frozen=True)
class Shapes:
    width: int
    height: int
    paths: Mapping[str, str]  # ISO 3166-2 code → SVG path data (absolute M, relative l), fill-rule evenodd
    labels: Mapping[str, Point]  # ISO code → label point (the file's latitude/longitude), 1 decimal


@dataclass(frozen=True)
class MapRegion:
    iso: str  # 'UA-14'
    name: str  # plain text, e.g. from the region's record
    href: str | None = None  # a final URL: MkDocs does not rewrite links inside raw HTML
    role: str | None = None  # 'demanded', 'offered', …: a class `role-<role>` and part of the accessible name
    label: str | None = None  # the accessible name, where "name (role)" would not read well


# --- loading: GeoJSON → projected, simplified path data -----------------------------------------


SMALL_MAP_TOLERANCE = 3.0
"""Shapes for maps shown at about a quarter of the full width (a row of steps): a quarter of the detail is
all a reader sees there, at a quarter of the bytes."""


def load_shapes(path: Path, tolerance: float | None = None) -> Shapes:
    """The 27 regions' shapes from a GeoJSON file: projected once per process for the same bytes and
    tolerance, and again whenever the file's bytes change (the preview redraws an edited file)."""
    return _load_shapes(path.read_bytes(), _TOLERANCE if tolerance is None else tolerance)


@functools.lru_cache(maxsize=4)
def _load_shapes(geojson: bytes, tolerance: float) -> Shapes:
    features = json.loads(geojson.decode("utf-8"))["features"]
    rings = {_iso(feature): _rings(feature["geometry"]) for feature in features}
    anchors = {_iso(feature): _label_key(feature) for feature in features}

    every_key = {key for region in rings.values() for ring in region for key in ring}
    fit = _Fit([_albers(key) for key in every_key])
    simplify = _ArcSimplifier(lambda key: fit(_albers(key)), tolerance)
    junctions = _junctions([ring for region in rings.values() for ring in region])

    paths: dict[str, str] = {}
    for iso in sorted(rings):
        outlines = [_ring_outline(ring, junctions, simplify) for ring in rings[iso]]
        paths[iso] = "".join(_ring_path(outline) for outline in outlines if outline)
    labels = {iso: _round_point(fit(_albers(anchors[iso]))) for iso in sorted(anchors)}
    return Shapes(WIDTH, fit.height, MappingProxyType(paths), MappingProxyType(labels))


def _iso(feature: dict[str, Any]) -> str:
    return str(feature["properties"]["iso_3166_2"])


def _label_key(feature: dict[str, Any]) -> Key:
    properties = feature["properties"]
    return float(properties["longitude"]), float(properties["latitude"])


def _rings(geometry: dict[str, Any]) -> list[list[Key]]:
    """Every ring of a (Multi)Polygon, outer and holes alike (evenodd filling tells them apart), unclosed."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings: list[list[Key]] = []
    for polygon in polygons:
        for coordinates in polygon:
            ring: list[Key] = []
            for position in coordinates:
                key = (float(position[0]), float(position[1]))
                if not ring or ring[-1] != key:
                    ring.append(key)
            while len(ring) > 1 and ring[-1] == ring[0]:
                ring.pop()
            if len(ring) >= 3:
                rings.append(ring)
    return rings


def _albers(key: Key) -> Point:
    """Albers equal-area conic (sphere), y pointing down as in SVG; the fit removes the offset."""
    lon, lat = key
    phi1, phi2 = (math.radians(parallel) for parallel in _STANDARD_PARALLELS)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * math.radians(lon - _CENTRAL_MERIDIAN)
    return rho * math.sin(theta), rho * math.cos(theta)


class _Fit:
    """Scales projected points to WIDTH user units across, with padding; the height follows."""

    def __init__(self, points: Sequence[Point]) -> None:
        self.left = min(x for x, _ in points)
        self.top = min(y for _, y in points)
        span_x = max(x for x, _ in points) - self.left
        span_y = max(y for _, y in points) - self.top
        self.scale = (WIDTH - 2 * _PADDING) / span_x
        self.height = math.ceil(span_y * self.scale + 2 * _PADDING)

    def __call__(self, point: Point) -> Point:
        x, y = point
        return (x - self.left) * self.scale + _PADDING, (y - self.top) * self.scale + _PADDING


def _round_point(point: Point) -> Point:
    return round(point[0], 1), round(point[1], 1)


# --- topology: shared arcs, simplified once -------------------------------------------------------


def _junctions(rings: Sequence[Sequence[Key]]) -> set[Key]:
    """Points where borders meet or part: a point seen with two different pairs of neighbours.

    Along a border shared by two regions, each point has the same two neighbours in both rings
    (in opposite order); where a third region begins, or one region's outline turns away, they differ.
    """
    neighbours: dict[Key, frozenset[Key]] = {}
    junctions: set[Key] = set()
    for ring in rings:
        for i, key in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % len(ring)]))
            if neighbours.setdefault(key, pair) != pair:
                junctions.add(key)
    return junctions


def _split(ring: Sequence[Key], junctions: set[Key]) -> Iterator[Arc]:
    """A ring as consecutive arcs between junctions, each starting where the previous one ended."""
    cuts = [i for i, key in enumerate(ring) if key in junctions]
    if not cuts:
        # A ring that meets no other (an island, or Kyiv city and the hole it fills in Kyiv oblast):
        # start it at its least point and turn it one fixed way, so both sides of a shared loop agree.
        start = ring.index(min(ring))
        loop = list(ring[start:]) + list(ring[:start])
        if loop[-1] < loop[1]:
            loop = loop[:1] + loop[:0:-1]
        yield tuple(loop + loop[:1])
        return
    loop = list(ring[cuts[0]:]) + list(ring[: cuts[0] + 1])
    start = 0
    for i in range(1, len(loop)):
        if loop[i] in junctions:
            yield tuple(loop[start : i + 1])
            start = i


class _ArcSimplifier:
    """Simplifies each arc once, whichever direction a ring walks it, and hands back the same points."""

    def __init__(self, place: Callable[[Key], Point], tolerance: float) -> None:
        self.place, self.tolerance = place, tolerance
        self.done: dict[Arc, list[Point]] = {}

    def __call__(self, arc: Arc) -> list[Point]:
        reverse = arc[::-1]
        if reverse < arc:
            return self(reverse)[::-1]
        if arc not in self.done:
            self.done[arc] = _douglas_peucker([self.place(key) for key in arc], self.tolerance)
        return self.done[arc]


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Keeps both ends and every point further than `tolerance` from the simplified line (no recursion)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = tolerance, -1
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _distance(point: Point, start: Point, end: Point) -> float:
    """From a point to a segment (to a point, when a closed arc starts and ends at the same place)."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _ring_outline(ring: Sequence[Key], junctions: set[Key], simplify: _ArcSimplifier) -> list[tuple[int, int]]:
    """A ring's simplified outline in tenths of a unit (so relative steps add up exactly); [] if a speck."""
    points: list[Point] = []
    for arc in _split(ring, junctions):
        simplified = simplify(arc)
        points.extend(simplified[1:] if points else simplified)
    outline: list[tuple[int, int]] = []
    for x, y in points[:-1]:  # the last point closes the ring
        tenths = (round(x * 10), round(y * 10))
        if not outline or outline[-1] != tenths:
            outline.append(tenths)
    while len(outline) > 1 and outline[-1] == outline[0]:
        outline.pop()
    return outline if len(outline) >= 3 and abs(_area(outline)) >= _MIN_RING_AREA * 100 else []


def _area(outline: Sequence[tuple[int, int]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise([*outline, outline[0]])) / 2


def _ring_path(outline: Sequence[tuple[int, int]]) -> str:
    """`Mx yl dx dy … z`: steps between rounded points, so both sides of a border land on the same points."""
    steps: list[int] = []
    for (x0, y0), (x1, y1) in pairwise(outline):
        steps += [x1 - x0, y1 - y0]
    return f"M{_numbers(outline[0])}l{_numbers(steps)}z"


def _numbers(values: Sequence[int]) -> str:
    """Tenths as compact SVG numbers: a minus sign needs no space before it."""
    return " ".join(_tenths(value) for value in values).replace(" -", "-")


def _tenths(value: int) -> str:
    whole, tenth = divmod(abs(value), 10)
    text = f"{whole}.{tenth}" if tenth else str(whole)
    return "-" + text if value < 0 else text


# --- rendering: one <svg> per map ---------------------------------------------------------------


def render_map(shapes: Shapes, regions: Sequence[MapRegion], *, title: str, label_id: str) -> str:
    """An inline `<svg>` drawing all regions, those in `regions` with their role and link.

    One line, so it can sit in Markdown as raw HTML. Unlisted regions come first, then the listed ones
    in the order given, which is the order keyboard users reach the links in (Kyiv city and Sevastopol
    always last, so their markers are painted on top).
    """
    chosen = _by_iso(shapes, regions)
    if not re.fullmatch(r"[A-Za-z][\w.:-]*", label_id):
        raise ValueError(f"not a usable id: {label_id!r}")
    linked = any(region.href is not None for region in regions)
    # With links inside, the map is a group of links; without, one image described by its title.
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {shapes.width} {shapes.height}"'
        f' class="explainer-map" role="{"group" if linked else "img"}" aria-labelledby="{_attr(label_id)}"'
        f' fill-rule="evenodd">',
        f'<title id="{_attr(label_id)}">{_text(title)}</title>',
    ]
    # Kyiv city and Sevastopol last in each part, so that no neighbour is painted over their markers.
    unlisted = sorted((iso in _MARKED, iso) for iso in shapes.paths if iso not in chosen)
    parts += [_region(shapes, iso, None) for _, iso in unlisted]
    parts += [_region(shapes, region.iso, region) for region in sorted(regions, key=lambda r: r.iso in _MARKED)]
    parts.append("</svg>")
    return "".join(parts)


def render_legend(entries: Sequence[tuple[str, str]]) -> str:
    """A list of (role, label) as colour swatches with their labels, styled by `.explainer-map-legend`."""
    items = "".join(
        f'<li><span class="swatch role-{_attr(_checked_role(role))}" aria-hidden="true"></span>{_text(label)}</li>'
        for role, label in entries
    )
    return f'<ul class="explainer-map-legend">{items}</ul>'


def _by_iso(shapes: Shapes, regions: Sequence[MapRegion]) -> dict[str, MapRegion]:
    chosen: dict[str, MapRegion] = {}
    for region in regions:
        if region.iso not in shapes.paths:
            raise ValueError(f"no shape for region {region.iso!r}")
        if region.iso in chosen:
            raise ValueError(f"region {region.iso!r} given twice")
        if region.role is not None:
            _checked_role(region.role)
        chosen[region.iso] = region
    return chosen


def _region(shapes: Shapes, iso: str, region: MapRegion | None) -> str:
    role = region.role if region else None
    classes = "region" + (f" role-{role}" if role else "")
    shape = f'<path data-iso="{_attr(iso)}" class="{_attr(classes)}" d="{_attr(shapes.paths[iso])}"/>'
    if iso in _MARKED:
        x, y = shapes.labels[iso]
        cx, cy = _tenths(round(x * 10)), _tenths(round(y * 10))
        shape += f'<circle class="marker" cx="{cx}" cy="{cy}" r="{_MARKER_RADIUS}"/>'
    if region is None:
        return shape
    name = _text(region.label or (f"{region.name} ({role})" if role else region.name))
    if region.href is None:
        return f"<g><title>{name}</title>{shape}</g>"  # the title shows as a tooltip
    return f'<a href="{_attr(_checked_href(region.href))}" aria-label="{name}"><title>{name}</title>{shape}</a>'


def _checked_role(role: str) -> str:
    if not _ROLE.fullmatch(role):
        raise ValueError(f"a role is a lower-case word, used in a class name: {role!r}")
    return role


def _checked_href(href: str) -> str:
    """Relative or http(s) only: an address from the generator, never a `javascript:` one."""
    scheme = _SCHEME.match(href)
    if scheme and scheme.group().lower() not in ("http:", "https:"):
        raise ValueError(f"not a web address: {href!r}")
    return safe_href(href)


def _text(text: str) -> str:
    # One line of text: a line break inside the SVG could end Markdown's raw HTML block early.
    # Characters that start inline Markdown become character references, which HTML reads the same:
    # Python-Markdown wraps an `<svg>` that is not inside a block element in a paragraph and would
    # otherwise turn `*x*` in a name into emphasis.
    return html.escape(" ".join(text.split()), quote=True).translate(_MARKDOWN_INLINE)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
