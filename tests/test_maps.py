"""Region maps: every region drawn once, shared borders identical on both sides, names kept as text."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import markdown
import pytest

from generator import maps
from generator.maps import MapRegion, load_shapes, render_legend, render_map

from .conftest import ROOT

GEOJSON = ROOT / "content" / "geo" / "ukraine-admin1.geojson"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>"&'


def iso_codes() -> list[str]:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    return sorted(feature["properties"]["iso_3166_2"] for feature in features)


def full_map() -> str:
    """Every region linked, with a role: the largest map the site can draw."""
    roles = ["demanded", "offered", "occupied", "claimed", "attacked", "threatened", "mentioned"]
    regions = [MapRegion(iso, f"Region {iso}", f"../regions/{iso.lower()}/", roles[i % len(roles)])
               for i, iso in enumerate(iso_codes())]
    return render_map(load_shapes(GEOJSON), regions, title="All regions", label_id="map-all")


def sample_map(name: str = "Donetsk Oblast", href: str | None = "../regions/donetsk/") -> str:
    regions = [
        MapRegion("UA-14", name, href, "demanded"),
        MapRegion("UA-09", "Luhansk Oblast", None, "occupied"),
        MapRegion("UA-30", "Kyiv", "../regions/kyiv/", None),
    ]
    return render_map(load_shapes(GEOJSON), regions, title="Demands", label_id="map-demands")


def rings(d: str) -> list[list[tuple[int, int]]]:
    """The absolute vertices (in tenths of a unit) of each subpath of path data made of M, l and z."""
    result: list[list[tuple[int, int]]] = []
    for command, numbers in re.findall(r"([Mlz])([^Mlz]*)", d):
        values = [round(float(n) * 10) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command == "M":
            result.append(pairs[:1])
            pairs = pairs[1:]
        x, y = result[-1][-1]
        for dx, dy in pairs:
            x, y = x + dx, y + dy
            result[-1].append((x, y))
    return result


def vertices(iso: str) -> set[tuple[int, int]]:
    return {point for ring in rings(load_shapes(GEOJSON).paths[iso]) for point in ring}


def segment_distance(p: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


# --- the data ---------------------------------------------------------------------------------


def test_geojson_is_the_recorded_copy() -> None:
    digest = hashlib.sha256(GEOJSON.read_bytes()).hexdigest()
    assert digest in (GEOJSON.parent / "README.md").read_text(encoding="utf-8")
    assert len(iso_codes()) == 27


# --- the shapes -------------------------------------------------------------------------------


def test_shapes_cover_the_27_regions_at_the_fixed_width() -> None:
    shapes = load_shapes(GEOJSON)
    assert sorted(shapes.paths) == sorted(shapes.labels) == iso_codes()
    assert shapes.width == 800 and 450 < shapes.height < 650
    for iso, (x, y) in shapes.labels.items():
        assert 0 < x < shapes.width and 0 < y < shapes.height, iso


def test_shapes_are_projected_once_for_the_same_bytes() -> None:
    assert load_shapes(GEOJSON) is load_shapes(GEOJSON.parent / ".." / "geo" / GEOJSON.name)


def test_shapes_follow_the_file_when_its_bytes_change(tmp_path: Path) -> None:
    copy = tmp_path / GEOJSON.name
    copy.write_bytes(GEOJSON.read_bytes())
    assert "UA-14" in load_shapes(copy).paths
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["iso_3166_2"] != "UA-14"]
    copy.write_text(json.dumps(data), encoding="utf-8")
    assert "UA-14" not in load_shapes(copy).paths


def test_shared_border_points_are_identical_on_both_sides() -> None:
    donetsk, luhansk = vertices("UA-14"), vertices("UA-09")
    assert len(donetsk & luhansk) >= 20
    # No gap and no sliver: every Luhansk vertex lying on Donetsk's outline is one of Donetsk's vertices.
    outline = [segment for ring in rings(load_shapes(GEOJSON).paths["UA-14"])
               for segment in zip(ring, ring[1:] + ring[:1], strict=True)]
    on_outline = {p for p in luhansk if any(segment_distance(p, a, b) < 0.5 for a, b in outline)}
    assert on_outline and on_outline <= donetsk


def test_kyiv_city_fills_the_hole_in_kyiv_oblast() -> None:
    city = rings(load_shapes(GEOJSON).paths["UA-30"])
    oblast = rings(load_shapes(GEOJSON).paths["UA-32"])
    assert len(city) == 1 and len(oblast) == 2
    assert set(city[0]) in [set(ring) for ring in oblast]


def test_shapes_are_deterministic_across_processes() -> None:
    script = ("import hashlib, pathlib, sys; sys.path.insert(0, '.'); from generator.maps import load_shapes;"
              f"s = load_shapes(pathlib.Path({str(GEOJSON)!r}));"
              "print(hashlib.sha256(repr(sorted(s.paths.items())).encode()).hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    fresh = maps._load_shapes.__wrapped__(GEOJSON.read_bytes(), maps._TOLERANCE)
    assert fresh == load_shapes(GEOJSON)
    assert digests == {hashlib.sha256(repr(sorted(fresh.paths.items())).encode()).hexdigest()}


# --- the SVG ----------------------------------------------------------------------------------


def test_svg_is_one_well_formed_element_without_blank_lines() -> None:
    svg = full_map()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "\n\n" not in svg and not any(not line.strip() for line in svg.splitlines())
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("class") == "explainer-map"
    assert root.get("aria-labelledby") == "map-all"
    assert root.find(SVG + "title").get("id") == "map-all"  # type: ignore[union-attr]


def test_every_region_is_drawn_exactly_once() -> None:
    for svg in (full_map(), sample_map()):
        drawn = Counter(str(path.get("data-iso")) for path in ET.fromstring(svg).iter(SVG + "path"))
        assert sorted(drawn) == iso_codes() and set(drawn.values()) == {1}


def test_regions_are_marked_by_data_iso_never_by_id() -> None:
    svg = sample_map()
    root = ET.fromstring(svg)
    assert [element.get("id") for element in root.iter() if element.get("id")] == ["map-demands"]
    assert svg.count(" id=") == 1
    assert all(path.get("data-iso") for path in root.iter(SVG + "path"))


def test_role_classes() -> None:
    paths = {path.get("data-iso"): path.get("class") for path in ET.fromstring(sample_map()).iter(SVG + "path")}
    assert paths["UA-14"] == "region role-demanded"
    assert paths["UA-09"] == "region role-occupied"
    assert paths["UA-30"] == paths["UA-63"] == "region"


def test_linked_region_has_its_name_as_accessible_text() -> None:
    root = ET.fromstring(sample_map())
    assert root.get("role") == "group"
    links = {str(link.find(SVG + "path").get("data-iso")): link for link in root.iter(SVG + "a")}  # type: ignore[union-attr]
    assert sorted(links) == ["UA-14", "UA-30"]
    donetsk = links["UA-14"]
    assert donetsk.get("href") == "../regions/donetsk/"
    assert donetsk.get("aria-label") == "Donetsk Oblast (demanded)"
    assert donetsk.find(SVG + "title").text == "Donetsk Oblast (demanded)"  # type: ignore[union-attr]
    assert links["UA-30"].get("aria-label") == links["UA-30"].find(SVG + "title").text == "Kyiv"  # type: ignore[union-attr]


def test_small_regions_have_a_marker_inside_their_link() -> None:
    root = ET.fromstring(sample_map())
    kyiv = next(link for link in root.iter(SVG + "a") if link.get("aria-label") == "Kyiv")
    assert [marker.get("class") for marker in kyiv.iter(SVG + "circle")] == ["marker"]
    assert len(list(root.iter(SVG + "circle"))) == 2  # Sevastopol's too, unlinked


def test_map_without_links_is_one_image() -> None:
    svg = render_map(load_shapes(GEOJSON), [MapRegion("UA-43", "Crimea", None, "claimed")], title="Crimea",
                     label_id="map-crimea")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and not list(root.iter(SVG + "a"))


def test_hostile_names_stay_text() -> None:
    svg = sample_map(name=HOSTILE + "\n\n*x* [^1]", href='../regions/"onmouseover="x')
    assert "<script" not in svg and "\n" not in svg
    assert 'onmouseover="' not in svg
    link = next(ET.fromstring(svg).iter(SVG + "a"))
    assert link.get("aria-label") == HOSTILE + " *x* [^1] (demanded)"
    assert link.find(SVG + "title").text == HOSTILE + " *x* [^1] (demanded)"  # type: ignore[union-attr]
    title = render_map(load_shapes(GEOJSON), [], title=HOSTILE, label_id="m")
    assert ET.fromstring(title).find(SVG + "title").text == HOSTILE  # type: ignore[union-attr]


def test_svg_passes_through_markdown_unchanged() -> None:
    svg = sample_map(name="Don*etsk* _x_ `y` [^1]")
    extensions = ["footnotes", "tables", "attr_list", "admonition", "toc"]
    html = markdown.markdown(f"Intro\n\n{svg}\n\nAfter\n", extensions=extensions)
    assert svg in html and "<em>" not in html


@pytest.mark.parametrize("region", [
    MapRegion("UA-99", "Nowhere"),
    MapRegion("UA-14", "Donetsk", "javascript:alert(1)"),
    MapRegion("UA-14", "Donetsk", None, "demanded loudly"),
])
def test_bad_regions_are_refused(region: MapRegion) -> None:
    with pytest.raises(ValueError):
        render_map(load_shapes(GEOJSON), [region], title="Map", label_id="map")


def test_a_region_given_twice_is_refused() -> None:
    region = MapRegion("UA-14", "Donetsk")
    with pytest.raises(ValueError):
        render_map(load_shapes(GEOJSON), [region, region], title="Map", label_id="map")


def test_no_styles_or_scripts() -> None:
    svg = full_map() + render_legend([("demanded", "Demanded"), ("offered", HOSTILE)])
    assert not re.search(r"<style|style=|<script|\son\w+=", svg)


def test_legend() -> None:
    legend = render_legend([("demanded", "Demanded"), ("offered", HOSTILE)])
    root = ET.fromstring(legend)
    assert root.get("class") == "explainer-map-legend"
    assert [item.find("span").get("class") for item in root] == ["swatch role-demanded", "swatch role-offered"]  # type: ignore[union-attr]
    assert "".join(root[1].itertext()) == HOSTILE


def test_output_is_deterministic_and_small() -> None:
    svg = full_map()
    assert svg == full_map()
    assert len(svg.encode("utf-8")) < 60_000

