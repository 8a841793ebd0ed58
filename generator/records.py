"""The record format: the one definition of what editors write in `content/`.

Each record type is a pydantic model. Validation of a single file, the JSON Schemas in
`content/schema/` and the documentation of every field all come from these classes.
References between records (an actor id, a source id) are checked later, in `validate`,
once every file has been read.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .date_span import FORMS, DateSpan, is_extended, parse_span
from .partial_date import PartialDate

K = TypeVar("K")
T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISSUE_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$"
_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

RecordId = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="The id of another record: its file name without `.yaml`."),
]


@dataclass(frozen=True)
class RefersTo:
    """Marks an id as naming a record of `folder`: `validate` checks that the record exists (`references`)."""

    folder: str


ActorId = Annotated[RecordId, RefersTo("actors")]
RegionId = Annotated[RecordId, RefersTo("regions")]
SourceId = Annotated[RecordId, RefersTo("sources")]
ClaimId = Annotated[RecordId, RefersTo("claims")]


# Control characters (other than line breaks and tabs) and the two non-characters cannot be shown, and are
# not allowed in HTML or XML documents: text pasted from elsewhere sometimes carries them.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF])
# YAML reads NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) as line breaks, as it
# reads a newline: the text keeps them as line breaks (NEL, a C1 control character, becomes a newline).
_INVISIBLE[0x85] = "\n"


def visible_text(value: str) -> str:
    """The text without characters that cannot be shown; NEL becomes the line break it is to YAML."""
    return value.translate(_INVISIBLE)


def _one_line(value: object) -> object:
    # YAML folded and block scalars keep line breaks, of every kind YAML knows (newline, NEL, U+2028,
    # U+2029); a summary is shown on one line, each break and run of spaces as one space. Done before the
    # length check, so that a value of spaces alone is reported as empty.
    return " ".join(visible_text(value).split()) if isinstance(value, str) else value


def _trimmed(value: object) -> object:
    return visible_text(value).strip() if isinstance(value, str) else value


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s]*$", value, flags=re.IGNORECASE):
        raise ValueError(f"'{value}' is not an http:// or https:// address")
    return value


Text = Annotated[str, BeforeValidator(_one_line), Field(min_length=1)]
Prose = Annotated[str, BeforeValidator(_trimmed), Field(min_length=1)]
HttpUrl = Annotated[
    str,
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "format": "uri"}),
]
def _happened(value: object) -> PartialDate | DateSpan:
    # Plain dates never reach the EDTF parser: it is slow, and they are nearly all of them.
    if isinstance(value, str) and is_extended(value.strip()):
        return parse_span(value.strip())
    return PartialDate.parse(value)


_EDTF_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?[?~%]?|(\.\.|\d{4}(-\d{2}(-\d{2})?)?)/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))$"

DateOrSpan = Annotated[
    PartialDate | DateSpan,
    BeforeValidator(_happened),
    PlainSerializer(lambda d: d.iso, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _EDTF_PATTERN,
            "description": f"{FORMS}: the form is the precision.",
        }
    ),
]
Date = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(lambda d: d.iso, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _DATE_PATTERN,
            "description": "YYYY-MM-DD, YYYY-MM or YYYY: the form is the precision.",
        }
    ),
]


class Record(BaseModel):
    """Shared settings: unknown fields are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    renamed: ClassVar[dict[str, str]] = {}
    """Fields of an earlier edition of the format → how to write them now; `{value}` is the value typed
    (`validate.py` tells editors instead of calling the field unknown)."""


def _an_id(value: str) -> str:
    if not re.match(ID_PATTERN, value):
        raise ValueError(f"'{value}' is not an id: lower-case letters a-z, digits and single hyphens, "
                         "as in a record's file name")
    return value


Alias = Annotated[str, AfterValidator(_an_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]


class Correction(Record):
    date: Date = Field(description="When the record was corrected (YYYY-MM-DD).")
    note: Text = Field(description="What was wrong and what was changed, for readers.")
    note_uk: Text | None = Field(None, description="The note in Ukrainian.")

    @field_validator("date")
    @classmethod
    def _a_day(cls, value: PartialDate) -> PartialDate:
        if value.precision != "day":
            raise ValueError(f"'{value.iso}' names no day: a correction is dated YYYY-MM-DD")
        check_date_range(value)
        return value


class PagedRecord(Record):
    """A record with a page of its own, whose address readers cite (see `aliases.py`)."""

    aliases: list[Alias] = Field(
        default_factory=list,
        description="Ids this record had before it was renamed, or of records merged into it: each old address "
        "leads to this record's page.",
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="Corrections made to this record after it was published, oldest first: "
        "shown on its page and on the site's corrections page."
    )


# --- actors -----------------------------------------------------------------------------------


ActorKind = Literal["person", "state", "organisation", "media-outlet"]


class Role(Record):
    title: Text = Field(description="The role or title as the sources give it, e.g. 'President of Russia'.")
    title_uk: Text | None = Field(None, description="The title in Ukrainian, e.g. 'Президент Росії'.")
    start: Date | None = Field(None, description="When the actor took up the role, where a source says.")
    end: Date | None = Field(None, description="When the actor left the role, where a source says.")


class Actor(PagedRecord):
    """A person, state, organisation or media outlet that says or does something."""

    name: Text = Field(description="The name readers know, e.g. 'Vladimir Putin'.")
    name_uk: Text | None = Field(None, description="The name in Ukrainian usage, e.g. 'Володимир Путін'.")
    kind: ActorKind = Field(description="What sort of actor.")
    represents: ActorId | None = Field(
        None, description="The actor (a state or organisation) this person speaks for, e.g. 'russia'."
    )
    roles: list[Role] = Field(default_factory=list, description="Roles and titles, as the sources give them.")
    wikidata: str | None = Field(None, pattern=r"^Q[1-9]\d*$", description="Wikidata item, e.g. 'Q7747'.")


# --- regions ----------------------------------------------------------------------------------


class Region(PagedRecord):
    """A first-level region of Ukraine."""

    iso: str = Field(pattern=r"^UA-\d{2}$", description="ISO 3166-2 code, e.g. 'UA-14' for Donetsk.")
    name: Text = Field(description="English name, e.g. 'Donetsk Oblast'.")
    name_uk: Text = Field(description="Ukrainian name, e.g. 'Донецька область'.")


# --- sources ----------------------------------------------------------------------------------


class SourceDate(Record):
    date: Date
    basis: Literal["stated", "inferred"] = Field(description="'stated' if the text gives the date.")
    note: Text | None = Field(None, description="How an inferred date was worked out.")
    note_uk: Text | None = Field(None, description="The note in Ukrainian.")

    @field_validator("date")
    @classmethod
    def _in_range(cls, value: PartialDate) -> PartialDate:
        check_date_range(value)
        return value

    @model_validator(mode="after")
    def _inferred_needs_note(self) -> SourceDate:
        if self.basis == "inferred" and not self.note:
            raise ValueError("an inferred date needs a note saying how it was inferred")
        return self


class LeftOut(Record):
    """A sentence of the article that no claim quotes, on purpose: the coverage report does not list it."""

    text: Text = Field(
        description="The sentence, or its opening words, exactly as in the article (several sentences in a row may "
        "be given at once); `coverage DIR` must find it at the start of a sentence."
    )
    reason: Text = Field(
        max_length=120,
        description="Why it is left out, in a short line: page furniture, byline, advertising, off-topic, …",
    )


class Source(PagedRecord):
    """A publication: an article read directly, or one known only because another relays it."""

    publisher: Text = Field(description="Who published it; 'unknown' when the text does not say.")
    title: Text | None = Field(None, description="The headline, exactly as published.")
    title_uk: Text | None = Field(None, description="The headline translated into Ukrainian (shown beside the original).")
    author: Text | None = Field(None, description="Byline, where the text gives one.")
    published: SourceDate | None = Field(None, description="Publication date, where known.")
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="ISO 639 code, e.g. 'en'.")
    url: HttpUrl | None = Field(None, description="Where it can be read (http or https only).")
    seen: bool = Field(description="true if its text was read; false if known only through a source citing it.")
    cites: list[SourceId] = Field(default_factory=list, description="Sources this one relies on.")
    text_copy: str | None = Field(
        None,
        pattern=r"^[\w.-]+$",
        description="File name of the editors' plain-text copy of the article, kept outside the repository; "
        "`check --quotes DIR` looks for every quote from this source in DIR/<text_copy>.",
    )
    note: Prose | None = Field(None, description="Anything a reader should know about this source.")
    note_uk: Prose | None = Field(None, description="The note in Ukrainian.")
    left_out: list[LeftOut] = Field(
        default_factory=list,
        description="Sentences of the text copy that no claim quotes on purpose, each with the reason; "
        "`coverage DIR` lists every other sentence no claim quotes.",
    )


# --- claims -----------------------------------------------------------------------------------

ClaimKind = Literal[
    "demand", "offer", "refusal", "threat", "intent", "proposal", "statement", "assessment", "action", "event"
]
RegionRole = Literal["demanded", "offered", "occupied", "claimed", "attacked", "threatened", "mentioned"]
AttributionLevel = Literal[
    "on-record", "official-readout", "document", "outlet", "analyst", "unnamed-sources"
]
Standing = Literal["reported", "confirmed", "disputed", "denied", "superseded"]
RelationType = Literal["supersedes", "narrows", "contradicts", "responds-to", "pairs-with"]
CameoCode = Literal[
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"
]
"""The root codes of the CAMEO event coding scheme (Conflict and Mediation Event Observations), as GDELT and
ACLED users know them: 10 is a demand, 12 a rejection (see `cameo.py`)."""
ChangeType = Literal["new", "restated", "hardened", "softened", "narrowed", "widened", "reversed", "withdrawn"]
"""How a position moved from the same side's previous one on the same issue (see `positions.py`)."""


class RegionMention(Record):
    region: RegionId = Field(description="The region's id, e.g. 'donetsk'.")
    role: RegionRole = Field(
        "mentioned", description="What the claim says of the region: demanded, offered (in exchange), occupied…"
    )


EARLIEST_YEAR = 1991
"""Ukraine's independence: nothing this site records happened or was reported before it."""


def check_date_range(date: PartialDate, future_allowed: bool = False) -> None:
    if date.year < EARLIEST_YEAR:
        raise ValueError(f"'{date.iso}' is before {EARLIEST_YEAR}, the earliest year this site records")
    today = dt.date.today()
    start = (date.year, date.month or 1, date.day or 1)
    if not future_allowed and start > (today.year, today.month, today.day):
        raise ValueError(f"'{date.iso}' is in the future; only a deadline or a scheduled date may be")


class ClaimDate(Record):
    date: Date
    basis: Literal["stated", "inferred"] = Field(description="'stated' if the article gives the date.")
    note: Text | None = Field(None, description="How an inferred date was worked out, quoting the article.")
    note_uk: Text | None = Field(None, description="The note in Ukrainian (quotes stay in the article's language).")

    @model_validator(mode="after")
    def _inferred_needs_note(self) -> ClaimDate:
        if self.basis == "inferred" and not self.note:
            raise ValueError("an inferred date needs a note saying how it was inferred")
        return self


class HappenedDate(ClaimDate):
    date: DateOrSpan  # type: ignore[assignment]  # a range or bound is allowed here, and only here


class ClaimDates(Record):
    """The dates of a claim, each field a kind of date: a deadline the claim sets is not the date a call is
    scheduled for, and a field of its own for each keeps the kind and the date from disagreeing."""

    happened: HappenedDate = Field(
        description="When it was said or happened: a date, or where the article gives no single date, an EDTF "
                    "range (2014/2025), open bound (../2025-05-19) or uncertain date (2025-05?).")
    reported: ClaimDate = Field(description="When it was first reported.")
    deadline: ClaimDate | None = Field(
        None, description="A deadline the claim sets or names: a date by which something must or will be done "
                          "(\"within 60 days\", \"by year-end\").")
    scheduled: ClaimDate | None = Field(
        None, description="The date something the claim speaks of is scheduled or planned for (\"a phone call "
                          "scheduled for Monday\"): not a deadline.")

    @field_validator("happened", "reported")
    @classmethod
    def _in_range(cls, value: ClaimDate) -> ClaimDate:
        for bound in (value.date.earliest, value.date.latest):
            if bound is not None:
                check_date_range(bound)
        return value

    @field_validator("deadline", "scheduled")
    @classmethod
    def _deadline_in_range(cls, value: ClaimDate | None) -> ClaimDate | None:
        if value is not None:
            check_date_range(value.date, future_allowed=True)
        return value

    @model_validator(mode="after")
    def _reported_after_it_happened(self) -> ClaimDates:
        happened, reported = self.happened.date.earliest, self.reported.date
        if happened is None:  # "on or before": it cannot have begun after its report
            return self
        common = min(happened.precision_rank, reported.precision_rank)
        if reported.truncated(common) < happened.truncated(common):
            raise ValueError(f"reported ({reported.iso}) before it happened ({self.happened.date.iso})")
        return self


class Attribution(Record):
    level: AttributionLevel = Field(
        description=(
            "on-record: the actor said it publicly; official-readout: a government's account; document: a text; "
            "outlet: the outlet's own reporting; analyst: an expert's view; unnamed-sources: anonymous sources."
        )
    )
    detail: Text | None = Field(None, description="As the article puts it, e.g. 'two senior officials'.")
    detail_uk: Text | None = Field(None, description="The detail in Ukrainian, e.g. 'двоє високопосадовців'.")


class Relation(Record):
    type: RelationType = Field(description="How this claim relates to the other one.")
    claim: ClaimId = Field(description="The other claim's id.")


class QuoteTranslation(Record):
    """A quote's words in another language than its source's: a reader sees both, and who translated."""

    text: Text = Field(description="The translation.")
    translator: Text = Field(description="Who translated it: a person, or the newsroom's desk, e.g. 'The editors'.")


class Citation(Record):
    source: SourceId = Field(description="The source (publication) the quote comes from.")
    quote: Text = Field(description="The exact words of that source supporting the claim.")
    quote_uk: QuoteTranslation | None = Field(
        None, description="A Ukrainian translation of the quote, with its translator; the original is always shown.")
    via: SourceId | None = Field(
        None, description="The source this one relays for this claim (must be among its `cites`)."
    )


class PositionChange(Record):
    type: ChangeType = Field(
        description="new, restated, hardened, softened, narrowed, widened, reversed or withdrawn: how this position "
        "moved from the same side's previous one on the issue."
    )
    reason: Text = Field(max_length=200, description="Why, in one short line for readers, e.g. 'drops the demand "
                         "for a deadline'.")
    reason_uk: Text | None = Field(None, max_length=200, description="The reason in Ukrainian.")


class Claim(PagedRecord):
    """Something a source says was said or happened.

    A claim has one principal `actor` (whose thread it continues, whose name leads its lines) and, for a joint
    statement, the `co_actors` who made it with them; `addressees` are everyone it was said or done to."""

    renamed: ClassVar[dict[str, str]] = {
        "addressee": "`addressee` is now `addressees`, a list: write `addressees: [{value}]`",
    }

    kind: ClaimKind = Field(description="What sort of assertion.")
    actor: ActorId = Field(description="Who said or did it; for a joint statement, the party named first.")
    co_actors: list[ActorId] = Field(
        default_factory=list,
        description="The others who said or did it together with `actor` (a joint statement), e.g. ['france'].")
    addressees: list[ActorId] = Field(
        default_factory=list, description="To whom it was said or done, every one the source names, e.g. "
                                          "['putin', 'zelensky'].")
    summary: Text = Field(max_length=300, description="One neutral line saying what was claimed.")
    summary_uk: Text | None = Field(None, max_length=300, description="The summary in Ukrainian: the same meaning, "
                                                                      "nothing more.")
    text: Prose | None = Field(None, description="Longer explanation, where one helps.")
    text_uk: Prose | None = Field(None, description="The longer explanation in Ukrainian.")
    issue: str | None = Field(
        None, pattern=ISSUE_PATTERN, description="Threads positions over time, e.g. 'territory.donetsk'."
    )
    regions: list[RegionMention] = Field(default_factory=list, description="Regions the claim concerns.")
    dates: ClaimDates
    attribution: Attribution
    standing: Standing = Field("reported", description="Where the claim stands now.")
    relations: list[Relation] = Field(default_factory=list, description="Links to other claims.")
    sources: list[Citation] = Field(min_length=1, description="Each source with its supporting quote.")
    cameo: Annotated[CameoCode, WithJsonSchema({
        "anyOf": [{"enum": list(get_args(CameoCode))}, {"type": "integer", "minimum": 1, "maximum": 20}]})
    ] | None = Field(
        None,
        description="The CAMEO event root code, two digits, where the kind does not give it (an action or an event: "
        "'04' for talks or a call, '19' for fighting) or gives the wrong one; see the Data page.",
    )
    change: PositionChange | None = Field(
        None,
        description="Sets how this position moved from the side's previous one on the issue, where the regions and "
        "kinds of the two claims do not decide it (or decide it wrongly); with a short reason.",
    )

    @field_validator("cameo", mode="before")
    @classmethod
    def _two_digits(cls, value: Any) -> Any:
        # YAML reads `cameo: 4` and `cameo: 04` as the number 4: the code is the same, written in two digits.
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:02d}"
        return value

    @property
    def actors(self) -> list[str]:
        """Everyone who made the claim: the principal actor first, then the co-actors."""
        return [self.actor, *self.co_actors]


# --- sides and questions: the columns and rows of the positions table -------------------------


class Side(Record):
    """A party to the negotiations: a column of the positions table, gathering the actors who speak for it."""

    name: Text = Field(description="The column's heading, e.g. 'Russia'.")
    name_uk: Text | None = Field(None, description="The heading in Ukrainian, e.g. 'Росія'.")
    members: list[ActorId] = Field(
        min_length=1,
        description="Actors whose claims are this side's positions, e.g. ['russia']; a person who `represents` "
        "one of them speaks for the side too.",
    )
    order: int = Field(100, ge=0, description="Columns are shown by this number, then by id.")


class Question(Record):
    """A negotiated question: the heading under which the issue keys beginning with this record's id are shown.

    The file `territory.yaml` gathers `territory.russia-demands`, `territory.annexation`, …"""

    label: Text = Field(description="The question as readers see it, e.g. 'Territory'.")
    label_uk: Text | None = Field(None, description="The label in Ukrainian, e.g. 'Територія'.")
    order: int = Field(100, ge=0, description="Questions are shown by this number, then by id.")
    issues: dict[str, Text] = Field(
        default_factory=dict,
        description="Readable labels for issue keys of this question, e.g. "
        "{'territory.russia-demands': \"Russia's territorial demands\"}.",
    )
    issues_uk: dict[str, Text] = Field(
        default_factory=dict,
        description="The same labels in Ukrainian, for keys that `issues` labels, e.g. "
        "{'territory.russia-demands': 'Територіальні вимоги Росії'}.",
    )

    @model_validator(mode="after")
    def _translates_labels_it_has(self) -> Question:
        unlabelled = sorted(set(self.issues_uk) - set(self.issues))
        if unlabelled:
            raise ValueError(f"issues_uk translates {', '.join(repr(k) for k in unlabelled)}, which `issues` does not "
                             "label: give the English label there first")
        return self


RECORD_TYPES: dict[str, type[Record]] = {
    "actors": Actor,
    "regions": Region,
    "sources": Source,
    "claims": Claim,
    "sides": Side,
    "questions": Question,
}
"""Folder of `content/` → the record type its YAML files hold."""

RECORD_NAMES: dict[str, str] = {folder: model.__name__.lower() for folder, model in RECORD_TYPES.items()}
"""Folder → what one of its records is called: 'claims' → 'claim' (in messages, schema names, `new claim`)."""

FOLDERS: dict[str, str] = {name: folder for folder, name in RECORD_NAMES.items()}
"""What a record is called → its folder: 'claim' → 'claims'."""

# The vocabularies editors choose from, in the order the record format gives them.
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
ATTRIBUTION_LEVELS: tuple[str, ...] = get_args(AttributionLevel)
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
REGION_ROLES: tuple[str, ...] = get_args(RegionRole)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
STANDINGS: tuple[str, ...] = get_args(Standing)
CHANGE_TYPES: tuple[str, ...] = get_args(ChangeType)
CAMEO_CODES: tuple[str, ...] = get_args(CameoCode)

def one_for_each(values: tuple[K, ...], table: dict[K, T]) -> dict[K, T]:
    """`table`, checked to have an entry for each of `values` and for nothing else (a vocabulary's labels)."""
    if set(table) != set(values):
        missing, unknown = [v for v in values if v not in table], [key for key in table if key not in values]
        raise ValueError(f"the table does not match the vocabulary: missing {missing}, unknown {unknown}")
    return table


FieldPattern = tuple[str, ...]
"""A field's place in a record, '*' standing for every item of a list: ('sources', '*', 'via')."""


def references(model: type[Record]) -> list[tuple[FieldPattern, str]]:
    """Where a record type names other records: (where the id is, the folder it names), in field order."""
    found: list[tuple[FieldPattern, str]] = []
    for name, field in model.model_fields.items():
        marks = [mark.folder for mark in field.metadata if isinstance(mark, RefersTo)]
        found += [((name,), folder) for folder in marks] or _references_in(field.annotation, (name,))
    return found


def _references_in(annotation: Any, path: FieldPattern) -> list[tuple[FieldPattern, str]]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        marks = [mark.folder for mark in args[1:] if isinstance(mark, RefersTo)]
        return [(path, folder) for folder in marks] or _references_in(args[0], path)
    if origin is list:
        return _references_in(args[0], (*path, "*"))
    if origin in (Union, types.UnionType):
        return [found for arg in args for found in _references_in(arg, path)]
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return [((*path, *inner), folder) for inner, folder in references(annotation)]
    return []


def schema_for(model: type[Record]) -> dict[str, Any]:
    """JSON Schema draft-07 for one record type (editors' YAML language server ignores newer keywords)."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", None)
    result: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
    if definitions:
        result["definitions"] = definitions
    return result
