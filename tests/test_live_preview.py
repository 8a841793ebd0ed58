"""`mkdocs serve`: saving a YAML file updates the page open in the browser, without reloading it by hand."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .browser import free_port, wait_for
from .conftest import SMALL, make_project


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project", SMALL)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["timeout", "300", sys.executable, "-m", "mkdocs", "serve", "--livereload",
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
