"""The preview's file watcher: the system's own change notifications (inotify on Linux) in place of MkDocs'
polling.

MkDocs' live-reload server looks at every watched file every half second (watchdog's polling observer), so
an edit waits a quarter of a second on average before the rebuild starts, and the polling itself (a stat of
every record file, twice a second) competes with the rebuild and with page requests for Python's
interpreter lock. Watchdog's native observer is told of a change by the kernel at once and costs nothing
while nothing changes.

MkDocs chose polling because notifications fail on some file systems (network mounts, some container and
virtual machine shares) and when the system's limit of watches is reached. So the native observer is tried
first on the very folders to watch; if it cannot watch them, or the server lacks what this module replaces
(its own attributes, not a public interface), the server keeps its polling observer.
`watcher: polling` in the plugin's configuration keeps polling whatever the machine offers.
"""

from __future__ import annotations

import logging
from typing import Any

from watchdog import events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.explainer")

_SERVER_ATTRIBUTES = ("observer", "_watched_paths", "_watch_refs", "watch")
"""What `use_native_watcher` reads and replaces of MkDocs' `LiveReloadServer`."""

CHANGES: list[type[FileSystemEvent]] = [
    events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent,
    events.FileAttribEvent, events.DirCreatedEvent, events.DirMovedEvent, events.DirDeletedEvent]
"""The notifications asked for. The server rebuilds on any event of a file, and the kernel also reports a
file opened and closed: the build reading the content would start the next build, for ever."""


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's native observer class
    """The native observer, told of the changes alone, whoever schedules a watch on it."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False) -> Any:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def use_native_watcher(server: Any) -> str:
    """Give `server` (MkDocs' `LiveReloadServer`, not yet serving) the native observer, watching what it
    watches now (a file is watched through its folder, so a save that renames a new file over it is seen);
    the kind of observer it then uses."""
    if not all(hasattr(server, name) for name in _SERVER_ATTRIBUTES) or Observer is PollingObserver:
        return "polling"
    watched: dict[str, int] = dict(server._watched_paths)
    if not _can_watch(list(watched)):
        return "polling"
    polling = server.observer
    for reference in server._watch_refs.values():
        polling.unschedule(reference)
    server._watch_refs.clear()
    server._watched_paths.clear()
    server.observer = ChangesObserver()
    for path, count in watched.items():
        for _ in range(count):  # as many times as it was asked for, so that `unwatch` still balances
            server.watch(path)
    log.info("watching for changes by the system's notifications")
    return "native"


def _can_watch(paths: list[str]) -> bool:
    """Whether the native observer can watch every path (and its folders) now: started, then stopped."""
    trial = ChangesObserver()
    try:
        for path in paths:
            trial.schedule(FileSystemEventHandler(), path, recursive=True)
        trial.start()
    except OSError as error:  # no notifications on this file system, or the limit of watches reached
        log.info("file changes are polled for: the system's notifications are not available (%s)", error)
        return False
    finally:
        if trial.is_alive():
            trial.stop()
            trial.join()
    return True
