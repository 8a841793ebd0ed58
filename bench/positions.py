"""The positions pages' share of the core: `python bench/positions.py [--sizes 1000,10000] [--runs 3]`.

For each size, a synthetic corpus (bench/make_corpus.py) is checked once, then the page families of the site
are rendered `--runs` times, after one untimed rendering that compiles the templates: the positions families
(positions_pages.FAMILIES) on their own and every family together, each time by a fresh renderer. Prints a Markdown table: the positions pages'
count, their Markdown (total and largest page), the median seconds of both renderings and the positions'
share, with the claims, months and moves of each corpus, so that the growth from one size to the next can
be read against the claims'.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from make_corpus import make_corpus  # beside this script: Python puts the script's folder on the path

from generator import pages, positions_pages
from generator.catalog import Catalog
from generator.maps import SMALL_MAP_TOLERANCE, load_shapes
from generator.page import IndexPage, Page, PagesOf
from generator.pipeline import GEOMETRY, check
from generator.renderer import Renderer


def render(catalog: Catalog, project: Path, families: tuple[IndexPage | PagesOf, ...]) -> tuple[list[Page], float]:
    geometry = project / "content" / GEOMETRY
    started = time.perf_counter()
    renderer = Renderer(catalog, project / "theme" / "templates", load_shapes(geometry), {},
                        small_shapes=load_shapes(geometry, SMALL_MAP_TOLERANCE),
                        helpers=pages.TEMPLATE_HELPERS)
    rendered = [renderer.render(family.template, **entry) for family in families for entry in family.entries(catalog, "")]
    return rendered, time.perf_counter() - started


def measure(n: int, runs: int, work: Path) -> dict[str, float | int]:
    project = work / f"corpus-{n}"
    make_corpus(n, project)
    catalog, problems = check(project / "content")
    assert catalog is not None, problems[:3]
    render(catalog, project, pages.FAMILIES)  # templates compiled once, before any timing, as in a long preview
    own, alone = [], []
    for _ in range(runs):
        found, seconds = render(catalog, project, positions_pages.FAMILIES)
        alone.append(seconds)
        _, everything = render(catalog, project, pages.FAMILIES)
        own.append(everything)
    sizes = sorted(len(page.markdown.encode("utf-8")) for page in found)
    return {"claims": len(catalog.claims), "months": len(catalog.position_months), "moves": len(catalog.moves),
            "pages": len(found), "markdown_kb": sum(sizes) / 1024, "largest_kb": sizes[-1] / 1024,
            "positions_s": statistics.median(alone), "all_s": statistics.median(own)}


def table(results: dict[int, dict[str, float | int]]) -> str:
    rows = ["| claims | months | positions (moves) | positions pages | their Markdown | largest page | "
            "core: positions pages | core: all pages | share |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for _, r in sorted(results.items()):
        rows.append(f"| {r['claims']:,} | {r['months']} | {r['moves']:,} | {r['pages']} | {r['markdown_kb'] / 1024:.1f} MB "
                    f"| {r['largest_kb']:.0f} KB | {r['positions_s']:.2f} s | {r['all_s']:.2f} s "
                    f"| {100 * r['positions_s'] / r['all_s']:.0f} % |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="claims, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="renderings per figure (median reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="explainer-positions-") as work:
        results = {n: measure(n, args.runs, Path(work)) for n in (int(size) for size in args.sizes.split(","))}
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
