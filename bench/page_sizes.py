"""The pages of a corpus by size: `python bench/page_sizes.py PROJECT_DIR [--top N]`.

Renders the pages of PROJECT_DIR (a corpus made by bench/make_corpus.py) with the core, as a build does, and
prints the largest pages and, for each page family (the path with its record ids and dates replaced by `*`),
how many pages it has and its largest. The sizes are of the Markdown the core hands to MkDocs; the HTML of a
page is about 1.4 times as large, plus the theme (about 20 KB a page). No timing: see bench/run.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.pipeline import generate


def family(path: str) -> str:
    """'actors/putin/2025/07/index.md' → 'actors/*/*/*/index.md': the kind of page, whatever it shows."""
    parts = path.split("/")
    kept = [parts[0]] + [part if part in ("index.md", "page") else "*" for part in parts[1:]]
    return "/".join(kept)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a project copy with content/ and theme/templates/")
    parser.add_argument("--top", type=int, default=10, help="how many of the largest pages to list")
    args = parser.parse_args()
    pages = generate(args.project / "content", args.project / "theme" / "templates").pages
    sizes = sorted(((len(page.markdown.encode()), page.path) for page in pages), reverse=True)
    print(f"{len(pages):,} pages, {sum(size for size, _ in sizes) / 1e6:.1f} MB of Markdown")
    print("Largest pages (KB of 1,000 bytes):")
    for size, path in sizes[:args.top]:
        print(f"  {size / 1000:8.1f} KB  {path}")
    families: dict[str, tuple[int, int, str]] = {}
    for size, path in sizes:
        count, largest, where = families.get(family(path), (0, size, path))
        families[family(path)] = (count + 1, largest, where)
    print("By family (pages, largest):")
    for name, (count, largest, where) in sorted(families.items(), key=lambda item: -item[1][1]):
        print(f"  {name:32} {count:7,}  {largest / 1000:8.1f} KB  {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
