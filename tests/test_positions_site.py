"""The positions pages as readers get them: a real `mkdocs build --strict` of tests/fixtures/moves/, read as HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import lxml.etree as ET
import pytest
import rnc2rng

from generator.catalog import Catalog
from generator.pipeline import check

from .conftest import ROOT, built_site
from .html_pages import page_file, parse, resolve
from .test_positions import EXPECTED_MOVES, MOVES

ATOM_SCHEMA = Path(__file__).resolve().parent / "schemas" / "atom.rnc"


@dataclass
class Cell:
    text: str = ""
    hrefs: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)


class _Tables(HTMLParser):
    """Every table of a page as rows of cells, each with its text, its links and its move badges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Cell]]] = []
        self._cell: Cell | None = None
        self._badge: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = Cell()
            self.tables[-1][-1].append(self._cell)
        elif tag == "a" and self._cell is not None and attributes.get("href"):
            self._cell.hrefs.append(str(attributes["href"]))
        elif tag == "span" and "explainer-change" in (attributes.get("class") or "") and self._cell is not None:
            self._badge = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self._cell.text = " ".join(self._cell.text.split())
            self._cell = None
        elif tag == "span" and self._badge is not None and self._cell is not None:
            self._cell.badges.append("".join(self._badge))
            self._badge = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        if self._badge is not None:
            self._badge.append(data)


def tables(path: Path) -> list[list[list[Cell]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = check(MOVES)
    assert problems == [] and found is not None
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("moves"), MOVES)


def cell_of(site: Path, url: str, side: str) -> Cell:
    """The cell of a side in the first row of the first table of a positions page."""
    header, *rows = tables(page_file(site, url))[0]
    column = [cell.text for cell in header].index(side)
    return rows[0][column]


def claim_linked(site: Path, url: str, cell: Cell) -> set[str]:
    source = page_file(site, url)
    found = set()
    for href in cell.hrefs:
        target = resolve(site, source, href)
        if target and target[0].parent.parent == site / "claims":
            found.add(target[0].parent.name)
    return found


def test_the_sides_are_the_columns_and_no_outlet_is_one(site: Path) -> None:
    for url in ("positions/", "positions/2025/07/"):
        header = [cell.text for cell in tables(page_file(site, url))[0][0]]
        assert header == ["Issue", "Russia", "Ukraine"]
    text = parse(page_file(site, "positions/")).text
    assert "Reporting and analysis" in text and "Fixture position daily-assesses-demands." in text


def test_a_cell_shows_the_position_of_its_month_and_links_its_claim(site: Path, catalog: Catalog) -> None:
    may, october = cell_of(site, "positions/2025/05/", "Russia"), cell_of(site, "positions/2025/10/", "Russia")
    assert may.text != october.text
    assert claim_linked(site, "positions/2025/05/", may) == {"russia-1-new"}
    assert claim_linked(site, "positions/2025/10/", october) == {"russia-6-restated"}
    assert may.badges == ["New"] and october.badges == ["Restated"]
    # The latest table is the last month's.
    assert cell_of(site, "positions/", "Russia").text == october.text


def test_an_empty_cell_says_so_and_a_question_without_label_reads_well(site: Path) -> None:
    ceasefire = tables(page_file(site, "positions/"))[1]  # after territory (order 1): it has no record
    header, row = [cell.text for cell in ceasefire[0]], ceasefire[1]
    assert row[header.index("Ukraine")].text == "No position recorded"
    assert row[header.index("Russia")].badges == ["New"]
    headings = [h for h in parse(page_file(site, "positions/")).text.split() if h in ("Ceasefire", "Territory")]
    assert headings[:2] == ["Territory", "Ceasefire"]
    # In July, before Russia's refusal was reported, the ceasefire row shows no position.
    assert "Fixture position russia-refuses-ceasefire." not in parse(page_file(site, "positions/2025/07/")).text


def test_every_month_has_its_table_linked_to_the_next(site: Path, catalog: Catalog) -> None:
    months = catalog.position_months
    for (year, month), following in zip(months, [*months[1:], None], strict=True):
        url = f"positions/{year:04d}/{month:02d}/"
        links = {link.href for link in parse(page_file(site, url)).article_links}
        assert page_file(site, url).is_file()
        if following:
            target = f"../../{following[0]:04d}/{following[1]:02d}/" if following[0] != year else f"../{following[1]:02d}/"
            assert target in links, (url, sorted(links))
    # Each month's page in the dates links its positions.
    day_links = {link.href for link in parse(page_file(site, "dates/2025/07/")).article_links}
    assert "../../../positions/2025/07/" in day_links


def test_the_thread_shows_the_type_of_each_move(site: Path) -> None:
    page = page_file(site, "threads/territory.demands/")
    shown = _badges_by_claim(page)
    expected = {claim_id: {None: "Not classified"}.get(change, (change or "").capitalize())
                for claim_id, change in EXPECTED_MOVES.items() if claim_id != "russia-refuses-ceasefire"}
    assert shown == expected  # the ceasefire refusal is on its own thread
    text = parse(page).text
    assert "Reporting and analysis" in text
    assert "The statement gives up the threat. (as the editors judge it)" in text


def _badges_by_claim(page: Path) -> dict[str, str]:
    """For each claim line of a thread page, the badge of the list item under it."""
    class Items(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: dict[str, str] = {}
            self.claim: str | None = None
            self.badge: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            attributes = dict(attrs)
            href = attributes.get("href") or ""
            if tag == "a" and href.startswith("../../claims/") and "figure" not in self.get_starttag_text():
                self.claim = href.removeprefix("../../claims/").strip("/")
            if tag == "span" and "explainer-change" in (attributes.get("class") or "") and self.claim:
                self.badge = []

        def handle_endtag(self, tag: str) -> None:
            if tag == "span" and self.badge is not None and self.claim:
                self.found.setdefault(self.claim, "".join(self.badge))
                self.badge = None

        def handle_data(self, data: str) -> None:
            if self.badge is not None:
                self.badge.append(data)

    parser = Items()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def test_the_changes_of_a_month_list_its_moves_by_question(site: Path) -> None:
    text = parse(page_file(site, "changes/2025/07/")).text
    for claim_id in ("russia-2-narrowed", "russia-3-widened", "ukraine-3-hardened"):
        assert f"Fixture position {claim_id}." in text
    assert "Fixture position russia-1-new." not in text
    assert text.index("Territory") < text.index("Narrowed")


def test_two_months_compared_show_the_cells_that_changed(site: Path) -> None:
    rows = tables(page_file(site, "positions/compare/2025-05/2025-10/"))[0]
    assert [cell.text for cell in rows[0]][:2] == ["Issue", "Side"]
    cells = [(row[0].text, row[1].text) for row in rows[1:]]
    assert cells == [("Territorial demands", "Russia"), ("Territorial demands", "Ukraine"), ("ceasefire", "Russia")]
    # Counted by kind, so that a comparison stays the same size however many moves came in between.
    assert rows[1][4].text == "5: 1 restated, 1 softened, 1 narrowed, 1 widened, 1 not classified"


def atom_schema() -> ET.RelaxNG:
    # rnc2rng declares the empty namespace of `local:*` as a prefix, which XML does not allow: it is not needed.
    rng = rnc2rng.dumps(rnc2rng.loads(ATOM_SCHEMA.read_text(encoding="utf-8"))).replace('xmlns:local=""', "")
    return ET.RelaxNG(ET.fromstring(rng.encode("utf-8")))


def test_every_feed_is_valid_atom(site: Path) -> None:
    schema = atom_schema()
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert site / "feeds" / "changes.xml" in feeds
    for feed in feeds:
        assert schema.validate(ET.parse(str(feed))), (feed, schema.error_log)
    changes = ET.parse(str(site / "feeds" / "changes.xml")).getroot()
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in changes.iter("{http://www.w3.org/2005/Atom}entry")]
    assert titles[0] == "Russia, Territorial demands: Restated. Fixture position russia-6-restated."


def test_the_atom_schema_refuses_a_feed_without_id_or_updated() -> None:
    broken = ET.fromstring(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>No id, no date</title></feed>')
    assert not atom_schema().validate(broken)


def test_the_real_positions_have_only_sides_as_columns(real_site: Path) -> None:
    sides, _ = check(ROOT / "content")
    assert sides is not None
    names = [sides.sides[side_id].name for side_id in sides.side_order]
    outlets = {actor.name for actor in sides.actors.values() if actor.kind == "media-outlet"}
    for table in tables(page_file(real_site, "positions/")):
        header = [cell.text for cell in table[0]]
        assert header == ["Issue", *names]
        assert not outlets & set(header)
    for year, month in sides.position_months:
        assert page_file(real_site, f"positions/{year:04d}/{month:02d}/").is_file()
        assert page_file(real_site, f"changes/{year:04d}/{month:02d}/").is_file()
