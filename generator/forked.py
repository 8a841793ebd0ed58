"""Work done in a forked process while this one does other work: how a single run of the core renders the
pages of its editions side by side, on a machine with two cores or more.

The forked process starts with everything this one holds (the catalog, the templates) and sends back only its
result, pickled through a pipe as it is made; an exception it raises is raised here, where its result is asked for.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() >= 2


def fork() -> int:
    """`os.fork`, with everything this process holds set aside from the cyclic garbage collector first: a
    collection in either process writes to every object it tracks, and each page of memory written to stops
    being shared between the two. Objects set aside are still freed when nothing refers to them."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    release_free_memory()
    return os.fork()


def release_free_memory() -> None:
    """Give the system back the memory this process has freed but its C allocator still keeps (glibc's
    `malloc_trim`): the pages a build let go of once they were on disk. Kept, it would be counted in both
    processes after a fork, and reused by either, which unshares it."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc (musl, macOS): nothing to trim
        return None


_LIBC = _glibc()


def reaped() -> None:
    """The forked process has ended: this one's objects are the collector's again."""
    gc.unfreeze()


class Beside(Generic[T]):
    """`work` started in a forked process; `result()` waits for it. Without a second core, `work` runs
    when its result is asked for."""

    def __init__(self, work: Callable[[], T]):
        self._work: Callable[[], T] | None = work
        self._pid: int | None = None
        if not can_fork():
            return
        read, write = os.pipe()
        pid = fork()
        if pid == 0:  # the forked process: work, send, and end without running anything of its parent's
            os.close(read)
            status = 0
            try:
                with os.fdopen(write, "wb") as out:
                    try:
                        outcome: tuple[bool, object] = (True, work())
                    except BaseException as error:  # noqa: BLE001 (raised again in the parent)
                        outcome = (False, error)
                    try:
                        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
                    except Exception as error:  # noqa: BLE001 (an exception that does not pickle)
                        pickle.dump((False, RuntimeError(f"{type(outcome[1]).__name__}: {error}")), out)
            except BaseException:  # noqa: BLE001 (the parent reads a broken pipe as a failure)
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self._pid, self._read, self._work = pid, read, None

    def result(self) -> T:
        if self._work is not None:
            return self._work()
        assert self._pid is not None
        try:
            with os.fdopen(self._read, "rb") as incoming:
                ok, value = pickle.load(incoming)
        except (EOFError, pickle.UnpicklingError) as error:
            ok, value = False, RuntimeError(f"the forked process ended without a result ({error})")
        finally:
            os.waitpid(self._pid, 0)
            reaped()
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return cast(T, value)
