"""Check that every quote is the exact words of its article, against editors' plain-text copies.

Copies of the articles are kept outside the repository (they are other publishers' text); each
source read directly names its copy in `text_copy`. A quote must appear in that copy as one
contiguous span; differences of whitespace and of quotation-mark style are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from .catalog import Catalog
from .load import Document, display_path, load_content
from .problems import Problem

_SINGLE_QUOTES = dict.fromkeys(map(ord, "‘’‚‛′`"), "'")
_DOUBLE_QUOTES = dict.fromkeys(map(ord, "“”„‟″«»"), '"')


def normalise(text: str) -> str:
    """Whitespace collapsed and typographic quotation marks made plain, for comparison only."""
    text = text.translate(_SINGLE_QUOTES).translate(_DOUBLE_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def verify_quotes(content_dir: Path, catalog: Catalog, texts_dir: Path) -> list[Problem]:
    """A problem for each quote not found verbatim in its source's text copy, and for each copy missing."""
    documents = {(d.folder, d.id): d for d in load_content(content_dir).documents}
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for source_id, source in catalog.sources.items():
        if source.text_copy is None:
            continue
        path = texts_dir / source.text_copy
        texts[source_id] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        if texts[source_id] is None:
            problems.append(documents[("sources", source_id)].problem(
                ("text_copy",), f"no file '{source.text_copy}' in {display_path(texts_dir)}"))
    for claim_id, claim in catalog.claims.items():
        document: Document = documents[("claims", claim_id)]
        for index, citation in enumerate(claim.sources):
            source = catalog.sources[citation.source]
            where = ("sources", index, "quote")
            if source.text_copy is None:
                problems.append(document.problem(where, f"cannot be checked: source '{citation.source}' names no "
                                                        "`text_copy`"))
                continue
            text = texts[citation.source]
            if text is not None and normalise(citation.quote) not in text:
                problems.append(document.problem(where, f"not found verbatim in {source.text_copy}"
                                                        f"{_closest_hint(normalise(citation.quote), text)}"))
    return sorted(problems, key=lambda p: p.sort_key)


def _closest_hint(quote: str, text: str) -> str:
    """Where the quote stops matching: the longest opening of it that the text does contain."""
    low, high = 0, len(quote)
    while low < high:  # binary search on the length of the matching prefix
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low < 12:
        return ""
    return f"; it matches up to '…{quote[max(0, low - 30):low]}' and then differs at '{quote[low:low + 30]}…'"
