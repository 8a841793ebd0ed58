"""A synthetic, valid corpus of any size, for benchmarks: `python bench/make_corpus.py N OUT_DIR`.

OUT_DIR becomes a complete copy of the project's site files (mkdocs.yml, theme/, stand-alone
hand-written pages, content/geo/, content/schema/, the 27 real regions) with synthetic actors, sources
and claims written as YAML exactly like the records in content/ (schema line first, one file per
record, the file name its id). The spread tries to look like real curation:

- about N/20 actors: a handful of states and organisations, persons speaking for them (a few of whom
  make most of the claims), and media outlets;
- about N/3 sources: most read directly, a fifth known only through the sources relaying them;
- N claims dated 2023-2025 (more in later years), at day, month or year precision, stated or inferred
  with a note; 1-3 sources each with a quote, some through `via`; 0-4 regions with roles; an issue from
  a fixed set of 30; relations to earlier claims only; a deadline on some; an addressee on a quarter
  (two on some) and a co-actor (a joint statement) on every 40th; a range or an open bound (EDTF) for
  when every 50th happened.

The same N always gives the same files (the random generator is seeded with N).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]

# The C emitter writes exactly what yaml.safe_dump writes (same representers: plain data only), faster.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

START = dt.date(2023, 1, 1)
END = dt.date(2025, 12, 31)

STATES = [  # id, name, Wikidata, adjective, weight of its people among the persons
    ("russia", "Russia", "Q159", "Russian", 30),
    ("ukraine", "Ukraine", "Q212", "Ukrainian", 30),
    ("united-states", "United States", "Q30", "American", 14),
    ("united-kingdom", "United Kingdom", "Q145", "British", 5),
    ("france", "France", "Q142", "French", 5),
    ("germany", "Germany", "Q183", "German", 5),
    ("turkey", "Turkey", "Q43", "Turkish", 4),
    ("china", "China", "Q148", "Chinese", 3),
    ("poland", "Poland", "Q36", "Polish", 4),
]
SIDES = [  # id, name, members: the columns of the positions table
    ("russia", "Russia", ["russia"]),
    ("ukraine", "Ukraine", ["ukraine"]),
    ("united-states", "United States", ["united-states"]),
    ("europe", "Europe", ["united-kingdom", "france", "germany", "poland", "european-union"]),
]
ORGANISATIONS = [
    ("nato", "NATO", "Q7184"),
    ("european-union", "European Union", "Q458"),
    ("united-nations", "United Nations", "Q1065"),
]
FIRST_NAMES = """Andriy Anna Boris Carlos Daria Dmitry Elena Emma Fedir Gabriel Hanna Igor Iryna James Jan Julia
Katarzyna Kateryna Klaus Lars Lena Leonid Lucas Maria Marek Maxim Mehmet Mykola Natalia Nikolai Oksana Olena Oleh
Olga Paul Pavel Petro Pierre Rafael Roman Ruslan Sarah Sergei Sofia Stefan Svitlana Taras Thomas Valentyna Viktor
Vitali Volodymyr Wei William Yana Yevhen Yulia Zofia Zoran Ahmet Claire""".split()
SURNAMES = """Abramov Baker Bondarenko Borisov Brandt Clarke Danylenko Dubois Ershov Fischer Fomin Garcia Girard
Hoffmann Horvath Hrytsenko Ivanenko Ivanov Jansen Kaya Klymenko Koval Kovalenko Kozak Kravets Kuznetsov Lambert
Lebedev Levchenko Lysenko Marchenko Martin Melnyk Meyer Moroz Nowak Novikov Oliynyk Orlov Petrenko Pavlenko Polyakov
Rudenko Savchenko Schneider Shevchenko Smirnov Sokolov Stone Tkachenko Turner Vasylenko Volkov Wagner Walker
Wisniewski Yilmaz Zaitsev Zhang Zhukov Bauer Costa Demir Eriksen Fontaine""".split()
OUTLET_PLACES = """Kyiv Baltic Eastern Atlantic Danube Capital Continental Northern Black-Sea Central Western Dnipro
Harbour Evening Morning Union Global Frontier Metropolitan Steppe Carpathian Riverside Coastal Republic Prairie
Highland Lakeside Meridian Summit Crossroads""".split()
OUTLET_NOUNS = "Courier Herald Post Tribune Review Dispatch Monitor Observer Ledger Wire Gazette Chronicle Times Journal Standard".split()

ISSUES = [  # the fixed set of issue keys, and the regions each one is about
    ("territory.russia-demands", ["donetsk", "luhansk", "zaporizhzhia", "kherson"]),
    ("territory.donetsk", ["donetsk"]),
    ("territory.zaporizhzhia", ["zaporizhzhia"]),
    ("territory.kherson", ["kherson"]),
    ("territory.crimea", ["crimea", "sevastopol"]),
    ("territory.annexation", ["donetsk", "luhansk", "zaporizhzhia", "kherson", "crimea"]),
    ("territory.occupation", ["donetsk", "luhansk", "zaporizhzhia", "kherson", "kharkiv"]),
    ("territory.buffer-zone", ["sumy", "kharkiv", "chernihiv"]),
    ("ceasefire", []),
    ("ceasefire.energy", []),
    ("ceasefire.black-sea", ["odesa", "mykolaiv"]),
    ("negotiations.direct-talks", []),
    ("negotiations.leaders-meeting", []),
    ("negotiations.us-mediation", []),
    ("negotiations.istanbul", []),
    ("prisoners.exchange", []),
    ("prisoners.children", []),
    ("security-guarantees", []),
    ("security-guarantees.troops", []),
    ("nato.membership", []),
    ("sanctions", []),
    ("sanctions.oil", []),
    ("sanctions.frozen-assets", []),
    ("weapons.supplies", []),
    ("weapons.air-defence", ["kyiv", "kharkiv", "odesa", "dnipropetrovsk"]),
    ("weapons.long-range", []),
    ("military.offensive", ["donetsk", "zaporizhzhia", "kharkiv", "sumy", "dnipropetrovsk"]),
    ("military.air-strikes", ["kyiv", "kharkiv", "odesa", "dnipropetrovsk", "lviv", "sumy", "zaporizhzhia"]),
    ("war-aims", []),
    ("energy.nuclear-plant", ["zaporizhzhia"]),
]
REGION_WEIGHTS = {
    "donetsk": 30, "luhansk": 14, "zaporizhzhia": 18, "kherson": 14, "crimea": 12, "kharkiv": 12, "sumy": 7,
    "dnipropetrovsk": 6, "kyiv": 8, "odesa": 7, "mykolaiv": 4, "sevastopol": 3, "chernihiv": 3, "kyiv-oblast": 3,
    "lviv": 2, "poltava": 2,
}
KINDS = [("statement", 22), ("demand", 12), ("offer", 6), ("refusal", 9), ("threat", 5), ("intent", 7),
         ("proposal", 7), ("assessment", 12), ("action", 10), ("event", 10)]
KIND_VERBS = {  # each followed by the issue's subject
    "statement": ["spoke about", "made a statement on", "told reporters about", "commented on"],
    "demand": ["demanded concessions on", "insisted on terms for", "set conditions on", "called for a settlement of"],
    "offer": ["offered a compromise on", "signalled readiness to trade on", "offered talks on"],
    "refusal": ["refused to compromise on", "rejected proposals on", "ruled out any deal on", "dismissed demands on"],
    "threat": ["threatened escalation over", "warned of consequences over", "threatened to walk away over"],
    "intent": ["said they intend to press on", "said they plan to raise", "promised to keep pushing on"],
    "proposal": ["proposed a plan on", "put forward a framework on", "suggested a new approach to"],
    "assessment": ["gave an assessment of", "judged the prospects for", "doubted any progress on"],
    "action": ["moved ahead with steps on", "announced measures on", "took action on"],
    "event": ["took part in talks on", "attended a meeting on", "hosted discussions on"],
}
ROLES_FOR_KIND = {
    "demand": ["demanded", "claimed", "mentioned"], "offer": ["offered", "mentioned"],
    "refusal": ["demanded", "mentioned", "occupied"], "threat": ["threatened", "attacked"],
    "action": ["attacked", "occupied", "mentioned"], "event": ["attacked", "mentioned", "occupied"],
}
RELATIONS = [("responds-to", 40), ("narrows", 15), ("contradicts", 15), ("supersedes", 10), ("pairs-with", 20)]
LEVELS = [("outlet", 48), ("on-record", 20), ("unnamed-sources", 12), ("official-readout", 9), ("analyst", 6),
          ("document", 5)]
LEVEL_DETAILS = {
    "outlet": ["the outlet's own reporting", "the article's own account", "reporting from the capital"],
    "on-record": ["at a press conference", "in a televised address", "in an interview", "in a post on social media"],
    "unnamed-sources": ["two senior officials familiar with the talks", "a person briefed on the call",
                        "officials who asked not to be named", "three people familiar with the discussions"],
    "official-readout": ["the presidential office's readout of the call", "a foreign ministry statement"],
    "analyst": ["a senior fellow at a think tank", "a former defence official", "a military analyst"],
    "document": ["a draft framework seen by the outlet", "a published memorandum", "the text of the proposal"],
}
STANDINGS = [("reported", 80), ("confirmed", 8), ("disputed", 5), ("denied", 4), ("superseded", 3)]
LANGUAGES = [("en", 60), ("uk", 18), ("ru", 8), ("fr", 5), ("de", 5), ("pl", 2), ("tr", 2)]

TOPICS = {  # plain prose for each issue key's subject
    "territory": "control of the occupied territories", "ceasefire": "a general ceasefire",
    "negotiations": "the shape of the negotiations", "prisoners": "the return of prisoners and deported civilians",
    "security-guarantees": "security guarantees for Ukraine", "nato": "Ukraine's membership of NATO",
    "sanctions": "sanctions on Russia", "weapons": "weapons deliveries to Ukraine",
    "military": "the fighting along the front line", "war-aims": "the stated aims of the war",
    "energy": "the safety of the nuclear power plant",
}
CONTEXT = [
    "as talks resumed after a pause of several weeks", "ahead of a planned round of talks",
    "after a week of heavy strikes on cities", "while envoys travelled between the capitals",
    "in remarks that officials later played down", "as allies discussed the next package of aid",
    "days before a deadline set by Washington", "after a phone call between the leaders",
    "while the front line barely moved", "as European leaders met to coordinate their position",
]
FILLER = [
    "The statement came after weeks of contacts between the delegations.",
    "Officials on the other side did not respond to a request for comment.",
    "The position matches what the same officials said earlier in the year.",
    "Neither side gave details of a timetable.",
    "Analysts said the remarks were aimed as much at domestic audiences as at the other side.",
    "The remarks were repeated later the same day by a spokesperson.",
    "No documents were published to support the account.",
    "Diplomats said the proposal had been discussed informally for some time.",
]
NOTES = {  # how an inferred date was worked out, by the precision it has
    "day": ["The article says it happened \"last week\"; it appeared on {ref}, so this is the week before.",
            "Dated by the article's reference to the talks of that week, counted from its publication on {ref}.",
            "The article says \"yesterday\"; it was published the day after, on {ref}."],
    "month": ["The article gives only the month; the day is not known.",
              "The article says \"earlier this month\"; it was published on {ref}."],
    "year": ["The year follows from the article's reference to the anniversary of the invasion.",
             "Mentioned as having happened before the article of {ref}; no date is given."],
}


class Corpus:
    def __init__(self, n: int) -> None:
        self.n = n
        self.rng = random.Random(f"explainer-corpus-{n}")
        self.regions = sorted(path.stem for path in (ROOT / "content" / "regions").glob("*.yaml"))
        self.region_names = {
            path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
            for path in (ROOT / "content" / "regions").glob("*.yaml")
        }
        self.actors: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.claims: dict[str, dict[str, Any]] = {}

    # --- helpers --------------------------------------------------------------------------------

    def weighted(self, pairs: list[tuple[str, int]]) -> str:
        return self.rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]

    def random_day(self) -> dt.date:
        # More claims in later years, as reporting on the talks grew: density rises linearly with time.
        span = (END - START).days
        offset = int(span * (self.rng.random() ** 0.7))
        return START + dt.timedelta(days=offset)

    @staticmethod
    def written(day: dt.date, precision: str) -> str:
        if precision == "day":
            return day.isoformat()
        if precision == "month":
            return f"{day.year:04d}-{day.month:02d}"
        return f"{day.year:04d}"

    def point(self, day: dt.date, precision: str, stated_share: float, reference: dt.date) -> dict[str, Any]:
        date = {"date": self.written(day, precision)}
        if self.rng.random() < stated_share:
            return {**date, "basis": "stated"}
        note = self.rng.choice(NOTES[precision]).format(ref=f"{reference.day} {reference:%B %Y}")
        return {**date, "basis": "inferred", "note": note}

    # --- actors ---------------------------------------------------------------------------------

    def make_actors(self) -> None:
        total = max(12, round(self.n / 20))
        n_states = min(len(STATES), max(3, total // 8))
        n_orgs = min(len(ORGANISATIONS), max(1, total // 20))
        n_outlets = max(2, round(total * 0.15))
        n_persons = max(4, total - n_states - n_orgs - n_outlets)
        states = STATES[:n_states]
        for state_id, name, wikidata, _, _ in states:
            self.actors[state_id] = {"name": name, "kind": "state", "wikidata": wikidata}
        for org_id, name, wikidata in ORGANISATIONS[:n_orgs]:
            self.actors[org_id] = {"name": name, "kind": "organisation", "wikidata": wikidata}
        names = [(first, last) for first in FIRST_NAMES for last in SURNAMES]
        self.rng.shuffle(names)
        titles = ["Foreign Minister", "Deputy Foreign Minister", "presidential aide", "spokesperson",
                  "chief negotiator", "defence minister", "ambassador to the United Nations",
                  "member of parliament", "head of the presidential office", "national security adviser"]
        self.persons: list[str] = []
        for index in range(n_persons):
            first, last = names[index % len(names)]
            name = f"{first} {last}" if index < len(names) else f"{first} {last} {index // len(names) + 1}"
            actor_id = _slug(name)
            actor: dict[str, Any] = {"name": name, "kind": "person"}
            if self.rng.random() < 0.9:
                state_id, _, _, adjective, _ = self.rng.choices(states, weights=[s[4] for s in states])[0]
                actor["represents"] = state_id
                role = {"title": f"{adjective} {self.rng.choice(titles)}"}
                if self.rng.random() < 0.3:
                    role["start"] = self.written(self.random_day(), self.rng.choice(["day", "month", "year"]))
                actor["roles"] = [role]
            else:
                actor["roles"] = [{"title": self.rng.choice(["military analyst", "senior fellow at a think tank",
                                                             "former diplomat", "political scientist"])}]
            if self.rng.random() < 0.2:
                actor["wikidata"] = f"Q{self.rng.randint(1000, 99_999_999)}"
            self.actors[actor_id] = actor
            self.persons.append(actor_id)
        outlet_names = [f"The {place.replace('-', ' ')} {noun}" for place in OUTLET_PLACES for noun in OUTLET_NOUNS]
        self.rng.shuffle(outlet_names)
        self.outlets: list[str] = []
        for index in range(n_outlets):
            name = outlet_names[index % len(outlet_names)]
            if index >= len(outlet_names):
                name += f" {index // len(outlet_names) + 1}"
            actor_id = _slug(name.removeprefix("The "))
            self.actors[actor_id] = {"name": name, "kind": "media-outlet"}
            self.outlets.append(actor_id)
        # A few speakers make most of the claims (leaders, spokespeople), as in real reporting.
        speakers = self.persons + [s[0] for s in states] + [o[0] for o in ORGANISATIONS[:n_orgs]]
        self.rng.shuffle(speakers)
        self.speakers = speakers
        self.speaker_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(speakers))]

    # --- sources --------------------------------------------------------------------------------

    def make_sources(self) -> None:
        total = max(6, round(self.n / 3))
        dated = sorted(self.random_day() for _ in range(total))
        originals: list[tuple[dt.date, str]] = []  # relayed sources, by publication date
        self.source_days: dict[str, dt.date] = {}
        for index, day in enumerate(dated):
            outlet = self.rng.choice(self.outlets)
            publisher = self.actors[outlet]["name"]
            seen = index == 0 or self.rng.random() >= 0.2  # a fifth are known only through relays
            issue = self.rng.choice(ISSUES)[0]
            source_id = f"{outlet}-{_slug(issue.split('.')[-1])}-{index + 1:05d}"
            source: dict[str, Any] = {"publisher": "unknown" if seen and self.rng.random() < 0.05 else publisher}
            if seen or self.rng.random() < 0.3:
                source["title"] = self.headline(issue)
            if seen and self.rng.random() < 0.6:
                first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
                source["author"] = f"{first} {last}"
            roll = self.rng.random()
            if roll < 0.7:
                source["published"] = {"date": day.isoformat(), "basis": "stated"}
            elif roll < 0.92:
                source["published"] = self.point(day, self.rng.choice(["day", "month"]), 0.0, day)
            source["language"] = self.weighted(LANGUAGES)
            if seen and self.rng.random() < 0.6:
                source["url"] = f"https://www.{outlet}.example/{day:%Y/%m/%d}/{_slug(source.get('title', issue))[:60]}"
            source["seen"] = seen
            if seen and originals and self.rng.random() < 0.3:
                recent = originals[max(0, len(originals) - 40):]
                picked = sorted({self.rng.choice(recent)[1] for _ in range(self.rng.choice([1, 1, 1, 2]))})
                source["cites"] = picked
            if not seen:
                source["note"] = "Known only through the sources that relay it; its own text was not read."
            elif self.rng.random() < 0.1:
                source["note"] = self.rng.choice(FILLER)
            self.sources[source_id] = source
            if not seen:
                originals.append((day, source_id))
            self.source_days[source_id] = day
        self.seen_sources = sorted((self.source_days[sid], sid) for sid, s in self.sources.items() if s["seen"])
        self.seen_days = [day for day, _ in self.seen_sources]

    def headline(self, issue: str) -> str:
        area = TOPICS[issue.split(".")[0]]
        name = self.rng.choice(self.persons)
        return f"{self.actors[name]['name']} speaks on {area} {self.rng.choice(CONTEXT)}"

    # --- claims ---------------------------------------------------------------------------------

    def make_claims(self) -> None:
        days = sorted(self.random_day() for _ in range(self.n))
        by_issue: dict[str, list[str]] = {}
        earlier: list[str] = []
        for index, happened in enumerate(days):
            actor = self.rng.choices(self.speakers, weights=self.speaker_weights)[0]
            if self.rng.random() < 0.04:
                actor = self.rng.choice(self.outlets)  # an outlet's own action, e.g. publishing a document
            kind = self.weighted(KINDS)
            issue, issue_regions = self.rng.choice(ISSUES)
            has_issue = self.rng.random() < 0.85
            claim_id = f"{actor}-{kind}-{_slug(issue.split('.')[-1])}-{index + 1:05d}"
            claim: dict[str, Any] = {"kind": kind, "actor": actor}
            # Joint statements and second addressees are picked by position, not by the random stream, so that
            # the rest of the corpus stays as it was before they existed.
            partner = self.speakers[(self.speakers.index(actor) + 1) % len(self.speakers)] if actor in self.speakers else None
            if index % 40 == 0 and partner is not None and partner != actor:
                claim["co_actors"] = [partner]
            if self.rng.random() < 0.25:
                addressee = self.rng.choices(self.speakers, weights=self.speaker_weights)[0]
                if addressee != actor and addressee not in claim.get("co_actors", []):
                    claim["addressees"] = [addressee]
                    second = self.speakers[(self.speakers.index(addressee) + 2) % len(self.speakers)]
                    if index % 7 == 0 and second not in (actor, addressee, *claim.get("co_actors", [])):
                        claim["addressees"].append(second)
            regions = self.pick_regions(issue_regions)
            claim["summary"] = self.summary(actor, kind, issue, regions)
            if self.rng.random() < 0.2:
                claim["text"] = " ".join(self.rng.sample(FILLER, self.rng.randint(2, 4)))
            if has_issue:
                claim["issue"] = issue
            if regions:
                roles = ROLES_FOR_KIND.get(kind, ["mentioned"])
                claim["regions"] = [{"region": r, "role": self.rng.choice(roles)} for r in regions]
            precision = self.weighted([("day", 75), ("month", 18), ("year", 7)])
            reported_day = happened + dt.timedelta(days=self.rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 14]))
            if reported_day > END:
                reported_day = END
            dates: dict[str, Any] = {
                "happened": self.point(happened, precision, 0.6, reported_day),
                "reported": self.point(reported_day, self.weighted([("day", 85), ("month", 15)]), 0.7, reported_day),
            }
            if index % 50 == 25:  # "previously", "for years": an EDTF bound or range, by position (see co_actors)
                end = dates["happened"]["date"]
                dates["happened"]["date"] = f"../{end}" if index % 100 == 25 else f"{happened.year - 3}/{end}"
                dates["happened"].setdefault("note", "The article says \"previously\".")
                dates["happened"]["basis"] = "inferred"
            if self.rng.random() < 0.08:
                deadline = happened + dt.timedelta(days=self.rng.choice([7, 14, 30, 50, 60, 90, 100]))
                dates["deadline"] = self.point(deadline, self.weighted([("day", 80), ("month", 20)]), 0.5,
                                               reported_day)
            claim["dates"] = dates
            level = self.weighted(LEVELS)
            attribution: dict[str, Any] = {"level": level}
            if self.rng.random() < 0.7:
                attribution["detail"] = self.rng.choice(LEVEL_DETAILS[level])
            claim["attribution"] = attribution
            claim["standing"] = self.weighted(STANDINGS)
            if earlier and self.rng.random() < 0.25:
                pool = by_issue.get(issue) if has_issue and by_issue.get(issue) else earlier
                targets = sorted({self.rng.choice(pool[-50:]) for _ in range(self.rng.choice([1, 1, 1, 2]))})
                claim["relations"] = [{"type": self.weighted(RELATIONS), "claim": t} for t in targets]
            claim["sources"] = self.citations(reported_day, claim["summary"])
            self.claims[claim_id] = claim
            earlier.append(claim_id)
            if has_issue:
                by_issue.setdefault(issue, []).append(claim_id)

    def pick_regions(self, issue_regions: list[str]) -> list[str]:
        count = self.weighted([("0", 35), ("1", 35), ("2", 15), ("3", 10), ("4", 5)])
        chosen: list[str] = []
        pool = [r for r in self.regions]
        weights = [REGION_WEIGHTS.get(r, 1) * (6 if r in issue_regions else 1) for r in pool]
        while len(chosen) < int(count):
            region = self.rng.choices(pool, weights=weights)[0]
            if region not in chosen:
                chosen.append(region)
        return chosen

    def summary(self, actor: str, kind: str, issue: str, regions: list[str]) -> str:
        name = self.actors[actor]["name"]
        area = TOPICS[issue.split(".")[0]]
        where = ""
        if regions:
            names = [self.region_names[r] for r in regions]
            where = " in " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
        verb = self.rng.choice(KIND_VERBS[kind])
        return f"{name} {verb} {area}{where}, {self.rng.choice(CONTEXT)}."

    def citations(self, reported: dt.date, summary: str) -> list[dict[str, Any]]:
        count = self.weighted([("1", 60), ("2", 28), ("3", 12)])
        position = bisect.bisect_left(self.seen_days, reported)
        window = self.seen_sources[max(0, position - 15): position + 15] or self.seen_sources
        picked: list[str] = []
        while len(picked) < min(int(count), len(window)):
            source_id = self.rng.choice(window)[1]
            if source_id not in picked:
                picked.append(source_id)
        result = []
        for source_id in picked:
            citation: dict[str, Any] = {"source": source_id}
            cites = self.sources[source_id].get("cites")
            if cites and self.rng.random() < 0.7:
                citation["via"] = self.rng.choice(cites)
            words = summary.rstrip(".")
            quote = self.rng.choice([
                f"{words}, the report said",
                f"According to the report, {words}. {self.rng.choice(FILLER)}",
                f"{words}. {self.rng.choice(FILLER)} {self.rng.choice(FILLER)}",
            ])
            citation["quote"] = quote
            result.append(citation)
        return result

    # --- output ---------------------------------------------------------------------------------

    def build(self) -> None:
        self.make_actors()
        self.make_sources()
        self.make_claims()
        self.make_sides()

    def make_sides(self) -> None:
        """The positions table's columns, as content/sides/ has them: three states, and Europe's governments."""
        self.sides = {}
        for order, (side_id, name, members) in enumerate(SIDES, start=1):
            present = [member for member in members if member in self.actors]  # small corpora have fewer states
            if present:
                self.sides[side_id] = {"name": name, "members": present, "order": order}

    def write(self, out: Path) -> None:
        copy_project(out)
        content = out / "content"
        for folder, schema, records in [("actors", "actor", self.actors), ("sources", "source", self.sources),
                                        ("claims", "claim", self.claims), ("sides", "side", self.sides)]:
            directory = content / folder
            if directory.exists():
                shutil.rmtree(directory)
            directory.mkdir(parents=True)
            header = f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
            for record_id, record in records.items():
                text = yaml.dump(record, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
                (directory / f"{record_id}.yaml").write_text(header + text, encoding="utf-8")


def copy_project(out: Path) -> None:
    """The site files of the repository, without its records (the regions are the real ones)."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    if (out / "theme").exists():
        shutil.rmtree(out / "theme")
    shutil.copytree(ROOT / "theme", out / "theme")
    content = out / "content"
    content.mkdir(exist_ok=True)
    for folder in ("geo", "schema", "regions"):
        if (content / folder).exists():
            shutil.rmtree(content / folder)
        shutil.copytree(ROOT / "content" / folder, content / folder)
    # The real hand-written pages (and the home page's introduction) link to real records, which a
    # synthetic corpus does not have: it gets stand-alone pages of the same names, for the navigation.
    if (content / "pages").exists():
        shutil.rmtree(content / "pages")
    (content / "pages").mkdir()
    for name, title in (("method", "Method"), ("about", "About")):
        (content / "pages" / f"{name}.md").write_text(f"# {title}\n\nA synthetic corpus for benchmarks.\n")
    # Generated pages link to the method's section on positions.
    with (content / "pages" / "method.md").open("a") as method:
        method.write("\n## Positions\n\nHow sides, moves and monthly states are defined.\n")


def _slug(text: str) -> str:
    words = "".join(ch.lower() if ch.isalnum() and ch.isascii() else " " for ch in text).split()
    return "-".join(words)


def make_corpus(n: int, out: Path) -> Corpus:
    corpus = Corpus(n)
    corpus.build()
    corpus.write(out)
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("out", type=Path, help="the project copy to write")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    corpus = make_corpus(args.n, args.out)
    print(f"{len(corpus.claims)} claims, {len(corpus.actors)} actors, {len(corpus.regions)} regions, "
          f"{len(corpus.sources)} sources in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
