"""Page generation: which pages exist, what they link to, and that YAML text never becomes markup."""

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator.markdown_text import escape_inline, escape_paragraphs
from generator.page import Page
from generator.pages import build_pages
from generator.pipeline import check, generate

from .conftest import ROOT, SMALL

TEMPLATES = ROOT / "theme" / "templates"
SITE_EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]


def to_html(text: str) -> str:
    """Markdown → HTML as MkDocs does it: front matter taken off first, then the site's extensions."""
    text, _ = get_data(text)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in SITE_EXTENSIONS]
    return markdown.markdown(text, extensions=extensions)


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {page.path: page for page in generate(SMALL, TEMPLATES).pages}


def test_one_page_per_record_date_and_index(pages: dict[str, Page]) -> None:
    assert sorted(pages) == [
        "actors/alice.md", "actors/bob.md", "actors/freedonia.md", "actors/index.md",
        "changes/2025/07/index.md", "changes/2025/08/index.md", "changes/index.md",
        "claims/alice-demands-donetsk.md", "claims/alice-offers-kherson.md", "claims/bob-refuses.md", "claims/index.md",
        "data/index.md",
        "dates/2025/07/03.md", "dates/2025/07/04.md", "dates/2025/07/14.md", "dates/2025/07/index.md",
        "dates/2025/08/20.md", "dates/2025/08/index.md", "dates/2025/09/01.md", "dates/2025/09/index.md",
        "dates/2025/index.md", "dates/index.md", "index.md",
        "positions/2025/07/index.md", "positions/2025/08/index.md", "positions/compare/2025-07/2025-08.md",
        "positions/index.md",
        "regions/donetsk.md", "regions/index.md", "regions/kherson.md",
        "sources/daily-article.md", "sources/index.md", "sources/weekly-article.md", "sources/wire-report.md",
        "threads/index.md", "threads/territory.demands.md", "timeline.md",
    ]


def test_pages_record_the_file_they_show(pages: dict[str, Page]) -> None:
    assert pages["claims/bob-refuses.md"].origin == "claims/bob-refuses.yaml"
    assert pages["dates/index.md"].origin is None


def test_actor_page_links_claims_relatively_with_footnotes(pages: dict[str, Page]) -> None:
    text = pages["actors/alice.md"].markdown
    assert "[Alice demanded all of Donetsk Oblast\\.](../claims/alice-demands-donetsk.md)" in text
    assert "[^alice-demands-donetsk--daily-article][^alice-demands-donetsk--weekly-article]" in text
    assert "speaks for [Freedonia](../actors/freedonia.md)" in text
    # Footnote definitions follow, each linking to its source page.
    assert "[^alice-demands-donetsk--daily-article]: The Daily, [Alice makes demands](../sources/daily-article.md)" in text


def test_day_pages_link_back_to_their_month(pages: dict[str, Page]) -> None:
    text = pages["dates/2025/07/03.md"].markdown
    assert "[July 2025](../../../dates/2025/07/index.md)" in text
    assert "(../../../claims/alice-demands-donetsk.md)" in text


def test_pages_are_the_same_on_every_run() -> None:
    first = generate(SMALL, TEMPLATES)
    second = generate(SMALL, TEMPLATES)
    assert first == second


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[^1] footnote [^1]: injected",
    "!!! note \"admonition\"",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "*emphasis* __strong__ `code` ~~strike~~",
    "# heading | table | cell",
    "&lt;entity&gt; &amp; & < >",
    "back\\slash \\* and 1. list",
    "<http://autolink.example>",
    "{: .injected-class }",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    html = to_html(f"Before {escape_inline(text)} after")
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<em>" not in html
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert html == f"<p>Before {expected} after</p>"


def test_paragraph_text_keeps_paragraphs_and_escapes_each() -> None:
    html = to_html(escape_paragraphs("First <b>one</b>.\n\n- not a list\n# not a heading"))
    assert html == "<p>First &lt;b&gt;one&lt;/b&gt;.</p>\n<p>- not a list # not a heading</p>"


def test_hostile_text_in_records_stays_text(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    hostile = '<script>alert("x")</script> [link](javascript:alert(1)) {{ 7*7 }}'
    claim.write_text(claim.read_text().replace("Bob refused to cede any territory.", f"'{hostile}'"))
    catalog, problems = check(content)
    assert problems == [] and catalog is not None
    page = {p.path: p for p in build_pages(catalog, TEMPLATES)}["claims/bob-refuses.md"]
    html = to_html(page.markdown)
    assert "<script" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; [link](javascript:alert(1)) {{ 7*7 }}" in html
    assert "49" not in html
