"""The timeline as versioned JSON, for data journalists, with its JSON Schema.

The format is the content model itself (every field an editor can write, named
as in the YAML), plus what the corpus knows: ids, addresses, the effective time
zone, and each event's span in UTC. `version` changes only when a change would
break a reader.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache, partial
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..content.model import Actor, Event, Outlet, Timeline
from ..views import addresses
from ..views.addresses import absolute
from ..views.site_view import EventView, SiteView, TimelineView
from .pieces import Pieces, in_events, piece, with_events

FORMAT = "explainer-timeline"
VERSION = 1
SCHEMA_URI = addresses.data_schema(FORMAT, VERSION)


class DataEvent(Event):
    """An event, with its id, address and resolved time span."""

    id: str
    """The event's id (its file name)."""
    url: str
    """Address of the event's page."""
    effective_timezone: str
    """`timezone`, or the timeline's default when the event names none."""
    precision: Literal["year", "month", "day", "minute", "second"]
    """How precisely `date` is known."""
    starts_at: datetime
    """The earliest UTC instant `date` may mean."""
    ends_at: datetime
    """The first UTC instant after the event (after `end`, or after `date`)."""


class DataTimeline(Timeline):
    slug: str
    """The timeline's id (its folder name)."""
    url: str
    """Address of the explainer's home page."""


class TimelineData(BaseModel):
    """One explainer timeline, with the actors and outlets its events name."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    format: Literal["explainer-timeline"] = FORMAT
    """Always "explainer-timeline"."""
    version: Literal[1] = VERSION
    """Format version; changes only when a change would break a reader."""
    timeline: DataTimeline
    actors: dict[str, Actor] = Field(default_factory=dict)
    """Every actor an event names, by id."""
    outlets: dict[str, Outlet] = Field(default_factory=dict)
    """Every outlet a source names, by id."""
    events: list[DataEvent]
    """In reading order."""


def _data_event(view: EventView, base_url: str) -> DataEvent:
    e = view.entry
    return DataEvent.model_construct(
        **dict(e.event),
        id=e.id,
        url=absolute(base_url, view.uri),
        effective_timezone=e.timezone,
        precision=e.event.date.precision,
        starts_at=e.start,
        ends_at=e.end,
    )


def _all_but_events(site: SiteView, tl: TimelineView, base_url: str) -> TimelineData:
    """The timeline's data with `events` empty (the file is written event by
    event), and the actors and outlets its events name."""
    actor_ids, outlet_ids = set(), set()
    for view in tl.events:
        actor_ids.update(view.actors)
        outlet_ids.update(s.outlet for s in view.event.sources)
        outlet_ids.update(s.relays for s in view.event.sources if s.relays)
    timeline = DataTimeline.model_construct(
        **dict(tl.timeline.timeline),
        slug=tl.slug,
        url=absolute(base_url, addresses.explainer(tl.slug)),
    )
    return TimelineData.model_construct(
        format=FORMAT,
        version=VERSION,
        timeline=timeline,
        actors={a: site.actors[a] for a in sorted(actor_ids)},
        outlets={o: site.outlets[o] for o in sorted(outlet_ids)},
        events=[],
    )


# pydantic writes the JSON (several times faster than the json module with an
# indent), with these options.
_DUMP = {"by_alias": True, "exclude_none": True, "indent": 2}


def _event_json(view: EventView, base_url: str) -> str:
    return in_events(_data_event(view, base_url).model_dump_json(**_DUMP))


def render_json(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    """The file as pydantic writes the whole of it, made of each event's part
    (kept while previewing: `pieces`) and the rest; the schema's address goes
    first, where editors look for it."""
    text = _all_but_events(site, tl, base_url).model_dump_json(**_DUMP)
    schema = json.dumps(absolute(base_url, SCHEMA_URI), ensure_ascii=False)
    parts = [piece(pieces, "json", view, partial(_event_json, view, base_url))
             for view in tl.events]  # fmt: skip
    return with_events('{\n  "$schema": ' + schema + "," + text.removeprefix("{") + "\n", parts)


@cache  # the same on every build
def data_schema() -> str:
    schema = TimelineData.model_json_schema(by_alias=True, mode="serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from generator/formats/data.py; do not edit.",
        **schema,
    }
    schema["properties"]["$schema"] = {"type": "string", "description": "This schema's address."}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
