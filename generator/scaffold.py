"""`timeline new`: write a new, valid event file from a few facts.

The file is checked against the whole corpus before it is written, so a new
event never starts life broken (an unknown outlet or actor is reported, with
the nearest existing id, and nothing is written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fields import id_problem, slugify
from .load import Document, load_content
from .problems import ContentError, Problem
from .strict_yaml import check_characters, parse_yaml
from .validate import validate_content
from .yaml_out import dump_content


@dataclass(frozen=True)
class NewEvent:
    timeline: str
    date: str
    title: str
    summary: str
    outlet: str
    source_title: str
    source_url: str
    source_published: str
    event_id: str | None = None
    timezone: str | None = None
    importance: str | None = None
    actors: tuple[str, ...] = field(default_factory=tuple)
    topics: tuple[str, ...] = field(default_factory=tuple)


def event_yaml(new: NewEvent) -> str:
    source = {
        # Named after its outlet: short, and what quotes and accounts will cite.
        "id": new.outlet if not id_problem(new.outlet) else "source",
        "outlet": new.outlet,
        "title": new.source_title,
        "url": new.source_url,
        "published": new.source_published,
    }
    return dump_content(
        "event",
        {
            "title": new.title,
            "summary": new.summary,
            "date": new.date,
            "timezone": new.timezone,
            "importance": new.importance,
            "topics": list(new.topics),
            "actors": list(new.actors),
            "sources": [source],
        },
    )


def default_event_id(title: str) -> str:
    """The id (file name) a new event gets when none is given: made from its title."""
    return slugify(title, 60) or "event"


def create_event(content: Path, new: NewEvent) -> Path:
    """Write the event file and return its path; ContentError if it would not be valid."""
    event_id = new.event_id or default_event_id(new.title)
    rel = f"timelines/{new.timeline}/events/{event_id}.yaml"
    if problem := id_problem(event_id):
        raise ContentError([Problem(rel, 1, 1, f"bad event id: {problem}", "bad-id")])
    if not (content / "timelines" / new.timeline / "timeline.yaml").is_file():
        message = (
            f"no timeline '{new.timeline}': create timelines/{new.timeline}/timeline.yaml first"
        )
        raise ContentError([Problem(rel, 1, 1, message, "unknown-timeline")])
    target = content / rel
    if target.exists():
        raise ContentError(
            [
                Problem(
                    rel, 1, 1, "this event already exists: pass --id to choose another id", "exists"
                )
            ]
        )
    text = event_yaml(new)
    mine = check_characters(text, rel)
    parsed, parse_problems = parse_yaml(text, rel)
    mine += parse_problems
    loaded = load_content(content)
    loaded.documents.append(Document("event", event_id, rel, parsed, new.timeline))
    _, problems = validate_content(loaded)
    mine += [p for p in problems if p.source_path == rel]
    if mine:
        raise ContentError(mine)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
