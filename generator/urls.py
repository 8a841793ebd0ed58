"""Where everything lives: the path of every page and feed, and the URL a page's path gives.

A path is a function of a record's id or a date alone, never of what else is in the content, so an
address stays the same as records are added. Pages are served with directory URLs
(`use_directory_urls`, which the MkDocs plugin insists on): `actors/putin.md` is `actors/putin/`.
"""

from __future__ import annotations

from .partial_date import PartialDate


class Paths:
    """Pages, as paths relative to the site's docs."""

    home = "index.md"
    actors = "actors/index.md"
    regions = "regions/index.md"
    sources = "sources/index.md"
    claims = "claims/index.md"
    dates = "dates/index.md"

    timeline = "timeline.md"
    data = "data/index.md"
    threads = "threads/index.md"

    @staticmethod
    def thread(issue: str) -> str:
        return f"threads/{issue}.md"

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"actors/{actor_id}.md"

    @staticmethod
    def region(region_id: str) -> str:
        return f"regions/{region_id}.md"

    @staticmethod
    def source(source_id: str) -> str:
        return f"sources/{source_id}.md"

    @staticmethod
    def claim(claim_id: str) -> str:
        return f"claims/{claim_id}.md"

    @staticmethod
    def year(year: int) -> str:
        return f"dates/{year:04d}/index.md"

    @staticmethod
    def month(year: int, month: int) -> str:
        return f"dates/{year:04d}/{month:02d}/index.md"

    @staticmethod
    def day(date: PartialDate) -> str:
        return f"dates/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"

    @staticmethod
    def part(path: str, number: int) -> str:
        """The `number`th page of a listing too long for one page (`listing.Part`); the first is the page itself:
        'dates/2025/07/index.md', 2 → 'dates/2025/07/page/2.md'; 'dates/2025/07/03.md', 2 → 'dates/2025/07/03/page/2.md'."""
        if number == 1:
            return path
        folder = path.removesuffix("index.md").removesuffix(".md").rstrip("/")
        return f"{folder}/page/{number}.md"

    @staticmethod
    def period(owner: str, year: int, month: int | None) -> str:
        """The page of a record's claims in one month, or, for `month` None, of those dated to the year only or
        as a range (`monthly_pages.py`): 'actors/putin.md', 2025, 7 → 'actors/putin/2025/07/index.md'."""
        folder = owner.removesuffix(".md")
        return f"{folder}/{year:04d}/{month:02d}/index.md" if month else f"{folder}/{year:04d}/index.md"

    # who stands where (positions_pages.py): now, at the end of each month, two months compared
    positions = "positions/index.md"
    changes = "changes/index.md"

    @staticmethod
    def positions_month(year: int, month: int) -> str:
        return f"positions/{year:04d}/{month:02d}/index.md"

    @staticmethod
    def positions_compare(first: tuple[int, int], second: tuple[int, int]) -> str:
        return f"positions/compare/{first[0]:04d}-{first[1]:02d}/{second[0]:04d}-{second[1]:02d}.md"

    @staticmethod
    def changes_month(year: int, month: int) -> str:
        return f"changes/{year:04d}/{month:02d}/index.md"

    # every correction of a published claim (corrections_pages.py): the latest, and each year's
    corrections = "corrections/index.md"

    @staticmethod
    def corrections_year(year: int) -> str:
        return f"corrections/{year:04d}/index.md"


class Feeds:
    """Atom feeds, as paths from the site's root."""

    all = "feeds/claims.xml"
    changes = "feeds/changes.xml"  # every move of a side's position
    corrections = "feeds/corrections.xml"  # every correction of a published claim

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"feeds/actors/{actor_id}.xml"

    @staticmethod
    def region(region_id: str) -> str:
        return f"feeds/regions/{region_id}.xml"


def site_url_of(path: str) -> str:
    """'actors/putin.md' → 'actors/putin/', 'actors/index.md' → 'actors/', 'index.md' → '' (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def footnote_label(claim_id: str, source_id: str) -> str:
    """The label of a claim's footnote for one source. Made of ids only, so that its anchor stays the same
    from build to build."""
    return f"{claim_id}--{source_id}"
