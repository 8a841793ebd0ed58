"""The preview's file watcher (`generator/preview_watch.py`) on MkDocs' own live-reload server, serving on
127.0.0.1: edits in watched folders reach the server's builder through the system's notifications, so does
a watched file saved by renaming a new file over it, and a path that cannot be watched so
leaves the server as MkDocs made it. Reading a watched file starts no build: a build reads them all."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.preview_watch import _can_watch, use_native_watcher


class Served:
    def __init__(self, server: LiveReloadServer, builds: list[float]) -> None:
        self.server, self.builds = server, builds

    def wait_for_build(self, after: int, what: str, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while len(self.builds) <= after:
            assert time.monotonic() < deadline, f"no rebuild after {what}"
            time.sleep(0.02)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[list[Path]], Served]]:
    """A live-reload server watching the given paths, with the native watcher, serving in a thread."""
    started: list[tuple[LiveReloadServer, threading.Thread]] = []

    def start(paths: list[Path]) -> Served:
        builds: list[float] = []
        server = LiveReloadServer(builder=lambda: builds.append(time.monotonic()), host="127.0.0.1", port=0,
                                  root=str(tmp_path))
        for path in paths:
            server.watch(str(path))
        assert use_native_watcher(server) == "native"
        thread = threading.Thread(target=server.serve, daemon=True)
        thread.start()
        started.append((server, thread))
        time.sleep(0.3)  # the observers take their first look
        return Served(server, builds)

    yield start
    for server, thread in started:
        server.shutdown()
        thread.join(10)


def test_an_edit_in_a_watched_folder_reaches_the_builder_by_notification(
        serve: Callable[[list[Path]], Served], tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "claims").mkdir(parents=True)
    record = content / "claims" / "a.yaml"
    record.write_text("summary: one\n")
    served = serve([content])
    assert isinstance(served.server.observer, Observer) and Observer is not PollingObserver
    record.write_text("summary: two\n")
    served.wait_for_build(0, "an edited record")
    (content / "claims" / "b.yaml").write_text("summary: new\n")
    served.wait_for_build(1, "a new record")
    (content / "claims" / "b.yaml").unlink()
    served.wait_for_build(2, "a deleted record")


def test_reading_the_watched_files_starts_no_build(serve: Callable[[list[Path]], Served], tmp_path: Path) -> None:
    """The kernel reports a file opened and closed too: a build, reading the content, must not start the next."""
    content = tmp_path / "content"
    content.mkdir()
    record = content / "a.yaml"
    record.write_text("summary: one\n")
    served = serve([content])
    for _ in range(3):
        assert record.read_text() == "summary: one\n"
        os.stat(record)
    time.sleep(0.5)
    assert served.builds == []
    record.write_text("summary: two\n")
    served.wait_for_build(0, "an edited record")


def test_a_watched_file_saved_by_renaming_a_new_file_over_it_is_seen_every_time(
        serve: Callable[[list[Path]], Served], tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: One\n")
    served = serve([content, config])
    for attempt in range(2):  # a watch that followed the replaced file would miss the second save
        saved = tmp_path / ".mkdocs.yml.swp"
        saved.write_text(f"site_name: Saved {attempt}\n")
        os.replace(saved, config)
        served.wait_for_build(attempt, f"saving mkdocs.yml by rename, time {attempt + 1}")
        time.sleep(0.3)


def test_a_folder_that_cannot_be_watched_leaves_the_server_polling(tmp_path: Path) -> None:
    assert not _can_watch([str(tmp_path / "gone")])
    assert _can_watch([str(tmp_path)])
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "missing-folder"))  # nothing there for the notifications to watch
    assert use_native_watcher(server) == "polling"
    assert type(server.observer) is PollingObserver
