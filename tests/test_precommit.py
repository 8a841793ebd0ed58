"""The pre-commit hooks (`.pre-commit-config.yaml`) stop a commit of broken content, offline.

Each test runs `pre-commit run --files <claim>` in a fresh git repository holding the project's hooks and
schemas with the small fixture content, and the project's `.venv` linked in (the hooks call `.venv/bin/...`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SMALL

pytestmark = pytest.mark.quality

BIN = Path(sys.executable).parent
CLAIM = "content/claims/bob-refuses.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the fixture content, the project's schemas, config and hooks, and its .venv."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", ".pre-commit-config.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(SMALL, repo / "content")
    shutil.copytree(ROOT / "content" / "schema", repo / "content" / "schema")
    (repo / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    git(repo, "init", "-q")
    git(repo, "add", "mkdocs.yml", ".pre-commit-config.yaml", "content")  # pre-commit wants its config staged
    return repo


def clean_env(tmp_path: Path) -> dict[str, str]:
    # GIT_* variables set by an enclosing git hook would point pre-commit at another repository.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
            "NO_MKDOCS_2_WARNING": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=clean_env(repo.parent))


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    binary = BIN / "pre-commit"
    assert binary.is_file(), "pre-commit is a test dependency (pyproject.toml, the `test` extra)"
    return subprocess.run([str(binary), "run", "--color", "never", "--files", *files], cwd=repo,
                          capture_output=True, text=True, timeout=120, env=clean_env(repo.parent))


def hook_line(output: str, name_start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(name_start))


def edit(path: Path, old: str, new: str) -> int:
    """Replace the line starting with `old`; return its line number (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = lines[number].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def test_the_hooks_pass_on_valid_content(repo: Path) -> None:
    result = pre_commit(repo, CLAIM)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert hook_line(output, "check the content").endswith("Passed")
    assert hook_line(output, "claims match").endswith("Passed")
    assert hook_line(output, "actors match").endswith("Skipped")  # no actor among the files given


def test_an_unknown_actor_stops_the_commit_with_the_file_and_line(repo: Path) -> None:
    line = edit(repo / CLAIM, "actor: bob", "actor: bbo")
    result = pre_commit(repo, CLAIM)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert hook_line(output, "check the content").endswith("Failed")
    assert f"{CLAIM}:{line}:1: actor: unknown actor 'bbo'; did you mean 'bob'?" in output
    # A well-formed id that names no record is for `check` to find: the schema only knows the form.
    assert hook_line(output, "claims match").endswith("Passed")


def test_an_unknown_field_fails_the_schema_hook_too(repo: Path) -> None:
    line = edit(repo / CLAIM, "summary:", "summery:")
    result = pre_commit(repo, CLAIM)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert hook_line(output, "claims match").endswith("Failed")
    assert f"{CLAIM}::$: Additional properties are not allowed ('summery' was unexpected)" in output
    assert hook_line(output, "check the content").endswith("Failed")
    assert f"{CLAIM}:{line}:1: summery: unknown field 'summery'; did you mean 'summary'?" in output


def test_each_folder_is_checked_against_its_own_schema(repo: Path) -> None:
    region = "content/regions/donetsk.yaml"
    assert (repo / region).is_file()
    edit(repo / region, "iso:", "iso: UA-1  #")  # not two digits: the schema's pattern
    result = pre_commit(repo, region, CLAIM)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert hook_line(output, "regions match").endswith("Failed")
    assert hook_line(output, "claims match").endswith("Passed")
    assert f"{region}::$.iso: 'UA-1' does not match" in output


def test_hooks_run_offline_from_the_projects_venv() -> None:
    repos = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert [r["repo"] for r in repos] == ["local"]
    for hook in repos[0]["hooks"]:
        assert hook["language"] == "system", hook["id"]
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]
