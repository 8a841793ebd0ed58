"""Which parts of the catalog each page reads, so that a rebuild renders again only the pages an edit reaches.

While a page renders, the catalog it sees is a view whose tables note every key looked up and every
whole-table read (iterating, counting, comparing, printing). Between two builds, `changes` lists the keys
whose values differ. A page is rendered again only if it read one of them: nothing has to declare what a
template uses, so a template that starts reading something new is tracked the moment it does.

The tables of the view are read-only `Mapping` and `Sequence` proxies, not dicts or lists: every way of
reading them that they offer notes the read, and every other way (copying, updating, operators they do
not define) raises. A read the tracking cannot see would leave a page stale; one it sees too coarsely
only renders a page again, so where in doubt a read counts as reading the whole table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from contextlib import contextmanager
from typing import Any, TypeVar

from .catalog import Catalog


class _Every:
    """The key that stands for a whole table: read by iterating or counting it, changed by any edit."""

    def __repr__(self) -> str:
        return "EVERY"


EVERY: Any = _Every()

Read = tuple[str, Any]  # (table, key)
_MISSING: Any = object()
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


class _Tracked:
    """What both proxies share: they hold the data read-only, and cannot be copied or pickled with
    their reads (a copy would read without noting)."""

    __slots__ = ()

    def __reduce__(self) -> Any:
        raise TypeError(f"a tracked {type(self).__name__} cannot be copied or pickled; copy what it holds")


class TrackedMapping(_Tracked, Mapping[Any, Any]):
    """A table, read-only, that notes every read: a key looked up or tested is noted as (table, key); the
    table iterated, counted, compared or printed as (table, EVERY). Its lists are given out tracked too,
    each read as the key it sits under. Being a `Mapping` and not a `dict`, it has no way in that skips
    the noting: whatever it does not define (copying, updating, `|`) raises instead of reading unnoted."""

    __slots__ = ("_data", "_reads", "_table")

    def __init__(self, table: str, data: Mapping[Any, Any], reads: Reads) -> None:
        self._table, self._data, self._reads = table, data, reads

    def _value(self, key: Any, value: Any) -> Any:
        return TrackedSequence((self._table, key), value, self._reads) if isinstance(value, list) else value

    def _whole(self) -> None:
        self._reads.note(self._table, EVERY)

    def __getitem__(self, key: Any) -> Any:
        self._reads.note(self._table, key)
        return self._value(key, self._data[key])

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.note(self._table, key)
        value = self._data.get(key, _MISSING)
        return default if value is _MISSING else self._value(key, value)

    def __contains__(self, key: object) -> bool:
        self._reads.note(self._table, key)
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return iter(self._data)

    def __reversed__(self) -> Iterator[Any]:
        self._whole()
        return iter(reversed(list(self._data)))

    def __len__(self) -> int:
        self._whole()
        return len(self._data)

    def items(self) -> ItemsView[Any, Any]:
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        self._whole()
        if isinstance(other, TrackedMapping):
            other._whole()
            return self._data == other._data
        return self._data == dict(other)

    __hash__ = None  # type: ignore[assignment]  # as a dict's

    def __repr__(self) -> str:
        self._whole()
        return repr(self._data)


class _Items(ItemsView[Any, Any]):
    """A tracked table's items: noted once as the whole table, rather than key by key."""

    __slots__ = ()
    _mapping: TrackedMapping

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        table = self._mapping
        table._whole()
        return ((key, table._value(key, value)) for key, value in table._data.items())


class _Values(ValuesView[Any]):
    __slots__ = ()
    _mapping: TrackedMapping

    def __iter__(self) -> Iterator[Any]:
        table = self._mapping
        table._whole()
        return (table._value(key, value) for key, value in table._data.items())


class TrackedSequence(_Tracked, Sequence[Any]):
    """A list, read-only, read only as a whole: any read of it notes one `read` (the claims' date order as
    (claim_order, EVERY); a table's list as the (table, key) it sits under). Like `TrackedMapping`, it has
    no way in that skips the noting; what it does not define raises. Slices and sums are plain lists."""

    __slots__ = ("_data", "_read", "_reads")

    _data: list[Any]

    def __init__(self, read: Read, data: list[Any], reads: Reads) -> None:
        self._read, self._data, self._reads = read, data, reads

    def _whole(self) -> None:
        self._reads.note(*self._read)

    def __getitem__(self, index: Any) -> Any:
        self._whole()
        return self._data[index]

    def __len__(self) -> int:
        self._whole()
        return len(self._data)

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return iter(self._data)

    def __reversed__(self) -> Iterator[Any]:
        self._whole()
        return iter(reversed(self._data))

    def __contains__(self, value: object) -> bool:
        self._whole()
        return value in self._data

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        self._whole()
        return self._data.index(value, start, len(self._data) if stop is None else stop)

    def count(self, value: Any) -> int:
        self._whole()
        return self._data.count(value)

    def _list(self, other: object) -> list[Any] | None:
        if isinstance(other, TrackedSequence):
            return list(other)
        return other if isinstance(other, list) else None

    def __add__(self, other: object) -> list[Any]:
        plain = self._list(other)
        if plain is None:
            return NotImplemented
        self._whole()
        return self._data + plain

    def __radd__(self, other: object) -> list[Any]:
        plain = self._list(other)
        if plain is None:
            return NotImplemented
        self._whole()
        return plain + self._data

    def __eq__(self, other: object) -> bool:
        plain = self._list(other)
        if plain is None:
            return NotImplemented
        self._whole()
        return self._data == plain

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        self._whole()
        return repr(self._data)


def catalog_tables(catalog: Catalog) -> dict[str, Any]:
    """Every table of the catalog by name: records, indexes and the claims' date order (not its edition)."""
    return {field.name: getattr(catalog, field.name) for field in dataclasses.fields(catalog)
            if isinstance(getattr(catalog, field.name), (dict, list))}


def tracked_catalog(catalog: Catalog, reads: Reads) -> Catalog:
    """A copy of the catalog whose tables note reads; its methods read through them too."""
    view = dataclasses.replace(catalog)
    for name, table in catalog_tables(catalog).items():
        setattr(view, name, tracked(name, table, reads))
    return view


def holds_tracked(value: Any) -> bool:
    """Whether `value` is, or holds in its dicts, lists, tuples and sets, a table of a tracked catalog."""
    if isinstance(value, _Tracked):
        return True
    if isinstance(value, dict):
        return any(holds_tracked(item) for item in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(holds_tracked(item) for item in value)
    return False


def tracked(name: str, table: Any, reads: Reads) -> Any:
    if isinstance(table, dict):
        return TrackedMapping(name, table, reads)
    if isinstance(table, list):
        return TrackedSequence((name, EVERY), table, reads)
    raise TypeError(f"cannot track a table of type {type(table).__name__}")



def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[Read]:
    """Every (table, key) whose value differs between two sets of tables, and (table, EVERY) for each table
    that differs at all, in content or in order. A table present on one side only changed as a whole."""
    changed: set[Read] = set()
    for name in before.keys() | after.keys():
        old, new = before.get(name, _MISSING), after.get(name, _MISSING)
        if isinstance(old, dict) and isinstance(new, dict):
            keys = [key for key in old.keys() | new.keys() if _differ(old.get(key, _MISSING), new.get(key, _MISSING))]
            changed.update((name, key) for key in keys)
            if keys or list(old) != list(new):
                changed.add((name, EVERY))
        elif old != new:
            changed.add((name, EVERY))
            for table in (old, new):
                if isinstance(table, dict):
                    changed.update((name, key) for key in table)
    return changed


def _differ(old: Any, new: Any) -> bool:
    """The same object is the same value (a record reused from the last build), without comparing its fields."""
    return old is not new and old != new


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
