"""Work in a forked process (`generator/forked.py`): its result comes back, its exception is raised where the result
is asked for, and without a second core the work runs in this process."""

from __future__ import annotations

import gc
import os

import pytest

from generator import forked
from generator.forked import Beside


def test_the_result_comes_back_from_the_forked_process() -> None:
    if not forked.can_fork():
        pytest.skip("one core: nothing is forked")
    work = Beside(lambda: (os.getpid(), ["a" * 100_000] * 20))  # more than a pipe's buffer
    pid, texts = work.result()
    assert pid != os.getpid()
    assert texts == ["a" * 100_000] * 20


def test_an_exception_of_the_work_is_raised_where_the_result_is_asked_for() -> None:
    def fails() -> None:
        raise ValueError("no such template: 'claim.md.j2'")

    work = Beside(fails)
    with pytest.raises(ValueError, match="no such template"):
        work.result()


def test_without_a_second_core_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "cores", lambda: 1)
    assert Beside(os.getpid).result() == os.getpid()


def test_the_collector_of_either_process_leaves_what_they_share_alone_until_the_fork_ends() -> None:
    # A collection writes to every object it tracks, which unshares its memory page: both processes hold off.
    if not forked.can_fork():
        pytest.skip("one core: nothing is forked")
    work = Beside(lambda: (gc.get_freeze_count(), os.getpid()))
    assert gc.get_freeze_count() > 0  # this process, while the other works
    frozen_there, pid = work.result()
    assert pid != os.getpid() and frozen_there > 0
    assert gc.get_freeze_count() == 0  # the other has ended: collected as before
