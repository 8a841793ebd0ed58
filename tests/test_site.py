"""Real builds (`mkdocs build --strict`) of the small fixture content and of the real content, read as HTML."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator import listing, monthly_pages
from generator.catalog import span_year
from generator.listing import RECENT_CLAIMS
from generator.pipeline import check
from generator.urls import site_url_of

from .conftest import ROOT, SMALL, build, make_project
from .html_pages import Link, page_file, parse, resolve

pytestmark = pytest.mark.build


def claim_links(site: Path, url: str) -> list[Link]:
    """Links in the page's content that lead to a claim page."""
    source = page_file(site, url)
    found = []
    for link in parse(source).article_links:
        target = resolve(site, source, link.href)
        if target and target[0].parent.parent == site / "claims" and target[0] != source:
            found.append(link)
    return found


def assert_links_work(site: Path, url: str, links: list[Link]) -> None:
    source = page_file(site, url)
    for link in links:
        target = resolve(site, source, link.href)
        assert target is not None and target[0].is_file(), f"{url}: broken link {link.href}"


def test_actor_page_lists_its_claims_with_working_links(small_site: Path) -> None:
    links = claim_links(small_site, "actors/alice/")
    assert [link.text for link in links] == [
        "Alice demanded all of Donetsk Oblast.", "Alice offered to give up parts of Kherson Oblast in exchange."
    ]
    assert_links_work(small_site, "actors/alice/", links)
    page = parse(page_file(small_site, "actors/alice/"))
    assert "Claims by Alice Example" in page.text
    assert "President of Freedonia (May 2019–)" in page.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("regions/donetsk/", ["Alice demanded all of Donetsk Oblast."]),
        ("dates/2025/07/03/", ["Alice demanded all of Donetsk Oblast."]),
        # said in August (month precision) and reported on 20 August: listed under both headings
        ("dates/2025/08/", ["Alice offered to give up parts of Kherson Oblast in exchange."] * 2),
        ("sources/weekly-article/", ["Alice demanded all of Donetsk Oblast.", "Bob refused to cede any territory."]),
        ("claims/bob-refuses/", ["Alice demanded all of Donetsk Oblast."]),
        ("dates/2025/09/01/", ["Alice demanded all of Donetsk Oblast."]),
    ],
)
def test_region_date_source_and_claim_pages_list_their_claims(small_site: Path, url: str, expected: list[str]) -> None:
    links = claim_links(small_site, url)
    assert [link.text for link in links if link.text] == expected
    assert_links_work(small_site, url, links)


def test_every_footnote_links_to_its_source_page(small_site: Path) -> None:
    page = parse(page_file(small_site, "claims/alice-demands-donetsk/"))
    notes = [i for i in page.ids if i.startswith("fn:")]
    # The claim's own two sources, then those of the claims shown as related to it.
    assert sorted(notes) == [
        "fn:alice-demands-donetsk--daily-article", "fn:alice-demands-donetsk--weekly-article",
        "fn:alice-offers-kherson--daily-article", "fn:bob-refuses--weekly-article",
    ]
    source_links = {link.href for link in page.links if "/sources/" in link.href}
    assert {"../../sources/daily-article/", "../../sources/weekly-article/", "../../sources/wire-report/"} <= source_links
    text = page.text
    assert "The Daily, Alice makes demands, 14 July 2025, relaying Wire Service" in text
    assert "“Alice demanded all of Donetsk, the wire reported.”" in text
    assert "1 independent source" in text  # two articles relaying one wire report
    assert "Unnamed sources: two officials" in text


def test_every_footnote_reference_and_backlink_meet(small_site: Path) -> None:
    """Each reference leads to a note on the page and each note back to every reference to it, numbered
    as the list of notes is (a claim shown twice on a page has two references and two backlinks)."""
    page = parse(page_file(small_site, "claims/alice-demands-donetsk/"))
    references = [link for link in page.links if link.href.startswith("#fn:")]
    backlinks = [link for link in page.links if link.href.startswith("#fnref")]
    assert references and {link.href[1:] for link in references} <= page.ids
    assert {link.href[1:] for link in backlinks} == {i for i in page.ids if i.startswith("fnref")}
    assert len(backlinks) == len(references)
    notes = sorted(i for i in page.ids if i.startswith("fn:"))
    assert sorted({link.href[1:] for link in references}) == notes


def test_the_pages_listing_claims_by_date_alone_stay_out_of_the_search_index(small_site: Path) -> None:
    searched = {doc["location"].split("#")[0] for doc in
                json.loads((small_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert "claims/alice-demands-donetsk/" in searched and "actors/alice/" in searched
    assert not [url for url in searched if url.startswith(("dates/2", "positions/2", "positions/compare/"))]
    assert "dates/" in searched and "positions/" in searched  # the index pages stay


def test_claim_page_shows_dates_with_precision_and_basis(small_site: Path) -> None:
    text = parse(page_file(small_site, "claims/alice-offers-kherson/")).text
    assert "Said or happened August 2025 · inferred: The Daily says \"in August\"." in text
    assert "Reported 20 August 2025 · stated in the source" in text
    assert "Narrows" in text


def all_html(site: Path) -> list[Path]:
    # 404.html is served for any missing address, so the theme gives it absolute links; it is not a page to browse.
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


@pytest.mark.parametrize("which", ["small_site", "real_site"])
def test_no_broken_links_or_fragments(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    parsed = {path: parse(path) for path in all_html(site)}
    broken = []
    for path, page in parsed.items():
        for link in page.links:
            target = resolve(site, path, link.href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{path.relative_to(site)}: {link.href}")
            elif fragment and file.suffix == ".html" and fragment not in parse_cached(parsed, file).ids:
                broken.append(f"{path.relative_to(site)}: {link.href} (no #{fragment})")
    assert broken == []


def parse_cached(parsed: dict, file: Path):
    if file not in parsed:
        parsed[file] = parse(file)
    return parsed[file]


def within(site: Path, start: str, clicks: int) -> set[Path]:
    """The pages of the built site that a reader reaches from `start` (a URL) in at most `clicks` clicks."""
    first = page_file(site, start)
    depth = {first: 0}
    queue = deque([first])
    while queue:
        current = queue.popleft()
        if depth[current] == clicks:
            continue
        for link in parse(current).links:
            target = resolve(site, current, link.href)
            if target and target[0].suffix == ".html" and target[0].is_file() and target[0] not in depth:
                depth[target[0]] = depth[current] + 1
                queue.append(target[0])
    return set(depth)


def test_every_record_page_is_within_three_clicks_of_home(real_site: Path) -> None:
    catalog, _ = check(ROOT / "content")
    assert catalog is not None
    reached = within(real_site, "", 3)
    # The pages of long listings (a record's months, a listing's further pages), where the content has them.
    listing_pages = [site_url_of(entry["path"]) for family in monthly_pages.FAMILIES
                     for entry in family.entries(catalog, "")]
    wanted = (
        [f"actors/{i}/" for i in catalog.actors] + [f"regions/{i}/" for i in catalog.regions]
        + [f"claims/{i}/" for i in catalog.claims] + [f"sources/{i}/" for i in catalog.sources]
        + [f"dates/{d.year:04d}/{d.month:02d}/{d.day:02d}/" for d in catalog.days()]
        + [f"dates/{y:04d}/{m:02d}/" for y, m in catalog.months()] + [f"dates/{y:04d}/" for y in catalog.years()]
        + listing_pages
    )
    unreachable = [url for url in wanted if page_file(real_site, url) not in reached]
    assert unreachable == []


def test_every_claim_of_a_listing_is_within_three_clicks_of_its_index(real_site: Path) -> None:
    """However long a record's or a date's listing grows, its claims stay three clicks from the index
    that links the record's page: index, the record's page, the page of its month, the claim."""
    catalog, _ = check(ROOT / "content")
    assert catalog is not None

    def claims_of(sections: list[tuple[str, Sequence[str]]]) -> set[str]:
        return {claim_id for _, ids in sections for claim_id in ids}

    listings = {
        "actors/": set().union(*(claims_of(monthly_pages.actor_sections(catalog, i)) for i in catalog.actors)),
        "regions/": set().union(*(claims_of(monthly_pages.region_sections(catalog, i)) for i in catalog.regions)),
        "sources/": set().union(*(claims_of(monthly_pages.source_sections(catalog, i)) for i in catalog.sources)),
        "threads/": set().union(*(claims_of(monthly_pages.thread_sections(catalog, i)) for i in catalog.issues())),
        "dates/": set().union(*(claims_of(listing.day_sections(catalog, day)) for day in catalog.days())),
    }
    for index, claim_ids in listings.items():
        assert claim_ids, index
        reached = within(real_site, index, 3)
        unreachable = sorted(i for i in claim_ids if page_file(real_site, f"claims/{i}/") not in reached)
        assert unreachable == [], index


def test_pages_ask_nothing_of_other_hosts(real_site: Path) -> None:
    for path in all_html(real_site):
        page = parse(path)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in page.elements.get(tag, []):
                value = element.get(attribute) or ""
                assert not value.startswith(("http:", "https:", "//")), f"{path}: <{tag} {attribute}={value}>"


def test_strict_build_prints_no_warning(tmp_path: Path) -> None:
    result = build(make_project(tmp_path, SMALL))
    assert result.returncode == 0
    assert "WARNING" not in result.output


def test_broken_content_stops_the_build_with_the_list_of_mistakes(tmp_path: Path) -> None:
    project = make_project(tmp_path, SMALL)
    previous = build(project)
    assert previous.returncode == 0
    published = {p: p.read_bytes() for p in previous.site.rglob("*") if p.is_file()}
    claim = project / "content" / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("actor: bob", "actor: bbo").replace("date: 2025-07-04", "date: 2025-02-30", 1))
    result = build(project)
    assert result.returncode == 1
    assert "content/claims/bob-refuses.yaml:2:1: actor: unknown actor 'bbo'; did you mean 'bob'?" in result.output
    assert ("content/claims/bob-refuses.yaml:6:5: dates.happened.date: '2025-02-30' is not a real date: "
            "February 2025 has 28 days") in result.output
    assert "2 problems found in the content; nothing was published." in result.output
    assert "Traceback" not in result.output
    # The site built before the mistake is still there, untouched.
    assert {p: p.read_bytes() for p in previous.site.rglob("*") if p.is_file()} == published


def test_markup_in_a_summary_stays_text_in_every_part_of_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, SMALL)
    claim = project / "content" / "claims" / "bob-refuses.yaml"
    hostile = """'</title><script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) & "q"'"""
    claim.write_text(claim.read_text().replace("summary: Bob refused to cede any territory.", f"summary: {hostile}"))
    result = build(project)
    assert result.returncode == 0, result.output
    for path in all_html(result.site) + [result.site / "search" / "search_index.json"]:
        raw = path.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw and "</title><" not in raw, path
        assert 'href="javascript:' not in raw, path
    # On its own page, and in the claim lists and footnotes of other pages, written as raw HTML.
    for url in ("claims/bob-refuses/", "actors/bob/", "dates/2025/07/04/"):
        page = parse(page_file(result.site, url))
        assert "</title><script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) & \"q\"" \
            in page.text, url


def test_every_region_page_has_a_map_linking_every_region_to_its_page(real_site: Path) -> None:
    catalog, _ = check(ROOT / "content")
    assert catalog is not None
    shapes = json.loads((ROOT / "content" / "geo" / "ukraine-admin1.geojson").read_text(encoding="utf-8"))["features"]
    drawn = {feature["properties"]["iso_3166_2"] for feature in shapes}
    for region_id, region in catalog.regions.items():
        source = page_file(real_site, f"regions/{region_id}/")
        page = parse(source)
        region_links = [a for a in page.elements["a"] if a.get("aria-label") and not a.get("class")]
        others = {other.name for other_id, other in catalog.regions.items() if other_id != region_id and other.iso in drawn}
        assert {a["aria-label"] for a in region_links} == others | {f"{region.name} (this region)"}, region_id
        for link in region_links:
            target = resolve(real_site, source, link["href"] or "")
            assert target is not None and target[0].is_file(), (region_id, link)
        paths = [p["data-iso"] for p in page.elements["path"] if p.get("data-iso")]  # Material's icons are paths too
        assert sorted(paths) == sorted(drawn), region_id
        assert "Boundaries: Natural Earth" in page.text


def test_every_page_has_a_description_and_open_graph_tags(real_site: Path) -> None:
    for path in all_html(real_site):
        metas = parse(path).elements.get("meta", [])
        if any(m.get("http-equiv") == "refresh" for m in metas):
            continue  # an alias's redirect page (noindex) leads on to a page that has them
        names = {m.get("name") or m.get("property"): m.get("content") for m in metas}
        assert names.get("description"), path
        assert names.get("og:title") and names.get("og:description") and names.get("og:type"), path
    # A generated page's title is its own, not the site's (MkDocs reads it from the page's front matter).
    claim = parse(page_file(real_site, "claims/" + next((real_site / "claims").glob("*/index.html")).parent.name + "/"))
    names = {m.get("name") or m.get("property"): m.get("content") for m in claim.elements.get("meta", [])}
    assert names["og:title"] != names["og:site_name"]


def test_claim_pages_carry_a_schema_org_claim(small_site: Path) -> None:
    html = page_file(small_site, "claims/alice-demands-donetsk/").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["@type"] == "Claim"
    assert data["name"] == "Alice demanded all of Donetsk Oblast."
    assert data["author"] == {"@type": "Person", "name": "Alice Example", "sameAs": "https://www.wikidata.org/wiki/Q4115189"}
    assert data["dateCreated"] == "2025-07-03"
    assert data["datePublished"] == "2025-07-14"
    # Both articles relay one wire report: the wire is where the claim appeared first.
    assert [a["publisher"]["name"] for a in data["appearance"]] == ["The Daily", "The Weekly"]
    assert data["firstAppearance"] == {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Wire Service"},
                                       "datePublished": "2025-07"}


@pytest.mark.parametrize(("url", "feed"), [("", "feeds/claims.xml"), ("actors/alice/", "feeds/actors/alice.xml"),
                                           ("regions/donetsk/", "feeds/regions/donetsk.xml")])
def test_feeds_are_announced_in_the_page_head(small_site: Path, url: str, feed: str) -> None:
    source = page_file(small_site, url)
    # The page in each edition (hreflang) is an alternate too; the feed is the one with a type.
    alternates = [link for link in parse(source).elements["link"]
                  if link.get("rel") == "alternate" and not link.get("hreflang")]
    assert [link.get("type") for link in alternates] == ["application/atom+xml"]
    target = resolve(small_site, source, alternates[0]["href"] or "")
    assert target is not None and target[0] == small_site / feed and target[0].is_file()


def test_the_timeline_lists_the_latest_claims_in_whole_months_and_links_the_earlier_ones(real_site: Path) -> None:
    """The listing policy (RECENT_CLAIMS), whatever the size of the content: the latest claims in whole
    months, month by month in date order, and a link to the page of each earlier month or year, where the
    rest are."""
    catalog, _ = check(ROOT / "content")
    assert catalog is not None
    listed = [link.href.rstrip("/").rsplit("/", 1)[-1] for link in claim_links(real_site, "timeline/")]
    assert len(set(listed)) == len(listed) and catalog.claim_order[-1] in listed

    def month(claim_id: str) -> tuple[int, int]:
        """The claim's heading: its month, or after the months of its year when it is dated to the year only,
        or after those when it is known only as a range or a bound across years."""
        date = catalog.claims[claim_id].dates.happened.date.placed
        if date is None:
            return span_year(catalog.claims[claim_id]), 14
        return date.year, date.month or 13

    position = {claim_id: number for number, claim_id in enumerate(catalog.claim_order)}
    assert listed == sorted(listed, key=lambda claim_id: (month(claim_id), position[claim_id]))

    months = {month(claim_id) for claim_id in listed}
    assert {c for c in catalog.claims if month(c) in months} == set(listed), "a month listed in part"
    assert len(listed) <= RECENT_CLAIMS or len(months) == 1

    source = page_file(real_site, "timeline/")
    dated = {resolve(real_site, source, link.href)[0] for link in parse(source).article_links  # type: ignore[index]
             if "/dates/" in link.href}
    earlier = {link.href.rstrip("/").rsplit("/", 1)[-1] for page in dated
               for link in claim_links(real_site, page.parent.relative_to(real_site).as_posix() + "/")}
    assert set(listed) | earlier == set(catalog.claims)


def test_claim_page_shows_the_reporting_chain(small_site: Path) -> None:
    text = parse(page_file(small_site, "claims/alice-demands-donetsk/")).text
    assert "Reporting chain The Daily ← Wire Service ← two officials; The Weekly ← Wire Service ← two officials" in text
    assert "Sourcing 1 independent source: Wire Service" in text


def test_edit_links_open_the_yaml_record_behind_a_generated_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, SMALL)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "site_name:", "repo_url: https://github.com/example/explainer\nedit_uri: edit/main/content/pages/\nsite_name:", 1))
    result = build(project)
    assert result.returncode == 0, result.output

    def edit_link(url: str) -> str | None:
        links = [a for a in parse(page_file(result.site, url)).elements["a"] if a.get("title") == "Edit this page"]
        return links[0]["href"] if links else None

    assert edit_link("claims/bob-refuses/") == "https://github.com/example/explainer/edit/main/content/claims/bob-refuses.yaml"
    assert edit_link("actors/alice/") == "https://github.com/example/explainer/edit/main/content/actors/alice.yaml"
    assert edit_link("method/") == "https://github.com/example/explainer/edit/main/content/pages/method.md"
    assert edit_link("timeline/") is None  # made from many records: there is no one file to edit
