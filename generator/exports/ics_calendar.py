"""The timeline as an iCalendar file (RFC 5545): one VEVENT per event dated to
the day or closer, in the event's own time zone (events known only to the
month or year have no day to put in a calendar).

The events are written here, line by line: the `icalendar` library took a
fifth of the whole render doing the same. Each zone's VTIMEZONE is made by
ics_zones.py, for the years its events fall in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from ..content.dates import When
from ..views.addresses import absolute
from ..views.site_view import SiteView, TimelineView
from .ics_zones import vtimezone

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
    data = line.encode("utf-8")
    pieces, start, width = [], 0, _LINE_OCTETS
    while len(data) - start > width:
        end = start + width
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: inside a character
            end -= 1
        run = end - start - len(data[start:end].rstrip(b"\\"))
        if run % 2:  # an odd run of backslashes: the last escapes what follows
            end -= 1
        pieces.append(data[start:end])
        start, width = end, _LINE_OCTETS - 1  # a continuation starts with a space
    pieces.append(data[start:])
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)


def _moment(name: str, when: When, zone: str) -> str:
    """DTSTART/DTEND: a date, a wall-clock time in its zone, or UTC when the
    zone is UTC or the wall-clock time is the second of two that repeat."""
    if not when.has_time:
        return f"{name};VALUE=DATE:{when.local_start():%Y%m%d}"
    instant = when.local_instant(zone)
    if zone == "UTC" or instant.fold:
        return f"{name}:{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{name};TZID={zone}:{instant:%Y%m%dT%H%M%S}"


def _end_date(when: When) -> str:
    """DTEND for an event whose end (or date) is a whole day: the next day."""
    day = when.local_start() + timedelta(days=1)
    return f"DTEND;VALUE=DATE:{day:%Y%m%d}"


def render_ics(site: SiteView, tl: TimelineView, base_url: str) -> str:
    timeline = tl.timeline.timeline
    host = urlsplit(base_url).hostname or "localhost"
    stamp: datetime = (timeline.updated or timeline.published).utc_range(timeline.timezone)[0]
    events: list[str] = []
    zones: dict[str, set[int]] = {}  # each zone with a clock time, and its events' years
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
            years = {event.date.year} | ({event.end.year} if event.end is not None else set())
            zones.setdefault(zone, set()).update(years)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Explainer timelines//timeline generator//EN",
        fold(f"X-WR-CALNAME:{text(timeline.title)}"),
    ]
    definitions = [
        vtimezone(zone, tuple(sorted(years))) for zone, years in sorted(zones.items())
        if zone != "UTC"
    ]  # fmt: skip
    return "\r\n".join(head) + "\r\n" + "".join(definitions + events) + "END:VCALENDAR\r\n"
