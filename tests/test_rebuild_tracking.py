"""Ways a preview rebuild once went stale, each as a user meets it: a template that reads a table in a way
the tracking did not see; an edited map file drawn with its old shapes; a build that failed half-way and
left its pages beside the tables of the build before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.catalog import Catalog
from generator.pipeline import GEOMETRY, Builds, check, generate

from .conftest import ROOT
from .fresh_build import differences, fresh_build, site_outputs

TEMPLATES = ROOT / "theme" / "templates"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy, ignore=shutil.ignore_patterns("pages"))
    return copy


@pytest.fixture()
def templates(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    return copy


def add_actor_and_claim(content: Path) -> None:
    """An actor whose id sorts last, and a claim whose id sorts first among the claims of the earliest date."""
    # an actor with no aliases: a copy of one with aliases would claim the same old addresses twice
    actor = next(p for p in sorted((content / "actors").glob("*.yaml")) if "aliases:" not in p.read_text("utf-8"))
    shutil.copy(actor, content / "actors" / "zz-new-actor.yaml")
    earliest = catalog_of(content).claim_order[0]
    text = (content / "claims" / f"{earliest}.yaml").read_text(encoding="utf-8")
    (content / "claims" / "0-new-claim.yaml").write_text(_without_relations(text), encoding="utf-8")


def catalog_of(content: Path) -> Catalog:
    catalog, problems = check(content)
    assert catalog is not None, problems
    return catalog


def _without_relations(text: str) -> str:
    """The claim's YAML without its `relations:` block (a copy must not supersede what the original does)."""
    lines, kept, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("relations:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("-")):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


# Each probe reads a table in one way only, so that the page depends on nothing else the edit changes.
PROBES = {
    "reverse": "{% for actor_id in catalog.actors | reverse %}{{ actor_id }} {% endfor %}",
    "last": "{{ catalog.actors | last }}",
    "printed": "{{ catalog.actors }}",
    "equal": "{{ catalog.claim_order == ORDER }}",
    "index": "{{ catalog.claim_order.index(LAST) }}",
    "count": "{{ catalog.claim_order.count('0-new-claim') }}",
    "plus": "{{ (catalog.claim_order + []) | length }}",
    "keys of a list table": "{{ catalog.claims_by_actor[ACTOR] | reverse | list }}",
}


@pytest.mark.parametrize("probe", PROBES)
def test_a_page_reading_a_table_any_way_is_rendered_again_when_the_table_changes(
        content: Path, templates: Path, probe: str) -> None:
    catalog = catalog_of(content)
    order, actor = list(catalog.claim_order), catalog.claims[catalog.claim_order[0]].actor
    body = (PROBES[probe].replace("ORDER", json.dumps(order)).replace("LAST", json.dumps(order[-1]))
            .replace("ACTOR", json.dumps(actor)))
    (templates / "actors.md.j2").write_text("# {{ title | text }}\n\n" + body + "\n", encoding="utf-8")
    builds = Builds(content, templates)
    before = {page.path: page.markdown for page in builds.generate().pages}["actors/index.md"]
    add_actor_and_claim(content)
    rebuilt = {page.path: page.markdown for page in builds.generate().pages}["actors/index.md"]
    fresh = {page.path: page.markdown for page in generate(content, templates).pages}["actors/index.md"]
    assert fresh != before, "the probe must show the edit"
    assert rebuilt == fresh


def test_an_edited_map_file_is_drawn_with_its_new_shapes(content: Path, tmp_path: Path) -> None:
    builds = Builds(content, TEMPLATES, "Site")
    first = site_outputs(builds.generate())
    donetsk = [path for path, page in first.items() if b'data-iso="UA-14"' in page]
    assert "regions/donetsk.md" in donetsk and "index.md" in donetsk
    geometry = content / GEOMETRY
    data = json.loads(geometry.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["iso_3166_2"] != "UA-14"]
    geometry.write_text(json.dumps(data), encoding="utf-8")
    rebuilt = site_outputs(builds.generate())
    assert not [path for path, page in rebuilt.items() if b'data-iso="UA-14"' in page]
    assert not differences(rebuilt, fresh_build(content, TEMPLATES, tmp_path / "fresh"))


def test_a_build_that_fails_half_way_leaves_the_last_good_state(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages rendered by a build that then failed must not be reused against the tables of the build before:
    an edit undone after the failure would bring back the old tables, and with them pages of the edit."""
    builds = Builds(content, TEMPLATES, "Site")
    builds.generate()
    path = content / "claims" / "putin-demands-all-of-donetsk.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("summary: ", "summary: Edited, then undone. ", 1), encoding="utf-8")

    def fails(*args: object, **kwargs: object) -> list[object]:
        raise OSError("the feeds could not be written")

    with monkeypatch.context() as patch:
        patch.setattr("generator.pipeline.build_feeds", fails)
        with pytest.raises(OSError):
            builds.generate()
    path.write_text(original, encoding="utf-8")
    assert not differences(site_outputs(builds.generate()), site_outputs(generate(content, TEMPLATES, "Site")))
