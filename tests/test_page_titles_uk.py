"""The Ukrainian edition names its pages in Ukrainian: the titles and descriptions the generator writes into the
front matter of the pages under `uk/` (the small fixture's export) are its catalog's words, not the English ones."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.editions import UKRAINIAN
from generator.monthly_pages import Period

from .conftest import ROOT, SMALL

CYRILLIC = re.compile("[а-яіїєґА-ЯІЇЄҐ]")


def front_matter(page: Path) -> dict[str, str]:
    """A page's title and description, as a reader's browser shows them."""
    head = page.read_text(encoding="utf-8").split("---\n")[1]
    data = json.loads(head)
    return {"title": html.unescape(data["title"]), "description": html.unescape(data["description"])}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture's export, made once for the module (a copy outside any git checkout)."""
    folder = tmp_path_factory.mktemp("titles")
    content = folder / "content"
    shutil.copytree(SMALL, content)
    out = folder / "out"
    assert cli_main(["--content", str(content), "--templates", str(ROOT / "theme" / "templates"), "export",
                     str(out)]) == 0
    return out


@pytest.mark.parametrize(("path", "title"), [
    ("actors/index.md", "Актори"),
    ("regions/index.md", "Регіони"),
    ("sources/index.md", "Джерела"),
    ("claims/index.md", "Заяви"),
    ("positions/index.md", "Позиції"),
    ("timeline.md", "Хронологія"),
    ("dates/index.md", "Дати"),
    ("corrections/index.md", "Виправлення"),
    ("dates/2025/07/index.md", "липень 2025"),
    ("dates/2025/07/03.md", "3 липня 2025"),
    ("changes/2025/07/index.md", "Зміни позицій: липень 2025"),
    ("positions/2025/08/index.md", "Позиції станом на кінець місяця: серпень 2025"),
    ("positions/compare/2025-07/2025-08.md", "Порівняння позицій: липень 2025 і серпень 2025"),
])
def test_a_ukrainian_page_has_its_title_in_ukrainian(export: Path, path: str, title: str) -> None:
    assert front_matter(export / "uk" / path)["title"] == title
    assert front_matter(export / path)["title"] != title  # the English page keeps its own


def test_every_ukrainian_description_is_in_ukrainian(export: Path) -> None:
    """Each description is a sentence of the catalog around the records' names: never the English one, and in
    Cyrillic even where a record's name is not translated yet."""
    pages = sorted((export / "uk").rglob("*.md"))
    assert len(pages) > 30
    english = {page: front_matter(export / page.relative_to(export / "uk")) for page in pages}
    for page in pages:
        shown = front_matter(page)
        assert CYRILLIC.search(shown["description"]), page
        assert shown["description"] != english[page]["description"], page


def test_no_ukrainian_title_keeps_an_english_word_of_the_generator(export: Path) -> None:
    """The words the generator adds to titles ('page', 'Thread', 'Positions', 'Changes of position', month names)
    are all translated; what remains in Latin letters is the records' own text."""
    words = re.compile(r"\b(page|Thread|Positions|Changes|Corrections|Source|compared|January|February|March|April|"
                       r"May|June|July|August|September|October|November|December)\b")
    for page in sorted((export / "uk").rglob("*.md")):
        assert not words.search(front_matter(page)["title"]), page


def test_a_records_period_is_named_in_its_edition() -> None:
    """A monthly page's period (its title, its link on the record's page) in the words of its catalog."""
    month = Period("alice", 2025, 7, (), "actors/alice.md", UKRAINIAN)
    year = Period("alice", 2025, None, (), "actors/alice.md", UKRAINIAN)
    assert (month.label, year.label) == ("липень 2025", "2025, дата відома лише з точністю до року або як проміжок")
    assert Period("alice", 2025, None, (), "actors/alice.md").label == "2025, dated to the year only or as a range"
