"""Text from YAML is data: these functions make it safe to place inside generated Markdown.

Markdown treats some characters as markup and passes raw HTML through. Every character that
could start markup is escaped, so an editor's `<script>`, `[link](javascript:…)`, `[^1]` or
`!!! note` is shown literally, exactly as typed.
"""

from __future__ import annotations

from urllib.parse import quote

# Characters Python-Markdown (with the `tables` extension) accepts after a backslash, and the HTML
# characters, as one translation table: a single pass over the text.
_ESCAPES = str.maketrans(
    {char: "\\" + char for char in "\\`*_{}[]()#+-.!|"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
)


def escape_inline(text: str) -> str:
    """One line of plain text → Markdown that renders as exactly that text."""
    return " ".join(text.split()).translate(_ESCAPES)


def escape_paragraphs(text: str) -> str:
    """Several paragraphs of plain text (blank-line separated) → Markdown paragraphs."""
    paragraphs = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(escape_inline(block) for block in paragraphs if block)


def safe_href(url: str) -> str:
    """An http(s) address, percent-encoded where it could end a Markdown link or an HTML attribute."""
    return quote(url, safe=":/?#@!$&*+,;=%~[]'")
