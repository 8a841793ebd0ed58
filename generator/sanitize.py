"""Defence in depth: generated page content is cleaned with an allow-list after Markdown has rendered it.

Text from YAML is already escaped before it enters Markdown (`markdown_text`); this second, independent
layer means that a mistake in a template or an escape function still cannot put a script, an event
handler or a `javascript:` link on a page. The lists hold exactly what the templates and Markdown
produce; anything else is removed.

The same lists apply to the hand-written pages of `content/pages/`: they arrive by pull request like the
records, so they get the same policy. Their Markdown may use what Markdown itself writes for text (code
blocks, every heading level), but no raw HTML beyond the allowed tags, and no images: none is needed yet,
and an image from another host would be a request to it from every reader's browser.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "blockquote", "circle", "code", "div", "em", "figcaption", "figure", "g", "h1", "h2", "h3", "h4", "hr",
    "li", "ol", "p", "path", "span", "strong", "sup", "svg", "table", "tbody", "td", "th", "thead", "title", "tr",
    "ul", "br",
    "pre", "h5", "h6",  # written by Markdown for hand-written pages
}
_COMMON = {"id", "class", "title", "role", "hidden", "lang", "aria-label", "aria-labelledby", "aria-hidden", "aria-live"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href"},
    "svg": _COMMON | {"viewbox", "viewBox", "xmlns", "fill-rule"},
    "path": _COMMON | {"d", "data-iso"},
    "circle": _COMMON | {"cx", "cy", "r"},
    "td": _COMMON | {"align", "style"},
    "th": _COMMON | {"align", "style"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Markdown tables align columns with a style attribute: keep that one declaration, nothing else.
    if attribute == "style":
        return value if value in ("text-align: left;", "text-align: center;", "text-align: right;") else None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
