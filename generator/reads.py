"""Which parts of the catalog each page reads, so that a rebuild renders again only the pages an edit reaches.

While a page renders, the catalog it sees is a view whose tables note every key looked up and every
whole-table read (iterating, counting). Between two builds, `changes` lists the keys whose values differ.
A page is rendered again only if it read one of them: nothing has to declare what a template uses, so
a template that starts reading something new is tracked the moment it does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from .catalog import Catalog


class _Every:
    """The key that stands for a whole table: read by iterating or counting it, changed by any edit."""

    def __repr__(self) -> str:
        return "EVERY"


EVERY: Any = _Every()

Read = tuple[str, Any]  # (table, key)
T = TypeVar("T")


class Reads:
    """The reads of the page (or shared fragment) being rendered: a stack, since fragments nest."""

    def __init__(self) -> None:
        self._frames: list[set[Read]] = []

    def note(self, table: str, key: Any) -> None:
        if self._frames:
            self._frames[-1].add((table, key))

    def merge(self, reads: frozenset[Read]) -> None:
        """A fragment rendered earlier is reused: its reads become the current page's."""
        if self._frames:
            self._frames[-1].update(reads)

    @contextmanager
    def frame(self) -> Iterator[set[Read]]:
        reads: set[Read] = set()
        self._frames.append(reads)
        try:
            yield reads
        finally:
            self._frames.pop()
            self.merge(frozenset(reads))


class TrackedDict(dict[Any, Any]):
    """A table that notes what is read from it."""

    __slots__ = ("_reads", "_table")

    def __init__(self, table: str, data: Mapping[Any, Any], reads: Reads) -> None:
        super().__init__(data)
        self._table, self._reads = table, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.note(self._table, key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.note(self._table, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.note(self._table, key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        self._reads.note(self._table, EVERY)
        return super().__iter__()

    def __len__(self) -> int:
        self._reads.note(self._table, EVERY)
        return super().__len__()

    def keys(self) -> Any:
        self._reads.note(self._table, EVERY)
        return super().keys()

    def values(self) -> Any:
        self._reads.note(self._table, EVERY)
        return super().values()

    def items(self) -> Any:
        self._reads.note(self._table, EVERY)
        return super().items()


class TrackedList(list[Any]):
    """A list read only as a whole (the claims in date order)."""

    def __init__(self, table: str, data: list[Any], reads: Reads) -> None:
        super().__init__(data)
        self._table, self._reads = table, reads

    def _whole(self) -> None:
        self._reads.note(self._table, EVERY)

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return super().__iter__()

    def __reversed__(self) -> Iterator[Any]:
        self._whole()
        return super().__reversed__()

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def __getitem__(self, index: Any) -> Any:
        self._whole()
        return super().__getitem__(index)

    def __contains__(self, value: object) -> bool:
        self._whole()
        return super().__contains__(value)


def catalog_tables(catalog: Catalog) -> dict[str, Any]:
    """Every table of the catalog by name: records, indexes and the claims' date order."""
    return {field.name: getattr(catalog, field.name) for field in dataclasses.fields(catalog)}


def tracked_catalog(catalog: Catalog, reads: Reads) -> Catalog:
    """A copy of the catalog whose tables note reads; its methods read through them too."""
    view = dataclasses.replace(catalog)
    for name, table in catalog_tables(catalog).items():
        setattr(view, name, tracked(name, table, reads))
    return view


def tracked(name: str, table: Any, reads: Reads) -> Any:
    if isinstance(table, dict):
        return TrackedDict(name, table, reads)
    if isinstance(table, list):
        return TrackedList(name, table, reads)
    raise TypeError(f"cannot track a table of type {type(table).__name__}")


_MISSING = object()


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[Read]:
    """Every (table, key) whose value differs between two sets of tables, and (table, EVERY) for each table
    that differs at all, in content or in order. A table present on one side only changed as a whole."""
    changed: set[Read] = set()
    for name in before.keys() | after.keys():
        old, new = before.get(name, _MISSING), after.get(name, _MISSING)
        if isinstance(old, dict) and isinstance(new, dict):
            keys = [key for key in old.keys() | new.keys() if old.get(key, _MISSING) != new.get(key, _MISSING)]
            changed.update((name, key) for key in keys)
            if keys or list(old) != list(new):
                changed.add((name, EVERY))
        elif old != new:
            changed.add((name, EVERY))
            for table in (old, new):
                if isinstance(table, dict):
                    changed.update((name, key) for key in table)
    return changed


@dataclasses.dataclass(frozen=True)
class Kept:
    """A result, with what produced it: the call's arguments and what it read."""

    call: tuple[Any, ...]
    reads: frozenset[Read]
    value: Any


class Memo:
    """Results of one build, each reused by the next build if it is asked for with the same call and read
    nothing that changed in between (`changed`, from `changes`). The calls must read the catalog only
    through a tracked view sharing `reads`."""

    def __init__(self, reads: Reads, changed: set[Read], previous: dict[Any, Kept] | None = None) -> None:
        self.reads, self.changed = reads, changed
        self.previous = previous or {}
        self.results: dict[Any, Kept] = {}
        self.reused = 0

    def __call__(self, key: Any, call: tuple[Any, ...], make: Callable[[], T]) -> T:
        before = self.previous.get(key)
        if before is not None and before.call == call and before.reads.isdisjoint(self.changed):
            self.results[key] = before
            self.reused += 1
            self.reads.merge(before.reads)
            value: T = before.value
            return value
        with self.reads.frame() as reads:
            value = make()
        self.results[key] = Kept(call, frozenset(reads), value)
        return value


@dataclasses.dataclass(frozen=True)
class Tracking:
    """One build's tracked view of the catalog, its tables, and what changed since the build before."""

    reads: Reads
    catalog: Catalog  # the view: every read through it is noted in `reads`
    tables: dict[str, Any]  # the catalog's tables and any derived ones, as this build has them
    changed: set[Read]
    noting: bool = True

    @classmethod
    def start(cls, catalog: Catalog, tables: dict[str, Any], before: dict[str, Any] | None) -> Tracking:
        reads = Reads()
        changed = changes(before, tables) if before is not None else set()
        return cls(reads, tracked_catalog(catalog, reads), tables, changed)

    @classmethod
    def off(cls, catalog: Catalog, tables: dict[str, Any]) -> Tracking:
        """For a single build: the catalog itself, nothing noted."""
        return cls(Reads(), catalog, tables, set(), noting=False)

    def memo(self, previous: dict[Any, Kept] | None) -> Memo:
        return Memo(self.reads, self.changed, previous)
