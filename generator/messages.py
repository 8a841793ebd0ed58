"""The messages the generator writes, for translators: extracted from the templates and the Python code with
Babel, kept in one gettext catalog per edition (`generator/locale/<code>/LC_MESSAGES/messages.po`).

`python -m generator messages` brings each catalog up to date with the code (new messages added untranslated,
messages no longer used dropped, translations kept); `--check` changes nothing and lists what is missing, which
is how the tests keep every edition complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .editions import DOMAIN, EDITIONS, LOCALE_DIR, Edition

PACKAGE_DIR = Path(__file__).parent
ROOT = PACKAGE_DIR.parent
TEMPLATES_DIR = ROOT / "theme" / "templates"

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "counted": (2, 3)}
"""`_()`, `gettext()`, `ngettext()`; `N_()` marks a label written in a table; `counted(n, singular, plural)`."""

_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true",
                  "newstyle_gettext": "true"}


def extracted() -> Catalog:
    """Every message of the code and the templates, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="explainer", charset="utf-8")
    sources: tuple[tuple[Path, list[tuple[str, str]], dict[str, dict[str, str]]], ...] = ((PACKAGE_DIR, [("**.py", "python")], {}),
               (TEMPLATES_DIR, [("**.j2", "jinja2")], {"**.j2": _JINJA_OPTIONS}))
    for folder, methods, options in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                folder, methods, options, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
            where = (Path(folder, filename).relative_to(ROOT).as_posix(), lineno)
            catalog.add(message, None, [where], auto_comments=comments, context=context)
    return catalog


def po_file(edition: Edition) -> Path:
    return LOCALE_DIR / edition.code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(edition: Edition) -> Catalog:
    path = po_file(edition)
    if not path.is_file():
        return Catalog(locale=edition.code, domain=DOMAIN, project="explainer", version="1", charset="utf-8",
                       header_comment=f"# The generator's words in the '{edition.code}' edition: "
                                      "`python -m generator messages` keeps this file up to date with the code.",
                       fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=edition.code, domain=DOMAIN)


@dataclass(frozen=True)
class Gaps:
    """What a catalog lacks against the code: messages without a (checked) translation, and stale ones."""

    untranslated: list[str]
    unused: list[str]

    def lines(self, path: str) -> Iterable[str]:
        for message in self.untranslated:
            yield f"{path}: not translated yet: {message!r}"
        for message in self.unused:
            yield f"{path}: no longer used: {message!r}"


def gaps(edition: Edition, template: Catalog | None = None) -> Gaps:
    template = template or extracted()
    catalog = read_catalog(edition)
    wanted = {message.id for message in template if message.id}
    present = {message.id: message for message in catalog if message.id}
    untranslated = [_key(mid) for mid in wanted
                    if mid not in present or present[mid].fuzzy or not _translated(present[mid].string)]
    unused = [_key(mid) for mid in present if mid not in wanted]
    return Gaps(sorted(untranslated), sorted(unused))


def update(edition: Edition, template: Catalog | None = None) -> Path:
    """Bring one edition's catalog up to date with the code (translations kept, new ones left empty)."""
    template = template or extracted()
    catalog = read_catalog(edition)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
    catalog.obsolete.clear()
    path = po_file(edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = BytesIO()
    # Without line numbers: a message moved within its file leaves the catalog as it was.
    write_po(out, catalog, width=116, omit_header=False, sort_output=False, include_previous=False,
             ignore_obsolete=True, include_lineno=False)
    path.write_bytes(out.getvalue())
    return path


def translated_editions() -> list[Edition]:
    return [edition for edition in EDITIONS if not edition.is_source]


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    return all(string) if isinstance(string, (tuple, list)) else bool(string)
