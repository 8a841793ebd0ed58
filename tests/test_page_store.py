"""The folder where a single run's pages wait on disk (`generator/page.py`, `PageStore`): the same pages as a run
that holds them, the Ukrainian edition's forked process writing into the same folder; gone once removed, or
once nothing refers to it."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.page import Page, PageStore
from generator.pipeline import Builds

from .conftest import ROOT, SMALL


def test_a_run_with_a_store_makes_the_pages_a_run_holding_them_makes() -> None:
    held = Builds(SMALL, ROOT / "theme" / "templates", "Test site", None, incremental=False).generate()
    store = PageStore()
    try:
        stored = Builds(SMALL, ROOT / "theme" / "templates", "Test site", None, incremental=False).generate(store)
        assert [page.path for page in stored.pages] == [page.path for page in held.pages]
        assert any(page.path.startswith("uk/") for page in stored.pages)  # made by the forked process
        for kept, page in zip(stored.pages, held.pages, strict=True):
            assert kept.encoded == b"" and store.holds(kept.stored)
            assert kept.read() == page.encoded and kept.markdown == page.markdown
            assert (kept.title, kept.origin) == (page.title, page.origin)
        assert stored.files == held.files
    finally:
        store.remove()
    assert store.folder is None and not os.path.exists(stored.pages[0].stored or "")


def test_a_page_is_kept_at_its_own_path_and_the_folder_goes_with_the_store() -> None:
    store = PageStore()
    folder = store.folder
    assert folder is not None
    page = store.keep(Page.of("uk/actors/bob.md", "Боб", "---\n{}\n---\n\nБоб відмовився.\n"))
    assert page.stored == os.path.join(folder, "uk", "actors", "bob.md")
    assert page.markdown.endswith("Боб відмовився.\n") and page.encoded == b""
    assert not store.holds(os.path.join(folder + "-other", "a.md")) and not store.holds(None)
    del store, page
    gc.collect()
    assert not os.path.exists(folder)


def test_a_new_store_removes_the_stores_of_processes_that_no_longer_run(tmp_path: Path) -> None:
    """A build killed outright (as a publish can be) cannot remove its folder: the next build does."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    abandoned = Path(tempfile.gettempdir(), f"{PageStore.PREFIX}{int(ended.stdout)}-killed")
    (abandoned / "claims").mkdir(parents=True)
    (abandoned / "claims" / "a.md").write_text("---\n{}\n---\n")
    running = Path(tempfile.mkdtemp(prefix=f"{PageStore.PREFIX}{os.getpid()}-"))
    try:
        store = PageStore()
        assert not abandoned.exists()
        assert running.is_dir() and store.folder is not None and os.path.isdir(store.folder)
        store.remove()
    finally:
        shutil.rmtree(abandoned, ignore_errors=True)
        shutil.rmtree(running, ignore_errors=True)
