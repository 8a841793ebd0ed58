"""The core run again after edits (as the preview does) gives exactly what a fresh run gives: no page is
ever stale. Edits are drawn at random, with fixed seeds, from what editors do to the real content."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline import Builds, Site, generate
from generator.problems import ContentError

from .conftest import ROOT

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
    path = rng.choice(files(content, "claims"))
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
    free = [path for path in files(content, "claims") if path.stem not in referenced_claims(content)]
    path = rng.choice(free)
    path.unlink()
    return f"deleted {path.stem}"


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


EDITS: list[Callable[[Path, random.Random], str]] = [
    edit_summary, edit_actor, edit_date, edit_regions, edit_issue, add_claim, delete_claim, rename_actor,
    retitle_source, rename_region,
]


def outputs(site: Site) -> tuple[dict[str, str], dict[str, bytes]]:
    return {p.path: p.markdown for p in site.pages}, {f.path: f.content for f in site.files}


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy, ignore=shutil.ignore_patterns("pages"))
    return copy


@pytest.mark.build
@pytest.mark.parametrize("seed", [1, 2])
def test_every_build_after_edits_equals_a_fresh_build(content: Path, seed: int) -> None:
    rng = random.Random(seed)
    builds = Builds(content, TEMPLATES, "Site", None)
    builds.generate()
    total = len(list(content.rglob("*.yaml")))
    reused = []
    for _ in range(8):
        what = rng.choice(EDITS)(content, rng)
        again = outputs(builds.generate())
        fresh = outputs(generate(content, TEMPLATES, "Site", None))
        stale = sorted(path for path in fresh[0].keys() | again[0].keys() if fresh[0].get(path) != again[0].get(path))
        assert not stale, f"after editing the {what}: stale pages {stale[:5]}"
        assert again[1] == fresh[1], f"after editing the {what}: other files differ"
        reused.append(builds.reused_pages)
    # The point of it all: most pages are taken as they were (not an empty cache that always renders).
    assert max(reused) > len(again[0]) // 2, (reused, total)


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
