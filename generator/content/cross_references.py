"""References between content files, checked on the parsed data itself.

They are checked on the raw data rather than on the typed models so that a file
with a wrong field elsewhere (a misspelt key, a bad date) still has its
references checked in the same run: `timeline check` reports everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .load import Document
from .problems import Problem
from .suggest import did_you_mean

NEW_ACTOR = "add a file content/actors/<id>.yaml or use an existing id"
NEW_OUTLET = "add a file content/outlets/<id>.yaml or use an existing id"
IN_EVENT = "use the id of one of this event's sources"
STATE = "use the id of an actor with kind: state"

# kind of file -> (path pattern, what it names, how to fix a dangling one)
REFERENCES: dict[str, list[tuple[str, str, str]]] = {
    "actor": [
        ("country", "state", STATE),
        ("organisation", "organisation", "use the id of an actor with kind: organisation or group"),
    ],
    "outlet": [("country", "state", STATE)],
    "timeline": [
        ("periods.*.sources.*.outlet", "outlet", NEW_OUTLET),
        ("periods.*.sources.*.relays", "outlet", NEW_OUTLET),
    ],
    "event": [
        ("topics.*", "topic", "add it to the timeline's topics"),
        ("actors.*", "actor", NEW_ACTOR),
        ("interactions.*.by", "actor", NEW_ACTOR),
        ("interactions.*.with.*", "actor", NEW_ACTOR),
        ("interactions.*.sources.*", "source", IN_EVENT),
        ("sources.*.outlet", "outlet", NEW_OUTLET),
        ("sources.*.relays", "outlet", NEW_OUTLET),
        ("accounts.*.source", "source", IN_EVENT),
        ("quotes.*.speaker", "actor", NEW_ACTOR),
        ("quotes.*.source", "source", "attribute every quote to one of this event's sources"),
        ("related.*", "event", "use the file name (without .yaml) of an event in this timeline"),
    ],
}


@cache
def _steps(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.split("."))


def find(data: Any, pattern: str) -> list[tuple[tuple[str | int, ...], str]]:
    """(location, value) of each text value at `pattern` (dotted, `*` for list items)."""
    found: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    for step in _steps(pattern):  # breadth first: one pass over the file's values a step
        reached: list[tuple[tuple[str | int, ...], Any]] = []
        for loc, value in found:
            if step == "*":
                if isinstance(value, list):
                    reached += [((*loc, i), item) for i, item in enumerate(value)]
            elif isinstance(value, dict) and step in value:
                reached.append(((*loc, step), value[step]))
        if not reached:
            return []
        found = reached
    return [(loc, value) for loc, value in found if isinstance(value, str)]


@dataclass
class Known:
    """The ids a reference may name. `None` means: cannot tell, so do not report."""

    actors: set[str]
    outlets: set[str]
    states: set[str]
    organisations: set[str]
    events: dict[str | None, set[str]]  # per timeline slug
    topics: dict[str | None, set[str] | None]  # per timeline slug; None if unreadable


def _kinds(actors: list[Document], wanted: set[str]) -> set[str]:
    # An actor whose kind cannot be read may be of any kind: do not pile errors on it.
    valid_kinds = {"person", "state", "organisation", "group"}
    return {
        doc.id
        for doc in actors
        if not isinstance(doc.parsed.data, dict)
        or doc.parsed.data.get("kind") in wanted
        or doc.parsed.data.get("kind") not in valid_kinds
    }


def known_ids(documents: list[Document], ids: set[tuple[str, str | None, str]]) -> Known:
    actors = [d for d in documents if d.kind == "actor"]
    events: dict[str | None, set[str]] = {}
    for kind, slug, doc_id in ids:
        if kind == "event":
            events.setdefault(slug, set()).add(doc_id)
    topics: dict[str | None, set[str] | None] = {}
    for doc in documents:
        if doc.kind == "timeline":
            declared = [value for _, value in find(doc.parsed.data, "topics.*.id")]
            broken = doc.parsed.refused or not isinstance(doc.parsed.data, dict)
            topics[doc.timeline] = None if broken else set(declared)
    # Ids of files that exist but did not parse count too: see Loaded.ids.
    every = {(kind, doc_id) for kind, _, doc_id in ids}
    unreadable = {doc_id for kind, doc_id in every if kind == "actor"} - {d.id for d in actors}
    return Known(
        actors={doc_id for kind, doc_id in every if kind == "actor"},
        outlets={doc_id for kind, doc_id in every if kind == "outlet"},
        states=_kinds(actors, {"state"}) | unreadable,
        organisations=_kinds(actors, {"organisation", "group"}) | unreadable,
        events=events,
        topics=topics,
    )


def check_references(doc: Document, known: Known) -> list[Problem]:
    """A problem for each reference in `doc` that names nothing."""
    data = doc.parsed.data
    targets: dict[str, set[str] | None] = {
        "actor": known.actors,
        "outlet": known.outlets,
        "state": known.states,
        "organisation": known.organisations,
        "event": known.events.get(doc.timeline, set()),
        "topic": known.topics.get(doc.timeline),
        "source": {value for _, value in find(data, "sources.*.id")},
    }
    problems = []
    for pattern, what, fix in REFERENCES.get(doc.kind, []):
        pool = targets[what]
        if pool is None:
            continue
        for loc, value in find(data, pattern):
            if value in pool:
                continue
            where = doc.parsed.position(loc)
            message = f"unknown {what} '{value}'{did_you_mean(value, pool)}: {fix}"
            problems.append(
                Problem(doc.source_path, where.line, where.column, message, "unknown-reference")
            )
    return problems
