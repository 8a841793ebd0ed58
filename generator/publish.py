"""Publish the site atomically: build into a fresh folder beside `site/`, and swap it in only on success.

`mkdocs build` empties its output folder before it writes, so a build that fails half-way leaves a broken
site behind. Here a failed build leaves the previous `site/` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def publish(config_file: Path, site_dir: Path) -> int:
    """Build with `mkdocs build --strict` into a sibling folder; replace `site_dir` only if it succeeds."""
    site_dir = site_dir.resolve()
    fresh = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    stale = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
               "--site-dir", str(fresh)]
    result = subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0 or not (fresh / "index.html").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"The build failed; {site_dir} was left as it was.", file=sys.stderr)
        return 1
    # Two renames on one file system: the old site is replaced in an instant, never half-written.
    if site_dir.exists():
        site_dir.rename(stale)
    fresh.rename(site_dir)
    shutil.rmtree(stale, ignore_errors=True)
    print(f"Published to {site_dir}")
    return 0
