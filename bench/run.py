"""Benchmark of the generator: the core stage by stage, full MkDocs builds beside a baseline, page sizes
and live-preview latency, printed as one Markdown table with the targets beside each figure.

    .venv/bin/python bench/run.py --sizes 1000,10000,50000 --build-sizes 1000,10000 --runs 3
    .venv/bin/python bench/run.py --quick          # a tiny configuration, for the test suite

Every measured thing runs in its own process (a separate subprocess per run); each figure is the median
of the runs. Wall time is measured around the process (or, for core stages, with time.perf_counter inside
it); CPU time (user + system) and peak resident memory (ru_maxrss) come from os.wait4 for that one process,
so the other processes of a shared machine do not count. A build may fork (the plugin renders its pages in
two processes): wait4 counts the CPU of both, but gives the larger of their peaks, not their sum. So the
builds' memory is also sampled every second as the proportional set size (PSS, each shared page counted once
in all) of the build's process and its descendants, summed: its peak is the figure judged.
Nothing here asserts anything about timings.

The baseline is MkDocs + Material building the *exported* Markdown of the same site without our plugin:
`python -m generator export DIR`, then a copy of mkdocs.yml whose `docs_dir` holds the exported pages
plus content/pages/*, with the `explainer` plugin removed and the generated pages marked `not_in_nav`
(as the plugin marks them), same theme, navigation and extra_css. Zensical builds the same export from
the same configuration (`zensical build --clean`: a cold build, its cache emptied first).

"Before" is the plugin build of an earlier commit (`--before`, 90d2f8f by default), taken from git
(`git archive`) into the work folder and run with this environment, on the corpus of the same size that
its own bench/make_corpus.py makes (the record format has changed since: the files differ in the fields
added after it, the seed and the spread are the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CODE = ROOT
"""The copy of the code being measured (see `snapshot`): generator/, theme/, mkdocs.yml, the bench scripts."""
SNAPSHOT_PARTS = ["generator", "theme", "mkdocs.yml", "content/pages", "content/geo", "content/schema",
                  "content/regions", "content/home.md", "bench/make_corpus.py", "bench/stages.py"]
STAGE_LABELS = {
    "load": "load (YAML → documents)", "validate": "validate (records, references)",
    "catalog": "catalog (indexes, derived facts)", "pages": "pages (Markdown via templates)",
    "files": "files (open data + feeds)",
}
"""The stages of generator.pipeline (`STAGES`) that bench/stages.py times, as the table names them."""
STAGES = list(STAGE_LABELS)

# The targets, and the size each one is judged at.
CORE_TARGET_S, CORE_SHARE_TARGET, TARGET_SIZE = 5.0, 0.05, 10_000
BUILD_RATIO_TARGET = 1.2
BEFORE_RATIO_TARGET = 1 / 3  # the full build at most a third of the build at --before
BEFORE_REV = "90d2f8f"
MEDIAN_PAGE_TARGET_KB = 40
LARGEST_PAGE_TARGET_KB = 250  # at 10,000 claims and more
PREVIEW_TARGETS_S = {1_000: 0.75, 10_000: 1.5}  # by claims in the served copy
PREVIEW_SIZE = 1_000
MEMORY_TARGET_KB = 1.5 * 1024 * 1024  # 1.5 GB (GiB), as ru_maxrss reports KiB
QUICK_SIZE = 60  # claims, for --quick: small enough for the test suite


# --- running one process ---------------------------------------------------------------------


@dataclass
class Run:
    """One finished process: wall seconds, CPU seconds (user + system), peak RSS in KiB, output."""

    returncode: int
    wall: float
    cpu: float
    maxrss_kb: int
    stdout: str
    stderr: str
    tree_pss_kb: int | None = None  # peak of the process tree's summed PSS, sampled (`PssSampler`)


class PssSampler(threading.Thread):
    """The peak, over samples every `interval` seconds, of the summed PSS of a process and its descendants.
    Reading a large process's PSS walks its page tables in the kernel, which took a share of the two cores
    from the builds that use both when sampled every 0.2 s; the memory of a build rises and falls over
    seconds, not within one."""

    def __init__(self, pid: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue += [int(child) for child in children]
    return found


def _pss_kb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:  # ended between two reads
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


def run_process(args: list[str], cwd: Path, timeout: float, log: Path | None = None,
                env: dict[str, str] | None = None, sample_memory: bool = False) -> Run:
    """Run a command to its end; its own rusage comes from os.wait4, so nothing else on the machine counts."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdout=out, stderr=err, start_new_session=True)
        timer = threading.Timer(timeout, _kill, (process.pid,))
        timer.start()
        sampler = PssSampler(process.pid) if sample_memory and Path("/proc/self/smaps_rollup").is_file() else None
        if sampler is not None:
            sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            if sampler is not None:
                sampler.done.set()
                sampler.join()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if log is not None:
        log.write_text(f"$ {shlex.join(args)}\n{stdout}\n{stderr}", encoding="utf-8")
    return Run(process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stdout, stderr,
               sampler.peak_kb or None if sampler is not None else None)


def _kill(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-20:])
        raise SystemExit(f"{what} failed (exit status {run.returncode}):\n{tail}")
    return run


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the code under test ---------------------------------------------------------------------


def snapshot(work: Path) -> dict[str, str]:
    """Copy the code under test into the work folder and measure that copy, so that edits made to the
    repository while the benchmark runs cannot mix two versions into one set of figures."""
    global CODE
    code = work / "code"
    if code.exists():
        shutil.rmtree(code)
    for part in SNAPSHOT_PARTS:
        source, target = ROOT / part, code / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    digest = hashlib.sha256()
    for path in sorted(p for p in code.rglob("*") if p.is_file()):
        digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    CODE = code
    ENV["PYTHONPATH"] = str(code)  # ahead of the editable install in sys.path
    version = {"head": _git("rev-parse", "--short", "HEAD"),
               "uncommitted": _git("status", "--porcelain", "--", "generator", "theme", "mkdocs.yml",
                                   "content/pages", "bench/make_corpus.py", "bench/stages.py").replace("\n", "; "),
               "sha256": digest.hexdigest()[:16]}
    (code / "version.json").write_text(json.dumps(version), encoding="utf-8")
    return version


def resume_snapshot(work: Path) -> dict[str, str]:
    """The code copy of an interrupted run, measured again as it was."""
    global CODE
    CODE = work / "code"
    ENV["PYTHONPATH"] = str(CODE)
    recorded: dict[str, str] = json.loads((CODE / "version.json").read_text(encoding="utf-8"))
    return recorded


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --- corpora ----------------------------------------------------------------------------------


def corpus(work: Path, n: int, version: str) -> Path:
    """The synthetic project copy with n claims, checked by `generator check`; made again when the code
    under test (its theme, its mkdocs.yml) differs from the one it was made with."""
    project = work / f"corpus-{n}"
    marker = project / ".complete"
    if not marker.is_file() or marker.read_text(encoding="utf-8") != version:
        if project.exists():
            shutil.rmtree(project)
        say(f"making a corpus of {n:,} claims")
        checked(run_process([PYTHON, str(CODE / "bench" / "make_corpus.py"), str(n), str(project)], CODE, 3600),
                f"make_corpus {n}")
        result = checked(run_process([PYTHON, "-m", "generator", "--content", str(project / "content"), "check"],
                                     CODE, 3600), f"generator check of the {n:,}-claim corpus")
        (project / "check.txt").write_text(result.stdout, encoding="utf-8")
        marker.write_text(version, encoding="utf-8")
    return project


# --- measurements -----------------------------------------------------------------------------


@dataclass
class Series:
    """Repeated measurements of one thing; figures are medians."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    maxrss_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_s": self.median, "runs_s": self.wall,
            "cpu_median_s": statistics.median(self.cpu) if self.cpu else None, "cpu_runs_s": self.cpu,
            "peak_rss_kb": max(self.maxrss_kb) if self.maxrss_kb else None, "rss_runs_kb": self.maxrss_kb,
        }


def raw(run: Run) -> dict[str, Any]:
    measured = {"wall": run.wall, "cpu": run.cpu, "maxrss_kb": run.maxrss_kb}
    return measured if run.tree_pss_kb is None else {**measured, "tree_pss_kb": run.tree_pss_kb}


class Ledger:
    """Every finished run, saved to the work folder as soon as it ends: a benchmark that is interrupted
    (hours, on a shared machine) goes on where it stopped when started again with the same --work-dir,
    as long as the code under test is the same."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        if data.get("version") != version:
            data = {"version": version}
        self.data: dict[str, Any] = data

    def section(self, *keys: str) -> dict[str, Any]:
        node = self.data
        for key in keys:
            node = node.setdefault(key, {})
        return node

    def save(self) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.data, indent=1) + "\n", encoding="utf-8")
        temporary.replace(self.path)


def measure_core(ledger: Ledger, project: Path, n: int, runs: int, timeout: float) -> None:
    """Each stage timed inside a fresh process per run; the process's CPU time and peak memory from wait4."""
    done = ledger.section("core").setdefault(str(n), [])
    for index in range(len(done), runs):
        say(f"core at {project.name}: run {index + 1} of {runs}")
        run = checked(run_process([PYTHON, str(CODE / "bench" / "stages.py"), str(project / "content"),
                                   str(project / "theme" / "templates")], CODE, timeout), "core stages")
        done.append({**json.loads(run.stdout), **raw(run)})
        ledger.save()


REBUILD_EDITS = 5


def measure_rebuilds(ledger: Ledger, project: Path, n: int, timeout: float) -> None:
    """The preview's core: one process, a first run, then a rebuild after each of REBUILD_EDITS one-claim edits."""
    section = ledger.section("rebuild")
    if str(n) in section:
        return
    say(f"core rebuilds after edits at {project.name}")
    run = checked(run_process([PYTHON, str(CODE / "bench" / "stages.py"), str(project / "content"),
                               str(project / "theme" / "templates"), "--rebuild", str(REBUILD_EDITS)], CODE, timeout),
                  "core rebuilds")
    section[str(n)] = {**json.loads(run.stdout), **raw(run)}
    ledger.save()


def core_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    timed = list(runs[0]["seconds"])
    if timed != STAGES:
        raise SystemExit(f"bench/stages.py timed the stages {timed}; STAGE_LABELS names {STAGES}: make them agree")
    stages = {stage: Series([r["seconds"][stage] for r in runs], [], [r["peak_kb"][stage] for r in runs])
              for stage in STAGES}
    total = Series([sum(r["seconds"].values()) for r in runs], [r["cpu"] for r in runs], [r["maxrss_kb"] for r in runs])
    return {"stages": stages, "total": total, "counts": runs[-1]["counts"],
            "largest_markdown": runs[-1].get("largest_markdown", [])}


def baseline_project(project: Path, timeout: float) -> tuple[Path, Run]:
    """Export the pages, put them with content/pages/* into one docs folder, and write mkdocs-baseline.yml."""
    docs = project / "baseline-docs"
    if docs.exists():
        shutil.rmtree(docs)
    export = checked(run_process([PYTHON, "-m", "generator", "--content", str(project / "content"),
                                  "--templates", str(project / "theme" / "templates"), "export", str(docs)],
                                 CODE, timeout), "generator export")
    config = read_mkdocs_yml(project / "mkdocs.yml")
    hand_written = project / config.get("docs_dir", "docs")
    generated_tops = sorted(entry.name for entry in docs.iterdir() if not entry.name.startswith("."))
    shutil.copytree(hand_written, docs, dirs_exist_ok=True)
    _untranslated_stand_ins(hand_written, docs)
    config["docs_dir"] = docs.name
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) != "explainer"]
    # The plugin hands its pages to MkDocs as "not in nav"; the baseline says the same of the same files.
    config["not_in_nav"] = "\n".join(f"/{name}" if (docs / name).is_file() else f"/{name}/"
                                     for name in generated_tops)
    path = project / "mkdocs-baseline.yml"
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, export


def _untranslated_stand_ins(hand_written: Path, docs: Path) -> None:
    """As the plugin does (generator/edition_pages.py): a hand-written page an edition has not translated is
    the English page in the edition's folder, so that the edition's links to it hold."""
    from generator.editions import EDITIONS, edition_of  # the editions of the code measured (its snapshot's own)

    for edition in EDITIONS[1:]:
        for page in hand_written.rglob("*.md"):
            relative = page.relative_to(hand_written).as_posix()
            if edition_of(relative).is_source and not (docs / edition.path(relative)).exists():
                target = docs / edition.path(relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""


@dataclass(frozen=True)
class Before:
    """An earlier commit's code, and the corpus its own make_corpus.py makes, built through its own plugin."""

    rev: str
    code: Path

    @property
    def env(self) -> dict[str, str]:
        return {**ENV, "PYTHONPATH": str(self.code)}


def before_code(work: Path, rev: str, timeout: float) -> Before:
    """The tree of `rev`, written from git into the work folder once (no checkout of the repository moves)."""
    code = work / f"before-{rev}"
    if not (code / ".complete").is_file():
        if code.exists():
            shutil.rmtree(code)
        code.mkdir(parents=True)
        say(f"taking the code of {rev} from git")
        archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, capture_output=True,
                                 timeout=timeout, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True, timeout=timeout)
        (code / ".complete").write_text(rev, encoding="utf-8")
    return Before(rev, code)


def before_corpus(before: Before, n: int, timeout: float) -> Path:
    project = before.code.parent / f"before-{before.rev}-corpus-{n}"
    if not (project / ".complete").is_file():
        if project.exists():
            shutil.rmtree(project)
        say(f"making the {before.rev} corpus of {n:,} claims")
        checked(run_process([PYTHON, str(before.code / "bench" / "make_corpus.py"), str(n), str(project)],
                            before.code, timeout, env=before.env), f"make_corpus {n} of {before.rev}")
        (project / ".complete").write_text(before.rev, encoding="utf-8")
    return project


ZENSICAL = Path(PYTHON).parent / "zensical"
"""Zensical's command, a test dependency (pyproject.toml); without it the Zensical row is left out."""


def zensical_version() -> str:
    try:
        return metadata.version("zensical")
    except metadata.PackageNotFoundError:
        return "not installed"


def zensical_config(project: Path) -> Path:
    """The baseline's configuration for Zensical, which takes the site folder from it (no --site-dir)."""
    path = project / "zensical-baseline.yml"
    path.write_text(f"INHERIT: mkdocs-baseline.yml\nsite_dir: {project / 'site-zensical'}\n", encoding="utf-8")
    return path


def build_commands(project: Path, before: Before | None, timeout: float,
                   zensical: bool = True) -> list[tuple[str, list[str], Path, dict[str, str]]]:
    """What one round of builds runs: name, command, folder, environment."""
    def mkdocs(config: Path, site: Path) -> list[str]:
        return [PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)]

    commands = [("plugin", mkdocs(project / "mkdocs.yml", project / "site-plugin"), project, ENV),
                ("baseline", mkdocs(project / "mkdocs-baseline.yml", project / "site-baseline"), project, ENV)]
    if zensical and ZENSICAL.is_file():
        commands.append(("zensical", [str(ZENSICAL), "build", "--clean", "--strict", "-f",
                                      str(zensical_config(project))], project, ENV))
    if before is not None:
        old = before_corpus(before, int(project.name.rsplit("-", 1)[1]), timeout)
        commands.append(("before", mkdocs(old / "mkdocs.yml", old / "site-before"), old, before.env))
    return commands


def measure_builds(ledger: Ledger, project: Path, n: int, runs: int, timeout: float,
                   before: Before | None = None, zensical: bool = True) -> None:
    """`mkdocs build` through the plugin, the baseline, Zensical on the baseline's Markdown and the plugin
    build of `before`, one after the other in each round, `runs` rounds."""
    entry = ledger.section("builds", str(n))
    baseline_yml = project / "mkdocs-baseline.yml"
    if "export" not in entry or not baseline_yml.is_file():
        baseline_yml, export = baseline_project(project, timeout)
        entry["export"] = raw(export)
        entry["runs"] = []
        entry.pop("pages", None)
        ledger.save()
    done: list[dict[str, Any]] = entry.setdefault("runs", [])
    commands = build_commands(project, before, timeout, zensical)
    for index in range(len(done), runs):
        pair = {}
        for name, command, cwd, env in commands:
            say(f"build ({name}) at {project.name}: run {index + 1} of {runs}")
            run = checked(run_process(command, cwd, timeout, log=project / f"build-{name}-{index + 1}.log", env=env,
                                      sample_memory=True), f"build ({name})")
            pair[name] = raw(run)
        done.append(pair)
        entry.pop("pages", None)
        ledger.save()
    if "pages" not in entry:
        entry["pages"] = html_sizes(project / "site-plugin")
        entry["baseline_pages"] = html_sizes(project / "site-baseline")
        ledger.save()


def html_sizes(site: Path) -> dict[str, Any]:
    pages = sorted((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html"))
    return {"count": len(pages), "median_kb": statistics.median(size for size, _ in pages) / 1024,
            "largest_kb": pages[-1][0] / 1024, "largest": pages[-1][1],
            "over_40_kb": sum(1 for size, _ in pages if size > MEDIAN_PAGE_TARGET_KB * 1024)}


def build_summary(entry: dict[str, Any]) -> dict[str, Any]:
    def series(name: str) -> Series:
        # Memory: the larger of the process's exact peak and the sampled peak of its tree (the module's doc).
        return Series([r[name]["wall"] for r in entry["runs"]], [r[name]["cpu"] for r in entry["runs"]],
                      [max(r[name]["maxrss_kb"], r[name].get("tree_pss_kb") or 0) for r in entry["runs"]])

    pages, baseline_pages = entry["pages"], entry["baseline_pages"]
    others = {name: series(name) for name in ("zensical", "before") if all(name in r for r in entry["runs"])}
    return {
        "plugin": series("plugin"), "baseline": series("baseline"), **others,
        "export": {"wall_s": entry["export"]["wall"], "cpu_s": entry["export"]["cpu"],
                   "peak_rss_kb": entry["export"]["maxrss_kb"]},
        "html_pages": pages["count"], "baseline_html_pages": baseline_pages["count"],
        "median_page_kb": pages["median_kb"], "largest_page_kb": pages["largest_kb"],
        "largest_page": pages["largest"], "pages_over_40_kb": pages["over_40_kb"],
        "baseline_median_page_kb": baseline_pages["median_kb"],
    }


# --- preview latency --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 120) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def edit_targets(content: Path, count: int) -> list[dict[str, Any]]:
    """Claims to edit: happened on a known day, naming a region; spread over the corpus, always the same."""
    candidates = []
    for path in sorted((content / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        happened = str(data["dates"]["happened"]["date"])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", happened) and data.get("regions"):
            candidates.append((path, data, happened))
    step = max(1, len(candidates) // count)
    targets = []
    for path, data, happened in candidates[::step][:count]:
        year, month, day = happened.split("-")
        targets.append({
            "path": path, "data": data, "id": path.stem,
            "pages": {
                "claim": f"claims/{path.stem}/",
                "actor": f"actors/{data['actor']}/",
                "region": f"regions/{data['regions'][0]['region']}/",
                "day": f"dates/{year}/{month}/{day}/",
            },
        })
    return targets


_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")


def served_epoch(url: str) -> int:
    """The version of the site that `url` was served from, as MkDocs' live-reload script in it says."""
    found = _LIVERELOAD.search(fetch(url))
    if found is None:
        raise SystemExit(f"{url} has no live-reload script")
    return int(found[1])


def next_epoch(base: str, epoch: int) -> int:
    """Once the server has built a site newer than `epoch`, its version: MkDocs' live-reload request, which
    a page's script keeps open until a rebuild is done (at most a minute, then asked again)."""
    while True:
        answer = fetch(f"{base}livereload/{epoch}/{os.getpid()}", timeout=120).strip()
        if answer.isdigit() and int(answer) > epoch:
            return int(answer)
        if not answer:  # no answer: the server is busy starting or stopping
            time.sleep(0.1)


def listing_page(url: str, claim_id: str) -> str:
    """The page that lists a claim: `url` itself, or, for a record or day listed month by month or over
    numbered pages (listing.PAGE_CLAIMS), the month page or numbered page that does, found as a reader would."""
    link = f"claims/{claim_id}/"
    seen: set[str] = set()
    queue = [url]
    while queue:
        page = queue.pop(0)
        if page in seen or not page.startswith(url):
            continue
        seen.add(page)
        html = fetch(page)
        if link in html:
            return page
        queue += [urllib.parse.urljoin(page, href) for href in re.findall(r'href="([^"#]+/)"', html)]
    raise SystemExit(f"no page under {url} lists {claim_id}")


def measure_preview(project: Path, edits: int, timeout: float) -> dict[str, Any]:
    """`mkdocs serve --livereload`; per edit, the time from writing the file until the claim page and its
    actor, region and day pages (each the page of them that lists the claim) show the new summary. Like a
    browser, the probe waits on the live-reload request and then loads the pages once; a listing page that
    does not yet show the edit when the claim page does is stale."""
    served = project.parent / f"preview-{project.name}"
    if served.exists():
        shutil.rmtree(served)
    shutil.copytree(project, served, ignore=shutil.ignore_patterns("site-*", "baseline-docs", "*.log"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = served / "serve.log"
    log = log_path.open("w")
    say(f"mkdocs serve on {base} ({served.name}), waiting for the first build")
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--dev-addr", f"127.0.0.1:{port}",
         "-f", str(served / "mkdocs.yml")],
        cwd=served, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    results: list[dict[str, Any]] = []
    try:
        while not fetch(base, timeout=5):
            if process.poll() is not None:
                raise SystemExit(f"mkdocs serve exited:\n{log_path.read_text()[-3000:]}")
            if time.perf_counter() - started > timeout:
                raise SystemExit("mkdocs serve did not answer in time")
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        for number, target in enumerate(edit_targets(served / "content", edits), start=1):
            urls = {name: listing_page(base + page, target["id"]) if name != "claim" else base + page
                    for name, page in target["pages"].items()}
            for name, url in urls.items():
                if not fetch(url):
                    raise SystemExit(f"the {name} page {url} is not served before the edit")
            marker = f"Benchedit{number}x{os.getpid()}"
            data = dict(target["data"])
            data["summary"] = f"{marker} changed this summary of claim number {number}."
            text = "# yaml-language-server: $schema=../schema/claim.schema.json\n" + yaml.safe_dump(
                data, sort_keys=False, allow_unicode=True, width=100)
            epoch = served_epoch(urls["claim"])
            say(f"preview edit {number} of {edits}: {target['id']}")
            target["path"].write_text(text, encoding="utf-8")
            saved = time.perf_counter()
            # As a browser showing the claim page does: wait on the live-reload request until the server has
            # built a newer site, then load the pages; again if that build did not yet include the edit.
            while True:
                if time.perf_counter() - saved > timeout:
                    raise SystemExit(f"preview edit {number}: pages not updated after {timeout:.0f} s")
                epoch = next_epoch(base, epoch)
                shown = {name: marker in fetch(url) for name, url in urls.items()}
                if shown["claim"]:
                    break
            latency = time.perf_counter() - saved
            stale_at_claim = [name for name, updated in shown.items() if not updated]
            results.append({"claim": target["id"], "latency_s": latency, "stale_listing_pages": stale_at_claim})
            time.sleep(1.0)  # let the watcher settle before the next edit
    finally:
        _kill(process.pid, signal.SIGTERM)
        timer = threading.Timer(30, _kill, (process.pid,))
        timer.start()
        _, _, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = 0
        log.close()
    return {
        "edits": results, "first_build_s": first_build, "peak_rss_kb": usage.ru_maxrss,
        "stale_edits": sum(1 for r in results if r["stale_listing_pages"]),
    }


# --- mkdocs.yml, with tags such as !ENV or !!python/name kept as written -------------------------


class _Tagged:
    def __init__(self, tag: str, value: Any, style: type[yaml.Node]) -> None:
        self.tag, self.value, self.style = tag, value, style


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(node.tag, loader.construct_scalar(node), yaml.ScalarNode)
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True), yaml.SequenceNode)
    return _Tagged(node.tag, loader.construct_mapping(node, deep=True), yaml.MappingNode)  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if data.style is yaml.ScalarNode:
        return dumper.represent_scalar(data.tag, data.value)
    if data.style is yaml.SequenceNode:
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_mapping(data.tag, data.value)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    return config


# --- the report -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return {
        "cpu": cpu, "cores": str(os.cpu_count()), "ram": ram, "load_average_at_start": load,
        "os": platform.platform(), "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"), "mkdocs_material": metadata.version("mkdocs-material"),
        "zensical": zensical_version(),
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def secs(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def memory(kb: int | None) -> str:
    if kb is None:
        return "—"
    return f"{kb / 1024:.0f} MB" if kb < 1024 * 1024 else f"{kb / 1024 / 1024:.2f} GB"


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return "1 run"
    return f"{len(values)} runs, {min(values):.2f}–{max(values):.2f}" if max(values) < 100 else \
        f"{len(values)} runs, {min(values):.0f}–{max(values):.0f}"


def verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


def not_measured(size: int) -> str:
    return f"not judged (target is at {size:,} claims)"


def table(results: dict[str, Any]) -> list[list[str]]:
    """Rows: measure, claims, median, runs, CPU, peak memory, target, status."""
    rows: list[list[str]] = []
    core, builds, preview = results["core"], results["builds"], results.get("preview")
    for n, measured in core.items():
        for stage in STAGES:
            series: Series = measured["stages"][stage]
            rows.append([f"core · {STAGE_LABELS[stage]}", f"{n:,}", secs(series.median), spread(series.wall), "",
                         memory(int(statistics.median(series.maxrss_kb))) + " (process so far)", "", ""])
        total: Series = measured["total"]
        target, status = f"≤ {CORE_TARGET_S} s; ≤ 1.5 GB", ""
        if n == TARGET_SIZE:
            status = verdict(total.median <= CORE_TARGET_S and max(total.maxrss_kb) <= MEMORY_TARGET_KB)
            status += f" (time {'met' if total.median <= CORE_TARGET_S else 'missed'}, memory " \
                      f"{'met' if max(total.maxrss_kb) <= MEMORY_TARGET_KB else 'missed'})"
        else:
            target, status = "", ""
        rows.append([f"**core · total** ({measured['counts']['pages']:,} pages, {measured['counts']['files']} files)",
                     f"{n:,}", secs(total.median), spread(total.wall), secs(statistics.median(total.cpu)),
                     memory(max(total.maxrss_kb)), target, status])
        rebuild = measured.get("rebuild")
        if rebuild:
            edits = Series(rebuild["seconds"])
            rows.append(["core · first run keeping what it read (the preview's first build)", f"{n:,}",
                         secs(rebuild["first_s"]), "1 run", "", "", "", ""])
            rows.append([f"core · rebuild after editing one claim (the preview; median "
                         f"{statistics.median(rebuild['rendered_pages']):,.0f} of {rebuild['pages']:,} pages rendered)",
                         f"{n:,}", secs(edits.median), spread(edits.wall), "", memory(rebuild["maxrss_kb"]), "", ""])
    for n, measured in builds.items():
        plugin: Series = measured["plugin"]
        baseline: Series = measured["baseline"]
        judged = n == TARGET_SIZE
        mem_ok = max(plugin.maxrss_kb) <= MEMORY_TARGET_KB
        rows.append([f"**mkdocs build, with the plugin** ({measured['html_pages']:,} HTML pages)", f"{n:,}",
                     secs(plugin.median), spread(plugin.wall), secs(statistics.median(plugin.cpu)),
                     memory(max(plugin.maxrss_kb)), "≤ 1.5 GB" if judged else "",
                     verdict(mem_ok) + " (memory)" if judged else ""])
        rows.append(["mkdocs build, baseline (exported Markdown, no plugin)", f"{n:,}", secs(baseline.median),
                     spread(baseline.wall), secs(statistics.median(baseline.cpu)), memory(max(baseline.maxrss_kb)),
                     "", ""])
        export = measured["export"]
        zensical: Series | None = measured.get("zensical")
        if zensical is not None:
            rows.append([f"Zensical {results['machine']['zensical']} build of the baseline's exported Markdown (cold)", f"{n:,}",
                         secs(zensical.median), spread(zensical.wall), secs(statistics.median(zensical.cpu)),
                         memory(max(zensical.maxrss_kb)), "", ""])
        before: Series | None = measured.get("before")
        if before is not None:
            speedup = plugin.median / before.median
            rows.append([f"mkdocs build, with the plugin, at {results['before']} (its own corpus of this size)",
                         f"{n:,}", secs(before.median), spread(before.wall), secs(statistics.median(before.cpu)),
                         memory(max(before.maxrss_kb)), "", ""])
            rows.append([f"**build now / at {results['before']}**", f"{n:,}", f"{speedup:.2f} ×",
                         f"CPU: {statistics.median(plugin.cpu) / statistics.median(before.cpu):.2f} ×", "", "",
                         f"≤ {BEFORE_RATIO_TARGET:.2f} ×" if judged else "",
                         verdict(speedup <= BEFORE_RATIO_TARGET) if judged else ""])
        rows.append(["`generator export` (makes the baseline's input; not in either build)", f"{n:,}",
                     secs(export["wall_s"]), "1 run", secs(export["cpu_s"]), memory(export["peak_rss_kb"]), "", ""])
        ratio = plugin.median / baseline.median
        rows.append(["**build ratio plugin / baseline**", f"{n:,}", f"{ratio:.2f} ×",
                     f"CPU: {statistics.median(plugin.cpu) / statistics.median(baseline.cpu):.2f} ×", "", "",
                     f"≤ {BUILD_RATIO_TARGET} ×" if judged else "",
                     verdict(ratio <= BUILD_RATIO_TARGET) if judged else ""])
        if n in core:
            share = core[n]["total"].median / plugin.median
            rows.append(["**core share of the full build**", f"{n:,}", f"{share * 100:.1f} %", "", "", "",
                         f"≤ {CORE_SHARE_TARGET * 100:.0f} %" if judged else "",
                         verdict(share <= CORE_SHARE_TARGET) if judged else ""])
        rows.append(["**median HTML page**", f"{n:,}", f"{measured['median_page_kb']:.1f} KB", "", "", "",
                     f"≤ {MEDIAN_PAGE_TARGET_KB} KB", verdict(measured["median_page_kb"] <= MEDIAN_PAGE_TARGET_KB)])
        bounded = n >= TARGET_SIZE
        rows.append([f"**largest HTML page** (`{measured['largest_page']}`)", f"{n:,}",
                     f"{measured['largest_page_kb']:,.0f} KB", "", "", "",
                     f"≤ {LARGEST_PAGE_TARGET_KB} KB" if bounded else "",
                     verdict(measured["largest_page_kb"] <= LARGEST_PAGE_TARGET_KB) if bounded else ""])
    if TARGET_SIZE not in core and TARGET_SIZE not in builds:
        rows.append(["core and build targets", "", "", "", "", "", "", not_measured(TARGET_SIZE)])
    if preview is not None:
        n = preview["size"]
        latency: Series = preview["latency"]
        preview_target = PREVIEW_TARGETS_S.get(n)
        judged = preview_target is not None
        rows.append(["**preview latency** (save → claim, actor, region and day pages updated)", f"{n:,}",
                     secs(latency.median), spread(latency.wall), "", memory(preview["peak_rss_kb"]) + " (serve)",
                     f"≤ {preview_target} s" if judged else not_measured(PREVIEW_SIZE),
                     verdict(latency.median <= (preview_target or 0)) if judged else ""])
        stale = preview["stale_edits"]
        rows.append(["**stale listing page** when the claim page had updated", f"{n:,}",
                     f"{stale} of {len(preview['edits'])} edits", "", "", "",
                     "none" if judged else "", verdict(stale == 0) if judged else ""])
        rows.append(["`mkdocs serve` first build (until the site answered)", f"{n:,}", secs(preview["first_build_s"]),
                     "1 run", "", "", "", ""])
    return rows


def render(results: dict[str, Any]) -> str:
    info = results["machine"]
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM ({info['os']}); "
        f"load average at start {info['load_average_at_start']}",
        f"Python {info['python']}, MkDocs {info['mkdocs']}, Material {info['mkdocs_material']}, "
        f"Zensical {info.get('zensical', 'not installed')}; {info['date']}",
        f"Command: `{results['command']}`",
        f"Code measured: HEAD {results['code']['head']}"
        + (f" with uncommitted changes ({results['code']['uncommitted']})" if results["code"]["uncommitted"] else "")
        + f"; snapshot sha256 {results['code']['sha256']}",
        "",
        "| Measure | Claims | Median (wall) | Runs (min–max, s) | CPU (median) | Peak memory | Target | Status |",
        "|---|---:|---:|---|---:|---:|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table(results)]
    lines += [
        "",
        "Wall: median of the runs, each in a fresh process (core stages: time.perf_counter inside the process, "
        "imports excluded). CPU: user + system time of the whole process (imports included), from os.wait4. "
        "Peak memory: that process's ru_maxrss; for builds, the larger of it and the peak of the summed PSS of the "
        "build's processes, sampled every second; for core stages, the core process's peak so far after that stage. "
        "Targets are judged at 10,000 claims (core, build ratio, memory) and 1,000 claims (preview).",
        "",
        f"Benchmark wall time: {secs(results['wall_s'])}"
        + (f", in {len(results['sessions'])} sessions (interrupted and resumed with --resume): "
           + "; ".join(f"{s['started']}, {secs(s['seconds'])}" for s in results["sessions"])
           if len(results["sessions"]) > 1 else "") + ".",
    ]
    return "\n".join(lines)


def to_json(value: Any) -> Any:
    if isinstance(value, Series):
        return value.as_dict()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def parse_sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000, 50000], help="claims, for the core stages")
    parser.add_argument("--build-sizes", type=parse_sizes, default=[1000, 10000], help="claims, for mkdocs builds")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median reported)")
    parser.add_argument("--core-runs-large", type=int, default=None, metavar="N",
                        help="runs for core sizes above 10,000 claims (default: --runs)")
    parser.add_argument("--build-runs-large", type=int, default=None, metavar="N",
                        help="runs for builds at 10,000 claims or more (default: --runs)")
    parser.add_argument("--before", default=BEFORE_REV, metavar="REV",
                        help=f"also build this commit's code and corpus, for the before/after row ('' to skip; "
                             f"default {BEFORE_REV}; --quick skips it unless given)")
    parser.add_argument("--zensical-sizes", type=parse_sizes, default=None, metavar="N,…",
                        help="build sizes at which Zensical builds the export too (default: every build size)")
    parser.add_argument("--preview-size", type=int, default=PREVIEW_SIZE, help="claims in the served copy (0: skip)")
    parser.add_argument("--preview-edits", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help=f"tiny configuration for the tests: core, build and preview at {QUICK_SIZE} claims, 1 edit, 1 run")
    parser.add_argument("--work-dir", type=Path, help="where corpora and sites go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--markdown", type=Path, help="also write the report here")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds allowed to any one process")
    parser.add_argument("--resume", action="store_true",
                        help="go on with an interrupted run in --work-dir: same code copy, finished runs kept")
    args = parser.parse_args(argv)
    if args.resume and not (args.work_dir and (args.work_dir / "code").is_dir()):
        parser.error("--resume needs the --work-dir of an earlier run")
    if args.quick:
        if "--before" not in (argv if argv is not None else sys.argv):
            args.before = ""
        args.sizes, args.build_sizes, args.runs = [QUICK_SIZE], [QUICK_SIZE], 1
        args.preview_size, args.preview_edits = QUICK_SIZE, 1
    command = shlex.join(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"command": command, "machine": machine(), "work_dir": str(work),
                               "core": {}, "builds": {}, "corpora": {}, "before": args.before}
    try:
        code = results["code"] = resume_snapshot(work) if args.resume else snapshot(work)
        version = code["sha256"]
        ledger = Ledger(work / "ledger.json", version)
        sessions = ledger.data.setdefault("sessions", [])
        sessions.append({"command": command, "started": results["machine"]["date"], "seconds": 0.0})

        def save() -> None:
            sessions[-1]["seconds"] = time.perf_counter() - started
            Ledger.save(ledger)

        ledger.save = save  # type: ignore[method-assign]
        for n in sorted(set(args.sizes) | set(args.build_sizes) | ({args.preview_size} - {0})):
            project = corpus(work, n, version)
            results["corpora"][n] = (project / "check.txt").read_text(encoding="utf-8").strip()
        def core(sizes: list[int]) -> None:
            for n in sizes:
                runs = args.core_runs_large if args.core_runs_large and n > TARGET_SIZE else args.runs
                measure_core(ledger, corpus(work, n, version), n, runs, args.timeout)
                results["core"][n] = core_summary(ledger.data["core"][str(n)][:runs])
                if n <= TARGET_SIZE:
                    measure_rebuilds(ledger, corpus(work, n, version), n, args.timeout)
                    results["core"][n]["rebuild"] = ledger.data["rebuild"][str(n)]

        # The sizes the targets are judged at come first; larger core sizes (the longest runs) come last.
        core(sorted(n for n in args.sizes if n <= TARGET_SIZE))
        for n in args.build_sizes:
            runs = args.build_runs_large if args.build_runs_large and n >= TARGET_SIZE else args.runs
            before = before_code(work, args.before, args.timeout) if args.before else None
            zensical = args.zensical_sizes is None or n in args.zensical_sizes
            measure_builds(ledger, corpus(work, n, version), n, runs, args.timeout, before, zensical)
            results["builds"][n] = build_summary(ledger.data["builds"][str(n)])
        if args.preview_size:
            key = f"{args.preview_size}x{args.preview_edits}"
            if key not in ledger.section("preview"):
                ledger.section("preview")[key] = measure_preview(
                    corpus(work, args.preview_size, version), args.preview_edits, min(args.timeout, 1800))
                ledger.save()
            preview = ledger.section("preview")[key]
            results["preview"] = {"size": args.preview_size, **preview,
                                  "latency": Series([e["latency_s"] for e in preview["edits"]])}
        core(sorted(n for n in args.sizes if n > TARGET_SIZE))
        ledger.save()
        results["sessions"] = sessions
    finally:
        if args.work_dir is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["wall_s"] = sum(session["seconds"] for session in results["sessions"])
    report = render(results)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
