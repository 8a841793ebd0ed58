"""The pages of a corpus by size: `python bench/page_sizes.py PROJECT_DIR [--top N] [--site SITE_DIR]`.

Renders the pages of PROJECT_DIR (a corpus made by bench/make_corpus.py) with the core, as a build does, and
prints the largest pages and, for each page family (the path with its record ids and dates replaced by `*`,
an edition's folder kept), how many pages it has and its largest. The sizes are of the Markdown the core hands
to MkDocs; the HTML of a page is about that plus the theme (20 to 25 KB a page at 1,000 claims), more where
a page is mostly Markdown. With `--site`, the HTML files of a site already built from PROJECT_DIR
(`mkdocs build`) are measured instead, in the same way. No timing: see bench/run.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from generator.editions import EDITIONS

EDITION_FOLDERS = {edition.code for edition in EDITIONS if not edition.is_source}


def family(path: str) -> str:
    """'actors/putin/2025/07/index.md' → 'actors/*/*/*/index.md': the kind of page, whatever it shows; an
    edition's page keeps its folder ('uk/actors/*/*/*/index.md')."""
    parts = path.split("/")
    head = 2 if parts[0] in EDITION_FOLDERS and len(parts) > 1 else 1
    kept = parts[:head] + [part if part in ("index.md", "index.html", "page") else "*" for part in parts[head:]]
    return "/".join(kept)


def markdown_sizes(project: Path) -> list[tuple[int, str]]:
    from generator.pipeline import generate

    pages = generate(project / "content", project / "theme" / "templates").pages
    return [(len(page.markdown.encode()), page.path) for page in pages]


def html_sizes(site: Path) -> list[tuple[int, str]]:
    return [(path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html")]


def report(found: Iterable[tuple[int, str]], what: str, top: int) -> None:
    sizes = sorted(found, reverse=True)
    print(f"{len(sizes):,} pages, {sum(size for size, _ in sizes) / 1e6:.1f} MB of {what}")
    print("Largest pages (KB of 1,000 bytes):")
    for size, path in sizes[:top]:
        print(f"  {size / 1000:8.1f} KB  {path}")
    families: dict[str, tuple[int, int, str]] = {}
    for size, path in sizes:
        count, largest, where = families.get(family(path), (0, size, path))
        families[family(path)] = (count + 1, largest, where)
    print("By family (pages, largest):")
    for name, (count, largest, where) in sorted(families.items(), key=lambda item: -item[1][1]):
        print(f"  {name:32} {count:7,}  {largest / 1000:8.1f} KB  {where}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a project copy with content/ and theme/templates/")
    parser.add_argument("--top", type=int, default=10, help="how many of the largest pages to list")
    parser.add_argument("--site", type=Path, help="measure the HTML of this site, built from the project")
    args = parser.parse_args()
    if args.site:
        report(html_sizes(args.site), "HTML", args.top)
    else:
        report(markdown_sizes(args.project), "Markdown", args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
