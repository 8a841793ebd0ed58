"""The generator's own HTML blocks, kept whole from Python-Markdown's parsing.

Claim lists and footnotes are written as raw HTML (`renderer.py`): their markup is known, and parsing
it as Markdown was most of a build. Python-Markdown still reads a raw HTML block tag by tag to find
where it ends, and MkDocs reads every page once more for the ids in its raw HTML. This extension, which
the plugin adds to MkDocs's, puts each such block in Python-Markdown's stash of raw HTML before either
runs: it comes out in the page exactly as written, and the sanitizer cleans it with the rest of the page.

A block is recognised by its shape alone, which is the shape of what the templates write: lines between
blank lines, the first an opening tag of `OPENERS` alone on its line and the last the matching closing
tag. Python-Markdown would pass such a block through unchanged, so a hand-written page's block of that
shape comes out the same either way.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPENERS = {"<ul>": "</ul>", '<div class="footnote">': "</div>", "<table>": "</table>"}
"""The opening lines of the generator's raw HTML blocks (`render_claim_list`, the footnotes, the positions
tables), with their closing lines."""


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        kept: list[str] = []
        start, count = 0, len(lines)
        while start < count:
            closer = OPENERS.get(lines[start])
            if closer is not None and (start == 0 or not lines[start - 1].strip()):
                end = start
                while end < count and lines[end].strip():
                    end += 1
                if lines[end - 1] == closer:
                    kept += ["", self.md.htmlStash.store("\n".join(lines[start:end])), ""]
                    start = end
                    continue
            kept.append(lines[start])
            start += 1
        return kept


class RawHtmlBlocks(Extension):
    """Registers the stashing ahead of MkDocs's raw HTML reader (21) and Python-Markdown's (20)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_StashBlocks(md), "explainer_raw_html", 25)
