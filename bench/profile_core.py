"""Where the core spends its time: `python bench/profile_core.py PROJECT_DIR [--top N]`.

Runs bench/stages.py under cProfile on PROJECT_DIR (a corpus made by bench/make_corpus.py), then prints
the stages' times as profiled, the functions with the most cumulative and internal time in our code
(generator/ and the page templates), and the same for everything. Profiling slows Python code down
(by roughly 1.5-2x here), so read the shares, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a project copy with content/ and theme/templates/")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="keep the cProfile statistics here")
    args = parser.parse_args()
    stats_file = args.save or Path(tempfile.mkstemp(suffix=".prof")[1])
    result = subprocess.run(
        [sys.executable, str(BENCH / "stages.py"), str(args.project / "content"),
         str(args.project / "theme" / "templates"), "--profile", str(stats_file)],
        capture_output=True, text=True, check=True, env={**os.environ},
    )
    stages = json.loads(result.stdout)
    print("Stages under the profiler:", ", ".join(f"{k} {v:.2f} s" for k, v in stages["seconds"].items()))
    print("Largest pages (Markdown bytes):", stages["largest_markdown"][:5])
    ours = r"generator/|templates/.*\.j2"
    for title, key, restriction in [
        ("cumulative time, our code", "cumulative", ours),
        ("internal time, our code", "tottime", ours),
        ("internal time, everything", "tottime", ""),
    ]:
        out = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=out)
        stats.sort_stats(key)
        if restriction:
            stats.print_stats(restriction, args.top)
        else:
            stats.print_stats(args.top)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
        print(f"\n## {title}\n")
        print("\n".join(line for line in lines[start:] if line.strip()))
    if not args.save:
        stats_file.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
