"""The timeline as an iCalendar file (RFC 5545): one VEVENT per event, in the
event's own time zone. An event known only to its month spans the month's days;
one known only to its year is left out, and the calendar's description names it
(a year-long block hides every other day of a reader's calendar).

The events are written here, line by line: the `icalendar` library took a
fifth of the whole render doing the same. Each zone's VTIMEZONE is made by
ics_zones.py, for the years its events fall in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from urllib.parse import urlsplit

from ..content.dates import When
from ..content.model import Event
from ..views import addresses
from ..views.addresses import absolute
from ..views.interface import Interface
from ..views.site_view import EventView, SiteView, TimelineView
from .ics_zones import vtimezone
from .pieces import Pieces, piece

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


def _end(start: When, end: When | None, zone: str) -> list[str]:
    """DTEND, of the value type DTSTART has (RFC 5545 3.6.1): a time with no end
    has none; a day or month ends at the next one's start (DTEND is exclusive)."""
    if end is None and start.has_time:
        return []
    end = end or start
    if not start.has_time:
        last = end.local_start() + timedelta(days=1) if end.has_time else end.local_end()
        return [f"DTEND;VALUE=DATE:{last:%Y%m%d}"]
    if not end.has_time:  # a timed start, an end known to the day: its midnight
        midnight = end.local_end()
        end = When(midnight.isoformat(timespec="minutes"), *midnight.timetuple()[:5])
    return [_moment("DTEND", end, zone)]


def _date_caveat(event: Event, words: Interface) -> str:
    """What a calendar's block does not say about a date: that it is approximate,
    and why, or known only to the month."""
    said = []
    if event.date.precision == "month":
        said.append(words.say("Known to the month only: %(month)s.",
                              month=words.dates.date_label(event.date)))  # fmt: skip
    if event.approximate:
        said.append(words.say("The date is approximate: %(note)s", note=event.date_note)
                    if event.date_note else words.say("The date is approximate."))  # fmt: skip
    return " ".join(said)


_Part = tuple[str | None, str | None, str, set[int]]  # entry, or left out; zone and years


def _vevent(tl: TimelineView, view: EventView, host: str, stamp: datetime, base_url: str) -> _Part:
    """The event's VEVENT, or what the calendar's description says of it when it
    is known only to its year; with the zone and years whose clock it shows."""
    event, zone = view.event, view.entry.timezone
    if event.date.month is None:
        return None, f"{event.date.year}: {event.title}", zone, set()
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(event.title)}",
        _moment("DTSTART", event.date, zone),
        *_end(event.date, event.end, zone),
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"UID:{text(f'{tl.slug}/{view.id}@{host}')}",
    ]
    if event.topics:
        lines.append("CATEGORIES:" + ",".join(text(t) for t in event.topics))
    caveat = _date_caveat(event, tl.words)
    described = f"{caveat}\n\n{event.summary}" if caveat else event.summary
    lines.append(f"DESCRIPTION:{text(described)}")
    if event.place:
        lines.append(f"LOCATION:{text(event.place)}")
    lines += [f"URL:{absolute(base_url, view.uri)}", "END:VEVENT"]
    years = set()
    if event.date.has_time or (event.end is not None and event.end.has_time):
        years = {event.date.year} | ({event.end.year} if event.end is not None else set())
    return "\r\n".join(fold(line) for line in lines) + "\r\n", None, zone, years


def render_ics(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    timeline = tl.timeline.timeline
    host = urlsplit(base_url).hostname or "localhost"
    stamp: datetime = (timeline.updated or timeline.published).utc_range(timeline.timezone)[0]
    events: list[str] = []
    zones: dict[str, set[int]] = {}  # each zone with a clock time, and its events' years
    left_out: list[str] = []  # events known only to their year
    for view in tl.events:
        made = partial(_vevent, tl, view, host, stamp, base_url)
        vevent, said, zone, years = piece(pieces, "ics", view, made)
        if vevent is None:
            left_out.append(said)
            continue
        events.append(vevent)
        if years:
            zones.setdefault(zone, set()).update(years)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Explainer timelines//timeline generator//EN",
        fold(f"X-WR-CALNAME:{text(timeline.title)}"),
    ]
    if left_out:  # RFC 7986's DESCRIPTION, and the name most calendars read
        about = tl.words.say(
            "Events known only to their year are not in this calendar; the timeline at "
            "%(address)s has them. %(events)s.",
            address=absolute(base_url, addresses.timeline(tl.slug)),
            events="; ".join(left_out),
        )
        head += [fold(f"DESCRIPTION:{text(about)}"), fold(f"X-WR-CALDESC:{text(about)}")]
    definitions = [
        vtimezone(zone, tuple(sorted(years))) for zone, years in sorted(zones.items())
        if zone != "UTC"
    ]  # fmt: skip
    return "\r\n".join(head) + "\r\n" + "".join(definitions + events) + "END:VCALENDAR\r\n"
