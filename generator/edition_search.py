"""Each edition searches its own pages: one index per edition (`search/search_index.json` for English,
`uk/search/search_index.json` for Ukrainian), and the pages of an edition tell Material's search to load theirs
(theme/overrides/main.html sets the search's base to the edition's folder). `mkdocs build` writes them from each
page's entries, encoded as Material's search plugin makes them (`page_workers.py`); the preview from the entries
it keeps for each page (`preview.py`); a plain `mkdocs serve` splits the index the plugin writes for the whole
site.

Material's search has no Ukrainian stemmer (lunr-languages has none): the Ukrainian index is built without
stemming, stop words or lunr's trimmer (which would strip Cyrillic letters as non-word characters). Words are
matched as written, and by prefix while typing, so that «Путін» finds «Путіна» and «Путіну» too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .editions import EDITIONS, edition_of

INDEX = Path("search", "search_index.json")

UNSTEMMED: dict[str, Any] = {"lang": ["en"], "pipeline": []}
"""The settings of an edition whose language Material's search has no stemmer for: lunr with its English
pipeline emptied (Material removes each of trimmer, stop words and stemmer not listed in `pipeline`)."""

STEMMED = {"en"}
"""The editions whose language the search plugin's own settings suit."""


def split_search_index(site_dir: Path) -> None:
    """Move each edition's entries out of the site's index into the edition's own, their locations made
    relative to the edition's folder."""
    path = site_dir / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    by_edition: dict[str, list[dict[str, Any]]] = {}
    for entry in index.get("docs", []):
        by_edition.setdefault(edition_of(entry["location"]).code, []).append(entry)
    write_indexes(site_dir, index["config"], [encoded_entries(entries) for entries in by_edition.values()])


def encoded_entries(entries: list[dict[str, Any]]) -> tuple[str, str]:
    """Search entries of one edition as they go into its index: the edition's code, and the entries as JSON,
    without the brackets, their locations relative to the edition's folder. The preview keeps each page's so,
    and writes the indexes from them without reading the site's index back (`write_indexes`)."""
    edition = edition_of(entries[0]["location"]) if entries else EDITIONS[0]
    if edition.prefix:
        entries = [{**entry, "location": entry["location"].removeprefix(edition.prefix)} for entry in entries]
    return edition.code, json.dumps(entries, ensure_ascii=False, separators=(",", ":"), default=str)[1:-1]


def write_indexes(site_dir: Path, settings: dict[str, Any], chunks: Iterable[tuple[str, str | bytes]]) -> None:
    """Every edition's index, from the search plugin's settings and entries as `encoded_entries` gives them
    (an edition's code, JSON without the brackets, as text or UTF-8), in the order given."""
    docs: dict[str, list[bytes]] = {}
    for code, chunk in chunks:
        if chunk:
            docs.setdefault(code, []).append(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    for edition in EDITIONS:
        own = settings if edition.code in STEMMED else {**settings, **UNSTEMMED}
        path = site_dir / edition.prefix / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        config = json.dumps(own, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        with open(path, "wb") as index:  # in parts: the entries of an edition are written, never joined
            index.write(b'{"config":' + config + b',"docs":[')
            for number, chunk in enumerate(docs.pop(edition.code, [])):
                index.write(b"," + chunk if number else chunk)
            index.write(b"]}")
