"""`timeline new`: write a new, valid event file from a few facts.

The file is checked against the whole corpus before it is written, so a new
event never starts life broken (an unknown outlet or actor is reported, with
the nearest existing id, and nothing is written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.cross_references import find
from ..content.fields import id_problem, slugify
from ..content.load import Document, load_content
from ..content.problems import ContentError, Problem
from ..content.strict_yaml import check_characters, parse_yaml
from ..content.suggest import closest
from ..content.validate import validate_content
from ..content.yaml_writer import dump_content


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


@dataclass(frozen=True)
class ContentIds:
    """What the answers may refer to: the ids that exist in the content."""

    actors: frozenset[str]
    outlets: frozenset[str]
    timelines: dict[str, tuple[str | None, frozenset[str]]]  # slug -> (time zone, topics)
    events: frozenset[tuple[str, str]]  # (timeline, event id)


def content_ids(content: Path) -> ContentIds:
    loaded = load_content(content)
    timelines = {}
    for doc in loaded.documents:
        if doc.kind == "timeline" and isinstance(doc.parsed.data, dict):
            zone = doc.parsed.data.get("timezone")
            topics = frozenset(value for _, value in find(doc.parsed.data, "topics.*.id"))
            timelines[doc.id] = (zone if isinstance(zone, str) else None, topics)
    return ContentIds(
        actors=frozenset(d for k, _, d in loaded.ids if k == "actor"),
        outlets=frozenset(d for k, _, d in loaded.ids if k == "outlet"),
        timelines=dict(sorted(timelines.items())),
        events=frozenset((str(t), d) for k, t, d in loaded.ids if k == "event"),
    )


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
        slugs = {p.parent.name for p in (content / "timelines").glob("*/timeline.yaml")}
        if hint := closest(new.timeline, slugs):
            message = f"no timeline '{new.timeline}' (did you mean '{hint}'?): correct --timeline"
        else:
            message = (f"no timeline '{new.timeline}': create timelines/{new.timeline}/"
                       "timeline.yaml first (timeline new timeline SLUG)")  # fmt: skip
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
    return write_checked(content, ("event", event_id, new.timeline), rel, event_yaml(new))


def write_checked(content: Path, what: tuple[str, str, str | None], rel: str, text: str) -> Path:
    """Write `text` at `rel` (under `content`) as a file of `what` (kind, id, its
    timeline), once it checks clean against the rest of the content; ContentError
    with its problems, and nothing written, otherwise. A draft's warnings do not
    stop it."""
    kind, file_id, timeline = what
    mine = check_characters(text, rel)
    parsed, parse_problems = parse_yaml(text, rel)
    mine += parse_problems
    loaded = load_content(content)
    loaded.documents.append(Document(kind, file_id, rel, parsed, timeline))
    _, problems = validate_content(loaded)
    mine += [p for p in problems if p.source_path == rel and p.is_error]
    if mine:
        raise ContentError(mine)
    target = content / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
