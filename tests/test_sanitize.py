"""The second layer: what the allow-list removes, that it leaves every legitimate page as it is, and
property-based tests that arbitrary text in any field never produces markup the templates did not."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.pipeline import generate
from generator.records import visible_text
from generator.sanitize import sanitize

from .conftest import ROOT, SMALL, build, make_project
from .html_pages import ParsedPage, _Parser, live_markup, page_file, parse

TEMPLATES = ROOT / "theme" / "templates"
EXTENSIONS = ["footnotes", "tables", "attr_list", "admonition", "toc"]


def render(page_markdown: str) -> str:
    text, _ = get_data(page_markdown)
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})


def parse_html(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def shape(html: str) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """The elements with their attribute names, and the text: what a reader and a browser get."""
    page = parse_html(html)
    elements = sorted((tag, tuple(sorted(attrs))) for tag, items in page.elements.items() for attrs in items)
    return elements, page.text


def test_the_allow_list_removes_what_could_run() -> None:
    dirty = ('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(2)">b</a>'
             '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(3)><!-- c -->'
             '<td style="position:fixed">d</td><span style="text-align: left;">e</span></p>')
    clean = sanitize(dirty)
    for gone in ("onclick", "<script", "alert(1)", "javascript:", "<iframe", "<img", "onerror", "<!--", "position"):
        assert gone not in clean
    assert "<a>b</a>" in clean


@pytest.mark.build
def test_every_real_page_passes_through_unchanged() -> None:
    for page in generate(ROOT / "content", TEMPLATES).pages:
        html = render(page.markdown)
        assert shape(sanitize(html)) == shape(html), page.path
    for hand_written in sorted((ROOT / "content" / "pages").glob("*.md")):
        html = render(hand_written.read_text(encoding="utf-8"))
        assert shape(sanitize(html)) == shape(html), hand_written.name


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: visible_text(s).strip())


def write_record(content: Path, name: str, changes: dict[str, object]) -> None:
    path = content / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        target[last] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pages_with(texts: dict[str, str]) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(SMALL, content)
        write_record(content, "claims/bob-refuses.yaml", {
            "summary": texts["summary"], "text": texts["text"], "attribution.detail": texts["detail"],
            "sources.0.quote": texts["quote"], "dates.happened.basis": "inferred", "dates.happened.note": texts["note"],
        })
        write_record(content, "actors/bob.yaml", {"name": texts["name"], "roles": [{"title": texts["title"]}]})
        write_record(content, "sources/weekly-article.yaml", {"publisher": texts["publisher"], "title": texts["headline"],
                                                              "note": texts["source_note"]})
        site = generate(content, TEMPLATES)
        wanted = ("claims/bob-refuses.md", "actors/bob.md", "sources/weekly-article.md", "index.md", "timeline.md")
        return {page.path: render(page.markdown) for page in site.pages if page.path in wanted}


FIELDS = ("summary", "text", "detail", "quote", "note", "name", "title", "publisher", "headline", "source_note")
BASELINE = pages_with({field: f"plain {field}" for field in FIELDS})


# How many examples, and whether they are drawn at random, is the settings profile's choice (tests/conftest.py).
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({field: TEXT for field in FIELDS}))
def test_arbitrary_text_builds_and_adds_no_markup(texts: dict[str, str]) -> None:
    pages = pages_with(texts)
    for path, html in pages.items():
        allowed = {element for element in shape(BASELINE[path])[0]}
        produced = set(shape(html)[0])
        assert produced <= allowed, f"{path}: {sorted(produced - allowed)}"
        assert shape(sanitize(html)) == shape(html), path


def shown_on_one_line(text: str) -> str:
    """What a one-line field shows: every line break YAML knows (newline, NEL, U+2028, U+2029) and every run
    of spaces is one space, and characters that cannot be shown are gone."""
    for line_break in ("\r", "\n", "\x85", "\u2028", "\u2029"):
        text = text.replace(line_break, " ")
    return " ".join(visible_text(text).split())


@settings(deadline=None)
@given(st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
                        "[^1]", "!!! note", "{{ 7*7 }}", "<!--", "]]>", "&lt;b&gt;", "*a* _b_ `c`", "| x |", "\\"]),
       st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
@example("[^1]", "0\x850")  # NEL is a line break to YAML: the page shows '0 0'
@example("!!! note", "a\u2028b\u2029c")
def test_markup_inside_arbitrary_text_stays_text(markup: str, noise: str) -> None:
    summary = f"{noise} {markup} {noise}".strip()
    html = pages_with({**{field: f"plain {field}" for field in FIELDS}, "summary": summary})["claims/bob-refuses.md"]
    assert shown_on_one_line(summary) in parse_html(html).text


HOSTILE_PAGE = '''
Text around the markup stays.

<script>alert(1)</script>

<p onclick="alert(2)">A paragraph with a handler.</p>

[A link](javascript:alert(3)) and <a href="javascript:alert(4)">another</a>.

<img src="https://elsewhere.example/pixel.png" alt="a pixel"> <iframe src="https://elsewhere.example/"></iframe>

```text
code blocks stay code
```
'''


def test_a_hand_written_page_gets_the_same_allow_list(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    method = project / "content" / "pages" / "method.md"
    method.write_text(method.read_text(encoding="utf-8") + HOSTILE_PAGE, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = parse(page_file(result.site, "method/"))
    assert live_markup(page) == []
    html = page_file(result.site, "method/").read_text(encoding="utf-8")
    for gone in ("alert(", "onclick", "javascript:", "elsewhere.example", "<iframe"):
        assert gone not in html
    for kept in ("Text around the markup stays.", "A paragraph with a handler.", "A link", "another",
                 "code blocks stay code"):
        assert kept in page.text
    assert '<pre><code class="language-text">code blocks stay code' in html
