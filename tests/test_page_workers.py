"""The pages rendered by two processes (`generator/page_workers.py`): the same site, file for file, as one process
builds; the second process's warnings counted by `--strict`; a page failing in either process fails the build
cleanly, leaving no process behind; the folder where the pages wait for their turn is gone after either."""

from __future__ import annotations

import filecmp
import re
import tempfile
from pathlib import Path

import pytest

from .conftest import SMALL, build, make_project, mkdocs

pytestmark = pytest.mark.build


def with_workers(project: Path, workers: int) -> Path:
    config = project / "mkdocs.yml"
    text = re.sub(r"\n      workers: \d\n", "\n", config.read_text(encoding="utf-8"))
    config.write_text(text.replace("      content: content\n", f"      content: content\n      workers: {workers}\n", 1),
                      encoding="utf-8")
    assert re.findall(r"workers: \d", config.read_text(encoding="utf-8")) == [f"workers: {workers}"]
    return project


def tree(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def handovers() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("explainer-pages-*.pickle")}


def spools() -> set[str]:
    """The folders where a build's generated pages wait for their turn (`PageWorkers.file`)."""
    return {path.name for path in Path(tempfile.gettempdir()).glob("explainer-spool-*")}


def test_two_processes_build_the_site_one_process_builds(tmp_path: Path) -> None:
    before = spools()
    one = build(with_workers(make_project(tmp_path / "one", SMALL), 1))
    two = build(with_workers(make_project(tmp_path / "two", SMALL), 2))
    assert one.returncode == 0, one.output
    assert two.returncode == 0, two.output
    assert "pages rendered by two processes" not in one.output
    shares = re.search(r"pages rendered by two processes: (\d+) and (\d+)", two.output)
    assert shares, two.output
    assert abs(int(shares.group(1)) - int(shares.group(2))) <= 2  # every other page
    files = tree(one.site)
    assert files == tree(two.site)
    assert "search/search_index.json" in files and "uk/search/search_index.json" in files
    _, differ, errors = filecmp.cmpfiles(one.site, two.site, files, shallow=False)
    assert not differ and not errors, differ[:10]
    assert not spools() - before  # the pages waited on disk only as long as the build


def test_a_warning_of_the_second_process_fails_a_strict_build(tmp_path: Path) -> None:
    project = with_workers(make_project(tmp_path / "project", SMALL), 2)
    template = project / "theme" / "templates" / "claim.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n[nowhere](../nowhere.md)\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    warned = re.findall(r"Doc file '((?:uk/)?claims/[^']+)' contains a link '\.\./nowhere\.md'", result.output)
    claims = {path.relative_to(project / "content" / "claims").with_suffix(".md").as_posix()
              for path in (project / "content" / "claims").rglob("*.yaml")}
    # Every claim page of both editions warns once, whichever process rendered it.
    assert sorted(warned) == sorted([f"claims/{claim}" for claim in claims] + [f"uk/claims/{claim}" for claim in claims])
    assert f"Aborted with {len(warned)} warnings in strict mode" in result.output


def page_order(project: Path) -> list[str]:
    """The pages in the order of MkDocs' loop, from the log of a build in one process."""
    result = mkdocs(with_workers(project, 1), "build", "--verbose", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.output[-2000:]
    return re.findall(r"DEBUG\s+-\s+Building page (\S+)", result.stdout + result.stderr)


@pytest.mark.parametrize("share", ["first", "second"])
def test_a_page_failing_in_either_process_fails_the_build_cleanly(tmp_path: Path, share: str) -> None:
    before, spooled = handovers(), spools()
    project = make_project(tmp_path / "project", SMALL)
    order = page_order(project)
    assert len(order) > 10
    failing = order[2] if share == "first" else order[1]  # every other page is the second process's
    main = project / "theme" / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block content %}", f"{{% block content %}}{{% if page.file.src_uri == '{failing}' %}}{{{{ 1 // 0 }}}}"
        "{% endif %}", 1), encoding="utf-8")
    result = build(with_workers(project, 2))
    assert result.returncode != 0
    assert f"Error building page '{failing}': integer division or modulo by zero" in result.output, \
        result.output[-3000:]
    assert result.output.count("Error building page") == 1, result.output[-3000:]
    assert "pages rendered by two processes" not in result.output
    assert handovers() == before
    assert not spools() - spooled
