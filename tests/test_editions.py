"""The words the templates write, in each edition: the Ukrainian pages of the small fixture site carry the
templates' Ukrainian words and none of the English ones, quotes stay in their source's language (marked so)
with their translation beside them, and every message of the templates has its Ukrainian translation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.editions import UKRAINIAN
from generator.messages import extracted, read_catalog
from generator.pipeline import generate

from .conftest import ROOT, SMALL

TEMPLATES = ROOT / "theme" / "templates"

# Record texts not translated yet are shown in English, marked: they are not the templates' words; nor is the
# front matter (titles and descriptions, written by the page families in Python).
_UNTRANSLATED = re.compile(r'<(span|div) class="untranslated" lang="en">.*?</\1>', re.S)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)

TEMPLATE_WORDS = [  # English the templates wrote on every page of the Ukrainian edition before it had its own
    "Claims by", "Feed of their claims", "What the sources say", "Said or happened", "Reporting chain",
    "Attribution", "Standing", "Sourcing", "independent source", "read the original", "relaying",
    "Record history", "Related claims", "Every side on this issue", "Where the claims are", "Browse",
    "Latest claims", "Publisher", "Read directly", "Claims from this source", "Ukrainian name", "Issue", "Every record behind this site",
    "How to read a record", "Event codes", "All dates", "Nothing recorded",
]


def pages_of(content: Path) -> dict[str, str]:
    site = generate(content, TEMPLATES, "Test site", None)
    return {page.path: page.markdown for page in site.pages}


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return pages_of(SMALL)


@pytest.fixture(scope="module")
def translated_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The small site with a quote's Ukrainian translation and a source's Ukrainian headline."""
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(SMALL, content)
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace(
        "    quote: Bob said no.\n",
        "    quote: Bob said no.\n    quote_uk:\n      text: Боб сказав «ні».\n      translator: Редакція\n"),
        encoding="utf-8")
    source = content / "sources" / "weekly-article.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Bob answers\n", "title: Bob answers\ntitle_uk: Боб відповідає\n"), encoding="utf-8")
    return pages_of(content)


def template_text(markdown: str) -> str:
    return _UNTRANSLATED.sub("", _FRONT_MATTER.sub("", markdown))


def test_the_ukrainian_actor_page_has_the_templates_words_in_ukrainian(pages: dict[str, str]) -> None:
    english, ukrainian = pages["actors/alice.md"], pages["uk/actors/alice.md"]
    assert "## Claims by Alice" in english and "Feed of their claims" in english
    assert "## Заяви актора: " in ukrainian
    assert "Стрічка заяв актора" in ukrainian
    assert "незалежне джерело" in ukrainian  # a claim line's count, in the form of one
    assert "Claims by" not in ukrainian and "Feed of their claims" not in ukrainian


def test_the_ukrainian_claim_page_names_its_fields_in_ukrainian(pages: dict[str, str]) -> None:
    page = pages["uk/claims/alice-demands-donetsk.md"]
    for words in ("| Поле | Значення |", "| Сказано або сталося |", "| Ланцюг повідомлень |", "## Що кажуть джерела"):
        assert words in page, words
    assert "липня 2025" in page  # dates in the edition's own form


@pytest.mark.parametrize("words", TEMPLATE_WORDS)
def test_no_ukrainian_page_has_the_english_words_of_the_templates(pages: dict[str, str], words: str) -> None:
    english = [path for path, markdown in pages.items() if not path.startswith("uk/") and words in markdown]
    assert english, f"{words!r} is on no English page: the check would prove nothing"
    found = [path for path, markdown in pages.items() if path.startswith("uk/") and words in template_text(markdown)]
    assert not found, f"{words!r} on {found}"


def test_quotes_stay_in_their_source_s_language_marked_as_such(pages: dict[str, str]) -> None:
    ukrainian, english = pages["uk/claims/bob-refuses.md"], pages["claims/bob-refuses.md"]
    assert '> <span lang="en">Bob said no\\.</span>' in ukrainian
    assert '«<span lang="en">Bob said no.</span>»' in ukrainian  # the footnote, in Ukrainian quotation marks
    assert "> Bob said no\\." in english and '“Bob said no.”' in english  # English pages as they were


def test_a_quote_s_translation_follows_the_original_with_its_translator(translated_pages: dict[str, str]) -> None:
    page = translated_pages["uk/claims/bob-refuses.md"]
    original = page.index('> <span lang="en">Bob said no\\.</span>')
    translation = page.index("> Переклад: «Боб сказав «ні»\\.» (перекладач: Редакція)")
    assert original < translation
    note = page[page.index('<li id="fn:bob-refuses--weekly-article">'):]
    assert '«<span lang="en">Bob said no.</span>» Переклад: «Боб сказав «ні».» (перекладач: Редакція)' in note
    assert "Боб сказав" not in translated_pages["claims/bob-refuses.md"]


def test_a_source_s_page_shows_its_headline_as_published_beside_the_translation(
        translated_pages: dict[str, str]) -> None:
    page = translated_pages["uk/sources/weekly-article.md"]
    assert "| Заголовок | Боб відповідає |" in page
    assert '| Заголовок в оригіналі | <span lang="en">Bob answers</span> |' in page
    assert "Заголовок в оригіналі" not in pages_without_headline(translated_pages)


def pages_without_headline(pages: dict[str, str]) -> str:
    """A source without a Ukrainian headline, and the English page of the one with it."""
    return pages["uk/sources/daily-article.md"] + pages["sources/weekly-article.md"]


def test_every_message_of_the_templates_is_translated_into_ukrainian() -> None:
    catalog = read_catalog(UKRAINIAN)
    missing = []
    for message in extracted():
        if not message.id or not any(path.startswith("theme/templates/") for path, _ in message.locations):
            continue
        found = catalog.get(message.id)
        strings = found.string if found and isinstance(found.string, (list, tuple)) else [found.string if found else ""]
        if not found or found.fuzzy or not all(strings) or (message.pluralizable and len(strings) != 3):
            missing.append(message.id)
    assert not missing, missing
