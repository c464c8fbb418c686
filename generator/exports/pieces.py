"""What each event gave each data file, kept while previewing.

The data files hold every event, so each edit changed all of them, and a
preview rendered them all again: three quarters of a rebuild's render at 1,000
events. An event's part of a file (its CSV row, its calendar entry, its
TimelineJS slide) reads only the event in its place and what the whole site is
rendered from, so an unchanged event's part is reused. The renderer drops them
all when anything else changed (see render.renderer.PageCache)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..views.site_view import EventView

T = TypeVar("T")


def what_it_reads(view: EventView) -> tuple[Any, ...]:
    """What an event's part of a data file is made from, besides the whole site's
    inputs: where it sits (its zone, its span in UTC) is in the entry; who it
    names, in its view."""
    return (view.entry, view.actors, view.parties)


@dataclass
class Pieces:
    """By data file, timeline and event: what the event read, and its part."""

    inputs: tuple[Any, ...] = ()
    kept: dict[tuple[str, str, str], tuple[Any, Any]] = field(default_factory=dict)
    used: dict[tuple[str, str, str], tuple[Any, Any]] = field(default_factory=dict)

    def start(self, inputs: tuple[Any, ...]) -> None:
        """A new render, of the site from `inputs` (what its pages read besides
        their events): the parts of the last render are kept if it had the same."""
        self.kept = self.used if inputs == self.inputs else {}
        self.inputs, self.used = inputs, {}

    def of(self, export: str, view: EventView, make: Callable[[], T]) -> T:
        read = what_it_reads(view)
        where = (export, view.timeline.slug, view.id)
        # Made already in this render (the Excel CSV is the CSV's rows), or in the last.
        found = self.used.get(where) or self.kept.get(where)
        part = found[1] if found is not None and found[0] == read else make()
        self.used[where] = (read, part)
        return part


def piece(pieces: Pieces | None, export: str, view: EventView, make: Callable[[], T]) -> T:
    """The event's part of `export`: kept from the last render, or made."""
    return make() if pieces is None else pieces.of(export, view, make)


# JSON files with an indent of two, written event by event: each event's object
# is written on its own and indented to sit in the top-level list of events,
# which the rest of the file is written with empty. (A newline in a text is
# written "\\n", so only the layout has one.)
_IN_EVENTS = "\n    "
_EMPTY = '\n  "events": []'


def in_events(written: str) -> str:
    """An event's object, written on its own, as it is written in the list."""
    return written.replace("\n", _IN_EVENTS)


def with_events(written: str, parts: list[str]) -> str:
    """`written`, a file with its top-level `events` empty, with the events'
    objects (`in_events`) in that list, joined in one copy: a data file of
    10,000 events is tens of megabytes."""
    if not parts:
        return written
    before, after = written.split(_EMPTY, 1)
    listed = [item for part in parts for item in ("," + _IN_EVENTS, part)]
    listed[0] = _IN_EVENTS  # no comma before the first
    return "".join([before, _EMPTY.removesuffix("]"), *listed, "\n  ]", after])
