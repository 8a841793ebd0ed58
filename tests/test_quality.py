"""Quality bars on one page of every family of the real site: axe-core finds no accessibility violation
(in a real Chromium, light and dark colour schemes) and the W3C Nu validator finds no HTML error.

The checkers come from the project's node_modules (package.json, package-lock.json), which `make test`
installs with `npm ci`; Java for the validator comes from scripts/ensure-java."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .browser import expect, local_page, static_server
from .conftest import ROOT
from .families import FAMILIES, INDEXES, family_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.quality, pytest.mark.build]

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make test`, which installs them with `npm ci` from package-lock.json"

# One page of each family (chosen from the catalog, tests/families.py), the index pages and the hand-written pages,
# in each edition (the Ukrainian one under uk/).
PAGES = [*FAMILIES, *INDEXES]
EDITIONS = {"en": "", "uk": "uk/"}

# Material's palette follows prefers-color-scheme (mkdocs.yml); these are the schemes it must switch to.
SCHEMES = {"light": "default", "dark": "slate"}

# Errors of the theme that are filtered out, matched on the exact message and the exact element.
# Material's base.html puts autocomplete="off" on its two hidden checkbox toggles (the drawer and the
# search) so that Firefox does not restore them checked when a reader comes back to a page, which
# would reopen the drawer or the search overlay. HTML allows the attribute only on text-like inputs,
# and the inputs sit outside every block of base.html, so no template override can reach them.
THEME_CHECKBOX_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”."
)
THEME_TOGGLE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" autocomplete="off">'
)


def checker(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: {INSTALL_HINT}")
    return path


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with static_server(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def addresses() -> dict[str, str]:
    """Each entry of PAGES → its address relative to the site root."""
    return family_pages(ROOT / "content") | {index: index for index in INDEXES}


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.extend("        " + line for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("entry", PAGES)
def test_axe_finds_no_violations(browser: Browser, site_url: str, addresses: dict[str, str], entry: str,
                                 edition: str, scheme: str) -> None:
    axe = checker(AXE)
    path = EDITIONS[edition] + addresses[entry]
    with local_page(browser) as (page, watch):
        page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
        response = page.goto(site_url + path)
        assert response is not None and response.ok, f"/{path} did not load"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        page.add_script_tag(path=str(axe))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    watch.assert_clean()
    violations = results["violations"]
    assert violations == [], f"axe-core {results['testEngine']['version']} on /{path} ({scheme}):\n" + describe_violations(
        violations
    )


def test_nu_validator_finds_no_errors(real_site: Path, addresses: dict[str, str]) -> None:
    vnu = checker(VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test` (scripts/ensure-java installs it)")
    files = [real_site / prefix / addresses[entry] / "index.html" for entry in PAGES for prefix in EDITIONS.values()]
    missing = [str(file.relative_to(real_site)) for file in files if not file.is_file()]
    assert missing == [], f"pages not built: {missing}"
    # One Java start for all files: the validator takes seconds to start.
    result = subprocess.run(
        [java, "-jar", str(vnu), "--skip-non-html", "--errors-only", "--format", "json", "--stdout",
         *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.stdout.strip(), f"no output from the validator (exit {result.returncode}): {result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    problems = [
        message for message in messages
        if not (message.get("message") == THEME_CHECKBOX_AUTOCOMPLETE and THEME_TOGGLE.search(message.get("extract", "")))
    ]
    report = "\n".join(
        f"{message.get('url', '').partition(str(real_site))[2] or message.get('url')}:{message.get('lastLine', '?')}:"
        f"{message.get('firstColumn', '?')}: {message['type']}: {message.get('message')}\n"
        f"    {message.get('extract', '').strip()}"
        for message in problems
    )
    assert problems == [], f"the Nu validator found {len(problems)} errors:\n{report}"
