"""Addresses that never break: a renamed record keeps its old address as a redirect page, and content that
would drop a published address is refused (the real builds, browsers and preview: test_aliases_site.py)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.load import load_content
from generator.pipeline import check, generate
from generator.published import PUBLISHED, check_published, listed, unlisted, update_published
from generator.sanitize import sanitize

from .conftest import ROOT, SMALL, make_project

TEMPLATES = ROOT / "theme" / "templates"


def run(content: Path, *args: str) -> tuple[int, str, str]:
    """The command line, run beside the content folder as editors run it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(content.parent):
        code = cli_main(["--content", content.name, *args])
    return code, out.getvalue(), err.getvalue()


def rename(content: Path, folder: str, old: str, new: str, alias: bool) -> Path:
    """Renames a record file, as an editor would; with `alias`, the record keeps its old id."""
    record = content / folder / f"{old}.yaml"
    renamed = record.rename(content / folder / f"{new}.yaml")
    if alias:
        renamed.write_text(renamed.read_text(encoding="utf-8") + f"aliases:\n  - {old}\n", encoding="utf-8")
    return renamed


def refer_to(content: Path, old: str, new: str) -> None:
    """Every reference to a record's old id made to its new one, as an editor renaming a record does."""
    for record in content.rglob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(rf"(?m)(?<=[:\-\[] ){old}$|(?<=\[){old}(?=\])", new, text), encoding="utf-8")


def line_of(content: Path, address: str) -> int:
    return next(number for number, entry in listed(content) if entry == address)


def published_project(root: Path) -> Path:
    """A copy of the project with the small content, every address of which is listed as published."""
    project = make_project(root, SMALL)
    assert run(project / "content", "published", "--update")[0] == 0
    return project


# --- the list of published addresses ------------------------------------------------------------


def test_published_update_lists_every_record_page_and_keeps_what_it_held(content: Path) -> None:
    code, out, err = run(content, "published")
    assert code == 1 and "claims/bob-refuses/" in out.splitlines()
    assert "11 addresses not yet in" in err
    (content / PUBLISHED).write_text("# Kept since the first edition.\nclaims/alice-offers-kherson/\n", encoding="utf-8")

    code, out, _ = run(content, "published", "--update")
    assert (code, out.split(" address")[0]) == (0, "10")
    text = (content / PUBLISHED).read_text(encoding="utf-8")
    assert text.startswith("# Kept since the first edition.\n")
    documents = load_content(content).documents
    assert [entry for _, entry in listed(content)] == sorted(
        [*(f"actors/{p.stem}/" for p in (content / "actors").glob("*.yaml")),
         *(f"claims/{p.stem}/" for p in (content / "claims").glob("*.yaml")),
         *(f"regions/{p.stem}/" for p in (content / "regions").glob("*.yaml")),
         *(f"sources/{p.stem}/" for p in (content / "sources").glob("*.yaml"))])
    assert unlisted(content, documents) == []
    assert run(content, "published") == (0, "ok: every record page is in content/published.txt\n", "")


def test_an_alias_keeps_the_old_address_served_and_listed(content: Path) -> None:
    update_published(content, load_content(content).documents)
    rename(content, "claims", "bob-refuses", "bob-refuses-to-cede-territory", alias=True)
    documents = load_content(content).documents
    assert check_published(content, documents) == []
    assert unlisted(content, documents) == ["claims/bob-refuses-to-cede-territory/"]
    update_published(content, documents)
    assert {"claims/bob-refuses/", "claims/bob-refuses-to-cede-territory/"} <= {e for _, e in listed(content)}


@pytest.mark.parametrize("folder, old", [("claims", "bob-refuses"), ("actors", "freedonia"),
                                         ("sources", "wire-report"), ("regions", "kherson")])
def test_renaming_without_an_alias_is_refused_naming_the_old_address(content: Path, folder: str, old: str) -> None:
    update_published(content, load_content(content).documents)
    line = line_of(content, f"{folder}/{old}/")
    renamed = rename(content, folder, old, f"{old}-renamed", alias=False)
    refer_to(content, old, f"{old}-renamed")
    kind = folder.removesuffix("s")
    code, _, err = run(content, "check")
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/published.txt:{line}:1: {folder}/{old}/: this address was published and would no longer be "
        f"served: no {kind} has the id '{old}' or lists it in its aliases. If the {kind} was renamed or merged, "
        f"add '{old}' to the `aliases` of the {kind} that replaces it")

    renamed.write_text(renamed.read_text(encoding="utf-8") + f"aliases: [{old}]\n", encoding="utf-8")
    assert run(content, "check")[0] == 0


def test_a_merged_record_leaves_its_id_to_the_one_it_joined(content: Path) -> None:
    update_published(content, load_content(content).documents)
    (content / "claims" / "alice-offers-kherson.yaml").unlink()
    survivor = content / "claims" / "alice-demands-donetsk.yaml"
    for record in (content / "claims").glob("*.yaml"):  # relations to the merged claim go to the survivor
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("claim: alice-offers-kherson", "claim: alice-demands-donetsk"), encoding="utf-8")
    assert any("claims/alice-offers-kherson/: this address was published" in str(p) for p in check(content)[1])
    survivor.write_text(survivor.read_text(encoding="utf-8") + "aliases:\n  - alice-offers-kherson\n",
                        encoding="utf-8")
    catalog, problems = check(content)
    assert problems == [] and catalog is not None


def test_without_a_list_nothing_is_refused(content: Path) -> None:
    rename(content, "actors", "alice", "alice-example", alias=False)
    problems = check_published(content, load_content(content).documents)
    assert not (content / PUBLISHED).exists() and problems == []


# --- the redirect page --------------------------------------------------------------------------


def test_the_redirect_page_escapes_the_title_and_its_body_is_sanitized(content: Path) -> None:
    renamed = rename(content, "claims", "bob-refuses", "bob-says-no", alias=True)
    renamed.write_text(renamed.read_text(encoding="utf-8").replace(
        "summary: Bob refused to cede any territory.", "summary: '<script>alert(1)</script> & <b>no</b>'"),
        encoding="utf-8")
    site = generate(content, TEMPLATES, "Site", "https://example.org/explainer/")
    page = next(f for f in site.files if f.path == "claims/bob-refuses/index.html").content.decode("utf-8")
    assert '<link rel="canonical" href="https://example.org/explainer/claims/bob-says-no/">' in page
    assert '<meta http-equiv="refresh" content="0; url=../bob-says-no/">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;no&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>" not in page
    body = page.split("<main>", 1)[1].split("</main>", 1)[0]
    assert sanitize(body) == body
    assert not any(p.path.startswith("claims/bob-refuses.") for p in site.pages)  # a file, not a page


def test_a_reference_to_an_old_id_is_told_the_new_one(content: Path) -> None:
    rename(content, "actors", "bob", "bob-example", alias=True)
    code, _, err = run(content, "check")
    assert (code, err.splitlines()[:2]) == (1, [
        "content/claims/alice-demands-donetsk.yaml:3:14: addressees[0]: unknown actor 'bob'; it was renamed "
        "'bob-example' (see that actor's aliases)",
        "content/claims/bob-refuses.yaml:2:1: actor: unknown actor 'bob'; it was renamed 'bob-example' "
        "(see that actor's aliases)",
    ])
