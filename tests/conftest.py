"""Shared helpers: copies of the project with chosen content, and real MkDocs builds of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from .browser import chromium, local_page, static_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "small"

# Hypothesis: CI draws the same examples on every run, so a test never fails there at random;
# `HYPOTHESIS_PROFILE=thorough` searches at random, much longer (README, "Tests"). Examples found once
# stay in the tests as `@example`s.
settings.register_profile("ci", derandomize=True, database=None, max_examples=50, print_blob=True)
settings.register_profile("default", max_examples=50)
settings.register_profile("thorough", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the expected output in tests/fixtures/small-expected/ instead of comparing with it")


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def make_project(target: Path, records: Path | None = None) -> Path:
    """A copy of the project's site files in `target`, with the records of `records` (default: the real ones)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copytree(records or ROOT / "content", target / "content", dirs_exist_ok=True)
    # Hand-written pages link to records of the real content: fixture content gets pages of its own.
    pages = ROOT / "content" / "pages" if records is None else FIXTURES / "pages"
    shutil.copytree(pages, target / "content" / "pages", dirs_exist_ok=True)
    return target


def mkdocs(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args, "-f", str(project / "mkdocs.yml")],
        capture_output=True, text=True, env=env, timeout=timeout, cwd=project,
    )


def build(project: Path) -> Build:
    site = project / "site"
    result = mkdocs(project, "build", "--strict", "--site-dir", str(site))
    return Build(result.returncode, result.stdout + result.stderr, site)


def built_site(target: Path, records: Path | None = None) -> Path:
    """The site of a project copy with the records of `records` (default: the real ones), built strictly."""
    result = build(make_project(target, records))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real `content/`, once per test run."""
    return built_site(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the small fixture content in `tests/fixtures/small/`."""
    return built_site(tmp_path_factory.mktemp("small"), SMALL)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The content of a synthetic corpus of 1,000 claims (bench/make_corpus.py), made once per run: read, never
    written, by the tests of large sites and bounded pages."""
    out = tmp_path_factory.mktemp("corpus") / "project"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "1000", str(out)], check=True,
                   capture_output=True)
    return out / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the small fixture content."""
    target = tmp_path / "content"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's package) for the whole run."""
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def base_url(real_site: Path) -> Iterator[str]:
    """The real site, served: for what must hold of any content."""
    with static_server(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def small_base_url(small_site: Path) -> Iterator[str]:
    """The small fixture site, served: for behaviours asserted on known records."""
    with static_server(small_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that may only reach 127.0.0.1: anything else is blocked and recorded, and fails the test."""
    with local_page(browser) as (page, watch):
        yield page
    watch.assert_clean()
