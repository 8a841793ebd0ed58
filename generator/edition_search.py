"""Each edition searches its own pages: the index Material's search plugin writes for the whole site is split,
after the build, into one per edition (`search/search_index.json` for English, `uk/search/search_index.json` for
Ukrainian), and the pages of an edition tell Material's search to load theirs (theme/overrides/main.html sets
the search's base to the edition's folder).

Material's search has no Ukrainian stemmer (lunr-languages has none): the Ukrainian index is built without
stemming, stop words or lunr's trimmer (which would strip Cyrillic letters as non-word characters). Words are
matched as written, and by prefix while typing, so that «Путін» finds «Путіна» and «Путіну» too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .editions import EDITIONS

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
    docs: list[dict[str, Any]] = index.get("docs", [])
    for edition in EDITIONS[1:]:
        own = [entry for entry in docs if entry["location"].startswith(edition.prefix)]
        docs = [entry for entry in docs if not entry["location"].startswith(edition.prefix)]
        settings = index["config"] if edition.code in STEMMED else {**index["config"], **UNSTEMMED}
        entries = [{**entry, "location": entry["location"].removeprefix(edition.prefix)} for entry in own]
        _write(site_dir / edition.prefix / INDEX, {"config": settings, "docs": entries})
    _write(path, {**index, "docs": docs})


def _write(path: Path, index: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
