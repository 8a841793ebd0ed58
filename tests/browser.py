"""A real headless Chromium (Debian's package) driven by Playwright, and a local static server.

Playwright is imported only when a test starts a browser or asserts on a page: collecting the tests, and
running the fast tier, never imports it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def expect(actual: Any, message: str | None = None) -> Any:
    """Playwright's `expect`."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(actual, message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# Python's own file server, in a process that Linux sends SIGTERM when the test process ends (PR_SET_PDEATHSIG),
# set by the server's process itself: it serves for the whole test run, however long that takes (a time limit
# once stopped it under a slow run), and never outlives the run, even a killed one.
SERVE = ("import ctypes, runpy, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGTERM); "
         "sys.argv[0] = 'http.server'; runpy.run_module('http.server', run_name='__main__')")


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port), "--bind", "127.0.0.1", "--directory", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Watch:
    """What a page did that it must not: requests beyond 127.0.0.1 (blocked) and script errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], f"script errors: {self.errors}"


@contextmanager
def local_page(browser: Browser, **options: Any) -> Iterator[tuple[Page, Watch]]:
    """A new page that may reach only 127.0.0.1: anything else is blocked and recorded."""
    context = browser.new_context(**({"viewport": {"width": 1280, "height": 900}} | options))
    page = context.new_page()
    watch = Watch()

    def guard(route: Route) -> None:
        if re.match(r"^(http://127\.0\.0\.1[:/]|data:|blob:|about:)", route.request.url):
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    try:
        yield page, watch
    finally:
        context.close()
