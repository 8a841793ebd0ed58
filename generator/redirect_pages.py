"""The pages left at old addresses: for each alias of a record, a small HTML page at `claims/<old-id>/` that
takes the reader on to the record's page.

They are files published as they are, like feeds, rather than pages of the site: MkDocs lists every page
in the sitemap and Material indexes every page for search (and a dirty build does not read the metadata
of the pages it skips, so no template could leave them out reliably). A file is in neither. Each names
the record's page as canonical, refreshes to it, and says `noindex`; the part a reader sees goes through
the same sanitizer as every generated page (`sanitize.py`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
from markupsafe import Markup

from .aliases import Redirect, redirects
from .catalog import Catalog
from .labels import source_title
from .outputs import OutputFile
from .sanitize import sanitize

TEMPLATE = "redirect.html.j2"
BODY_TEMPLATE = "_redirect_body.html.j2"



def build_redirect_pages(catalog: Catalog, templates_dir: Path, site_name: str,
                         site_url: str | None) -> list[OutputFile]:
    """A page at every old address of a record."""
    found = redirects(catalog)
    if not found:
        return []
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(catalog.edition.translations, newstyle=True)  # type: ignore[attr-defined]
    page, body = env.get_template(TEMPLATE), env.get_template(BODY_TEMPLATE)
    return [_page(catalog, redirect, page, body, site_name, site_url) for redirect in found]


def redirect_target(redirect: Redirect) -> str:
    """The record's page, relative to the old address: '../new-id/'."""
    return posixpath.relpath(redirect.new_address, redirect.old_address) + "/"


def _title(catalog: Catalog, redirect: Redirect) -> str:
    if redirect.folder == "claims":
        return catalog.claims[redirect.new_id].summary
    if redirect.folder == "sources":
        return source_title(catalog.sources[redirect.new_id], catalog.edition)
    table = catalog.actors if redirect.folder == "actors" else catalog.regions
    return table[redirect.new_id].name


def _page(catalog: Catalog, redirect: Redirect, page: jinja2.Template, body: jinja2.Template,
          site_name: str, site_url: str | None) -> OutputFile:
    target, title = redirect_target(redirect), _title(catalog, redirect)
    edition = catalog.edition
    canonical = f"{site_url.rstrip('/')}/{edition.path(redirect.new_address)}" if site_url else target
    shown = sanitize(body.render(folder=redirect.folder, target=target, title=title))
    html = page.render(title=title, site_name=site_name, target=target, canonical=canonical, body=Markup(shown),
                       lang=edition.code)
    return OutputFile(redirect.old_address + "index.html", html.encode("utf-8"))
