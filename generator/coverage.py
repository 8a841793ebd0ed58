"""What is left to curate: every sentence of an article that no claim quotes and no source leaves out.

`python -m generator coverage DIR` reads each plain-text copy of an article in DIR (every `*.txt`,
and every copy a source names in `text_copy`), splits it into sentences and lists, in order and with
its line, each sentence that is neither quoted nor listed in a source's `left_out`. A finished
article lists nothing.

Sentences. The copy is split at line breaks first (a headline, a caption or a byline stands on its
own line and ends with no full stop), then each line into sentences by `sentencex`, Wikimedia's
rule-based segmenter: maintained, MIT-licensed, without dependencies, and aware of abbreviations
such as "U.S." and "Mr." that a split at every full stop gets wrong. (`pysbd`, the other light
candidate, splits the articles' lines the same way but has had no release since 2021.)

Comparison. As in `quotes.py`, text is compared with whitespace collapsed and quotation-mark style
ignored, and otherwise exactly (case included).

- A sentence is **quoted** when a claim's quote from a source with that copy, found in the copy,
  shares text with it: the quote covers it whole, lies within it, or runs across its start or end.
  A quote found at several places (a headline printed twice) covers every place.
- A `left_out` entry's text must begin where a sentence begins; it leaves out every sentence it
  reaches, so that the opening words of a sentence, or a whole paragraph, may be given. It leaves
  out each place where it is found.
- A `left_out` entry that begins no sentence, one for a sentence a claim quotes (it would hide a
  change in the records), and one in a source without a `text_copy` are problems.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sentencex

from .catalog import Catalog
from .load import Document, display_path, load_content
from .problems import Problem
from .quotes import normalise

LANGUAGE = "en"
"""The language whose abbreviations the splitter knows; a source's own `language` is used where it gives one."""


@dataclass(frozen=True)
class Sentence:
    line: int  # 1-based, in the copy
    text: str  # as printed in the copy
    start: int  # where it lies in the normalised copy
    end: int


@dataclass
class Article:
    """One copy: its sentences and which of them are quoted or left out."""

    path: Path
    sources: list[str]  # the sources whose `text_copy` it is
    sentences: list[Sentence]
    quoted: set[int] = field(default_factory=set)  # indexes into `sentences`
    left_out: set[int] = field(default_factory=set)

    @property
    def uncovered(self) -> list[Sentence]:
        return [s for i, s in enumerate(self.sentences) if i not in self.quoted and i not in self.left_out]

    def summary(self) -> str:
        counts = (f"{len(self.sentences)} sentences: {len(self.quoted)} quoted, "
                  f"{len(self.left_out - self.quoted)} left out, {len(self.uncovered)} not covered")
        named = f" ({', '.join(self.sources)})" if self.sources else " (no source names this copy in `text_copy`)"
        return f"{display_path(self.path)}: {counts}{named}"


def split_sentences(text: str, language: str = LANGUAGE) -> list[Sentence]:
    """The copy's sentences in order, each with its line and its place in `normalise(text)`."""
    normalised = normalise(text)
    sentences: list[Sentence] = []
    cursor = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for piece in sentencex.segment(language, line):
            wanted = normalise(piece)
            if not wanted:
                continue
            start = normalised.find(wanted, cursor)
            if start < 0:  # cannot happen: each piece is a part of the text, in order
                raise AssertionError(f"sentence {wanted!r} not found in its own text")
            cursor = start + len(wanted)
            sentences.append(Sentence(number, " ".join(piece.split()), start, cursor))
    return sentences


def occurrences(needle: str, haystack: str) -> Iterator[int]:
    """Every place `needle` starts in `haystack`, overlapping ones included."""
    start = haystack.find(needle)
    while needle and start >= 0:
        yield start
        start = haystack.find(needle, start + 1)


def overlapping(sentences: list[Sentence], start: int, end: int) -> list[int]:
    """The sentences sharing text with the span [start, end) of the normalised copy."""
    return [i for i, s in enumerate(sentences) if s.start < end and start < s.end]


def coverage(content_dir: Path, catalog: Catalog, texts_dir: Path) -> tuple[list[Article], list[Problem]]:
    """Each copy in `texts_dir`, with what is quoted and left out, and the problems of the `left_out` lists."""
    documents = {(d.folder, d.id): d for d in load_content(content_dir).documents}
    problems: list[Problem] = []
    by_copy: dict[str, list[str]] = defaultdict(list)
    for source_id, source in catalog.sources.items():
        if source.text_copy is not None:
            by_copy[source.text_copy].append(source_id)
        elif source.left_out:
            problems.append(documents[("sources", source_id)].problem(
                ("left_out",), "cannot be checked: the source names no `text_copy`"))
    names = sorted({p.name for p in texts_dir.glob("*.txt") if p.is_file()} | set(by_copy))
    articles = []
    for name in names:
        path = texts_dir / name
        if not path.is_file():
            for source_id in by_copy[name]:
                problems.append(documents[("sources", source_id)].problem(
                    ("text_copy",), f"no file '{name}' in {display_path(texts_dir)}"))
            continue
        article, found = _article(path, by_copy.get(name, []), catalog, documents)
        articles.append(article)
        problems.extend(found)
    return articles, sorted(problems, key=lambda p: p.sort_key)


def _article(path: Path, source_ids: list[str], catalog: Catalog,
             documents: dict[tuple[str, str], Document]) -> tuple[Article, list[Problem]]:
    language = next((lang for s in source_ids if (lang := catalog.sources[s].language)), LANGUAGE)
    text = path.read_text(encoding="utf-8")
    normalised = normalise(text)
    article = Article(path, source_ids, split_sentences(text, language))
    quoted_by: dict[int, str] = {}
    for claim_id, claim in catalog.claims.items():
        for citation in claim.sources:
            if citation.source in source_ids:
                quote = normalise(citation.quote)
                for start in occurrences(quote, normalised):
                    for index in overlapping(article.sentences, start, start + len(quote)):
                        quoted_by.setdefault(index, claim_id)
    article.quoted = set(quoted_by)
    problems = []
    for source_id in source_ids:
        document = documents[("sources", source_id)]
        for number, entry in enumerate(catalog.sources[source_id].left_out):
            problem = _leave_out(article, normalised, normalise(entry.text), quoted_by)
            if problem:
                problems.append(document.problem(("left_out", number, "text"), problem))
    return article, problems


def _leave_out(article: Article, normalised: str, wanted: str, quoted_by: dict[int, str]) -> str | None:
    """Marks the sentences an entry leaves out; the problem with the entry, if any."""
    starts = {s.start for s in article.sentences}
    places = [start for start in occurrences(wanted, normalised) if start in starts]
    if not places:
        name = article.path.name
        if wanted in normalised:
            return f"found in {name}, but not where a sentence begins: give the sentence from its start"
        return f"not found at the start of any sentence of {name}{_closest_start(wanted, article.sentences)}"
    reached = {i for start in places for i in overlapping(article.sentences, start, start + len(wanted))}
    quoted = sorted(reached & set(quoted_by))
    if quoted:
        sentence = article.sentences[quoted[0]]
        return (f"line {sentence.line} is quoted by claim '{quoted_by[quoted[0]]}': a quoted sentence is not left "
                "out; remove the entry or shorten it")
    article.left_out |= reached
    return None


def _closest_start(wanted: str, sentences: list[Sentence]) -> str:
    """The sentence whose opening matches the entry longest, and where they part."""
    shared = {i: len(os.path.commonprefix([wanted, normalise(s.text)])) for i, s in enumerate(sentences)}
    best = max(shared, key=lambda i: shared[i], default=None)
    if best is None or shared[best] < 12:
        return ""
    length = shared[best]
    return (f"; line {sentences[best].line} begins the same up to '…{wanted[max(0, length - 30):length]}' "
            f"and then differs at '{wanted[length:length + 30]}…'")


def format_report(articles: list[Article]) -> str:
    """`file:line: sentence` for each sentence not covered, then a summary line, article by article."""
    lines: list[str] = []
    for article in articles:
        lines.extend(f"{display_path(article.path)}:{s.line}: {s.text}" for s in article.uncovered)
        lines.append(article.summary())
    return "\n".join(lines)
