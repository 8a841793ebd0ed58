"""`check --quotes DIR`: every quote must be the exact words of its article's plain-text copy."""

from pathlib import Path

import pytest

from .conftest import ROOT
from .test_cli import run

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"


def test_quotes_match_despite_whitespace_and_quote_style(content: Path) -> None:
    result = run("--content", str(content), "check", "--quotes", str(ARTICLES), cwd=content.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok: 3 claims, 3 actors, 2 regions, 3 sources; all 4 quotes found verbatim"


def test_a_changed_word_is_reported_where_it_differs(content: Path) -> None:
    claim = content / "claims" / "alice-offers-kherson.yaml"
    claim.write_text(claim.read_text().replace("Alice offered parts of Kherson.", "Alice offered all of Kherson."))
    result = run("--content", str(content), "check", "--quotes", str(ARTICLES), cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/claims/alice-offers-kherson.yaml:20:5: sources[0].quote: not found verbatim in daily.txt; "
        "it matches up to '…Alice offered ' and then differs at 'all of Kherson.…'",
        "1 problem found in the content; nothing was published.",
    ]


def test_a_missing_copy_and_an_uncheckable_quote_are_reported(content: Path, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "daily.txt").write_text((ARTICLES / "daily.txt").read_text())
    source = content / "sources" / "daily-article.yaml"
    source.write_text(source.read_text().replace("text_copy: daily.txt\n", ""))
    result = run("--content", str(content), "check", "--quotes", str(texts), cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/claims/alice-demands-donetsk.yaml:26:5: sources[0].quote: cannot be checked: source "
        "'daily-article' names no `text_copy`",
        "content/claims/alice-offers-kherson.yaml:20:5: sources[0].quote: cannot be checked: source "
        "'daily-article' names no `text_copy`",
        "content/sources/weekly-article.yaml:4:1: text_copy: no file 'weekly.txt' in texts",
        "3 problems found in the content; nothing was published.",
    ]


SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the articles are kept beside the project, in ../shared/seeds")
def test_every_quote_in_the_content_is_verbatim_in_the_seed_articles() -> None:
    result = run("check", "--quotes", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "quotes found verbatim" in result.stdout
