"""The sitemap names, for each page, the same page in every edition (`hreflang` alternates, absolute), as search
engines read them from a sitemap. MkDocs writes `sitemap.xml` (and its gzipped copy) with every page of both
editions; the alternates are added to it after the build, whatever engine wrote it."""

from __future__ import annotations

import gzip
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from .editions import EDITIONS, edition_of

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def add_alternates(site_dir: Path, site_url: str) -> None:
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.parse(path)
    root = site_url.rstrip("/") + "/"
    locations = {url.findtext(f"{{{SITEMAP}}}loc", "") for url in tree.getroot()}
    for url in tree.getroot():
        location = url.findtext(f"{{{SITEMAP}}}loc", "")
        if not location.startswith(root):
            continue
        page = location.removeprefix(root)
        same = edition_of(page).unprefixed(page)
        for edition in EDITIONS:
            other = root + edition.path(same)
            if other in locations:
                ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": edition.code, "href": other})
    ET.indent(tree)
    data = ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True) + b"\n"
    path.write_bytes(data)
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():  # dated as the build dates pages: the same content gives the same bytes
        with gzip.GzipFile(packed, "wb", mtime=int(os.environ.get("SOURCE_DATE_EPOCH", "0"))) as handle:
            handle.write(data)
