"""One timed run of the core, stage by stage, in its own process (started by bench/run.py).

`python bench/stages.py CONTENT_DIR TEMPLATES_DIR` calls the stages of generator.pipeline (`STAGES`), the
functions a build runs, one by one, times each with time.perf_counter and prints one JSON object: seconds
per stage, and the process's peak resident memory (ru_maxrss) after each stage. Imports happen before any
timing.

With `--profile OUT` the stages run under cProfile instead, and the statistics are saved to OUT.

With `--rebuild N` it times what the preview's core does instead: a first run that keeps what it read
(`pipeline.Builds`), then N runs each after editing one claim's summary (claims spread over the corpus,
each file restored afterwards), with the number of pages rendered again.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from generator.editions import EDITIONS
from generator.localized import localized
from generator.open_data import DATA_DIR
from generator.pipeline import (
    STAGES,
    Builds,
    catalog_stage,
    files_stage,
    load_stage,
    pages_stage,
    read_page_inputs,
    validate_stage,
)

SITE_NAME = "Ukraine negotiations explainer"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/claim.schema.json\n"


def run_stages(content: Path, templates: Path) -> dict[str, Any]:
    seconds: dict[str, float] = {}
    peak_kb: dict[str, int] = {}

    def done(stage: str, started: float) -> None:
        seconds[stage] = time.perf_counter() - started
        peak_kb[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    started = time.perf_counter()
    loaded = load_stage(content, theme=(templates,))  # as `generate` checks its templates folder for links
    done("load", started)

    started = time.perf_counter()
    records, problems = validate_stage(loaded)
    done("validate", started)
    if records is None:
        raise SystemExit(f"{len(problems)} problems in {content}; first: {problems[0]}")

    started = time.perf_counter()
    catalog = catalog_stage(records)
    done("catalog", started)

    # Every edition, as `Builds.generate` makes them: the catalog in each edition's words, its pages, then
    # its files (the open data made once, published in each edition's folder).
    started = time.perf_counter()
    views = [localized(catalog, edition) for edition in EDITIONS]
    pages, history = [], None
    for view in views:
        inputs = read_page_inputs(content, view.edition, history)
        history = inputs.history
        pages += pages_stage(view, templates, inputs)[0]
    done("pages", started)

    started = time.perf_counter()
    files, open_data = [], None
    for view in views:
        made = files_stage(view, SITE_NAME, None, open_data=open_data)
        open_data = open_data or [f for f in made if f.path.startswith(DATA_DIR + "/")]
        files += made
    done("files", started)
    assert list(seconds) == list(STAGES), "every stage of a build is timed, in its order"

    return {
        "seconds": seconds,
        "peak_kb": peak_kb,
        "counts": {
            "claims": len(catalog.claims), "actors": len(catalog.actors), "regions": len(catalog.regions),
            "sources": len(catalog.sources), "pages": len(pages), "files": len(files),
            "markdown_bytes": sum(len(page.markdown.encode("utf-8")) for page in pages),
        },
        "largest_markdown": sorted(((len(page.markdown.encode("utf-8")), page.path) for page in pages),
                                   reverse=True)[:8],
    }


def run_rebuilds(content: Path, templates: Path, edits: int) -> dict[str, Any]:
    builds = Builds(content, templates, SITE_NAME, None)
    started = time.perf_counter()
    site = builds.generate()
    first = time.perf_counter() - started
    claims = sorted((content / "claims").glob("*.yaml"))
    seconds, rendered = [], []
    for number in range(edits):
        path = claims[(number * 2 + 1) * len(claims) // (edits * 2)]
        original = path.read_bytes()
        try:
            data = yaml.safe_load(original)
            data["summary"] = f"Edit {number}. {data['summary']}"
            path.write_text(SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            started = time.perf_counter()
            site = builds.generate()
            seconds.append(time.perf_counter() - started)
            rendered.append(len(site.pages) - builds.reused_pages)
        finally:
            path.write_bytes(original)
    return {"first_s": first, "seconds": seconds, "rendered_pages": rendered, "pages": len(site.pages),
            "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("templates", type=Path)
    parser.add_argument("--profile", type=Path, metavar="OUT", help="run under cProfile and save the stats here")
    parser.add_argument("--rebuild", type=int, metavar="N", help="time N rebuilds after one-claim edits instead")
    args = parser.parse_args()
    if args.rebuild:
        result = run_rebuilds(args.content, args.templates, args.rebuild)
    elif args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(run_stages, args.content, args.templates)
        profiler.dump_stats(str(args.profile))
    else:
        result = run_stages(args.content, args.templates)
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
