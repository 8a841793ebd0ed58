"""A fresh build in a process of its own (`python -m generator export`), to compare a rebuild with: a fresh
build in the same process would share whatever that process keeps in memory, and miss a stale cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.export import MANIFEST
from generator.pipeline import Site

from .conftest import ROOT


def exported(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by path, but the export's own manifest."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != MANIFEST}


def fresh_build(content: Path, templates: Path, out: Path, site_name: str = "Site") -> dict[str, bytes]:
    """The pages and files a new process generates from `content`, by path."""
    subprocess.run([sys.executable, "-m", "generator", "--content", str(content), "--templates", str(templates),
                    "export", str(out), "--site-name", site_name],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    return exported(out)


def site_outputs(site: Site) -> dict[str, bytes]:
    """A site's pages and files as the export writes them, by path."""
    return {**{page.path: page.markdown.encode("utf-8") for page in site.pages},
            **{output.path: output.content for output in site.files}}


def differences(rebuilt: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return sorted(path for path in rebuilt.keys() | fresh.keys() if rebuilt.get(path) != fresh.get(path))
