"""`coverage DIR`: every sentence of an article that no claim quotes and no source leaves out, with its line."""

import shutil
from pathlib import Path

import pytest

from generator.coverage import split_sentences

from .test_cli import run
from .test_quotes import ARTICLES, SEEDS


def coverage(content: Path, texts: str = "articles") -> tuple[int, list[str], list[str]]:
    """Run from the folder holding the content and a copy of the fixture articles, as an editor would."""
    if not (content.parent / "articles").is_dir():
        shutil.copytree(ARTICLES, content.parent / "articles")
    result = run("--content", str(content), "coverage", texts, cwd=content.parent)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def leave_out(content: Path, source: str, entries: list[tuple[str, str]]) -> None:
    path = content / "sources" / f"{source}.yaml"
    lines = "".join(f"  - text: '{text}'\n    reason: {reason}\n" for text, reason in entries)
    path.write_text(path.read_text() + "left_out:\n" + lines)


def report_of(lines: list[str], name: str) -> list[str]:
    return [line for line in lines if f"/{name}:" in line]


def test_unquoted_sentences_are_listed_in_order_with_their_line(content: Path) -> None:
    code, out, err = coverage(content)
    assert code == 1
    assert err == []
    daily = report_of(out, "daily.txt")
    assert daily == [
        "articles/daily.txt:1: Alice makes demands",
        "articles/daily.txt:2: By Carol Writer",
        "articles/daily.txt:4: Bob was not asked.",
        "articles/daily.txt:7: Subscribe to The Daily.",
        "articles/daily.txt:7: Read more news every day.",
        "articles/daily.txt: 7 sentences: 2 quoted, 0 left out, 5 not covered (daily-article)",
    ]


def test_a_quoted_sentence_is_not_listed_whether_the_quote_is_all_of_it_or_lies_within_it(content: Path) -> None:
    _, out, _ = coverage(content)
    listed = "\n".join(out)
    # "Alice demanded all of Donetsk,   the wire reported." is quoted whole (with one space, not three);
    # "Alice offered parts of Kherson." lies within "Later, Alice offered parts of Kherson."
    assert "Donetsk" not in listed
    assert "Kherson" not in listed
    # The weekly's quote has straight quotation marks where the article has curly ones.
    assert report_of(out, "weekly.txt")[:-1] == ["articles/weekly.txt:1: Bob answers"]


def test_a_quote_removed_from_the_records_brings_its_sentence_back(content: Path) -> None:
    claim = content / "claims" / "alice-offers-kherson.yaml"
    claim.unlink()
    _, out, _ = coverage(content)
    assert "articles/daily.txt:5: Later, Alice offered parts of Kherson." in out


def test_a_quote_across_two_sentences_covers_both(content: Path) -> None:
    (content / "claims" / "bob-refuses.yaml").unlink()  # it quoted "Bob said no."
    claim = content / "claims" / "alice-demands-donetsk.yaml"
    claim.write_text(claim.read_text().replace("quote: Alice wants Donetsk, according to the wire.",
                                               "quote: 'according to the wire.\" Bob said'"))
    _, out, _ = coverage(content)
    assert report_of(out, "weekly.txt") == [
        "articles/weekly.txt:1: Bob answers",
        "articles/weekly.txt: 3 sentences: 2 quoted, 0 left out, 1 not covered (weekly-article)",
    ]


def test_one_entry_leaves_out_every_place_its_text_begins_a_sentence(content: Path) -> None:
    texts = content.parent / "texts"
    texts.mkdir()
    (texts / "daily.txt").write_text("Read more\nAlice offered parts of Kherson.\nRead more about Bob. Bob said no.\n")
    (texts / "weekly.txt").write_text((ARTICLES / "weekly.txt").read_text())
    leave_out(content, "daily-article", [("Read more", "page furniture")])
    _, out, err = coverage(content, "texts")
    assert err == []
    assert report_of(out, "daily.txt") == [
        "texts/daily.txt:3: Bob said no.",
        "texts/daily.txt: 4 sentences: 1 quoted, 2 left out, 1 not covered (daily-article)",
    ]


def test_sentences_left_out_are_not_listed_and_a_finished_article_lists_nothing(content: Path) -> None:
    leave_out(content, "daily-article", [
        ("Alice makes demands", "headline, recorded as the title"),
        ("By Carol Writer", "byline"),
        ("Bob was not", "off-topic"),  # the opening words of a sentence leave out all of it
        ("Subscribe to The Daily. Read more", "advertising"),  # two sentences in a row
    ])
    code, out, err = coverage(content)
    assert err == []
    assert report_of(out, "daily.txt") == [
        "articles/daily.txt: 7 sentences: 2 quoted, 5 left out, 0 not covered (daily-article)"]
    assert code == 1  # the weekly still has its headline
    leave_out(content, "weekly-article", [("Bob answers", "headline")])
    code, out, err = coverage(content)
    assert (code, err) == (0, [])
    assert out == [
        "articles/daily.txt: 7 sentences: 2 quoted, 5 left out, 0 not covered (daily-article)",
        "articles/weekly.txt: 3 sentences: 2 quoted, 1 left out, 0 not covered (weekly-article)",
    ]


def test_a_left_out_entry_matching_nothing_is_a_problem_with_its_place(content: Path) -> None:
    leave_out(content, "daily-article", [
        ("By Carol Writer", "byline"),
        ("Subscribe to The Weekly. Read more", "advertising"),  # a mistyped name
        ("Bob was asked", "off-topic"),  # nowhere in the article
        ("the wire reported.", "off-topic"),  # in the article, but not where a sentence begins
        ("Later, Alice offered", "off-topic"),  # a sentence a claim quotes
    ])
    code, out, err = coverage(content)
    assert code == 1
    assert err == [
        "content/sources/daily-article.yaml:16:5: left_out[1].text: not found at the start of any sentence of "
        "daily.txt; line 7 begins the same up to '…Subscribe to The ' and then differs at 'Weekly. Read more…'",
        "content/sources/daily-article.yaml:18:5: left_out[2].text: not found at the start of any sentence of "
        "daily.txt",
        "content/sources/daily-article.yaml:20:5: left_out[3].text: found in daily.txt, but not where a sentence "
        "begins: give the sentence from its start",
        "content/sources/daily-article.yaml:22:5: left_out[4].text: line 5 is quoted by claim 'alice-offers-kherson': "
        "a quoted sentence is not left out; remove the entry or shorten it",
        "4 problems in the sources' `left_out` lists or text copies",
    ]
    # The entries that match still leave their sentences out; the others leave nothing out.
    assert report_of(out, "daily.txt")[-1] == (
        "articles/daily.txt: 7 sentences: 2 quoted, 1 left out, 4 not covered (daily-article)")


def test_a_left_out_list_without_a_copy_to_check_it_against_is_a_problem(content: Path) -> None:
    leave_out(content, "wire-report", [("Alice demanded", "off-topic")])
    code, _, err = coverage(content)
    assert code == 1
    assert err[0] == "content/sources/wire-report.yaml:7:1: left_out: cannot be checked: the source names no " \
                     "`text_copy`"


def test_a_copy_no_source_names_is_listed_whole_and_a_missing_copy_is_a_problem(content: Path) -> None:
    texts = content.parent / "texts"
    texts.mkdir()
    (texts / "daily.txt").write_text((ARTICLES / "daily.txt").read_text())
    (texts / "stray.txt").write_text("Nobody quotes this. Nor this.\n")
    code, out, err = coverage(content, "texts")
    assert code == 1
    assert out[-3:] == [
        "texts/stray.txt:1: Nobody quotes this.",
        "texts/stray.txt:1: Nor this.",
        "texts/stray.txt: 2 sentences: 0 quoted, 0 left out, 2 not covered (no source names this copy in "
        "`text_copy`)",
    ]
    assert err[0] == "content/sources/weekly-article.yaml:4:1: text_copy: no file 'weekly.txt' in texts"


def test_a_missing_folder_and_invalid_records_are_messages(content: Path, tmp_path: Path) -> None:
    result = run("--content", str(content), "coverage", str(tmp_path / "nowhere"), cwd=content.parent)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: no folder of article copies at ")
    source = content / "sources" / "daily-article.yaml"
    source.write_text(source.read_text() + "left_out:\n  - text: By Carol Writer\n")
    code, out, err = coverage(content)
    assert (code, out) == (1, [])
    assert err[0] == "content/sources/daily-article.yaml:14:5: left_out[0].reason: required field is missing"


def test_sentences_split_at_line_breaks_and_full_stops_but_not_abbreviations() -> None:
    text = "Headline with no stop\n\nThe U.S. president met Mr. Putin on Nov. 30. Nothing   came of it.\n"
    sentences = split_sentences(text)
    assert [(s.line, s.text) for s in sentences] == [
        (1, "Headline with no stop"),
        (3, "The U.S. president met Mr. Putin on Nov. 30."),
        (3, "Nothing came of it."),
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the articles are kept beside the project, in ../shared/seeds")
def test_every_left_out_entry_in_the_content_is_found_in_the_seed_articles() -> None:
    result = run("coverage", str(SEEDS))
    assert result.stderr == ""
    assert result.stdout.count(" sentences: ") == len(list(SEEDS.glob("*.txt")))  # a summary for each article
