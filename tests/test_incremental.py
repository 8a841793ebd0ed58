"""The core run again after edits (as the preview does) gives exactly what a fresh run gives: no page is
ever stale. Edits are drawn at random, with fixed seeds, from what editors do to the real content, its
templates, its map data and its history; the last rebuild of each run is also compared with a fresh
build in a process of its own, which shares no cache with the rebuilds."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import listing
from generator.pipeline import Builds, Site, generate
from generator.problems import ContentError

from .conftest import ROOT
from .fresh_build import differences, fresh_build, site_outputs

TEMPLATES = ROOT / "theme" / "templates"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/{}.schema.json\n"


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


def write(path: Path, data: dict[str, Any]) -> None:
    kind = path.parent.name.removesuffix("s")
    path.write_text(SCHEMA_LINE.format(kind) + yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def files(content: Path, folder: str) -> list[Path]:
    return sorted((content / folder).glob("*.yaml"))


def referenced_claims(content: Path) -> set[str]:
    return {relation["claim"] for path in files(content, "claims") for relation in read(path).get("relations", [])}


def sole_claims_of_a_question(content: Path) -> set[str]:
    """Claims that alone give a question file its issue: moving or deleting one leaves the question without a claim,
    which `check` refuses, and is no edit an editor could make alone."""
    issues = {path.stem: str(read(path).get("issue", "")) for path in files(content, "claims")}
    sole = set()
    for question in files(content, "questions"):
        holding = [claim for claim, issue in issues.items() if issue == question.stem
                   or issue.startswith(question.stem + ".")]
        if len(holding) == 1:
            sole.add(holding[0])
    return sole


# --- edits: each changes one file the way an editor would, and says what it did ------------------------


def edit_summary(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    data["summary"] = f"Edited summary {rng.randrange(10**6)}: {data['summary']}"
    write(path, data)
    return f"summary of {path.stem}"


def edit_actor(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    data["actor"] = rng.choice(files(content, "actors")).stem
    write(path, data)
    return f"actor of {path.stem} → {data['actor']}"


def edit_date(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    data["dates"]["happened"] = dict(data["dates"]["reported"])  # a claim made the day it was reported
    write(path, data)
    return f"date of {path.stem}"


def edit_regions(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    regions = data.get("regions", [])
    if regions and rng.random() < 0.5:
        regions.pop(rng.randrange(len(regions)))
    else:
        taken = {mention["region"] for mention in regions}
        free = [p.stem for p in files(content, "regions") if p.stem not in taken]
        regions.append({"region": rng.choice(free), "role": rng.choice(["demanded", "mentioned", "attacked"])})
    data["regions"] = regions
    if not regions:
        del data["regions"]
    write(path, data)
    return f"regions of {path.stem}"


def edit_issue(content: Path, rng: random.Random) -> str:
    path = rng.choice([p for p in files(content, "claims") if p.stem not in sole_claims_of_a_question(content)])
    data = read(path)
    issues = sorted({str(read(p)["issue"]) for p in files(content, "claims") if read(p).get("issue")})
    data["issue"] = rng.choice(issues)
    write(path, data)
    return f"issue of {path.stem}"


def add_claim(content: Path, rng: random.Random) -> str:
    original = rng.choice(files(content, "claims"))
    data = read(original)
    data["summary"] = f"A new claim {rng.randrange(10**6)}."
    data.pop("relations", None)
    new = original.with_name(f"new-claim-{rng.randrange(10**6)}.yaml")
    write(new, data)
    return f"added {new.stem}"


def delete_claim(content: Path, rng: random.Random) -> str:
    """A claim merged into another: its file deleted, its published address left to the other (`aliases`)."""
    kept = referenced_claims(content) | sole_claims_of_a_question(content)
    free = [path for path in files(content, "claims") if path.stem not in kept]
    path = rng.choice(free)
    path.unlink()
    survivor = rng.choice(files(content, "claims"))
    data = read(survivor)
    data["aliases"] = [*data.get("aliases", []), path.stem]
    write(survivor, data)
    return f"deleted {path.stem}, merged into {survivor.stem}"


def rename_actor(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "actors"))
    data = read(path)
    data["name"] = f"{data['name']} (renamed {rng.randrange(100)})"
    write(path, data)
    return f"name of actor {path.stem}"


def retitle_source(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "sources"))
    data = read(path)
    data["title"] = f"Retitled report {rng.randrange(10**6)}"
    write(path, data)
    return f"title of source {path.stem}"


def rename_region(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "regions"))
    data = read(path)
    data["name"] = f"{data['name']} region"
    write(path, data)
    return f"name of region {path.stem}"


def _other_claim(content: Path, rng: random.Random, claim_id: str) -> str:
    return rng.choice([p.stem for p in files(content, "claims") if p.stem != claim_id])


def add_relation(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    taken = {relation["claim"] for relation in data.get("relations", [])}
    other = _other_claim(content, rng, path.stem)
    if other in taken:
        data["relations"] = [r for r in data["relations"] if r["claim"] != other]
    else:  # not 'supersedes', which may not go round in a circle
        kind = rng.choice(["narrows", "contradicts", "responds-to", "pairs-with"])
        data["relations"] = [*data.get("relations", []), {"type": kind, "claim": other}]
    if not data["relations"]:
        del data["relations"]
    write(path, data)
    return f"relations of {path.stem}"


def relay_via(content: Path, rng: random.Random) -> str:
    """A claim cites a source that relays another (`via`), or stops saying so."""
    path = rng.choice(files(content, "claims"))
    data = read(path)
    relayed = [c for c in data["sources"] if c.get("via")]
    if relayed:
        del rng.choice(relayed)["via"]
    else:
        relays = [p for p in files(content, "sources") if read(p).get("cites")]
        cited = {c["source"] for c in data["sources"]}
        relay = rng.choice([p for p in relays if p.stem not in cited])
        data["sources"].append({"source": relay.stem, "via": rng.choice(read(relay)["cites"]),
                                "quote": f"Relayed words {rng.randrange(10**6)}."})
    write(path, data)
    return f"via of {path.stem}"


def add_cites(content: Path, rng: random.Random) -> str:
    """A source comes to cite one that cites nothing itself (so no circle can form)."""
    path = rng.choice(files(content, "sources"))
    data = read(path)
    leaves = [p.stem for p in files(content, "sources") if not read(p).get("cites") and p.stem != path.stem]
    data["cites"] = sorted({*data.get("cites", []), rng.choice(leaves)})
    write(path, data)
    return f"cites of {path.stem}"


def edit_deadline(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    if "deadline" in data["dates"]:
        del data["dates"]["deadline"]
    else:
        data["dates"]["deadline"] = {"date": rng.choice(["2025-09-01", "2025-12", "2026-03-15"]), "basis": "stated"}
    write(path, data)
    return f"deadline of {path.stem}"


def add_correction(content: Path, rng: random.Random) -> str:
    path = rng.choice(files(content, "claims"))
    data = read(path)
    data["corrections"] = [*data.get("corrections", []),
                           {"date": "2025-08-01", "note": f"Corrected the summary {rng.randrange(10**6)}."}]
    data["standing"] = rng.choice(["confirmed", "disputed", "denied", "reported"])
    write(path, data)
    return f"corrections of {path.stem}"


def commit(content: Path, day: str) -> None:
    """Everything in `content` committed on `day`: the history pages show."""
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
    for command in (["add", "-A"], ["-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                                    "commit", "-q", "--allow-empty", "-m", "Edit"]):
        subprocess.run(["git", *command], cwd=content, env=env, check=True, capture_output=True)


def edit_history(content: Path, rng: random.Random) -> str:
    day = f"2025-{rng.randrange(2, 13):02d}-{rng.randrange(1, 29):02d}"
    commit(content, day)
    return f"history: the edits so far committed on {day}"


TEMPLATE_EDITS = [
    ("actors.md.j2", "\nNewest actor: {{ catalog.actors | last }}\n"),
    ("claims.md.j2", "\nLatest: {{ catalog.claim_order | reverse | first }}\n"),
    ("day.md.j2", "\nOf {{ (catalog.claim_order + []) | length }} claims.\n"),
    ("_claim_line.md.j2", " · {{ catalog.claims_by_actor[c.actor] | length }} by this actor"),
]


def edit_template(content: Path, rng: random.Random) -> str:
    """A template comes to read the catalog in a new way (kept in `templates`, beside `content`)."""
    name, addition = rng.choice(TEMPLATE_EDITS)
    path = content.parent / "templates" / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + addition + "\n", encoding="utf-8")
    return f"template {name}"


def edit_map(content: Path, rng: random.Random) -> str:
    """A region's shape is dropped from the map data, or one of its points moved."""
    path = content / "geo" / "ukraine-admin1.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    feature = rng.choice(data["features"])
    if rng.random() < 0.5 and len(data["features"]) > 20:
        data["features"].remove(feature)
        what = "dropped"
    else:
        polygon = feature["geometry"]["coordinates"]
        ring = polygon[0][0] if feature["geometry"]["type"] == "MultiPolygon" else polygon[0]
        ring[1] = [ring[1][0] + 0.05, ring[1][1] + 0.05]
        what = "moved a point of"
    path.write_text(json.dumps(data), encoding="utf-8")
    return f"map data: {what} {feature['properties']['iso_3166_2']}"


EDITS: list[Callable[[Path, random.Random], str]] = [
    edit_summary, edit_actor, edit_date, edit_regions, edit_issue, add_claim, delete_claim, rename_actor,
    retitle_source, rename_region, add_relation, relay_via, add_cites, edit_deadline, add_correction,
    edit_history, edit_template, edit_map,
]


def outputs(site: Site) -> tuple[dict[str, str], dict[str, bytes]]:
    return {p.path: p.markdown for p in site.pages}, {f.path: f.content for f in site.files}


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy, ignore=shutil.ignore_patterns("pages"))
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    commit(copy, "2025-01-15")
    return copy


@pytest.mark.build
@pytest.mark.parametrize(("seed", "small_pages"), [(1, False), (2, False), (3, True)])
def test_every_build_after_edits_equals_a_fresh_build(content: Path, tmp_path: Path, seed: int, small_pages: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With `small_pages`, pages hold so few claims that the content's records are listed month by month and
    its listings go on over several pages: edits move claims between those pages too."""
    if small_pages:
        monkeypatch.setattr(listing, "PAGE_CLAIMS", 3)
        monkeypatch.setattr(listing, "LATEST_CLAIMS", 2)
        monkeypatch.setattr(listing, "INDEX_ROWS", 5)
    rng = random.Random(seed)
    templates = content.parent / "templates"
    builds = Builds(content, templates, "Site", None)
    builds.generate()
    reused = []
    edits = [*EDITS, *rng.sample(EDITS, 4)]  # every kind of edit at least once, in an order of its own
    rng.shuffle(edits)
    for edit in edits:
        what = edit(content, rng)
        rebuilt = builds.generate()
        again = outputs(rebuilt)
        fresh = outputs(generate(content, templates, "Site", None))
        stale = sorted(path for path in fresh[0].keys() | again[0].keys() if fresh[0].get(path) != again[0].get(path))
        assert not stale, f"after editing the {what}: stale pages {stale[:5]}"
        assert again[1] == fresh[1], f"after editing the {what}: other files differ"
        reused.append(builds.reused_pages)
    # The point of it all: most pages are taken as they were (not an empty cache that always renders).
    assert max(reused) > len(again[0]) // 2, reused
    if small_pages:
        assert any("/page/" in path for path in again[0])
        assert any(re.match(r"actors/[a-z0-9-]+/\d{4}/", path) for path in again[0])
        return  # a process of its own would have the site's own page sizes
    elsewhere = differences(site_outputs(rebuilt), fresh_build(content, templates, tmp_path / "fresh"))
    assert not elsewhere, f"the last rebuild differs from a fresh build in another process: {elsewhere[:5]}"


def test_a_summary_edit_renders_only_the_pages_that_show_the_claim(content: Path) -> None:
    builds = Builds(content, TEMPLATES)
    before = outputs(builds.generate())[0]
    path = sorted((content / "claims").glob("*.yaml"))[0]  # any claim: the test names no record
    data = read(path)
    data["summary"] = "An edited summary."
    write(path, data)
    after = outputs(builds.generate())[0]
    changed = {page for page in after if after[page] != before[page]}
    rendered = len(after) - builds.reused_pages
    assert f"claims/{path.stem}.md" in changed
    # Pages that read the claim are rendered again, even those (counts, links) where its summary is not shown.
    assert len(changed) <= rendered < len(after) // 4, (rendered, sorted(changed))


def test_a_content_error_between_builds_leaves_no_stale_page(content: Path) -> None:
    builds = Builds(content, TEMPLATES)
    builds.generate()
    path = sorted((content / "claims").glob("*.yaml"))[0]
    good = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^actor: .*$", "actor: nobody-at-all", good, count=1, flags=re.M), encoding="utf-8")
    with pytest.raises(ContentError):
        builds.generate()
    path.write_text(good, encoding="utf-8")
    rename_actor(content, random.Random(3))
    assert outputs(builds.generate()) == outputs(generate(content, TEMPLATES))
