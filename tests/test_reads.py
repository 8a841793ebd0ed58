"""The read tracking (`generator.reads`): every way of reading a tracked table notes what it read, and a way
it does not know raises, so that no read can leave a page stale. Templates read through Jinja2, so the
ways a template reads (filters, tests, operators) are checked through Jinja2 too."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any

import jinja2
import pytest

from generator.reads import EVERY, Memo, Read, Reads, TrackedMapping, TrackedSequence, changes, holds_tracked, tracked

TABLE = {"b": ["x", "y"], "a": ["z"], "c": []}
ORDER = ["b", "a", "c"]


def reads_of(read: Callable[[TrackedMapping, TrackedSequence], Any]) -> tuple[Any, set[Read]]:
    """What `read` returns from a tracked table and a tracked list, and what it was noted to read."""
    reads = Reads()
    table, order = TrackedMapping("t", TABLE, reads), tracked("order", ORDER, reads)
    with reads.frame() as noted:
        result = read(table, order)
    return result, noted


WHOLE = {("t", EVERY)}

MAPPING_READS: dict[str, tuple[Callable[[Any, Any], Any], Any, set[Read]]] = {
    "t[k]": (lambda t, _: list(t["a"]), ["z"], {("t", "a")}),
    "t[missing]": (lambda t, _: _raises(KeyError, lambda: t["q"]), True, {("t", "q")}),
    "get": (lambda t, _: list(t.get("b")), ["x", "y"], {("t", "b")}),
    "get missing": (lambda t, _: t.get("q", 0), 0, {("t", "q")}),
    "in": (lambda t, _: "a" in t, True, {("t", "a")}),
    "not in": (lambda t, _: "q" not in t, True, {("t", "q")}),
    "iter": (lambda t, _: list(t), ["b", "a", "c"], WHOLE),
    "reversed": (lambda t, _: list(reversed(t)), ["c", "a", "b"], WHOLE),
    "len": (lambda t, _: len(t), 3, WHOLE),
    "bool": (lambda t, _: bool(t), True, WHOLE),
    "keys": (lambda t, _: list(t.keys()), ["b", "a", "c"], WHOLE),
    "len of keys": (lambda t, _: len(t.keys()), 3, WHOLE),
    "values": (lambda t, _: [list(v) for v in t.values()], [["x", "y"], ["z"], []], WHOLE | {("t", "b"), ("t", "a"), ("t", "c")}),
    "items": (lambda t, _: [k for k, _ in t.items()], ["b", "a", "c"], WHOLE),
    "== dict": (lambda t, _: t == dict(TABLE), True, WHOLE),
    "!= dict": (lambda t, _: t != {}, True, WHOLE),
    "dict ==": (lambda t, _: dict(TABLE) == t, True, WHOLE),
    "repr": (lambda t, _: repr(t), repr(TABLE), WHOLE),
    "str": (lambda t, _: str(t), str(TABLE), WHOLE),
    "format": (lambda t, _: f"{t}", str(TABLE), WHOLE),
    "dict()": (lambda t, _: sorted(dict(t)), ["a", "b", "c"], WHOLE | {("t", "a"), ("t", "b"), ("t", "c")}),
    "sorted": (lambda t, _: sorted(t), ["a", "b", "c"], WHOLE),
}

SEQUENCE_READS: dict[str, tuple[Callable[[Any, Any], Any], Any, set[Read]]] = {
    "o[i]": (lambda _, o: o[0], "b", {("order", EVERY)}),
    "o[-1]": (lambda _, o: o[-1], "c", {("order", EVERY)}),
    "slice": (lambda _, o: o[1:], ["a", "c"], {("order", EVERY)}),
    "iter": (lambda _, o: list(o), ORDER, {("order", EVERY)}),
    "reversed": (lambda _, o: list(reversed(o)), ["c", "a", "b"], {("order", EVERY)}),
    "len": (lambda _, o: len(o), 3, {("order", EVERY)}),
    "bool": (lambda _, o: bool(o), True, {("order", EVERY)}),
    "in": (lambda _, o: "a" in o, True, {("order", EVERY)}),
    "index": (lambda _, o: o.index("c"), 2, {("order", EVERY)}),
    "count": (lambda _, o: o.count("a"), 1, {("order", EVERY)}),
    "o + list": (lambda _, o: o + ["d"], [*ORDER, "d"], {("order", EVERY)}),
    "list + o": (lambda _, o: ["d"] + o, ["d", *ORDER], {("order", EVERY)}),
    "== list": (lambda _, o: o == ORDER, True, {("order", EVERY)}),
    "list ==": (lambda _, o: ORDER == o, True, {("order", EVERY)}),
    "!=": (lambda _, o: o != [], True, {("order", EVERY)}),
    "repr": (lambda _, o: repr(o), repr(ORDER), {("order", EVERY)}),
}


def _raises(error: type[Exception], call: Callable[[], Any]) -> bool:
    with pytest.raises(error):
        call()
    return True


@pytest.mark.parametrize("name", MAPPING_READS)
def test_every_read_of_a_table_is_noted(name: str) -> None:
    read, expected, noted = MAPPING_READS[name]
    result, reads = reads_of(read)
    assert result == expected
    assert reads == noted


@pytest.mark.parametrize("name", SEQUENCE_READS)
def test_every_read_of_a_list_is_noted(name: str) -> None:
    read, expected, noted = SEQUENCE_READS[name]
    result, reads = reads_of(read)
    assert result == expected
    assert reads == noted


LIST_READS: dict[str, Callable[[Any], Any]] = {
    "iterated": list, "counted": len, "tested": bool, "searched": lambda v: "z" in v, "indexed": lambda v: v[0],
    "reversed": lambda v: list(reversed(v)), "added": lambda v: v + [], "compared": lambda v: v == ["z"],
}


@pytest.mark.parametrize("name", LIST_READS)
def test_a_tables_list_is_read_as_the_key_it_sits_under_wherever_it_is_read(name: str) -> None:
    reads = Reads()
    table = TrackedMapping("t", TABLE, reads)
    # Taken out of the table outside any page (nothing noted), then read while a page renders.
    taken = [table["a"], table.get("a"), dict(table.items())["a"], list(table.values())[1]]
    for value in taken:
        with reads.frame() as noted:
            LIST_READS[name](value)
        assert noted == {("t", "a")}


# Ways that would read without noting, or change what other pages read: refused.
REFUSED: dict[str, Callable[[Any, Any], Any]] = {
    "t[k] = v": lambda t, _: t.__setitem__("a", []),
    "del t[k]": lambda t, _: t.__delitem__("a"),
    "t.copy()": lambda t, _: t.copy(),
    "t.update()": lambda t, _: t.update({}),
    "t.setdefault()": lambda t, _: t.setdefault("q", []),
    "t.pop()": lambda t, _: t.pop("a"),
    "t | dict": lambda t, _: t | {},
    "hash(t)": lambda t, _: hash(t),
    "copy.copy(t)": lambda t, _: copy.copy(t),
    "pickle t": lambda t, _: pickle.dumps(t),
    "a table's list, appended": lambda t, _: t["a"].append("q"),
    "o.append()": lambda _, o: o.append("d"),
    "o.sort()": lambda _, o: o.sort(),
    "o[i] = v": lambda _, o: o.__setitem__(0, "d"),
    "o * 2": lambda _, o: o * 2,
    "o < list": lambda _, o: o < [],
    "o + tuple": lambda _, o: o + ("d",),
    "hash(o)": lambda _, o: hash(o),
    "copy.deepcopy(o)": lambda _, o: copy.deepcopy(o),
    "setting an attribute": lambda t, _: setattr(t, "extra", 1),
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_a_tracked_table_does_not_know_raises(name: str) -> None:
    with pytest.raises((TypeError, AttributeError)):
        reads_of(REFUSED[name])
    assert TABLE == {"b": ["x", "y"], "a": ["z"], "c": []} and ORDER == ["b", "a", "c"]


# Jinja2's own ways of reading: filters, tests and operators a template may use.
TEMPLATE_READS: dict[str, tuple[str, str, set[Read]]] = {
    "| reverse": ("{% for k in t | reverse %}{{ k }}{% endfor %}", "cab", WHOLE),
    "| last": ("{{ t | last }}", "c", WHOLE),
    "| first": ("{{ t | first }}", "b", WHOLE),
    "| length": ("{{ t | length }}", "3", WHOLE),
    "| list": ("{{ t | list }}", "['b', 'a', 'c']", WHOLE),
    "| sort": ("{{ t | sort | join }}", "abc", WHOLE),
    "| dictsort": ("{% for k, v in t | dictsort %}{{ k }}{% endfor %}", "abc", WHOLE),
    "{{ t }}": ("{{ t }}", str(TABLE), WHOLE),
    "t.k": ("{{ t.a | join }}", "z", {("t", "a")}),
    "t.missing is defined": ("{{ t.q is defined }}", "False", {("t", "q")}),
    "if t": ("{{ 'yes' if t }}", "yes", WHOLE),
    "k in t": ("{{ 'a' in t }}", "True", {("t", "a")}),
    "t == t": ("{{ t == t }}", "True", WHOLE),
    "o | reverse": ("{{ o | reverse | join }}", "cab", {("order", EVERY)}),
    "o | last": ("{{ o | last }}", "c", {("order", EVERY)}),
    "o[0]": ("{{ o[0] }}", "b", {("order", EVERY)}),
    "o.index()": ("{{ o.index('a') }}", "1", {("order", EVERY)}),
    "o.count()": ("{{ o.count('a') }}", "1", {("order", EVERY)}),
    "o + []": ("{{ (o + []) | length }}", "3", {("order", EVERY)}),
    "o == []": ("{{ o == [] }}", "False", {("order", EVERY)}),
    "{{ o }}": ("{{ o }}", str(ORDER), {("order", EVERY)}),
    "o | batch": ("{{ o | batch(2) | list | length }}", "2", {("order", EVERY)}),
    "o | select": ("{{ o | select('equalto', 'a') | list }}", "['a']", {("order", EVERY)}),
    "loop.length": ("{% for k in o %}{{ loop.length }}{% endfor %}", "333", {("order", EVERY)}),
}


@pytest.mark.parametrize("name", TEMPLATE_READS)
def test_every_read_a_template_makes_is_noted(name: str) -> None:
    source, expected, noted = TEMPLATE_READS[name]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    result, reads = reads_of(lambda t, o: env.from_string(source).render(t=t, o=o))
    assert result == expected
    assert reads == noted


@pytest.mark.parametrize("source", ["{{ t.copy() }}", "{{ t | tojson }}", "{{ o.append(1) }}", "{{ o * 2 }}"])
def test_a_template_reading_a_table_in_a_way_not_known_fails(source: str) -> None:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    with pytest.raises((TypeError, jinja2.UndefinedError)):
        reads_of(lambda t, o: env.from_string(source).render(t=t, o=o))


# --- frames, changes and memo -------------------------------------------------------------


def test_comparing_two_tracked_tables_notes_both() -> None:
    reads = Reads()
    one, other = TrackedMapping("one", TABLE, reads), TrackedMapping("other", dict(TABLE), reads)
    with reads.frame() as noted:
        assert one == other
    assert {("one", EVERY), ("other", EVERY)} <= noted


def test_reads_outside_any_frame_are_not_noted_and_nested_frames_add_up() -> None:
    reads = Reads()
    table = TrackedMapping("t", TABLE, reads)
    _ = table["a"]  # no page is being rendered
    with reads.frame() as page:
        _ = table["b"]
        with reads.frame() as fragment:
            _ = table["c"]
    assert fragment == {("t", "c")}
    assert page == {("t", "b"), ("t", "c")}  # the page shows what its fragment read


def test_changes_name_each_changed_key_and_the_whole_table() -> None:
    before = {"t": {"a": 1, "b": 2}, "order": ["a", "b"], "same": {"x": 1}}
    after = {"t": {"a": 1, "b": 3, "c": 4}, "order": ["b", "a"], "same": {"x": 1}, "new": {"y": 1}}
    assert changes(before, after) == {("t", "b"), ("t", "c"), ("t", EVERY), ("order", EVERY),
                                      ("new", EVERY), ("new", "y")}


def test_changes_see_a_reordered_table_as_changed_as_a_whole() -> None:
    assert changes({"t": {"a": 1, "b": 2}}, {"t": {"b": 2, "a": 1}}) == {("t", EVERY)}


def test_a_memo_reuses_a_result_only_while_its_call_and_its_reads_are_unchanged() -> None:
    def build(changed: set[Read], previous: dict[Any, Any] | None, call: tuple[Any, ...]) -> tuple[Memo, list[str]]:
        reads = Reads()
        table = TrackedMapping("t", TABLE, reads)
        memo = Memo(reads, changed, previous)
        made: list[str] = []

        def make() -> str:
            made.append("made")
            return ",".join(table["b"])

        assert memo("page", call, make) == "x,y"
        return memo, made

    first, made = build(set(), None, ("call",))
    assert made == ["made"] and first.results["page"].reads == {("t", "b")}
    _, made = build({("t", "a")}, first.results, ("call",))
    assert made == []  # what changed was not read
    _, made = build({("t", "b")}, first.results, ("call",))
    assert made == ["made"]
    _, made = build(set(), first.results, ("another call",))
    assert made == ["made"]


def test_a_value_holding_a_tracked_table_anywhere_is_told() -> None:
    reads = Reads()
    table = tracked("claims", {"a": [1, 2]}, reads)
    assert holds_tracked(table) and holds_tracked({"x": [(1, table)]})
    assert holds_tracked([table["a"]])  # a table's list is given out tracked too
    assert holds_tracked(dict(table))  # so a copy of the table still holds its lists tracked
    assert not holds_tracked({"x": [1, (2, "a")], "y": {"z": frozenset({3})}, "a": list(table["a"])})


def test_a_page_call_kept_for_the_next_build_may_not_hold_a_tracked_table() -> None:
    """A kept call would carry the table of the build that made it into later builds (`PagesOf.entries`)."""
    from generator.page import PagesOf

    reads = Reads()
    view = type("View", (), {"claims": tracked("claims", {"a": [1, 2]}, reads)})()
    family = PagesOf("t.md.j2", lambda catalog: ["a"], lambda key: f"t/{key}.md", lambda catalog, key: key,
                     lambda catalog, key: key, context=lambda catalog, key: {"numbers": catalog.claims[key]})
    memo = Memo(reads, set())
    with pytest.raises(TypeError, match="holds a table of the tracked catalog"):
        list(family.entries(view, "", (memo, view)))  # type: ignore[arg-type]
    plain = PagesOf("t.md.j2", lambda catalog: ["a"], lambda key: f"t/{key}.md", lambda catalog, key: key,
                    lambda catalog, key: key, context=lambda catalog, key: {"numbers": list(catalog.claims[key])})
    assert list(plain.entries(view, "", (memo, view)))[0]["numbers"] == [1, 2]  # type: ignore[arg-type]
