"""Text from YAML is data: these functions make it safe to place inside generated Markdown.

Markdown treats some characters as markup and passes raw HTML through. Every character that
could start markup is escaped, so an editor's `<script>`, `[link](javascript:…)`, `[^1]` or
`!!! note` is shown literally, exactly as typed.
"""

from __future__ import annotations

import html
from urllib.parse import quote

# Characters Python-Markdown (with the `tables` extension) accepts after a backslash, and the HTML
# characters, as one translation table: a single pass over the text.
_ESCAPES = str.maketrans(
    {char: "\\" + char for char in "\\`*_{}[]()#+-.!|"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
)


class Untranslated(str):
    """A record's text shown in English on a page of another edition, no translation being written yet
    (`localized.py`): the escapes below mark it `lang="en"`, and the page says that it is not translated."""

    __slots__ = ()

    # Unequal to the same words translated: a translation identical to the English ('NATO') is still news to
    # the preview, which renders again what changed.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Untranslated) and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__


UNTRANSLATED_MARK = 'class="untranslated" lang="en"'
"""The attributes of an untranslated text on a page: how the renderer knows the page needs its notice."""


def escape_inline(text: str) -> str:
    """One line of plain text → Markdown that renders as exactly that text."""
    escaped = " ".join(text.split()).translate(_ESCAPES)
    return f"<span {UNTRANSLATED_MARK}>{escaped}</span>" if isinstance(text, Untranslated) else escaped


def escape_paragraphs(text: str) -> str:
    """Several paragraphs of plain text (blank-line separated) → Markdown paragraphs (an untranslated text:
    an HTML block of them, marked as English)."""
    paragraphs = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    if isinstance(text, Untranslated):
        inner = "\n".join(f"<p>{html.escape(block)}</p>" for block in paragraphs if block)
        return f"<div {UNTRANSLATED_MARK}>\n{inner}\n</div>"
    return "\n\n".join(escape_inline(block) for block in paragraphs if block)


def safe_href(url: str) -> str:
    """An http(s) address, percent-encoded where it could end a Markdown link or an HTML attribute."""
    return quote(url, safe=":/?#@!$&*+,;=%~[]'")
