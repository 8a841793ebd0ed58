"""The MkDocs adapter: what it asks of the configuration, what it leaves behind in the process, and the
preview's search index whatever the order of the plugins."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.preview import DirtyPreview

from .conftest import SMALL, build, make_project


@pytest.mark.build
def test_the_plugin_refuses_a_site_without_directory_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "the explainer plugin needs 'use_directory_urls: true' in mkdocs.yml" in result.output
    assert "Traceback" not in result.output


# --- the build's date ------------------------------------------------------------------------------------


def build_in_process(project: Path) -> str:
    """`mkdocs build` in this process, as a script or a test would run it; the date the sitemap gives."""
    config = project / "mkdocs.yml"  # the sitemap lists pages only for a site with an address
    config.write_text(f"site_url: https://example.org/\n{config.read_text(encoding='utf-8')}", encoding="utf-8")
    with contextlib.chdir(project):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (project / "site" / "sitemap.xml").read_text()))
    assert len(dates) == 1, dates
    return dates.pop()


@pytest.mark.build
def test_each_build_in_a_process_is_dated_by_its_own_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = make_project(tmp_path / "first", SMALL)
    later = make_project(tmp_path / "later", SMALL)
    claim = later / "content" / "claims" / "alice-offers-kherson.yaml"  # the newest report: 2025-08-20
    claim.write_text(claim.read_text(encoding="utf-8").replace("2025-08-20", "2025-10-02"), encoding="utf-8")

    assert build_in_process(first) == "2025-08-20"
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the build's date did not outlive it
    assert build_in_process(later) == "2025-10-02"
    assert "SOURCE_DATE_EPOCH" not in os.environ


@pytest.mark.build
def test_a_date_set_by_whoever_runs_the_build_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_in_process(make_project(tmp_path / "project", SMALL)) == "2023-11-14"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


# --- the preview's search index ----------------------------------------------------------------------------


def test_a_search_plugin_without_what_the_merge_reads_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    (project / "site" / "search").mkdir(parents=True)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config = config.plugins.on_config(config)
    DirtyPreview().merge_search_index(config)  # as Material is today: merged and written
    assert json.loads((project / "site" / "search" / "search_index.json").read_text())["docs"] == []

    del config.plugins["material/search"].search_index_prev  # as if a release of Material renamed it
    with pytest.raises(PluginError, match=r"the search plugin \(material\.plugins\.search\.plugin\) has no "
                                          r"search_index_prev: the preview cannot merge its search index"):
        DirtyPreview().merge_search_index(config)


@pytest.fixture
def served_with_explainer_first(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve --dirty` of a project whose mkdocs.yml lists the explainer plugin before search."""
    from .browser import free_port, wait_for

    project = make_project(tmp_path / "project", SMALL)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Search moved from the first entry of the plugins to the last (the explainer's options are kept whole).
    assert "plugins:\n  - search\n  - explainer:\n" in text and "\n\nmarkdown_extensions:" in text
    text = text.replace("plugins:\n  - search\n", "plugins:\n").replace(
        "\n\nmarkdown_extensions:", "\n  - search\n\nmarkdown_extensions:")
    config.write_text(text, encoding="utf-8")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["timeout", "300", sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload",
         "--dev-addr", f"127.0.0.1:{port}", "-f", str(config)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, timeout=60)
        yield project, base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def search_entries(text: str) -> list[tuple[str, str, str]]:
    return sorted((doc["location"], doc["title"], doc["text"]) for doc in json.loads(text)["docs"])


@pytest.mark.preview
@pytest.mark.build
def test_the_preview_merges_the_search_index_whatever_the_plugin_order(
        served_with_explainer_first: tuple[Path, str], tmp_path: Path) -> None:
    project, base = served_with_explainer_first
    record = project / "content" / "claims" / "bob-refuses.yaml"
    record.write_text(record.read_text().replace("Bob refused to cede", "Bob firmly refused to cede"))

    def served_index() -> str:
        with urllib.request.urlopen(base + "search/search_index.json", timeout=10) as response:
            return str(response.read().decode("utf-8"))

    deadline = time.monotonic() + 60
    while "Bob firmly refused" not in served_index():
        assert time.monotonic() < deadline, "the edit never reached the search index"
        time.sleep(0.2)
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(fresh)], cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert search_entries(served_index()) == search_entries((fresh / "search" / "search_index.json").read_text())
