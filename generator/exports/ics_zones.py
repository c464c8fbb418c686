"""VTIMEZONE definitions that every common calendar reads the same way.

One STANDARD or DAYLIGHT part per clock change, each with its own DTSTART (the
local time just before the change, as RFC 5545 puts it) and no RDATE list:
ical.js, behind many web calendars, reads only the first value of an RDATE
line. The changes are found from the zone's own rules (zoneinfo) for the years
the calendar's events fall in, and the years either side, so that a 1960 or a
2040 event is placed as its zone placed it, not only 1970 to 2038.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

_DAY = 86_400


def _offset(zone: ZoneInfo, at: int) -> tuple[timedelta, str, bool]:
    moment = datetime.fromtimestamp(at, UTC).astimezone(zone)
    return moment.utcoffset() or timedelta(0), moment.tzname() or "", bool(moment.dst())


def _changes(zone: ZoneInfo, first: int, last: int) -> list[int]:
    """The UTC instants (seconds) in [first, last) where the zone's offset or name changes."""
    found = []
    at = first
    while at < last:
        step = min(_DAY, last - at)
        if _offset(zone, at) != _offset(zone, at + step):
            low, high = at, at + step  # the change is in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (
                    (middle, high) if _offset(zone, middle) == _offset(zone, low) else (low, middle)
                )
            found.append(high)
        at += step
    return found


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M%S}"


def _utc_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


@cache
def vtimezone(name: str, years: tuple[int, ...]) -> str:
    """The VTIMEZONE of zone `name` for events in `years` (sorted, distinct)."""
    zone = ZoneInfo(name)
    # Years 2 to 9998 at most: a local time in year 1 or 9999 may not be a datetime;
    # an event before the first part takes it, as readers do.
    spans = _merged((min(max(2, y - 1), 9998), min(9999, max(y + 2, 3))) for y in years)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    for start_year, end_year in spans:
        first = int(datetime(start_year, 1, 1, tzinfo=UTC).timestamp())
        last = int(datetime(end_year, 1, 1, tzinfo=UTC).timestamp())
        changes = _changes(zone, first, last)
        # Where the span starts, the clocks as they stood: a part of its own.
        for index, at in enumerate([first, *changes]):
            before, _, _ = _offset(zone, at - 1) if index else _offset(zone, at)
            after, tzname, dst = _offset(zone, at)
            local = datetime.fromtimestamp(at, UTC).replace(tzinfo=None) + before
            part = "DAYLIGHT" if dst else "STANDARD"
            lines += [
                f"BEGIN:{part}", f"DTSTART:{_stamp(local)}",
                f"TZOFFSETFROM:{_utc_offset(before)}", f"TZOFFSETTO:{_utc_offset(after)}",
            ]  # fmt: skip
            lines += [f"TZNAME:{tzname}"] if tzname else []
            lines.append(f"END:{part}")
    lines.append("END:VTIMEZONE")
    return "\r\n".join(lines) + "\r\n"


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
