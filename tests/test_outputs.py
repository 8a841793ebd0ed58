"""Open data and feeds: what a program reading the site gets."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from generator.feeds import ATOM
from generator.pipeline import Site, generate

from .conftest import ROOT, SMALL

TEMPLATES = ROOT / "theme" / "templates"
A = f"{{{ATOM}}}"


@pytest.fixture(scope="module")
def site() -> Site:
    return generate(SMALL, TEMPLATES, "Test site", None)


def files(site: Site) -> dict[str, bytes]:
    return {f.path: f.content for f in site.files}


def validator_for(published: dict[str, bytes]) -> jsonschema.Draft7Validator:
    """The published dataset schema, resolving its references to the other published schemas by file name."""
    schemas = {path.rsplit("/", 1)[1]: json.loads(content) for path, content in published.items()
               if path.startswith("data/schema/")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT7))
        for name, schema in schemas.items()
    )
    return jsonschema.Draft7Validator(schemas["dataset.schema.json"], registry=registry)


def test_the_published_json_validates_against_the_published_schema(site: Site) -> None:
    published = files(site)
    data = json.loads(published["data/claims.json"])
    validator_for(published).validate(data)
    assert sorted(data["claims"]) == ["alice-demands-donetsk", "alice-offers-kherson", "bob-refuses"]
    claim = data["claims"]["alice-offers-kherson"]
    assert claim["dates"]["happened"] == {"date": "2025-08", "basis": "inferred", "note": 'The Daily says "in August".'}


def test_the_schema_rejects_a_broken_dataset(site: Site) -> None:
    published = files(site)
    data = json.loads(published["data/claims.json"])
    data["claims"]["alice-offers-kherson"]["kind"] = "rumour"
    errors = list(validator_for(published).iter_errors(data))
    assert errors and "'rumour' is not one of" in errors[0].message


@pytest.mark.build
def test_the_real_dataset_validates_too() -> None:
    real = generate(ROOT / "content", TEMPLATES, "Site", None)
    published = files(real)
    validator_for(published).validate(json.loads(published["data/claims.json"]))


def test_csv_has_one_row_per_claim_in_date_order(site: Site) -> None:
    rows = list(csv.DictReader(io.StringIO(files(site)["data/claims.csv"].decode("utf-8"))))
    assert [row["id"] for row in rows] == ["alice-demands-donetsk", "bob-refuses", "alice-offers-kherson"]
    first = rows[0]
    assert first["regions"] == "donetsk:demanded"
    assert first["sources"] == "daily-article;weekly-article"
    assert first["independent_sources"] == "1"
    assert first["page"] == "claims/alice-demands-donetsk/"
    assert first["deadline"] == "2025-09-01"
    assert (first["addressees"], first["co_actors"]) == ("bob", "")


def test_a_joint_claim_has_its_parties_in_the_open_data_and_feeds(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("actor: bob\n", "actor: bob\nco_actors: [freedonia]\n"
                                               "addressees: [alice]\n"))
    published = files(generate(content, TEMPLATES, "Site", None))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(published["data/claims.csv"].decode("utf-8")))}
    assert (rows["bob-refuses"]["co_actors"], rows["bob-refuses"]["addressees"]) == ("freedonia", "alice")
    record = json.loads(published["data/claims.json"])["claims"]["bob-refuses"]
    assert (record["actor"], record["co_actors"], record["addressees"]) == ("bob", ["freedonia"], ["alice"])
    validator_for(published).validate(json.loads(published["data/claims.json"]))
    # The co-actor's feed has the claim, with both actors as its authors.
    entry = ET.fromstring(published["feeds/actors/freedonia.xml"]).find(f"{{{ATOM}}}entry")
    assert entry is not None
    assert [a.findtext(f"{{{ATOM}}}name") for a in entry.findall(f"{{{ATOM}}}author")] == ["Bob Example", "Freedonia"]


def test_csv_cells_never_start_a_formula(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("Bob refused to cede any territory.", "'=HYPERLINK(\"http://x\")'"))
    rows = list(csv.DictReader(io.StringIO(
        {f.path: f.content for f in generate(content, TEMPLATES).files}["data/claims.csv"].decode())))
    assert [r["summary"] for r in rows if r["id"] == "bob-refuses"] == ["'=HYPERLINK(\"http://x\")"]


def parse_feed(content: bytes) -> ET.Element:
    root = ET.fromstring(content)
    assert root.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{required}") is not None, required
    for entry in root.findall(f"{A}entry"):
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{A}{required}") is not None, required
    return root


def test_feeds_for_the_site_each_actor_and_each_region(site: Site) -> None:
    published = files(site)
    feeds = sorted(path for path in published if path.startswith("feeds/"))
    assert feeds == [
        "feeds/actors/alice.xml", "feeds/actors/bob.xml", "feeds/actors/freedonia.xml", "feeds/changes.xml",
        "feeds/claims.xml", "feeds/corrections.xml",
        "feeds/regions/donetsk.xml", "feeds/regions/kherson.xml",
    ]
    everything = parse_feed(published["feeds/claims.xml"])
    titles = [entry.findtext(f"{A}title") for entry in everything.findall(f"{A}entry")]
    # Newest report first: 20 August, 14 July, 4 July.
    assert titles == ["Alice offered to give up parts of Kherson Oblast in exchange.",
                      "Alice demanded all of Donetsk Oblast.", "Bob refused to cede any territory."]
    assert everything.findtext(f"{A}updated") == "2025-08-20T00:00:00Z"
    alice = parse_feed(published["feeds/actors/alice.xml"])
    links = [entry.find(f"{A}link").get("href") for entry in alice.findall(f"{A}entry")]
    assert links == ["../../claims/alice-offers-kherson/", "../../claims/alice-demands-donetsk/"]


def test_feed_entries_keep_their_ids_and_use_the_site_address_when_known() -> None:
    with_url = {f.path: f.content for f in generate(SMALL, TEMPLATES, "Site", "https://example.org/explainer/").files}
    without = {f.path: f.content for f in generate(SMALL, TEMPLATES, "Site", None).files}
    a, b = parse_feed(with_url["feeds/claims.xml"]), parse_feed(without["feeds/claims.xml"])
    assert [e.findtext(f"{A}id") for e in a.findall(f"{A}entry")] == [e.findtext(f"{A}id") for e in b.findall(f"{A}entry")]
    assert a.find(f"{A}entry/{A}link").get("href") == "https://example.org/explainer/claims/alice-offers-kherson/"
    assert a.find(f"{A}link[@rel='self']").get("href") == "https://example.org/explainer/feeds/claims.xml"


def test_feed_text_is_escaped_xml(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("Bob refused to cede any territory.", "'</title><x>&amp; ]]>'"))
    feed = {f.path: f.content for f in generate(content, TEMPLATES).files}["feeds/actors/bob.xml"]
    assert parse_feed(feed).find(f"{A}entry").findtext(f"{A}title") == "</title><x>&amp; ]]>"


def test_each_claim_has_its_cameo_code_in_the_open_data(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("kind: refusal", "kind: event\ncameo: '04'"))
    published = files(generate(content, TEMPLATES, "Site", None))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(published["data/claims.csv"].decode("utf-8")))}
    # a demand is coded by its kind, an event by its record
    assert (rows["alice-demands-donetsk"]["cameo"], rows["alice-demands-donetsk"]["cameo_name"]) == ("10", "Demand")
    assert (rows["bob-refuses"]["cameo"], rows["bob-refuses"]["cameo_name"]) == ("04", "Consult")
    records = json.loads(published["data/claims.json"])["claims"]
    assert (records["alice-demands-donetsk"]["cameo"], records["bob-refuses"]["cameo"]) == ("10", "04")
    validator_for(published).validate(json.loads(published["data/claims.json"]))


def test_an_uncoded_event_has_no_cameo_code_rather_than_a_guess(content: Path) -> None:
    claim = content / "claims" / "bob-refuses.yaml"
    claim.write_text(claim.read_text().replace("kind: refusal", "kind: event"))
    published = files(generate(content, TEMPLATES, "Site", None))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(published["data/claims.csv"].decode("utf-8")))}
    assert (rows["bob-refuses"]["cameo"], rows["bob-refuses"]["cameo_name"]) == ("", "")
    assert "cameo" not in json.loads(published["data/claims.json"])["claims"]["bob-refuses"]
