"""`timeline new`: write a new, valid event file from a few facts.

The file is checked against the whole corpus before it is written, so a new
event never starts life broken (an unknown outlet or actor is reported, with
the nearest existing id, and nothing is written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..content.cross_references import find
from ..content.dates import DateError, parse_when
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


def event_yaml(new: NewEvent, published: str | None = None) -> str:
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
            "published": published,
        },
    )


def default_event_id(title: str) -> str:
    """The id (file name) a new event gets when none is given: made from its title."""
    return slugify(title, 60) or "event"


def added_on(timeline_text: str, today: date) -> str | None:
    """The `published` date of an event added today: today, when its timeline came
    out before (a developing story, whose feed readers should see it as new); none
    while the timeline is a draft or comes out today or later."""
    data = _top_level(timeline_text)
    try:
        out = parse_when(str(data["published"])).local_start().date()
    except (KeyError, DateError):
        return None  # checking the new event says what is wrong with the timeline
    return today.isoformat() if out < today and data.get("draft") is not True else None


def _top_level(text: str) -> dict:
    parsed, problems = parse_yaml(text, "timeline.yaml")
    return parsed.data if isinstance(parsed.data, dict) and not problems else {}


_UPDATED = re.compile(r"^updated:[ \t]*(\S[^#\n]*?)?([ \t]+#[^\n]*)?$", re.M)
_PUBLISHED = re.compile(r"^published:[^\n]*\n", re.M)


def updated_on(timeline_text: str, today: str) -> str:
    """timeline.yaml saying it was updated `today`, when an event is added to it:
    its `updated` line's value replaced (its comment kept), or one added after
    `published`; nothing else in the file changes."""
    stamp = f'updated: "{today}"'
    if _UPDATED.search(timeline_text):
        return _UPDATED.sub(lambda m: stamp + (m.group(2) or ""), timeline_text, count=1)
    return _PUBLISHED.sub(lambda m: m.group(0) + stamp + "\n", timeline_text, count=1)


@dataclass(frozen=True)
class Created:
    path: Path  # the new event's file
    said: str | None = None  # what else changed, for the editor


def create_event(content: Path, new: NewEvent, today: date) -> Created:
    """Write the event file (and, for a published timeline, its `updated` line);
    ContentError, and nothing written, if it would not be valid."""
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
    timeline_rel = f"timelines/{new.timeline}/timeline.yaml"
    timeline_text = (content / timeline_rel).read_text(encoding="utf-8")
    published = added_on(timeline_text, today)
    text = event_yaml(new, published)
    # The timeline was updated too, as its explainer's "Updated" line must say.
    also = (timeline_rel, updated_on(timeline_text, published)) if published else None
    path = write_checked(content, ("event", event_id, new.timeline), rel, text, also)
    if not published:
        return Created(path)
    return Created(
        path,
        f'{timeline_rel}: updated: "{published}" (the timeline is already '
        f"published: the event is new in its feeds, with published: {published})",
    )


def write_checked(
    content: Path, what: tuple[str, str, str | None], rel: str, text: str,
    also: tuple[str, str] | None = None,
) -> Path:  # fmt: skip
    """Write `text` at `rel` (under `content`) as a file of `what` (kind, id, its
    timeline), once it checks clean against the rest of the content; ContentError
    with its problems, and nothing written, otherwise. `also`: an existing file
    (its path and new text) changed with it, checked and written with it. A draft's
    warnings do not stop it."""
    kind, file_id, timeline = what
    mine = check_characters(text, rel)
    parsed, parse_problems = parse_yaml(text, rel)
    mine += parse_problems
    loaded = load_content(content)
    loaded.documents.append(Document(kind, file_id, rel, parsed, timeline))
    ours = {rel}
    if also is not None:
        changed, _ = parse_yaml(also[1], also[0])
        loaded.documents = [replace(d, parsed=changed) if d.source_path == also[0] else d
                            for d in loaded.documents]  # fmt: skip
        ours.add(also[0])
    _, problems = validate_content(loaded)
    mine += [p for p in problems if p.source_path in ours and p.is_error]
    if mine:
        raise ContentError(mine)
    target = content / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if also is not None:
        (content / also[0]).write_text(also[1], encoding="utf-8")
    return target
