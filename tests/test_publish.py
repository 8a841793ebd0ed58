"""Publishing: a failed, killed or concurrent build never replaces a good site or mixes two; the same content
always gives the same site."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import SMALL, make_project

pytestmark = pytest.mark.build


def publish(project: Path, env: dict[str, str] | None = None,
            options: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "publish", *(options or [])], cwd=project,
                          capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Build folders and moved-aside sites beside `site/` (the lock file `.site.lock` stays, by design)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site.building-", ".site.previous-")))


def test_a_failed_build_leaves_the_published_site_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    first = publish(project)
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    assert "index.html" in before

    # A broken record, then a broken template: both must fail and leave site/ untouched.
    claim = project / "content" / "claims" / "bob-refuses.yaml"
    good = claim.read_text()
    claim.write_text(good.replace("actor: bob", "actor: nobody"))
    failed = publish(project)
    assert failed.returncode == 1
    assert "unknown actor 'nobody'" in failed.stderr and "was left as it was" in failed.stderr
    assert snapshot(project / "site") == before

    claim.write_text(good)
    (project / "theme" / "templates" / "claim.md.j2").write_text("{{ undefined_variable.attribute }}")
    failed = publish(project)
    assert failed.returncode == 1
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_successful_build_replaces_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    assert publish(project).returncode == 0
    (project / "site" / "stale.html").write_text("from an older build")
    claim = project / "content" / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("Bob refused", "Bob flatly refused"))
    assert publish(project).returncode == 0
    assert not (project / "site" / "stale.html").exists()
    assert "Bob flatly refused" in (project / "site" / "claims" / "bob-refuses" / "index.html").read_text()


def test_two_builds_are_byte_identical_whatever_the_file_order_and_hash_seed(tmp_path: Path) -> None:
    one = make_project(tmp_path / "one", SMALL)
    # The second copy's files are created in reverse order, so directory listings come back differently.
    two = tmp_path / "two"
    shutil.copytree(one, two, ignore=shutil.ignore_patterns("content"))
    files = sorted((p for p in (one / "content").rglob("*") if p.is_file()), reverse=True)
    for path in files:
        target = two / path.relative_to(one)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for project in (one, two):
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_name:", "site_url: https://example.org/explainer/\nsite_name:", 1))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    assert publish(one, {**env, "PYTHONHASHSEED": "1"}).returncode == 0
    assert publish(two, {**env, "PYTHONHASHSEED": "2"}).returncode == 0
    first, second = snapshot(one / "site"), snapshot(two / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "<lastmod>2025-08-20</lastmod>" in first["sitemap.xml"].decode()  # dated by the content, not the clock


# Faults: a publish killed at any moment, two publishes at once, a full disk.

OLD, NEW = "Bob refused", "Bob flatly refused"


def set_claim(project: Path, words: str) -> None:
    claim = project / "content" / "claims" / "bob-refuses.yaml"
    claim.write_text(re.sub(r"Bob (flatly )?refused", words, claim.read_text()))


def start_publish(project: Path, *options: str) -> subprocess.Popen[str]:
    # A session of its own: killing its process group kills the build too, as a cancelled CI job does.
    return subprocess.Popen([sys.executable, "-m", "generator", "publish", *options], cwd=project, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll until `condition` holds or the publish has ended (then the kill finds it finished, which is a
    moment like any other)."""
    deadline = time.monotonic() + 120
    while not condition() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)


def building(project: Path, name: str = "") -> bool:
    return any((folder / name).exists() for folder in project.glob(".site.building-*"))


def shows(site: Path, words: str) -> bool:
    page = site / "claims" / "bob-refuses" / "index.html"
    try:
        return words in page.read_text()
    except OSError:
        return False


# The moments a publish is killed at: as it starts, while the build runs, once the build has written its
# pages, once it has written its last file (the sitemap), and after the swap while the old site is removed.
MOMENTS: dict[str, Callable[[Path], bool]] = {
    "at-start": lambda project: True,
    "build-started": lambda project: building(project),
    "pages-written": lambda project: building(project, "claims/bob-refuses/index.html"),
    "build-finished": lambda project: building(project, "sitemap.xml"),
    "swapped": lambda project: shows(project / "site", NEW),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_publish_killed_at_any_moment_leaves_a_whole_site_and_the_next_cleans_up(tmp_path: Path, moment: str) -> None:
    project = make_project(tmp_path / "project", SMALL)
    set_claim(project, NEW)
    assert publish(project).returncode == 0
    new = snapshot(project / "site")
    set_claim(project, OLD)
    assert publish(project).returncode == 0
    old = snapshot(project / "site")

    set_claim(project, NEW)
    process = start_publish(project)
    wait_until(lambda: MOMENTS[moment](project), process)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    after_kill = snapshot(project / "site")
    assert after_kill == old or after_kill == new, "the site is neither the old one nor the new one, whole"

    again = publish(project)
    assert again.returncode == 0, again.stderr
    assert snapshot(project / "site") == new
    assert leftovers(project) == []


def test_the_build_of_a_killed_publish_dies_with_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    assert publish(project).returncode == 0
    set_claim(project, NEW)
    process = start_publish(project)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    wait_until(lambda: building(project) and children.read_text().strip() != "", process)
    build = int(children.read_text().split()[0])
    process.kill()  # the publish only, not its process group
    process.communicate(timeout=60)
    deadline = time.monotonic() + 60
    while Path(f"/proc/{build}").exists() and Path(f"/proc/{build}/stat").read_text().split()[2] != "Z" \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not Path(f"/proc/{build}").exists() or Path(f"/proc/{build}/stat").read_text().split()[2] == "Z", \
        "the build outlived its publish"
    assert shows(project / "site", OLD) and leftovers(project) != []
    again = publish(project)
    assert again.returncode == 0, again.stderr
    assert "left by an interrupted publish" in again.stderr
    assert shows(project / "site", NEW) and leftovers(project) == []


def test_two_publishes_at_once_never_mix_their_files(tmp_path: Path) -> None:
    one, two = make_project(tmp_path / "one", SMALL), make_project(tmp_path / "two", SMALL)
    set_claim(two, NEW)
    assert publish(one).returncode == 0 and publish(two).returncode == 0
    alone = [snapshot(one / "site"), snapshot(two / "site")]
    shared = tmp_path / "shared" / "site"
    shared.parent.mkdir()
    # Both start while the lock is taken, so that both are surely running at once when it is released.
    with open(shared.with_name(".site.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        processes = [start_publish(project, "--site-dir", str(shared)) for project in (one, two)]
        for process in processes:
            assert process.stderr is not None
            assert "waiting for it to finish" in process.stderr.readline()
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert snapshot(shared) in alone, "the published site mixes the files of two builds"
    assert leftovers(shared.parent) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """A folder on a tmpfs of the given size in bytes: a disk that fills up."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def test_a_build_on_a_full_disk_fails_clearly_and_leaves_the_site(tmp_path: Path,
                                                                  small_disk: Callable[[int], Path]) -> None:
    project = make_project(tmp_path / "project", SMALL)
    assert publish(project).returncode == 0
    size = sum(len(data) for data in snapshot(project / "site").values())
    # Room for the site and half of another: the next build runs out of space half-way.
    disk = small_disk(size * 3 // 2)
    site = disk / "site"
    first = publish(project, options=["--site-dir", str(site)])
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    set_claim(project, NEW)
    failed = publish(project, options=["--site-dir", str(site)])
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "No space left on device" in failed.stderr
    assert f"Nothing was published: the disk holding {disk} is full; {site} was left as it was." in failed.stderr
    assert snapshot(site) == before
    assert leftovers(disk) == []
