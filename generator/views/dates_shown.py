"""How dates and times read on the page: at the precision the editor wrote,
in the event's own time zone, with the zone named.

Names are spelt out here rather than taken from the C locale, so that the
output is the same on every machine; zone names come from CLDR (Babel).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name

from ..content.dates import When, format_offset

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Moment:
    """A date as a reader sees it, and as a machine reads it."""

    label: str  # "Monday 16 August 2021, 21:30"
    iso: str  # for <time datetime="...">: "2021-08-16T21:30+04:30", "2021-08"
    zone: str  # "Kabul time (UTC+04:30)", or "" for dates that need none
    day_key: str  # groups events by day on the timeline page: "2021-08-16", "1975"
    clock: str = ""  # the time of day alone, "21:30", for a date-time


# Where a zone's clocks stand today, in winter and in summer: a name from CLDR
# ("China Standard Time") is only true of a moment whose offset is one of these.
_TODAY = (datetime(2024, 1, 15, 12), datetime(2024, 7, 15, 12))


@lru_cache(maxsize=4096)
def zone_name(zone: str, offset: timedelta, place: str | None = None) -> str:
    """The name a reader knows for a zone at a moment with this UTC `offset`:
    CLDR's ("Eastern Daylight Time", "India Standard Time"), or where the clocks
    then stood otherwise (Saigon in 1975 was not on today's Indochina Time): the
    event's place's time, or the zone's city's."""
    tz = ZoneInfo(zone)
    if offset in {moment.replace(tzinfo=tz).utcoffset() for moment in _TODAY}:
        named = get_timezone_name(_at(tz, offset), width="long", locale="en")
        if named and not named.startswith(("Unknown", "GMT")):
            return named
    city = (place or "").split(",")[0].strip() or zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time"


def _at(tz: ZoneInfo, offset: timedelta) -> datetime:
    """A moment of today's at which `tz` is at `offset` (for its name, summer or winter)."""
    return next(m.replace(tzinfo=tz) for m in _TODAY if m.replace(tzinfo=tz).utcoffset() == offset)


def show_offset(offset: timedelta | None) -> str:
    return "UTC" + format_offset(offset, minus="\u2212")  # a real minus sign


def date_label(when: When) -> str:
    """The date part, at the editor's precision: '1975', 'August 2021', 'Monday 16 August 2021'."""
    if when.month is None:
        return str(when.year)
    if when.day is None:
        return f"{MONTHS[when.month - 1]} {when.year}"
    weekday = WEEKDAYS[when.local_start().weekday()]
    return f"{weekday} {when.day} {MONTHS[when.month - 1]} {when.year}"


def moment(when: When, zone: str, place: str | None = None) -> Moment:
    """How `when`, local to `zone`, is shown; `place` names the zone's time where
    CLDR's name is not true of that moment."""
    local = when.local_start()
    label = date_label(when)
    day_key = when.text[:10]
    if not when.has_time:
        # A date names no clock: the zone only says which day it was where the
        # event happened, which the date already is.
        return Moment(label, when.text[:10], "", day_key)
    aware = when.local_instant(zone)
    clock = f"{when.hour:02d}:{when.minute:02d}" + (
        f":{when.second:02d}" if when.second is not None else ""
    )
    iso = f"{local:%Y-%m-%dT%H:%M}" + (f":{when.second:02d}" if when.second is not None else "")
    offset = aware.utcoffset()
    return Moment(
        f"{label}, {clock}",
        iso + format_offset(offset),
        f"{zone_name(zone, offset, place)} ({show_offset(offset)})",
        day_key,
        clock,
    )


def short_label(when: When) -> str:
    """A date without the weekday, for publication dates: '17 August 2021, 06:20'."""
    if when.day is None:
        return date_label(when)
    text = f"{when.day} {MONTHS[when.month - 1]} {when.year}"  # type: ignore[index]
    if when.has_time:
        text += f", {when.hour:02d}:{when.minute:02d}"
        if when.offset is not None:
            text += f" ({show_offset(when.offset)})"
    return text


def brief_label(when: When) -> str:
    """A date at its precision, in few characters, for the time axis: '1975',
    'Aug 2021', '16 Aug 2021'."""
    if when.month is None:
        return str(when.year)
    month = MONTHS_SHORT[when.month - 1]
    return f"{month} {when.year}" if when.day is None else f"{when.day} {month} {when.year}"
