"""The site's languages: the English edition at the site's root, the Ukrainian one under `uk/`, with the same
paths below it (`uk/claims/<id>/` for `claims/<id>/`).

An edition is the words the generator writes in one language: its messages (gettext catalogs in
`generator/locale/`, read with Babel; English is the source language and needs none), its plural rules
and its dates (Babel's CLDR data: "3 липня 2025", "липень 2025"). Records' own texts in each language are
chosen by `localized.py`.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass, field
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .date_span import DateSpan
from .partial_date import PartialDate

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is written (a table of labels) and translated where used."""
    return message


@cache
def _translations(code: str) -> gettext.NullTranslations:
    """The catalog of a language, compiled from its `.po` file when first needed: no compiled file to keep in
    step with the text an editor of translations changes."""
    po_file = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_file.is_file():
        return gettext.NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a translation marked fuzzy is not yet checked: not shown
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@dataclass(frozen=True)
class Edition:
    code: str  # BCP 47, as in <html lang> and hreflang
    prefix: str  # the folder of its pages below the site's root: '' or 'uk/'
    name: str  # in its own language, for the language selector
    _catalog: gettext.NullTranslations | None = field(default=None, compare=False, repr=False)

    @property
    def translations(self) -> gettext.NullTranslations:
        return self._catalog if self._catalog is not None else _translations(self.code)

    @property
    def is_source(self) -> bool:
        """The language the records and templates are written in: nothing to translate."""
        return self.code == "en"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def counted(self, count: int, singular: str, plural: str) -> str:
        """A count with its noun in the plural form of the language: messages are written with '%(num)d'."""
        return self.ngettext(singular, plural, count) % {"num": count}

    def path(self, path: str) -> str:
        """A path of the site in this edition: 'claims/x.md' → 'uk/claims/x.md'."""
        return self.prefix + path

    def unprefixed(self, path: str) -> str:
        """The same page's path in the source language: 'uk/claims/x.md' → 'claims/x.md'."""
        return path.removeprefix(self.prefix) if self.prefix else path

    def date(self, date: PartialDate | DateSpan) -> str:
        """How a reader of this edition sees a date: '3 July 2025', 'липень 2025', 'не пізніше травня 2025'."""
        return _date_label(self.code, date) if isinstance(date, PartialDate) else self._span(date)

    def month(self, year: int, month: int) -> str:
        return _date_label(self.code, PartialDate(year, month))

    def _span(self, span: DateSpan) -> str:
        if span.qualifier:
            assert span.start is not None
            return self.gettext(_QUALIFIER_WORDS[span.qualifier]).format(date=self.date(span.start))
        if span.start is None:
            assert span.end is not None
            return self.gettext("on or before {date}").format(date=_date_label(self.code, span.end, within=True))
        if span.end is None:
            return self.gettext("on or after {date}").format(date=_date_label(self.code, span.start, within=True))
        return self.gettext("between {start} and {end}").format(
            start=_date_label(self.code, span.start, within=True), end=_date_label(self.code, span.end, within=True))


_QUALIFIER_WORDS = {"?": N_("{date} (uncertain)"), "~": N_("{date} (approximate)"),
                    "%": N_("{date} (uncertain and approximate)")}


@lru_cache(maxsize=65536)
def _date_label(code: str, date: PartialDate, within: bool = False) -> str:
    """A date at its precision in the language's own form (CLDR, through Babel). `within` a phrase, a month
    takes the form the phrase's grammar needs ('не пізніше травня 2025'); alone, the standalone form
    ('травень 2025')."""
    if date.month is None:
        return str(date.year)
    day = dt.date(date.year, date.month, date.day or 1)
    if date.day is None:
        return format_date(day, "MMMM y" if within else "LLLL y", locale=code)
    return format_date(day, "d MMMM y", locale=code)


ENGLISH = Edition("en", "", "English")
UKRAINIAN = Edition("uk", "uk/", "Українська")
EDITIONS: tuple[Edition, ...] = (ENGLISH, UKRAINIAN)
"""Every edition the site is built in, the source language first."""


def edition_of(path: str) -> Edition:
    """The edition a page of the site belongs to, by its path ('uk/claims/x.md' → Ukrainian)."""
    return next((edition for edition in EDITIONS[1:] if path.startswith(edition.prefix)), ENGLISH)
