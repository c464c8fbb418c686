"""The timeline as an iCalendar file (RFC 5545): one VEVENT per event dated to
the day or closer, in the event's own time zone (events known only to the
month or year have no day to put in a calendar).

The events are written here, line by line: the `icalendar` library took a
fifth of the whole render doing the same. It still supplies each zone's
VTIMEZONE definition, which is the hard part and the same on every build.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

from icalendar import Timezone

from ..dates import When
from ..views import SiteView, TimelineView
from .urls import absolute

# Octets in a line, the CRLF aside (RFC 5545 3.1); longer lines are folded.
_LINE_OCTETS = 75
# TEXT values escape these (RFC 5545 3.3.11).
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def text(value: str) -> str:
    """A TEXT value, escaped."""
    return value.replace("\r\n", "\n").translate(_TEXT_ESCAPES)


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, each continuation
    starting with a space. A character is never split, nor a backslash escape
    (some readers do not join a `\\` at a line's end with what follows)."""
    if line.isascii():  # one octet a character: cut by length
        return _fold_ascii(line)
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if current and size + octets > _LINE_OCTETS:
            carried = [current.pop()] if _opens_escape(current) else []
            lines.append("".join(current))
            current = [" ", *carried]
            size = 1 + len(carried)
        current.append(char)
        size += octets
    lines.append("".join(current))
    return "\r\n".join(lines)


def _opens_escape(chars: Sequence[str]) -> bool:
    """Whether the last character is a backslash that escapes the next one:
    the last of an odd run of backslashes (an even run is escaped backslashes)."""
    run = 0
    while run < len(chars) and chars[len(chars) - 1 - run] == "\\":
        run += 1
    return run % 2 == 1


def _fold_ascii(line: str) -> str:
    lines, start, width = [], 0, _LINE_OCTETS
    while len(line) - start > width:
        end = start + width
        if _opens_escape(line[start:end]):
            end -= 1  # the backslash goes with what it escapes
        lines.append(line[start:end])
        start, width = end, _LINE_OCTETS - 1  # a continuation starts with a space
    lines.append(line[start:])
    return "\r\n ".join(lines)


def _moment(name: str, when: When, zone: str) -> str:
    """DTSTART/DTEND: a date, a wall-clock time in its zone, or UTC when the
    zone is UTC or the wall-clock time is the second of two that repeat."""
    if not when.has_time:
        return f"{name};VALUE=DATE:{date(when.year, when.month or 1, when.day or 1):%Y%m%d}"
    instant = when.local_instant(zone)
    if zone == "UTC" or instant.fold:
        return f"{name}:{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{name};TZID={zone}:{instant:%Y%m%dT%H%M%S}"


def _end_date(when: When) -> str:
    """DTEND for an event whose end (or date) is a whole day: the next day."""
    day = date(when.year, when.month or 1, when.day or 1) + timedelta(days=1)
    return f"DTEND;VALUE=DATE:{day:%Y%m%d}"


@cache  # the same for every build: from 1970 to 2038, as icalendar writes it
def _vtimezone(zone: str) -> str:
    definition: bytes = Timezone.from_tzid(zone).to_ical()
    return definition.decode("utf-8")


def render_ics(site: SiteView, tl: TimelineView, base_url: str) -> str:
    timeline = tl.timeline.timeline
    host = urlsplit(base_url).hostname or "localhost"
    stamp: datetime = (timeline.updated or timeline.published).utc_range(timeline.timezone)[0]
    events: list[str] = []
    zones: set[str] = set()
    for view in tl.events:
        event, zone = view.event, view.entry.timezone
        if event.date.day is None:
            continue
        lines = [
            "BEGIN:VEVENT",
            f"SUMMARY:{text(event.title)}",
            _moment("DTSTART", event.date, zone),
        ]
        if event.end is not None and event.end.day is not None:
            ends = _moment("DTEND", event.end, zone) if event.end.has_time else None
            lines.append(ends or _end_date(event.end))
        elif not event.date.has_time:
            lines.append(_end_date(event.date))
        lines += [f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}", f"UID:{text(f'{tl.slug}/{view.id}@{host}')}"]
        if event.topics:
            lines.append("CATEGORIES:" + ",".join(text(t) for t in event.topics))
        lines.append(f"DESCRIPTION:{text(event.summary)}")
        if event.place:
            lines.append(f"LOCATION:{text(event.place)}")
        lines += [f"URL:{absolute(base_url, view.uri)}", "END:VEVENT"]
        events.append("\r\n".join(fold(line) for line in lines) + "\r\n")
        if event.date.has_time or (event.end is not None and event.end.has_time):
            zones.add(zone)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Explainer timelines//timeline generator//EN",
        fold(f"X-WR-CALNAME:{text(timeline.title)}"),
    ]
    definitions = [_vtimezone(zone) for zone in sorted(zones - {"UTC"})]
    return "\r\n".join(head) + "\r\n" + "".join(definitions + events) + "END:VCALENDAR\r\n"
