"""The benchmark runs end to end (`bench/run.py --quick`) and reports every figure; its corpus is valid.

No timing is asserted: only that the output exists, is complete and makes sense.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.build

QUICK_SIZE = 60  # bench/run.py's --quick size

ROWS = [
    "core · load", "core · validate", "core · catalog", "core · pages", "core · files", "**core · total**",
    "core · first run keeping what it read", "core · rebuild after editing one claim",
    "**mkdocs build, with the plugin**", "mkdocs build, baseline", "Zensical", "`generator export`",
    "**build ratio plugin / baseline**", "**core share of the full build**", "**median HTML page**",
    "**largest HTML page**", "**preview latency**", "**stale listing page**", "`mkdocs serve` first build",
]


def _number(cell: str) -> float:
    match = re.match(r"^([\d,]+(?:\.\d+)?)", cell.strip())
    assert match, f"no number in {cell!r}"
    return float(match.group(1).replace(",", ""))


def test_quick_benchmark_reports_every_row(tmp_path: Path) -> None:
    work = tmp_path / "work"
    raw = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--work-dir", str(work), "--json", str(raw)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    out = result.stdout

    assert re.search(r"^Machine: .+, \d+ cores, [\d.]+ GiB RAM", out, re.MULTILINE), out
    assert re.search(r"^Python [\d.]+, MkDocs [\d.]+, Material [\d.]+, Zensical [\w. ]+; \d{4}-\d{2}-\d{2}", out,
                     re.MULTILINE), out
    assert "Command: `" in out and "bench/run.py --quick" in out

    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| Measure")]
    cells = [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]
    for label in ROWS:
        matching = [row for row in cells if row[0].startswith(label)]
        assert matching, f"no row '{label}' in:\n{out}"
        for row in matching:
            assert len(row) == 8, row
            assert row[1] == f"{QUICK_SIZE:,}", row
            if not label.startswith("**stale"):
                assert _number(row[2]) >= 0, row
    positive = [row for row in cells if row[0].startswith(("**core · total", "**mkdocs build", "mkdocs build",
                                                           "**preview latency", "**median HTML", "largest HTML"))]
    assert all(_number(row[2]) > 0 for row in positive), positive

    figures = json.loads(raw.read_text())
    build = figures["builds"][str(QUICK_SIZE)]
    assert build["html_pages"] > QUICK_SIZE and build["html_pages"] == build["baseline_html_pages"]
    assert build["median_page_kb"] > 0
    for name in ("plugin", "baseline"):
        assert build[name]["median_s"] > 0 and build[name]["peak_rss_kb"] > 0
    core = figures["core"][str(QUICK_SIZE)]
    assert all(core["stages"][stage]["median_s"] > 0 for stage in ("load", "validate", "pages", "files"))
    assert core["counts"]["claims"] == QUICK_SIZE
    rebuild = core["rebuild"]
    assert len(rebuild["seconds"]) == 5 and all(seconds > 0 for seconds in rebuild["seconds"])
    # An edit to one claim renders a few pages again, not the whole site.
    assert all(0 < rendered < rebuild["pages"] // 2 for rendered in rebuild["rendered_pages"]), rebuild
    preview = figures["preview"]
    assert len(preview["edits"]) == 1 and preview["edits"][0]["latency_s"] > 0

    # The corpus the benchmark measured passes the editors' check.
    check = subprocess.run([sys.executable, "-m", "generator", "--content", str(work / f"corpus-{QUICK_SIZE}" / "content"),
                            "check"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith(f"ok: {QUICK_SIZE} claims,"), check.stdout


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "30", str(tmp_path / name)],
                       cwd=ROOT, check=True, capture_output=True, timeout=120)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a" / "content").rglob("*.yaml")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b" / "content").rglob("*.yaml")}
    assert first == second
    claims = [path for path in first if path.parts[1] == "claims"]
    assert len(claims) == 30
    assert all(first[path].startswith(b"# yaml-language-server: $schema=../schema/") for path in first)


def test_dirty_rebuilds_are_timed_and_the_corpus_is_restored(tmp_path: Path) -> None:
    project = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "30", str(project)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    before = {path: path.read_bytes() for path in (project / "content").rglob("*.yaml")}
    stats = tmp_path / "last.prof"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "dirty_rebuilds.py"), str(project), "--edits", "2",
                             "--profile", str(stats)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    assert figures["rebuilds"] == 4  # each of 2 claims edited, then restored
    seconds = figures["seconds"]  # each rebuild in turn
    assert len(seconds) == 4 and all(s > 0 for s in seconds)
    assert figures["min_s"] == min(seconds) and figures["max_s"] == max(seconds)
    assert figures["median_s"] == pytest.approx(statistics.median(seconds), abs=0.001)  # rounded to the ms
    assert figures["first_s"] > 0
    assert stats.stat().st_size > 0
    assert {path: path.read_bytes() for path in (project / "content").rglob("*.yaml")} == before


def test_the_stage_timer_makes_the_site_a_build_makes() -> None:
    """bench/stages.py times the pipeline's own stages: what it makes is what `generate` makes, to the byte
    (the files' history included, which pages show and a stage timer of its own would leave out)."""
    from generator.pipeline import generate

    from .conftest import SMALL

    templates = ROOT / "theme" / "templates"
    timed = subprocess.run([sys.executable, str(ROOT / "bench" / "stages.py"), str(SMALL), str(templates)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    counts = json.loads(timed.stdout)["counts"]
    site = generate(SMALL, templates, "Ukraine negotiations explainer")
    assert "Record history" in next(page.markdown for page in site.pages if page.path.startswith("claims/") and
                                    not page.path.endswith("index.md"))
    assert counts["pages"] == len(site.pages) and counts["files"] == len(site.files)
    assert counts["markdown_bytes"] == sum(len(page.markdown.encode("utf-8")) for page in site.pages)


def test_the_positions_benchmark_counts_the_pages_a_build_renders(tmp_path: Path) -> None:
    from generator.pipeline import check
    from generator.positions_pages import FAMILIES

    result = subprocess.run([sys.executable, str(ROOT / "bench" / "positions.py"), "--sizes", str(QUICK_SIZE),
                             "--runs", "1"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    header, _, row = result.stdout.strip().splitlines()
    cells = dict(zip([c.strip() for c in header.strip("|").split("|")],
                     [c.strip() for c in row.strip("|").split("|")], strict=True))
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(QUICK_SIZE), str(tmp_path / "corpus")],
                   check=True, capture_output=True, timeout=300)  # the same N gives the same corpus
    catalog, _ = check(tmp_path / "corpus" / "content")
    assert catalog is not None
    expected = sum(1 for family in FAMILIES for _ in family.entries(catalog, ""))
    assert _number(cells["positions pages"]) == expected
    assert _number(cells["claims"]) == QUICK_SIZE and _number(cells["months"]) == len(catalog.position_months)
    assert _number(cells["core: positions pages"]) > 0 and _number(cells["core: all pages"]) > 0
