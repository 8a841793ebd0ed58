"""Files the site publishes beside its pages: open data and feeds. Each is a path and its bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    path: str  # from the site's root, e.g. 'data/claims.json'
    content: bytes
