"""Pages, feeds and open data all name a page by the URL MkDocs gives it (directory URLs)."""

from __future__ import annotations

import csv
import io
import posixpath
import shutil
import xml.etree.ElementTree as ET

import pytest
from mkdocs.structure.files import File

from generator.feeds import ATOM
from generator.pipeline import Site, generate
from generator.urls import site_url_of

from .conftest import ROOT, SMALL

TEMPLATES = ROOT / "theme" / "templates"


def mkdocs_url(path: str) -> str:
    """What MkDocs itself makes of a page's path, with `use_directory_urls`."""
    return File(path, "docs", "site", use_directory_urls=True).url.removeprefix("./")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    content = tmp_path_factory.mktemp("urls") / "content"

    shutil.copytree(SMALL, content)
    # An id that ends in 'index' names a page of its own, not a folder's index.
    (content / "actors" / "reindex.yaml").write_text("name: Reindex Group\nkind: organisation\n", encoding="utf-8")
    return generate(content, TEMPLATES, "Site", None)


def test_every_page_url_is_the_one_mkdocs_gives(site: Site) -> None:
    assert "actors/reindex.md" in {page.path for page in site.pages}
    for page in site.pages:
        assert site_url_of(page.path) == mkdocs_url(page.path), page.path


def test_feeds_and_open_data_link_pages_at_their_mkdocs_urls(site: Site) -> None:
    urls = {mkdocs_url(page.path) for page in site.pages}
    feeds = [file for file in site.files if file.path.startswith("feeds/")]
    assert any(file.path == "feeds/actors/reindex.xml" for file in feeds)
    for feed in feeds:
        for link in ET.fromstring(feed.content).iter(f"{{{ATOM}}}link"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(feed.path), link.get("href") or ""))
            assert (target + "/" if target != "." else "") in urls, (feed.path, link.get("href"))
    rows = csv.DictReader(io.StringIO(next(f for f in site.files if f.path == "data/claims.csv").content.decode()))
    for row in rows:
        assert row["page"] in urls

