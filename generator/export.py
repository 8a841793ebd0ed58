"""Write generated pages to a folder as Markdown files, for any static-site engine.

Only files whose content changed are written: rewriting unchanged files inside a folder that
`mkdocs serve` watches would trigger endless rebuilds. Files a previous export wrote and this one
does not are removed; nothing else in the folder is touched.
"""

from __future__ import annotations

from pathlib import Path

from .pipeline import Site

MANIFEST = ".generated-pages"


def export_site(site: Site, target: Path) -> tuple[list[str], list[str]]:
    """Write the site's pages and files under `target`; return (paths written, paths removed)."""
    outputs = [(page.path, page.encoded) for page in site.pages]
    outputs += [(output.path, output.content) for output in site.files]
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else set()
    written = []
    for relative, data in outputs:
        path = target / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(relative)
    current = {relative for relative, _ in outputs}
    removed = sorted(previous - current)
    for stale in removed:
        (target / stale).unlink(missing_ok=True)
    listing = "".join(f"{path}\n" for path in sorted(current))
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != listing:
        manifest.write_text(listing, encoding="utf-8")
    return written, removed
