"""Reading built HTML the way a reader's browser does: links, anchors and visible text (standard library only)."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Link:
    href: str
    text: str


@dataclass
class ParsedPage:
    links: list[Link] = field(default_factory=list)
    article_links: list[Link] = field(default_factory=list)  # inside <article>: the page's own content
    ids: set[str] = field(default_factory=set)
    text: str = ""
    elements: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (type, text) of inline <script> elements


_BLOCKS = {"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "blockquote", "section",
           "header", "footer", "nav", "table", "ul", "ol", "article", "label", "button", "form", "main"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open_links: list[Link] = []
        self._text: list[str] = []
        self._skip = 0
        self._article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _BLOCKS:
            self._text.append(" ")
        self.page.elements.setdefault(tag, []).append(attributes)
        if attributes.get("id"):
            self.page.ids.add(str(attributes["id"]))
        if tag == "article":
            self._article_depth += 1
        if tag == "a" and attributes.get("href") is not None:
            self._open_links.append(Link(str(attributes["href"]), ""))
            if self._article_depth:
                self.page.article_links.append(self._open_links[-1])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._text.append(" ")
        if tag == "a" and self._open_links:
            link = self._open_links.pop()
            link.text = " ".join(link.text.split())
            self.page.links.append(link)
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self.lasttag == "script":
                script_type = self.page.elements["script"][-1].get("type") or ""
                self.page.scripts.append((script_type, data))
            return
        self._text.append(data)
        for link in self._open_links:
            link.text += data

    def close(self) -> None:
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def page_file(site: Path, url_path: str) -> Path:
    """'actors/alice/' → site/actors/alice/index.html"""
    path = site / url_path.strip("/")
    return path / "index.html" if not url_path.endswith(".html") else path


def resolve(site: Path, from_file: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return from_file, unquote(parts.fragment)
    base = from_file.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def live_markup(page: ParsedPage) -> list[str]:
    """Anything in a page that would run or load something an editor typed: event handlers, script or
    data addresses, scripts that call alert (the hostile cases' marker), injected images."""
    found = []
    for tag, elements in page.elements.items():
        for attributes in elements:
            for name, value in attributes.items():
                if name.startswith("on"):
                    found.append(f"<{tag} {name}>")
                if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                        value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"<{tag} {name}={value}>")
            if tag == "img" and attributes.get("src") == "x":
                found.append("<img src=x>")
    for script_type, text in page.scripts:
        if script_type == "application/ld+json":
            # Structured data holds editors' text as JSON strings: it must stay data (parse, no closing tag).
            json.loads(text)
            if "</" in text:
                found.append("</ inside structured data")
        elif "alert(" in text:
            found.append(f"<script>{text[:40]}")
    return found
