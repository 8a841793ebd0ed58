"""For the preview only: while the content has problems, every page the browser may have open lists them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2

from .markdown_text import escape_inline
from .page import Page, front_matter
from .pages import INDEX_PAGES


def problem_pages(problems: list[str], paths: Iterable[str], templates_dir: Path) -> list[Page]:
    """The list of problems, at each of `paths` (the pages of the last good build) and every index page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["text"] = escape_inline
    body = env.get_template("problems.md.j2").render(problems=problems)
    description = f"{len(problems)} problems in the content stop the site from building."
    markdown = front_matter("The content has problems", description, {}) + body.strip() + "\n"
    return [Page.of(path, "The content has problems", markdown) for path in sorted(set(paths) | set(INDEX_PAGES))]
