"""Work in a forked process (`generator/forked.py`): its result comes back, its exception is raised where the result
is asked for, and without a second core the work runs in this process."""

from __future__ import annotations

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
