"""A generated page: Markdown at a path, with the front matter the theme reads into its <head>."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. 'actors/putin.md'
    title: str  # plain text
    markdown: str  # front matter (description, structured data, feed) and body
    origin: str | None = None  # the content file the page shows, e.g. 'claims/putin-demands-donetsk.yaml'


def front_matter(title: str, description: str, extra: dict[str, Any]) -> str:
    """Page metadata for the theme's <head>. MkDocs renders theme templates without autoescaping (Material
    writes `<title>{{ page.title }}`), so title and description are HTML-escaped here; structured data
    is emitted by the theme through `tojson`."""
    data = {
        "title": html.escape(" ".join(title.split()), quote=True),
        "description": html.escape(" ".join(description.split()), quote=True),
        **extra,
    }
    # JSON is YAML too, and writes many times faster than a YAML emitter: pages are numerous.
    # Not ensure_ascii: YAML reads no escaped surrogate pairs, so characters beyond U+FFFF stay as they are.
    # U+2028 and U+2029 would be line breaks to YAML: escaped.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "---\n" + text + "\n---\n\n"
