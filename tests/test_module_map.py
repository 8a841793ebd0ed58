"""The README's module map names every module of `generator/`, and only modules that exist."""

from __future__ import annotations

import re

from .conftest import ROOT


def test_the_readme_module_map_matches_the_tree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("The modules of `generator/`", 1)[1].split("\n\n", 2)[1]
    named = {name for row in table.splitlines() for name in re.findall(r"`([a-z_]+\.py)`", row.split("|")[1])}
    tree = {path.name for path in (ROOT / "generator").glob("*.py")} - {"__init__.py", "__main__.py"}
    assert named == tree, f"missing from the README: {sorted(tree - named)}; not in generator/: {sorted(named - tree)}"
