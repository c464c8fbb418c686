"""Synthesise a valid content folder of N realistic events, and the same text as plain pages.

Run: .venv/bin/python bench/synth.py --events 1000 --out DIR [--seed 1] [--floor]

Writes DIR/content (actors, outlets and one timeline, `long-story`, that
`timeline check` accepts) and, with --floor, DIR/floor-docs plus
DIR/floor-mkdocs.yml: the same text as hand-written MkDocs pages, the floor any
generator's build time is compared with. The same N and seed give byte-identical
files: every choice comes from one `random.Random(seed)`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.content.fields import slugify  # noqa: E402
from generator.content.yaml_writer import dump_content  # noqa: E402

SLUG = "long-story"
START = date(2020, 1, 1)
# No DST gaps or repeats: Moscow, Kabul and Shanghai have none, London and New York
# change clocks between 01:00 and 03:00, and no synthesised time is before 04:00.
ZONES = ["Europe/London", "America/New_York", "Asia/Kabul", "Asia/Shanghai", "Europe/Moscow"]


def _words(text: str) -> list[str]:
    return text.split()


# A few hundred common news words, in slots, so that no two sentences are alike.
NOUNS = _words(
    """\
agreement ceasefire proposal deal treaty plan budget reform inquiry report statement
resolution investigation framework mission summit meeting vote ruling decision review strategy
programme initiative corridor pipeline border port embargo tariff loan package settlement dispute
crisis election campaign referendum delegation memorandum accord audit probe bill mandate
deadline offer roadmap consultation appeal verdict blockade"""
)
PEOPLE = _words(
    """\
officials diplomats ministers lawmakers negotiators observers residents workers farmers
investors analysts protesters journalists voters envoys leaders delegates inspectors judges
mediators neighbours families"""
)
THINGS = _words(
    """\
talks sanctions troops supplies exports shipments prices markets elections guarantees
inspections reforms loans visas patrols subsidies"""
)
VERBS = _words(
    """\
announced rejected welcomed criticised proposed signed delayed suspended resumed
confirmed denied approved extended expanded questioned endorsed blocked postponed outlined
defended revised unveiled challenged backed dismissed accepted discussed reviewed finalised
condemned praised"""
)
BASES = _words(
    """\
resume expand review reconsider finalise delay support block extend revisit weaken
strengthen replace protect restore"""
)
ADJECTIVES = _words(
    """\
fragile new cautious sharp limited broad formal informal temporary lasting
disputed joint regional national bilateral emergency fresh preliminary final early tense renewed
wider modest detailed vague binding controversial long-awaited revised unexpected"""
)
TIMES = [
    f"{when} {day}"
    for when in ("on", "late on", "early on")
    for day in _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
] + ["over the weekend", "earlier in the week", "by the end of the month", "within hours"]
REASONS = [
    "amid concern over the {noun}",
    "after weeks of {things}",
    "despite objections from {people}",
    "as pressure grew from {people}",
    "ahead of the {noun}",
    "citing the {adj} {noun}",
]
CONNECTORS = ["However", "Meanwhile", "Separately", "Earlier", "Later", "By evening", "In public"]
SENTENCES = [
    "{subj} {verb} the {adj} {noun} {time}.",
    "{conn}, {subj} {verb} a {adj} {noun} {reason}.",
    "The {noun} was {verb} {time}, according to {people} familiar with the {noun2}.",
    "{subj} said the {noun} would {base} the {adj} {noun2} {reason}.",
    "{People} in {city} {verb} the move {reason}.",
    "{subj} {verb} the {noun}, saying it could {base} the {things} {time}.",
    "It was the {ordinal} {noun} between {subj} and {subj2} since {month}.",
    "{subj} is expected to {base} the {noun} with {people} from {city} {time}.",
    "{conn}, {people} in {city} {verb} the {adj} {noun} and called for new {things}.",
    "Neither {subj} nor {subj2} gave details of the {noun}.",
]
QUOTES = [
    "We will not {base} any {noun} that ignores the {people} of {city}.",
    "The {noun} is {adj}, but it is a start, and we expect {things} to follow.",
    "Nobody should mistake a {adj} {noun} for the end of this {noun2}.",
    "Our {people} have waited long enough, and we are ready to {base} the {noun}.",
    "This is a {adj} moment for {city} and for everyone who depends on the {noun}.",
    "I told my counterpart that the {noun} cannot wait until {month}.",
    "There will be no {noun} without {things}, and everyone here knows it.",
]
_AN = re.compile(r"\b([Aa]) ([aeiou])")  # "a informal deal" -> "an informal deal"
ORDINALS = _words("second third fourth fifth sixth")
MONTHS = _words(
    """\
January February March April May June July August September October November
December"""
)
FIRST = _words(
    """\
Mara Jonas Ilse Tomas Adaeze Rafael Leila Anders Noor Pavel Sofia Kenji Amara Dmitri
Elena Farid Greta Hassan Ines Jakob Katya Luca Mei Nikolai Olga Pieter Rania Samir Talia Viktor
Yara Zoran Aisha Bruno Chiara Dario Esther Felix Hana Ivo"""
)
LAST = _words(
    """\
Velden Okafor Marsh Lindqvist Halloran Petrov Castell Nouri Brandt Ishikawa Moreau
Kessler Adeyemi Varga Sorensen Mendez Karimi Novak Falk Dragan Ruiz Haddad Weiss Tanaka Oyelaran
Rossi Kovac Benali Holm Stavros Quinn Aziz Larsen Morel Duarte Yilmaz Ekberg Sato Marin
Voss"""
)
ROOTS = _words(
    """\
Ostr Vel Kar Mal Dor Tav Bel Cor Sar Lun Mir Tor Zan Ard Esk Fal Gor Hal Ist Jor Kel
Lor Nor Pel Quar Rov Sel Tam Ul Var"""
)
LANDS = _words("ava oria ania istan mark land ova enia ura esia")
TOWNS = _words("grad ton burg port haven field mouth ford")
STATE_STYLES = ["Republic of {}", "Kingdom of {}", "Federation of {}", "{}", "Principality of {}"]
ROLES = """Foreign Minister|Prime Minister|President|Defence Minister|Trade Minister|Chief
Negotiator|Foreign Ministry Spokesperson|Energy Minister|Finance Minister|Opposition
Leader|Interior Minister|Ambassador to the Assembly""".replace("\n", " ").split("|")
ORG_PARTS = (
    _words("Northern Coastal Continental Southern Eastern Western Central Allied Maritime"),
    _words("Trade Security Relief Energy Health Development Monitoring Fisheries Water Grain"),
    _words("Council Agency Organisation Alliance Commission Forum Bank Fund"),
)
TOPICS = [
    ("Trade talks", "Tariffs, quotas and the long negotiation over a trade deal."),
    ("Border dispute", "Who controls the border crossings, and who says so."),
    ("Energy supply", "Pipelines, fuel prices and the winter supply of gas."),
    ("Sanctions", "Measures imposed, lifted and threatened, and their effect."),
    ("Humanitarian aid", "Convoys, corridors and the agencies that run them."),
    ("Elections", "Campaigns, votes and disputed results."),
    ("Security", "Troops, observers and the ceasefire lines."),
    ("Climate and water", "Droughts, dams and the shared rivers."),
    ("Migration", "People leaving, arriving and waiting at the border."),
    ("Maritime rights", "Ports, fishing grounds and shipping lanes."),
    ("Public health", "Outbreaks, vaccines and hospital supplies."),
    ("Courts and law", "Rulings, appeals and the international courts."),
]
# 20 outlets: (kind, how many).
OUTLET_KINDS = [
    ("news", 8),
    ("news-agency", 3),
    ("state-media", 3),
    ("government", 3),
    ("intergovernmental", 1),
    ("social-media", 1),
    ("reference", 1),
]


class _Synth:
    def __init__(self, events: int, seed: int):
        self.n = events
        self.rng = random.Random(seed)
        self.actors: dict[str, dict] = {}
        self.outlets: dict[str, dict] = {}
        self.domains: dict[str, str] = {}

    # --- names -------------------------------------------------------------------

    def place(self) -> str:
        return self.rng.choice(ROOTS) + self.rng.choice(LANDS)

    def city(self) -> str:
        return self.rng.choice(ROOTS) + self.rng.choice(TOWNS)

    def unique(self, make, taken) -> tuple[str, str]:
        """(id, name) of a new name from `make`, retried until its slug is free."""
        while True:
            name = make()
            if (slug := slugify(name)) not in taken:
                return slug, name

    def make_actors(self) -> None:
        total = min(400, max(24, self.n // 25))
        n_states, n_orgs = max(3, round(total * 0.15)), max(2, round(total * 0.10))
        rng, states, orgs = self.rng, [], []
        for _ in range(n_states):
            slug, short = self.unique(self.place, self.actors)
            name = rng.choice(STATE_STYLES).format(short)
            actor = {"name": name, "kind": "state", "short_name": short if name != short else ""}
            if rng.random() < 0.5:  # a country code, as readers search for it
                actor["aliases"] = [short[:3].upper()]
            self.actors[slug] = actor
            states.append(slug)
        for _ in range(n_orgs):
            slug, name = self.unique(lambda: " ".join(map(rng.choice, ORG_PARTS)), self.actors)
            self.actors[slug] = {
                "name": name,
                "kind": "organisation",
                "aliases": ["".join(w[0] for w in name.split())],
                "description": f"A {rng.choice(ADJECTIVES)} body set up to oversee "
                f"{name.split()[1].lower()} matters.",
            }
            orgs.append(slug)
        for _ in range(total - n_states - n_orgs):
            slug, name = self.unique(lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}", self.actors)
            country = rng.choice(states)
            actor = {"name": name, "kind": "person", "short_name": name.split()[1]}
            if rng.random() < 0.2:
                actor["organisation"] = org = rng.choice(orgs)
                actor["role"] = f"{rng.choice(['Secretary General', 'Director', 'Envoy'])} of the "
                actor["role"] += self.actors[org]["name"]
            else:
                actor["role"] = f"{rng.choice(ROLES)} of {self.short(country)}"
            actor["country"] = country
            if rng.random() < 0.25:
                actor["aliases"] = [f"{name[0]}. {name.split()[1]}"]
            self.actors[slug] = actor
            if rng.random() < 0.5:  # once added: the sentences name the actor
                actor["description"] = self.sentence([slug]) + " " + self.sentence([slug])
        self.states, self.people = states, [a for a in self.actors if a not in states + orgs]

    def short(self, actor_id: str) -> str:
        actor = self.actors[actor_id]
        return actor.get("short_name") or actor["name"]

    def make_outlets(self) -> None:
        rng = self.rng
        papers = ["Herald", "Tribune", "Courier", "Post"]
        names = {
            "news": lambda c: f"{self.city()} {rng.choice(papers)}",
            "news-agency": lambda c: f"{rng.choice(ROOTS)}press News Agency",
            "state-media": lambda c: f"{self.short(c)} State Television",
            "government": lambda c: f"Foreign Ministry of {self.short(c)}",
            "intergovernmental": lambda c: "Assembly of Nations Press Office",
            "social-media": lambda c: "Chirper",
            "reference": lambda c: "Open Encyclopedia",
        }
        for kind, count in OUTLET_KINDS:
            for _ in range(count):
                while True:  # the name may depend on the country: draw both until it is new
                    country = rng.choice(self.states)
                    name = names[kind](country)
                    if (slug := slugify(name)) not in self.outlets:
                        break
                self.domains[slug] = slug.replace("-", "") + ".example"
                self.outlets[slug] = {
                    "name": name,
                    "kind": kind,
                    "country": "" if kind in ("intergovernmental", "social-media") else country,
                    "url": f"https://www.{self.domains[slug]}/",
                    "description": f"{name} publishes news in English ({kind}).",
                }

    # --- text --------------------------------------------------------------------

    def fill(self, template: str, subjects: list[str]) -> str:
        rng = self.rng
        names = [self.short(a) for a in subjects] or ["Officials"]
        subj, subj2 = rng.sample(names, 2) if len(names) > 1 else (names[0], "its neighbours")
        noun, noun2 = rng.sample(NOUNS, 2)
        people = rng.choice(PEOPLE)
        words = {
            "noun": noun,
            "noun2": noun2,
            "people": people,
            "People": people.capitalize(),
            "things": rng.choice(THINGS),
            "adj": rng.choice(ADJECTIVES),
            "verb": rng.choice(VERBS),
            "base": rng.choice(BASES),
            "city": self.city(),
            "conn": rng.choice(CONNECTORS),
            "ordinal": rng.choice(ORDINALS),
            "month": rng.choice(MONTHS),
            "time": rng.choice(TIMES),
        }
        # Fresh words for the reason, so that a sentence does not repeat its own noun.
        words["reason"] = rng.choice(REASONS).format(
            noun=rng.choice(NOUNS),
            people=rng.choice(PEOPLE),
            things=rng.choice(THINGS),
            adj=rng.choice(ADJECTIVES),
        )
        text = template.format(subj=subj, subj2=subj2, **words)
        return _AN.sub(r"\1n \2", text)

    def sentence(self, subjects: list[str]) -> str:
        return self.fill(self.rng.choice(SENTENCES), subjects)

    def words(self, low: int, high: int, subjects: list[str], limit: int = 10**6) -> str:
        """Whole sentences adding up to a word count in [low, high], within `limit` chars."""
        target, text, count = self.rng.randint(low, high), "", 0
        for _ in range(50):  # sentences are 8-20 words: one that fits turns up quickly
            if count >= target:
                break
            sentence = self.sentence(subjects)
            more = f"{text} {sentence}".strip()
            if count + len(sentence.split()) <= high and len(more) <= limit:
                text, count = more, count + len(sentence.split())
        return text

    def title(self, subjects: list[str]) -> str:
        rng = self.rng
        while True:
            a, *rest = [self.short(s) for s in subjects]
            other = rest[0] if rest else rng.choice(PEOPLE)
            title = rng.choice(
                [
                    f"{a} and {other} {rng.choice(VERBS)} {rng.choice(NOUNS)} in {self.city()}",
                    f"{a} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} "
                    f"{rng.choice(TIMES)}",
                    f"{rng.choice(PEOPLE).capitalize()} in {self.city()} {rng.choice(VERBS)} "
                    f"{a}'s {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
                ]
            )
            if 6 <= len(title.split()) <= 10:
                return title

    def body(self, subjects: list[str], links: list[str]) -> str:
        rng, paras = self.rng, []
        for _ in range(2):
            words = self.words(60, 75, subjects).split()
            adjectives = [i for i, w in enumerate(words) if w in ADJECTIVES]
            if adjectives and rng.random() < 0.35:  # some emphasis, as editors use it
                i = rng.choice(adjectives)
                words[i] = f"*{words[i]}*"
            paras.append(" ".join(words))
        if rng.random() < 0.4:
            paras[1] += f" The [{rng.choice(ADJECTIVES)} text]({rng.choice(links)}) was published."
        return "\n\n".join(paras)

    # --- files -------------------------------------------------------------------

    def timeline(self, days: list[date]) -> dict:
        lead = self.states[:2]
        return {
            "title": f"The long story: {self.short(lead[0])}, {self.short(lead[1])} "
            "and the talks that never ended",
            "dek": self.words(25, 35, lead, 600),
            "introduction": f"{self.words(40, 60, lead)}\n\n**Why it matters.** "
            f"{self.words(40, 60, lead)}",
            "published": days[0].isoformat(),
            # The day after the last event: never older than any update, which is
            # logged the day after its event.
            "updated": (days[-1] + timedelta(days=1)).isoformat(),
            "timezone": "UTC",
            "dateline": self.city(),
            "topics": [
                {"id": slugify(name), "name": name, "description": text} for name, text in TOPICS
            ],
        }

    def event(self, i: int, day: date, earlier: list[str]) -> tuple[str, dict]:
        rng = self.rng
        people = rng.sample(self.people, rng.randint(1, 2))
        others = [a for a in self.actors if a not in people]
        actors = people + rng.sample(others, max(1, rng.randint(2, 4) - len(people)))
        title = self.title(actors)
        event_id = slugify(f"e{i:05d} {title}")
        when = day.isoformat()
        if rng.random() < 0.3:
            when += f"T{rng.randint(4, 22):02d}:{rng.choice(range(0, 60, 5)):02d}"
        sources = []
        for outlet in rng.sample(list(self.outlets), rng.choices([1, 2, 3], [45, 35, 20])[0]):
            published = day + timedelta(days=rng.choice([0, 0, 1]))
            headline = self.title(actors)
            sources.append(
                {
                    "id": f"{outlet}-report",
                    "outlet": outlet,
                    "title": headline,
                    "url": f"https://www.{self.domains[outlet]}/{published:%Y/%m/%d}/"
                    f"{slugify(headline, 60)}",
                    "published": published.isoformat(),
                }
            )
        source_ids = [s["id"] for s in sources]
        data = {
            "title": title,
            "summary": self.words(45, 60, actors, 600),
            "body": self.body(actors, [s["url"] for s in sources]),
            "date": when,
            "end": (day + timedelta(days=rng.randint(2, 6))).isoformat()
            if rng.random() < 0.05
            else "",
            "timezone": rng.choice(ZONES),
            "place": f"{self.city()}, {self.short(rng.choice(self.states))}"
            if rng.random() < 0.4
            else "",
            "importance": rng.choices(["key", "normal", "background"], [5, 80, 15])[0],
            "topics": [slugify(t[0]) for t in rng.sample(TOPICS, rng.randint(1, 2))],
            "actors": actors,
            "interactions": [],
            "sources": sources,
            "accounts": [],
            "quotes": [],
            "related": rng.sample(earlier[-40:], min(len(earlier), rng.randint(1, 2)))
            if earlier and rng.random() < 0.3
            else [],
            "updates": [],
        }
        if rng.random() < 0.4:
            by = people[0]
            data["interactions"].append(
                {
                    "kind": rng.choice(["call", "meeting", "statement"]),
                    "by": by,
                    "with": [rng.choice([a for a in actors if a != by])],
                    "sources": [rng.choice(source_ids)],
                }
            )
        for _ in range(rng.choice([0, 1, 1, 1, 2, 2])):
            quote = " ".join(self.fill(q, actors) for q in rng.sample(QUOTES, 3))
            said = {"text": quote, "speaker": rng.choice(people), "source": rng.choice(source_ids)}
            if rng.random() < 0.5:  # dump_content drops empty values at the top level only
                said["context"] = f"Speaking to reporters in {self.city()}."
            data["quotes"].append(said)
        if len(sources) >= 2 and rng.random() < 0.09:  # 55% have two sources: ~5% of events
            data["accounts"] = [
                {"source": sid, "summary": f"{self.sentence(actors)} {self.sentence(actors)}"}
                for sid in source_ids[:2]
            ]
        if rng.random() < 0.02:
            data["updates"].append(
                {
                    "date": (day + timedelta(days=1)).isoformat(),
                    "kind": "correction",
                    "note": f"An earlier version gave the wrong {rng.choice(NOUNS)} date.",
                }
            )
        return event_id, data


def synthesise(content: Path, events: int, seed: int = 1) -> None:
    """Write a valid content folder with `events` events under `content` (missing or empty)."""
    if content.exists() and any(content.iterdir()):
        raise FileExistsError(f"{content} is not empty: give a new folder")
    s = _Synth(events, seed)
    s.make_actors()
    s.make_outlets()
    span = max(60, events // 8)
    days = sorted(START + timedelta(days=s.rng.randrange(span)) for _ in range(events))
    timeline = s.timeline(days or [START])
    files = {f"actors/{k}.yaml": dump_content("actor", v) for k, v in s.actors.items()}
    files |= {f"outlets/{k}.yaml": dump_content("outlet", v) for k, v in s.outlets.items()}
    files[f"timelines/{SLUG}/timeline.yaml"] = dump_content("timeline", timeline)
    ids: list[str] = []
    for i, day in enumerate(days, start=1):
        event_id, data = s.event(i, day, ids)
        files[f"timelines/{SLUG}/events/{event_id}.yaml"] = dump_content("event", data)
        ids.append(event_id)
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# libyaml when present: reading 10,000 events back with the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


TEXT_FIELDS = ("title", "summary", "body")


def event_words(event: dict) -> int:
    """Words of an event's text: title, summary, body, quotes and accounts."""
    texts = [event.get(f, "") for f in TEXT_FIELDS]
    texts += [q["text"] for q in event.get("quotes", [])]
    texts += [a["summary"] for a in event.get("accounts", [])]
    return sum(len(t.split()) for t in texts)


def _when(text: str) -> str:
    day = date.fromisoformat(text[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" + (
        f", {text[11:]}" if "T" in text else ""
    )


def write_floor(docs: Path, content: Path) -> int:
    """The synthesised events as plain Markdown pages under `docs`; returns the page count."""
    timeline_dir = content / "timelines" / SLUG
    timeline = _load(timeline_dir / "timeline.yaml")
    actors = {p.stem: _load(p)["name"] for p in sorted((content / "actors").glob("*.yaml"))}
    outlets = {p.stem: _load(p)["name"] for p in sorted((content / "outlets").glob("*.yaml"))}
    (docs / "events").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# {timeline['title']}\n\n{timeline['dek']}\n", "utf-8")
    pages = 1
    for path in sorted((timeline_dir / "events").glob("*.yaml")):
        event = _load(path)
        zone = event.get("timezone", timeline["timezone"])
        end = f" to {_when(event['end'])}" if "end" in event else ""
        lines = [f"# {event['title']}", "", f"*{_when(event['date'])}{end} ({zone})*", ""]
        lines += [event["summary"], "", event.get("body", "").strip(), ""]
        sources = {s["id"]: s for s in event["sources"]}
        if quotes := event.get("quotes"):
            lines += ["## Quotes", ""]
            for q in quotes:
                outlet = outlets[sources[q["source"]]["outlet"]]
                lines += [f"> {q['text']}", ">", f"> — {actors[q['speaker']]}, *{outlet}*", ""]
        lines += ["## Sources", ""]
        lines += [
            f"- [{s['title']}]({s['url']}), {outlets[s['outlet']]}, {_when(s['published'])}"
            for s in event["sources"]
        ]
        (docs / "events" / f"{path.stem}.md").write_text("\n".join(lines) + "\n", "utf-8")
        pages += 1
    return pages


# Minimal MkDocs config for the floor; docs_dir and site_dir suit `--out DIR` with
# the file written as DIR/floor-mkdocs.yml, and may be replaced by the caller.
FLOOR_MKDOCS = """\
site_name: Long story (floor)
docs_dir: floor-docs
site_dir: floor-site
use_directory_urls: true
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--floor", action="store_true", help="also write the plain MkDocs pages")
    args = parser.parse_args()
    content = args.out / "content"
    try:
        synthesise(content, args.events, args.seed)
    except FileExistsError as exc:
        parser.error(str(exc))
    files = sorted(content.rglob("*.yaml"))
    events = [_load(p) for p in files if p.parent.name == "events"]
    words = sum(event_words(e) for e in events)
    print(
        f"{content}: {len(files)} files, {len(events)} events, {words:,} words "
        f"({words / max(1, len(events)):.0f} per event)"
    )
    if args.floor:
        pages = write_floor(args.out / "floor-docs", content)
        (args.out / "floor-mkdocs.yml").write_text(FLOOR_MKDOCS, encoding="utf-8")
        print(f"{args.out / 'floor-docs'}: {pages} pages; config {args.out / 'floor-mkdocs.yml'}")


if __name__ == "__main__":
    main()
