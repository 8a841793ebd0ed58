"""The fast tier (`make test-fast`) is the suite without the slow tiers' markers, and needs no browser:
collecting and running it never imports Playwright."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from .conftest import ROOT

PROBE = """
import sys, pytest
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "-m", sys.argv[1], "tests"])
print("collected" if code == 0 else f"exit {code}", sorted(name for name in sys.modules if name.startswith("playwright")))
"""


def fast_tier_expression() -> str:
    """The marker expression `make test-fast` runs with."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest-fast:", 1)[1].split("\n\n", 1)[0]
    match = re.search(r'-m "([^"]+)"', recipe)
    assert match, recipe
    return match.group(1)


def test_the_fast_tier_leaves_out_every_slow_tier() -> None:
    registered = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    slow_tiers = {marker.split(":", 1)[0] for marker in registered["markers"]}
    expression = fast_tier_expression()
    assert expression == f"not ({' or '.join(sorted(slow_tiers))})"


def test_collecting_the_fast_tier_imports_no_playwright() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, fast_tier_expression()], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "collected []", result.stdout[-2000:] + result.stderr
