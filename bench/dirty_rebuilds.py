"""The preview's rebuilds inside one process: `python bench/dirty_rebuilds.py PROJECT_DIR [--edits N]`.

Rebuilds as `mkdocs serve --dirty` does, into a temporary folder: a first build, then the server's builder
(the plugin's, which renders only the changed pages where that is enough, else MkDocs' full dirty build with
the configuration loaded again and the plugin kept), for each of N claims spread over the corpus after
editing its summary and after restoring it. `--full` times MkDocs' full dirty build every time instead. Prints the median, minimum and
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
from mkdocs.livereload import LiveReloadServer  # noqa: E402

from generator.preview import set_aside  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--profile", type=Path, help="save cProfile statistics of the last rebuild here")
    parser.add_argument("--full", action="store_true", help="MkDocs' full dirty build for every rebuild")
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

    def full_build() -> None:
        build(config(), dirty=True)

    # As `mkdocs serve` does once its first build is done: the plugins' on_serve may replace the builder
    # (and sets aside what the first build keeps, `preview.set_aside`). The server is never started.
    server = LiveReloadServer(builder=full_build, host="127.0.0.1", port=0, root=site)
    if args.full:
        set_aside()
    else:
        first.plugins.on_serve(server, config=first, builder=full_build)
    server.server_close()

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
            server.builder()
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
