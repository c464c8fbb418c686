"""The time axes' drawings kept between a preview's renders.

The pages that show a whole timeline draw its axis over every event (a tenth
of a 10,000-event rebuild, three axes in two sizes). A drawing depends on its
arguments alone, and once too many events for a mark each are drawn as their
density, only on where each event sits, its short date and its link: an edit
to a title or a summary leaves the drawing as it was. So each drawing is kept
by what it reads (`reads`), and a render keeps only the ones it drew.

So are the events as an axis places them (`AxisEvent`, a third of what is
left of an axis once its drawing is kept): each by its entry, which an
unchanged event keeps as the very same object (content/validate.py), its
date as shown, its link and the language's date style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.validate import EventEntry
from ..views.dates_shown import DateStyle, Moment
from ..views.interface import Interface
from .time_axis import AxisEvent, AxisPeriod, Size, is_dense, render_axis

_Mark = tuple[EventEntry, Moment, DateStyle, AxisEvent]


def reads(
    events: Sequence[AxisEvent], periods: Sequence[AxisPeriod], zone: str, title: str,
    size: Size, words: Interface,
) -> tuple[Any, ...]:  # fmt: skip
    """What `render_axis` reads of its arguments: a density drawing (`is_dense`)
    reads of each event its place, its short date and its link alone."""
    if is_dense(len(events), size):
        marks: tuple[Any, ...] = tuple((e.at, e.brief, e.href) for e in events)
    else:
        marks = tuple(events)
    return (size, zone, title, words, tuple(periods), marks)


@dataclass
class AxisDrawings:
    """The drawings of the last render, and of this one so far, by what each read."""

    kept: dict[tuple[Any, ...], str] = field(default_factory=dict)
    used: dict[tuple[Any, ...], str] = field(default_factory=dict)
    # By the entry's id and the mark's link; the entry itself is kept with it.
    marks: dict[tuple[int, str], _Mark] = field(default_factory=dict)
    used_marks: dict[tuple[int, str], _Mark] = field(default_factory=dict)

    def start(self) -> None:
        """A new render: the last one's drawings and marks may serve it."""
        self.kept, self.used = self.used, {}
        self.marks, self.used_marks = self.used_marks, {}

    def mark(
        self, entry: EventEntry, when: Moment, dates: DateStyle, href: str,
        make: Callable[[], AxisEvent],
    ) -> AxisEvent:  # fmt: skip
        """The event's mark linking to `href`: the last render's, if made of the same."""
        where = (id(entry), href)
        found = self.used_marks.get(where) or self.marks.get(where)
        if found is None or found[0] is not entry or found[1] != when or found[2] != dates:
            found = (entry, when, dates, make())
        self.used_marks[where] = found
        return found[3]

    def drawing(
        self, events: Sequence[AxisEvent], periods: Sequence[AxisPeriod], zone: str,
        title: str, size: Size, words: Interface,
    ) -> str:  # fmt: skip
        """`render_axis` of these, drawn again only if it would read anything else."""
        key = reads(events, periods, zone, title, size, words)
        found = self.used.get(key)
        if found is None:
            found = self.kept.get(key)
            if found is None:
                found = render_axis(events, periods, zone, title, size, words)
            self.used[key] = found
        return found
