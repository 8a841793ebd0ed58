"""Publish the site atomically: build into a fresh folder beside `site/`, and swap it in only on success.

`mkdocs build` empties its output folder before it writes, so a build that fails half-way leaves a broken
site behind. Here a failed build leaves the previous `site/` exactly as it was, and so does a publish killed
at any moment: until the swap, `site/` is not touched, and the swap is a single rename (on Linux, an
atomic exchange of the two folders). What a killed publish leaves beside `site/` (`.site.building-*`) is
removed by the next one.

Two publishes into one folder never mix their files: each holds a lock (`.site.lock`, beside `site/`)
from before it looks at the folder until it is done. The build dies with its publish (on Linux) and holds
the lock as well, so that a build can never outlive its publish and write beside the next one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_DISK_FULL = ("[Errno 28]", "No space left on device")


def publish(config_file: Path, site_dir: Path) -> int:
    """Build with `mkdocs build --strict` into a sibling folder; replace `site_dir` only if it succeeds."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _locked(site_dir) as lock:
        _remove_leftovers(site_dir)
        fresh = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
                   "--site-dir", str(fresh)]
        returncode, disk_full = _build(command, lock)
        if returncode != 0 or not (fresh / "index.html").is_file():
            shutil.rmtree(fresh, ignore_errors=True)
            reason = f"the disk holding {site_dir.parent} is full" if disk_full else "the build failed"
            print(f"Nothing was published: {reason}; {site_dir} was left as it was.", file=sys.stderr)
            return 1
        _swap(fresh, site_dir)
        shutil.rmtree(fresh, ignore_errors=True)  # now the previous site; a kill here leaves it to the next publish
    print(f"Published to {site_dir}")
    return 0


@contextmanager
def _locked(site_dir: Path) -> Iterator[int]:
    """An exclusive lock on `.site.lock` beside the site, waiting for another publish to finish first."""
    descriptor = os.open(site_dir.with_name(f".{site_dir.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another publish into {site_dir} is running; waiting for it to finish.", file=sys.stderr, flush=True)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield descriptor
    finally:
        os.close(descriptor)  # the lock goes with the last descriptor: ours, or the build's if it outlives us


def _remove_leftovers(site_dir: Path) -> None:
    """Folders of publishes that were killed: under the lock, none of them is in use. A previous site moved
    aside by a publish killed between its two renames (where there is no atomic exchange) is put back."""
    previous = sorted(site_dir.parent.glob(f".{site_dir.name}.previous-*"))
    if previous and not site_dir.exists():
        previous[-1].rename(site_dir)
    for pattern in (f".{site_dir.name}.building-*", f".{site_dir.name}.previous-*"):
        for leftover in sorted(site_dir.parent.glob(pattern)):
            print(f"Removing {leftover.name}, left by an interrupted publish.", file=sys.stderr)
            shutil.rmtree(leftover, ignore_errors=True)


def _build(command: list[str], lock: int) -> tuple[int, bool]:
    """Run MkDocs, passing its log through; the return code, and whether the disk was full. The build holds
    the lock too (`pass_fds`). A full disk is told in one line, not by MkDocs' traceback."""
    process = subprocess.Popen(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.PIPE,
                               text=True, errors="replace", pass_fds=(lock,), preexec_fn=_die_with_parent)
    assert process.stderr is not None
    traceback: list[str] = []
    for line in process.stderr:
        if traceback or line.startswith("Traceback (most recent call last):"):
            traceback.append(line)
        else:
            sys.stderr.write(line)
    returncode = process.wait()
    disk_full = any(mark in line for line in traceback for mark in _DISK_FULL)
    sys.stderr.write(traceback[-1] if disk_full else "".join(traceback))
    return returncode, disk_full


def _die_with_parent() -> None:
    """In the build's process, before MkDocs starts: on Linux, the build is killed when the publish dies, so
    a killed publish leaves no build running. (Elsewhere the build holds the lock until it ends.)"""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` at `site_dir`, and the previous site (if any) at `fresh`, with no moment without a site."""
    if not site_dir.exists():
        fresh.rename(site_dir)
        return
    if _exchange(fresh, site_dir):
        return
    # Without an atomic exchange (not Linux, or a file system without it): two renames, an instant apart.
    stale = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
    site_dir.rename(stale)
    fresh.rename(site_dir)
    stale.rename(fresh)


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd = -100  # AT_FDCWD
    if renameat2(at_cwd, os.fsencode(one), at_cwd, os.fsencode(other), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))
