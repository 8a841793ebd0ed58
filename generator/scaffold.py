"""`python -m generator new claim|actor|source|region`: a new record file, valid and commented.

Values come from options, or are asked for in a terminal. The file is checked with the same loader,
format and references as `check` before it is written, never overwrites another, and its name is printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .load import Document, display_path, parse_yaml
from .problems import Problem, did_you_mean
from .records import (
    ACTOR_KINDS,
    ATTRIBUTION_LEVELS,
    CHANGE_TYPES,
    CLAIM_KINDS,
    FOLDERS,
    ID_PATTERN,
    RECORD_NAMES,
    REGION_ROLES,
)
from .schema import schema_file_name
from .validate import to_record


@dataclass(frozen=True)
class Question:
    name: str  # the option, e.g. 'actor'
    prompt: str
    default: str | None = None
    choices: tuple[str, ...] = ()
    reference: str | None = None  # the folder whose ids the answer must be one of


QUESTIONS: dict[str, list[Question]] = {
    "claim": [
        Question("kind", "What sort of claim", "statement", CLAIM_KINDS),
        Question("actor", "Who said or did it (an actor id)", reference="actors"),
        Question("summary", "One neutral line saying what was claimed"),
        Question("happened", "When it was said or happened (YYYY-MM-DD, YYYY-MM or YYYY; or a range 2014/2025, "
                             "an open bound ../2025-07)"),
        Question("reported", "When it was first reported (YYYY-MM-DD, YYYY-MM or YYYY)"),
        Question("attribution", "How the source knows", "on-record", ATTRIBUTION_LEVELS),
        Question("source", "The source it comes from (a source id)", reference="sources"),
        Question("quote", "The exact words of that source"),
    ],
    "actor": [
        Question("name", "Name, as readers know it"),
        Question("kind", "What sort of actor", "person", ACTOR_KINDS),
    ],
    "source": [
        Question("publisher", "Publisher ('unknown' if the text does not name it)"),
        Question("title", "Headline, exactly as published"),
        Question("published", "Publication date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ],
    "region": [
        Question("iso", "ISO 3166-2 code, e.g. UA-14"),
        Question("name", "English name, e.g. Donetsk Oblast"),
        Question("name_uk", "Ukrainian name, e.g. Донецька область"),
    ],
}


def slug(text: str, limit: int = 60) -> str:
    """'Putin demands all of Donetsk!' → 'putin-demands-all-of-donetsk' (an id: a-z, digits, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    result = ""
    for word in words:
        if len(result) + len(word) + 1 > limit:
            break
        result = f"{result}-{word}" if result else word
    return result


def _scalar(value: str) -> str:
    # Quoted as YAML needs: a summary may hold ': ' or start with a quote mark.
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return str(dumped).removesuffix("\n...\n").strip()


def _date(value: str) -> str:
    return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else _scalar(value)


def render(kind: str, v: dict[str, str]) -> str:
    """The file's text: the answers, with the optional fields shown as comments to fill in."""
    header = f"# yaml-language-server: $schema=../schema/{schema_file_name(FOLDERS[kind])}\n"
    if kind == "claim":
        return header + f"""\
# One claim: one assertion, with the exact words of each source that reports it. See CONTRIBUTING.md.
kind: {v['kind']}  # {', '.join(CLAIM_KINDS)}
actor: {v['actor']}  # who said or did it: a file name in content/actors/
# co_actors: [france]  # for a joint statement: the others who made it with the actor
# addressees: [putin, zelensky]  # to whom it was said or done: every one the source names
summary: {_scalar(v['summary'])}
# issue: territory.russia-demands  # threads positions on one question over time
# regions:
#   - region: donetsk
#     role: demanded  # {', '.join(REGION_ROLES)}
dates:
  happened:
    date: {_date(v['happened'])}  # only as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY; no single date: 2014/2025, ../2025-07
    basis: stated  # or: inferred, with a note saying how, e.g. note: The article, of 2025-07-14, says "Monday".
  reported:
    date: {_date(v['reported'])}
    basis: stated
  # deadline:  # a deadline the claim sets: "within 60 days", "by year-end"
  #   date: 2025-09
  #   basis: inferred
  #   note: '"within 60 days" of the call'
  # scheduled:  # the date something is scheduled for: "a phone call scheduled for Monday" (not a deadline)
  #   date: 2025-05-19
  #   basis: inferred
  #   note: '"on Monday": the first Monday after the article'
attribution:
  level: {v['attribution']}  # {', '.join(ATTRIBUTION_LEVELS)}
  # detail: two senior officials familiar with the call
sources:
  - source: {v['source']}
    quote: {_scalar(v['quote'])}
    # via: axios-report  # the original report this source relays (listed in the source's cites)
# change:  # only where the regions and kinds do not say how this position moved from the side's previous one
#   type: softened  # {', '.join(CHANGE_TYPES)}
#   reason: drops the demand for a deadline
# cameo: "04"  # an action's or event's CAMEO event root code, by what was done: "04" talks or a call, "19" fighting
"""
    if kind == "actor":
        return header + f"""\
name: {_scalar(v['name'])}
kind: {v['kind']}  # {', '.join(ACTOR_KINDS)}
# represents: russia  # the state or organisation this person speaks for
# roles:
#   - title: President of Russia
# wikidata: Q7747
"""
    if kind == "source":
        return header + f"""\
publisher: {_scalar(v['publisher'])}
title: {_scalar(v['title'])}
# author: Jane Doe
published:
  date: {_date(v['published'])}
  basis: stated  # or: inferred, with a note saying how
language: en
# url: https://example.org/article
seen: true  # false if known only through another source that cites it
# text_copy: 001_article.txt  # the plain-text copy `check --quotes DIR` compares quotes with
# left_out:  # sentences of that copy no claim quotes on purpose; `coverage DIR` lists the rest
#   - text: '- Advertisement -'  # the sentence or its opening words, exactly as in the copy
#     reason: advertising  # page furniture, byline, advertising, off-topic…
# cites:
#   - axios-report  # sources this one relays
"""
    return header + f"""\
iso: {_scalar(v['iso'])}
name: {_scalar(v['name'])}
name_uk: {_scalar(v['name_uk'])}
"""


def create(kind: str, content_dir: Path, values: dict[str, str | None], record_id: str | None,
           ask: Callable[[Question], str] | None) -> tuple[Path | None, list[str]]:
    """Write the new record; return its path, or None and the problems that stop it."""
    answers: dict[str, str] = {}
    missing = []
    for question in QUESTIONS[kind]:
        value = values.get(question.name)
        if value is None and ask is not None:
            value = ask(question)
        if value is None or not value.strip():
            value = question.default
        if value is None:
            missing.append(f"--{question.name.replace('_', '-')}")
            continue
        answers[question.name] = value.strip()
    if missing:
        return None, [f"missing: {', '.join(missing)} (give them as options, or run in a terminal to be asked)"]
    folder = FOLDERS[kind]
    naming = answers.get("summary") or answers.get("name") or answers.get("title") or answers.get("publisher", "")
    record_id = record_id or slug(naming)
    path = content_dir / folder / f"{record_id}.yaml"
    if path.exists():
        return None, [f"{display_path(path)} already exists; choose another id with --id"]
    text = render(kind, answers)
    problems = _problems(text, path, folder, record_id, answers, content_dir)
    if problems:
        return None, [str(problem) for problem in problems]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # 'x': never replace a file that appeared meanwhile
        handle.write(text)
    return path, []


def _problems(text: str, path: Path, folder: str, record_id: str, answers: dict[str, str],
              content_dir: Path) -> list[Problem]:
    """The same checks as `check`, for the one new file: id, format and the references it makes."""
    shown = display_path(path)
    if not re.fullmatch(ID_PATTERN, record_id):
        return [Problem(shown, 1, 1, "", f"'{record_id}' is not an id: use lower-case letters a-z, digits and hyphens")]
    data, positions, problems = parse_yaml(text, shown)
    if problems or data is None:
        return problems
    document = Document(shown, folder, record_id, data, positions)
    _, problems = to_record(document)
    for question in QUESTIONS[RECORD_NAMES[folder]]:
        if question.reference is None:
            continue
        known = sorted(p.stem for p in (content_dir / question.reference).glob("*.yaml"))
        if answers[question.name] not in known:
            hint = did_you_mean(answers[question.name], known)
            where = ("sources", 0, "source") if question.name == "source" else (question.name,)
            problems.append(document.problem(
                where, f"unknown {RECORD_NAMES[question.reference]} '{answers[question.name]}'{hint}"))
    return problems
