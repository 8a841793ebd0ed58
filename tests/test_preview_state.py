"""The preview's bookkeeping between dirty builds (`generator.preview.DirtyPreview`), one duty at a time,
with MkDocs' own configuration and files; the site folder is written as MkDocs writes it."""

from __future__ import annotations

import gc
import json
import os
import weakref
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.preview import DirtyPreview, set_aside


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ntheme:\n  name: mkdocs\n  custom_dir: overrides\n",
                                         encoding="utf-8")
    return tmp_path


def config_of(project: Path) -> MkDocsConfig:
    """The configuration as `mkdocs serve` loads it again for every build."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=True)  # as MkDocs does first, and files are made during events
    return config


def build(preview: DirtyPreview, project: Path, outputs: dict[str, str]) -> dict[str, bool]:
    """One dirty build of `outputs` (path → Markdown): which files MkDocs is told to render again. Those
    are written to the site folder, as MkDocs would."""
    config = config_of(project)
    preview.start(config)
    files = Files([preview.file(config, path, text) for path, text in outputs.items()])
    preview.files_done(files, config)
    modified = {file.src_uri: file.is_modified() for file in files}
    for file in files:
        if file.is_modified():
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text(str(file.content_string), encoding="utf-8")
    return modified


def test_a_file_is_rendered_again_only_when_its_content_changed(project: Path) -> None:
    preview = DirtyPreview()
    assert build(preview, project, {"a.md": "A", "b.md": "B"}) == {"a.md": True, "b.md": True}
    assert build(preview, project, {"a.md": "A", "b.md": "B"}) == {"a.md": False, "b.md": False}
    assert build(preview, project, {"a.md": "A2", "b.md": "B"}) == {"a.md": True, "b.md": False}


def test_a_file_missing_from_the_site_folder_is_written_again(project: Path) -> None:
    preview = DirtyPreview()
    build(preview, project, {"a.md": "A"})
    (project / "site" / "a" / "index.html").unlink()
    assert build(preview, project, {"a.md": "A"}) == {"a.md": True}


def test_a_page_that_is_gone_is_deleted_with_its_empty_folder(project: Path) -> None:
    preview = DirtyPreview()
    build(preview, project, {"a.md": "A", "b.md": "B", "data/x.json": "{}"})
    assert (project / "site" / "a" / "index.html").is_file() and (project / "site" / "data" / "x.json").is_file()
    build(preview, project, {"b.md": "B"})
    assert not (project / "site" / "a").exists()
    assert not (project / "site" / "data").exists()
    assert (project / "site" / "b" / "index.html").is_file()


@pytest.mark.parametrize("edit", ["mkdocs.yml", "override", "hand-written page added"])
def test_a_change_around_every_page_empties_the_site_folder(project: Path, edit: str) -> None:
    preview = DirtyPreview()
    build(preview, project, {"a.md": "A"})
    (project / "site" / "stray.html").write_text("old", encoding="utf-8")
    if edit == "mkdocs.yml":
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "site_description: New\n")
    elif edit == "override":
        override = project / "overrides" / "main.html"
        stat = override.stat()
        override.write_text('{% extends "base.html" %}\n', encoding="utf-8")
        os.utime(override, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: only the bytes tell
    else:
        (project / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert build(preview, project, {"a.md": "A"}) == {"a.md": True}
    assert not (project / "site" / "stray.html").exists()


def test_nothing_around_the_pages_changed_keeps_the_site_folder(project: Path) -> None:
    preview = DirtyPreview()
    build(preview, project, {"a.md": "A"})
    (project / "site" / "kept.html").write_text("kept", encoding="utf-8")
    build(preview, project, {"a.md": "A"})
    assert (project / "site" / "kept.html").read_text() == "kept"


def site_wide_pages(preview: DirtyPreview, project: Path, outputs: dict[str, str]) -> set[str]:
    """Which of the sitemap and the 404 page MkDocs renders in this build."""
    config = config_of(project)
    preview.start(config)
    files = Files([preview.file(config, path, text) for path, text in outputs.items()])
    preview.files_done(files, config)
    for name in ("sitemap.xml", "404.html"):
        (project / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / name).write_text("rendered", encoding="utf-8")
    return {name for name in ("sitemap.xml", "404.html") if name in config.theme.static_templates}


def test_the_sitemap_and_the_404_page_are_rendered_again_only_when_the_pages_change(project: Path) -> None:
    preview = DirtyPreview()
    assert site_wide_pages(preview, project, {"a.md": "A"}) == {"sitemap.xml", "404.html"}
    assert site_wide_pages(preview, project, {"a.md": "A, edited"}) == set()
    assert site_wide_pages(preview, project, {"a.md": "A", "b.md": "B"}) == {"sitemap.xml", "404.html"}
    (project / "site" / "sitemap.xml").unlink()
    assert "sitemap.xml" in site_wide_pages(preview, project, {"a.md": "A", "b.md": "B"})


def fake_search(entries: list[dict[str, Any]]) -> Any:
    """What `merge_search_index` uses of Material's search plugin: the index of the pages just rendered."""
    index = SimpleNamespace(entries=entries, config={"lang": ["en"], "separator": " ", "pipeline": [], "fields": {}})
    return SimpleNamespace(search_index=index, search_index_prev="previous", config=SimpleNamespace(enabled=True))


def merge(preview: DirtyPreview, project: Path, outputs: dict[str, str], rendered: list[dict[str, Any]]) -> list[str]:
    config = config_of(project)
    preview.start(config)
    preview.files_done(Files([preview.file(config, path, text) for path, text in outputs.items()]), config)
    search = fake_search(rendered)
    config.plugins["search"] = search
    (project / "site" / "search").mkdir(parents=True, exist_ok=True)
    preview.merge_search_index(config)
    assert search.search_index_prev is None
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [f"{doc['location']}={doc['title']}" for doc in index["docs"]]


def test_the_search_index_is_merged_page_by_page(project: Path) -> None:
    preview = DirtyPreview()
    everything = [{"location": "a/", "title": "A"}, {"location": "a/#part", "title": "A part"},
                  {"location": "b/", "title": "B"}]
    assert merge(preview, project, {"a.md": "A", "b.md": "B"}, everything) == ["a/=A", "a/#part=A part", "b/=B"]
    # Only b was rendered again: a's entries are kept.
    assert merge(preview, project, {"a.md": "A", "b.md": "B2"}, [{"location": "b/", "title": "B2"}]) == \
        ["a/=A", "a/#part=A part", "b/=B2"]
    # a is gone: so are its entries.
    assert merge(preview, project, {"b.md": "B2"}, []) == ["b/=B2"]


def test_generated_files_are_mkdocs_files(project: Path) -> None:
    config = config_of(project)
    preview = DirtyPreview()
    preview.start(config)
    file = preview.file(config, "x/y.md", "Y")
    assert isinstance(file, File) and file.url == "x/y/" and file.content_string == "Y"


class _Node:
    other: _Node | None = None


def test_the_first_build_s_garbage_is_freed_and_what_it_keeps_is_set_aside_from_the_collector() -> None:
    kept, garbage = _Node(), _Node()
    kept.other, garbage.other = kept, garbage  # reference cycles: only the cyclic collector frees them
    freed = weakref.ref(garbage)
    del garbage
    try:
        set_aside()
        assert freed() is None
        assert gc.get_freeze_count() > 0
        assert all(tracked is not kept for tracked in gc.get_objects())  # no collection walks it any more
    finally:
        gc.unfreeze()
    assert any(tracked is kept for tracked in gc.get_objects())
