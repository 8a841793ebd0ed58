"""The preview's rebuilds inside one process: `python bench/dirty_rebuilds.py PROJECT_DIR [--edits N]`.

Runs `mkdocs build --dirty` as `mkdocs serve --dirty` runs it (configuration loaded again for each build,
the plugin kept), into a temporary folder: a first build, then for each of N claims spread over the
corpus a build after editing its summary and one after restoring it. Prints the median, minimum and
maximum of those 2N rebuilds and each in turn; `--profile OUT` saves cProfile statistics of the last one.

This is the build alone, without the file watcher's delay that bench/run.py's preview latency includes.
PROJECT_DIR is a corpus made by bench/make_corpus.py; its claim files are restored after each edit.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402

from generator.preview import set_aside  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--profile", type=Path, help="save cProfile statistics of the last rebuild here")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # MkDocs's own messages; a failed build still raises
    site = tempfile.mkdtemp(prefix="dirty-rebuilds-")

    def config() -> MkDocsConfig:
        return load_config(config_file=str(args.project / "mkdocs.yml"), site_dir=site)

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    started = time.perf_counter()
    build(first, dirty=True)
    first_s = time.perf_counter() - started
    set_aside()  # as `mkdocs serve` does once its first build is done (the plugin's on_serve)

    claims = sorted((args.project / "content" / "claims").glob("*.yaml"))
    chosen = claims[::max(1, len(claims) // args.edits)][:args.edits]
    seconds: list[float] = []
    profile = cProfile.Profile() if args.profile else None
    for number, path in enumerate(chosen):
        original = path.read_text(encoding="utf-8")
        edited = original.replace("summary: ", f"summary: Edit{number} ", 1)
        for text in (edited, original):
            path.write_text(text, encoding="utf-8")
            measured = profile if number == len(chosen) - 1 and text is original else None
            started = time.perf_counter()
            if measured:
                measured.enable()
            build(config(), dirty=True)
            if measured:
                measured.disable()
            seconds.append(time.perf_counter() - started)
    if profile is not None:
        profile.dump_stats(args.profile)
    print(json.dumps({"first_s": round(first_s, 3), "rebuilds": len(seconds),
                      "median_s": round(statistics.median(seconds), 3), "min_s": round(min(seconds), 3),
                      "max_s": round(max(seconds), 3), "seconds": [round(s, 3) for s in seconds]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
