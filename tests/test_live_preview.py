"""`mkdocs serve --dirty` (as `make preview` runs it): saving a YAML file updates the page open in the browser,
without reloading it by hand, and the site served after any edits is the site a fresh build gives."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser import expect, free_port, wait_for
from .conftest import SMALL, make_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.preview, pytest.mark.build]

LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)  # what the server adds to pages


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project", SMALL)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["timeout", "300", sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty",
         "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, timeout=60)
        yield project, base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.browser
def test_saving_a_record_updates_the_open_page(served: tuple[Path, str], browser: Browser) -> None:
    project, base = served
    page = browser.new_page()
    try:
        page.goto(base + "claims/bob-refuses/")
        expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
        page.evaluate("window.__opened = true")  # gone after a reload: proves the page reloaded itself

        record = project / "content" / "claims" / "bob-refuses.yaml"
        record.write_text(record.read_text().replace("Bob refused to cede", "Bob firmly refused to cede"))
        saved = time.monotonic()

        expect(page.locator("article h1")).to_contain_text("Bob firmly refused to cede", timeout=30_000)
        print(f"page updated {time.monotonic() - saved:.1f} s after the save")
        assert page.evaluate("window.__opened === undefined")
    finally:
        page.close()
    # The listing pages that show the claim are rebuilt too.
    assert "Bob firmly refused to cede" in fetch(base + "actors/bob/")
    assert "Bob firmly refused to cede" in fetch(base + "dates/2025/07/04/")


@pytest.mark.browser
def test_a_broken_file_shows_its_problems_in_the_browser_and_the_fix_brings_the_page_back(
        served: tuple[Path, str], browser: Browser) -> None:
    project, base = served
    page = browser.new_page()
    try:
        page.goto(base + "claims/bob-refuses/")
        expect(page.locator("article h1")).to_contain_text("Bob refused to cede any territory.")
        record = project / "content" / "claims" / "bob-refuses.yaml"
        good = record.read_text()
        record.write_text(good.replace("actor: bob", "actor: bbo"))

        expect(page.locator("article h1")).to_contain_text("The content has problems", timeout=30_000)
        expect(page.locator("article")).to_contain_text(
            "content/claims/bob-refuses.yaml:2:1: actor: unknown actor 'bbo'; did you mean 'bob'?")
        # Other pages the reader may open say the same, and the server is still running.
        assert "unknown actor 'bbo'" in fetch(base + "actors/")

        record.write_text(good.replace("Bob refused", "Bob again refused"))
        expect(page.locator("article h1")).to_contain_text("Bob again refused to cede any territory.", timeout=30_000)
        assert "Bob again refused" in fetch(base + "actors/bob/")
    finally:
        page.close()


def served_or_none(url: str) -> str | None:
    try:
        return LIVERELOAD.sub("", fetch(url))
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def wait_until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not served within {timeout:.0f} s: {what}")
        time.sleep(0.2)


def fresh_build(project: Path, base: str, out: Path) -> Path:
    """The same project built from scratch by `mkdocs build`, with the address the server gives it."""
    config = project / "mkdocs.yml"
    fresh = project / "mkdocs-fresh.yml"
    fresh.write_text(config.read_text().replace("site_name:", f"site_url: {base}\nsite_name:", 1))
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(fresh), "-d", str(out)],
                       cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        fresh.unlink()
    return out


def test_after_edits_additions_deletions_and_a_new_configuration_the_served_site_is_a_fresh_build(
        served: tuple[Path, str], tmp_path: Path) -> None:
    project, base = served
    log = tmp_path / "serve.log"
    claims = project / "content" / "claims"
    record = claims / "bob-refuses.yaml"
    record.write_text(record.read_text().replace("Bob refused to cede", "Bob flatly refused to cede"))
    wait_until(lambda: "Bob flatly refused" in (served_or_none(base + "actors/bob/") or ""), "the edited claim")
    # Only generated pages changed: they alone were rendered again (generator/preview_rebuild.py).
    assert rebuilds_of_pages_alone(log) == 1

    added = claims / "bob-refuses-again.yaml"
    added.write_text(record.read_text().replace("Bob flatly refused", "Bob once more refused"))
    wait_until(lambda: served_or_none(base + "claims/bob-refuses-again/") is not None, "the added claim's page")

    deleted = next(path for path in sorted(claims.glob("*.yaml")) if path.stem not in ("bob-refuses", added.stem)
                   and path.stem not in record.read_text())
    deleted_url = base + f"claims/{deleted.stem}/"
    assert served_or_none(deleted_url) is not None
    deleted.unlink()
    wait_until(lambda: served_or_none(deleted_url) is None, "the deleted claim's page, gone")
    assert rebuilds_of_pages_alone(log) == 1  # a page added or gone: MkDocs' full build

    actor = project / "content" / "actors" / "bob.yaml"
    actor.write_text(actor.read_text().replace("name: Bob Example", "name: Robert Example", 1))
    wait_until(lambda: ">Robert Example<" in (served_or_none(base + f"claims/{added.stem}/") or ""), "the renamed actor")
    assert rebuilds_of_pages_alone(log) == 2
    assert_served_as_built_afresh(project, base, tmp_path / "fresh-after-edits", deleted)

    # What every page shows besides its content: a change there reaches pages whose own content is unchanged.
    # The theme's templates are compiled once and reused by later builds: an edited one must be compiled again.
    # (The server does not watch the theme, so the override waits for the configuration change's rebuild.)
    override = project / "theme" / "overrides" / "main.html"
    override.write_text(override.read_text().replace(
        '<meta name="twitter:card" content="summary">',
        '<meta name="twitter:card" content="summary">\n  <meta name="x-edited-override" content="yes">', 1))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Ukraine negotiations explainer",
                                                 "site_name: Renamed explainer", 1))
    wait_until(lambda: "Renamed explainer" in (served_or_none(base + "about/") or ""), "the new site name")
    assert 'name="x-edited-override"' in fetch(base + f"claims/{added.stem}/")
    assert rebuilds_of_pages_alone(log) == 2
    assert_served_as_built_afresh(project, base, tmp_path / "fresh", deleted)


def rebuilds_of_pages_alone(log: Path) -> int:
    """How many rebuilds the server's log reports as the changed pages alone, without MkDocs' full build."""
    return len(re.findall(r"pages rendered again, in [\d.]+ seconds", log.read_text(encoding="utf-8")))


def assert_served_as_built_afresh(project: Path, base: str, out: Path, deleted: Path) -> None:
    """Every page, the sitemap and each edition's search index, as the server serves them, are those of a
    fresh `mkdocs build`."""
    site = fresh_build(project, base, out)
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert f"claims/{deleted.stem}/index.html" not in pages

    def index(text: str) -> list[tuple[str, str, str]]:
        return sorted((doc["location"], doc["title"], doc["text"]) for doc in json.loads(text)["docs"])

    fresh_index = index((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Each edition's own index (generator/edition_search.py), the search settings included.
    editions = ["uk/search/search_index.json"]
    fresh_editions = {path: json.loads((site / path).read_text(encoding="utf-8")) for path in editions}

    def same_edition_index(path: str) -> bool:
        served, fresh = json.loads(fetch(base + path)), fresh_editions[path]
        return bool(fresh["docs"]) and served["config"] == fresh["config"] and \
            index(json.dumps(served)) == index(json.dumps(fresh))

    def differing() -> list[str]:
        """What the server serves otherwise than the fresh build: pages, the sitemap, the search index."""
        found = [page for page in pages
                 if served_or_none(base + page.removesuffix("index.html")) != (site / page).read_text(encoding="utf-8")]
        if fetch(base + "sitemap.xml") != (site / "sitemap.xml").read_text(encoding="utf-8"):
            found.append("sitemap.xml")
        if index(fetch(base + "search/search_index.json")) != fresh_index:
            found.append("search/search_index.json")
        found += [path for path in editions if not same_edition_index(path)]
        return found

    # A rebuild may still be under way (MkDocs writes the search index last): wait until what is served
    # settles, and name what never does.
    deadline = time.monotonic() + 30
    while (stale := differing()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stale == [], "stale or different files"

    served_index = index(fetch(base + "search/search_index.json"))
    assert served_index == fresh_index
    assert not any(location.startswith(f"claims/{deleted.stem}/") for location, _, _ in served_index)
