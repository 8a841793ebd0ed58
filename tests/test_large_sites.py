"""A large site (a synthetic corpus of 1,000 claims, bench/make_corpus.py): the timeline and the claims index
list the latest claims and link every earlier month or year, where each earlier claim is listed; a claim
page lists the nearest claims of a long thread and links the whole thread."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.listing import RECENT_CLAIMS, THREAD_REACH, thread_window
from generator.page import Page
from generator.pipeline import check, generate
from generator.urls import Paths

from .conftest import ROOT

pytestmark = pytest.mark.build

# Claim lists are raw HTML (links by URL); other links are Markdown (by file).
CLAIM_LINK = re.compile(r"\]\((?:\.\./)*claims/([a-z0-9-]+)\.md\)|<a href=\"(?:\.\./)*claims/([a-z0-9-]+)/\">")
LINK = re.compile(r"\]\(((?:\.\./)*[a-z0-9/.-]+\.md)\)")


@pytest.fixture(scope="module")
def pages(corpus: Path) -> dict[str, Page]:
    return {page.path: page for page in generate(corpus, ROOT / "theme" / "templates").pages}


def claim_links(markdown: str) -> set[str]:
    return {markdown_id or html_id for markdown_id, html_id in CLAIM_LINK.findall(markdown)}


def claims_listed(markdown: str) -> set[str]:
    body = markdown.split('\n<div class="footnote">', 1)[0]  # the footnotes link claims too
    return claim_links(body)


def earlier_section(markdown: str) -> str:
    assert "## Earlier months" in markdown
    return markdown.split("## Earlier months", 1)[1].split('\n<div class="footnote">', 1)[0]


@pytest.mark.parametrize("index", [Paths.timeline, Paths.claims])
def test_the_latest_claims_are_listed_and_every_earlier_one_is_a_link_away(
        corpus: Path, pages: dict[str, Page], index: str) -> None:
    catalog, problems = check(corpus)
    assert catalog is not None, problems
    assert len(catalog.claims) > RECENT_CLAIMS
    listed = claims_listed(pages[index].markdown.split("## Earlier months", 1)[0])
    assert 0 < len(listed) <= RECENT_CLAIMS
    newest = catalog.claim_order[-1]
    assert newest in listed

    here = posixpath.dirname(index)
    linked = [posixpath.normpath(posixpath.join(here, link)) for link in LINK.findall(earlier_section(pages[index].markdown))]
    assert linked and all(path in pages for path in linked), linked
    reachable = set(listed)
    for path in linked:
        reachable |= claims_listed(pages[path].markdown)
        # a month longer than a page goes on over pages of its own, each linked from its first
        further = [posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
                   for link in LINK.findall(pages[path].markdown) if "/page/" in link or link.startswith("page/")]
        for part in further:
            reachable |= claims_listed(pages[part].markdown)
    assert reachable == set(catalog.claims)


def test_each_year_has_a_page_with_its_months_and_the_claims_known_only_to_the_year_or_as_a_range(
        corpus: Path, pages: dict[str, Page]) -> None:
    catalog, _ = check(corpus)
    assert catalog is not None and catalog.happened_in_year_only
    for year in catalog.years():
        page = pages[Paths.year(year)].markdown
        for month in (m for y, m in catalog.months() if y == year):
            assert Paths.month(year, month).removeprefix(f"dates/{year:04d}/") in page
        assert claims_listed(page) == set(catalog.happened_in_year_only.get(year, [])) | set(
            catalog.happened_as_span_in_year.get(year, []))


def test_a_claim_page_lists_the_nearest_claims_of_a_long_thread_and_links_the_whole_thread(
        corpus: Path, pages: dict[str, Page]) -> None:
    catalog, problems = check(corpus)
    assert catalog is not None, problems
    longest = max((catalog.thread(claim_id) for claim_id in catalog.claims), key=len)
    assert len(longest) > 2 * THREAD_REACH + 1, "the corpus needs a thread longer than a claim page lists"
    for at in (0, len(longest) // 2, len(longest) - 1):
        claim_id = longest[at]
        section = pages[Paths.claim(claim_id)].markdown.split(", over time\n", 1)[1].split("\n## ", 1)[0]
        section = section.split('\n<div class="footnote">', 1)[0]
        listed = claim_links(section)
        expected = thread_window(longest, claim_id)
        assert len(expected) == 2 * THREAD_REACH + 1 and claim_id in expected
        assert listed == set(expected) - {claim_id}  # the claim itself is a line without a link
        assert f"The {len(expected)} nearest in time of {len(longest)} claims by" in section
        issue = catalog.claims[claim_id].issue
        assert issue is not None
        assert f"](../threads/{issue}.md) lists them all" in section
        # The thread page lists every claim of the thread.
        assert set(longest) <= claims_listed(pages[Paths.thread(issue)].markdown)


def test_the_thread_window_keeps_its_size_near_either_end() -> None:
    thread = [f"c{number}" for number in range(20)]
    assert thread_window(thread, "c0") == thread[:11]
    assert thread_window(thread, "c19") == thread[-11:]
    assert thread_window(thread, "c10") == thread[5:16]
    assert thread_window(thread[:4], "c2") == thread[:4]
