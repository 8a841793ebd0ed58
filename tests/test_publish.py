"""Publishing: a failed build never replaces a good site; the same content always gives the same site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SMALL, make_project

pytestmark = pytest.mark.build


def publish(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "publish"], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


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
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []  # no leftovers


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
