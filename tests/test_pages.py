"""Page generation: what a page records, that generation is repeatable, and that YAML text never becomes
markup. Which pages exist and exactly what they say is the golden output's (tests/test_golden.py)."""

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator.markdown_text import escape_inline, escape_paragraphs
from generator.pages import Page, build_pages
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


def test_pages_record_the_file_they_show(pages: dict[str, Page]) -> None:
    assert pages["claims/bob-refuses.md"].origin == "claims/bob-refuses.yaml"
    assert pages["dates/index.md"].origin is None


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


def test_a_joint_claim_names_every_party_and_is_on_each_of_their_pages(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("actor: bob\n", "actor: bob\nco_actors: [freedonia]\n"
                                               "addressees: [alice]\n"), encoding="utf-8")
    found = {page.path: page.markdown for page in generate(content, TEMPLATES).pages}
    lead = next(line for line in found["claims/bob-refuses.md"].splitlines() if line.startswith("**Refusal**"))
    assert "by [Bob Example](../actors/bob.md) and [Freedonia](../actors/freedonia.md) to " \
           "[Alice Example](../actors/alice.md):" in lead
    # The co-actor's own list shows who it made the claim with; the addressee's page lists it as addressed to them.
    freedonia = found["actors/freedonia.md"]
    claims_by = freedonia.split("## Claims by Freedonia", 1)[1]
    assert '<a href="../../actors/bob/">Bob Example</a> and <a href="../../actors/freedonia/">Freedonia</a> · ' \
           '<em>Refusal</em>: <a href="../../claims/bob-refuses/">Bob refused to cede any territory.</a>' in claims_by
    addressed = found["actors/alice.md"].split("## Addressed to Alice Example", 1)[1]
    assert '<a href="../../claims/bob-refuses/">Bob refused to cede any territory.</a>' in addressed


def test_a_scheduled_date_is_shown_as_scheduled_not_as_a_deadline(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    claim = content / "claims" / "alice-demands-donetsk.yaml"
    claim.write_text(claim.read_text().replace("  deadline:", "  scheduled:"), encoding="utf-8")
    site = generate(content, TEMPLATES)
    found = {page.path: page.markdown for page in site.pages}
    rows = found["claims/alice-demands-donetsk.md"]
    assert "| Scheduled for | [1 September 2025](../dates/2025/09/01.md) · inferred:" in rows
    assert "Deadline named" not in rows
    assert "## Scheduled for 1 September 2025" in found["dates/2025/09/01.md"]
    assert "Deadlines falling" not in found["dates/2025/09/01.md"]
    assert "## Scheduled for September 2025" in found["dates/2025/09/index.md"]
    files = {f.path: f.content for f in site.files}
    assert b"Scheduled for 1 September 2025." in files["feeds/actors/alice.xml"]
    assert b"Deadline named" not in files["feeds/actors/alice.xml"]
    assert b",2025-07-14,stated,,2025-09-01," in files["data/claims.csv"]


def test_a_range_is_on_the_page_of_the_year_it_ends_and_never_on_a_month_it_may_miss(tmp_path: Path) -> None:
    import shutil

    from generator.structured_data import claim_jsonld

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("date: 2025-07-04\n    basis: stated\n  reported",
                                               "date: 2019/2025-07\n    basis: stated\n  reported"), encoding="utf-8")
    site = generate(content, TEMPLATES)
    found = {page.path: page.markdown for page in site.pages}
    year = found["dates/2025/index.md"].split("## Known only as a range or a bound", 1)[1]
    assert '<li><strong><a href="../../dates/2025/">between 2019 and July 2025</a></strong> · ' \
           '<a href="../../actors/bob/">Bob Example</a>' in year
    assert "bob-refuses" not in found["dates/2025/07/index.md"].split("## Reported in", 1)[0]
    assert "dates/2019/index.md" not in found  # a range gives no page to the year it begins in
    timeline = found["timeline.md"]
    assert timeline.index("2025, known only as a range or a bound") > timeline.index("August 2025")
    rows = found["claims/bob-refuses.md"]
    assert "| Said or happened | [between 2019 and July 2025](../dates/2025/index.md) · stated in the source |" in rows
    catalog, _ = check(content)
    assert catalog is not None
    data = claim_jsonld(catalog, "bob-refuses")
    assert "dateCreated" not in data and data["datePublished"] == "2025-07-04"
    csv_text = {f.path: f.content for f in site.files}["data/claims.csv"].decode("utf-8")
    assert ",2019/2025-07,stated,2025-07-04," in csv_text
