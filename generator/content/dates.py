"""Dates as editors write them: at the precision they know, in a named zone.

`2021`, `2021-08`, `2021-08-16`, `2021-08-16T21:30` (or with a space instead of
`T`, and optional seconds) are local to the event's IANA time zone. An offset
(`+04:30`, `Z`) may follow a time only to pick one of the two readings of a
wall-clock time that happens twice when clocks go back.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .suggest import closest
from .zone_places import zone_of_place

_WHEN = re.compile(
    r"(?P<year>\d{4})(-(?P<month>\d{2})(-(?P<day>\d{2})"
    r"([T ](?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2}))?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2})?)?)?)?",
    re.ASCII,  # \d is 0-9 only (see parse_when)
)

FORMATS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"
# Python's datetime range, less the last year (an event's end is the first
# instant after it).
MIN_YEAR, MAX_YEAR = 1, 9998
# A timeline's publication dates set the build date of a reproducible build, a
# Unix time that gzip's header (the sitemap's) holds in 32 unsigned bits.
STAMP_YEARS = (1970, 2105)


class DateError(ValueError):
    """A date an editor wrote that cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class When:
    """A local date or date-time, at the precision the editor wrote it."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: timedelta | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def precision(self) -> str:
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        if self.hour is None:
            return "day"
        return "minute" if self.second is None else "second"

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def local_start(self) -> datetime:
        """The first local instant this value may mean."""
        return datetime(
            self.year,
            self.month or 1,
            self.day or 1,
            self.hour or 0,
            self.minute or 0,
            self.second or 0,
        )

    def local_end(self) -> datetime:
        """The first local instant after everything this value may mean."""
        start = self.local_start()
        match self.precision:
            case "year":
                return start.replace(year=self.year + 1)
            case "month":
                return start + timedelta(days=calendar.monthrange(self.year, start.month)[1])
            case "day":
                return start + timedelta(days=1)
            case "minute":
                return start + timedelta(minutes=1)
        return start + timedelta(seconds=1)

    def utc_range(self, zone: str) -> tuple[datetime, datetime]:
        """Start and end of this value in UTC, read in `zone`; checks the wall clock."""
        tz = ZoneInfo(zone)
        start = self.local_start()
        length = self.local_end() - self.local_start()
        try:
            if self.has_time:
                start = _resolve_wall_time(start, tz, self.offset, self.text, zone)
            else:
                start = start.replace(tzinfo=tz)
            if self.has_time:  # a minute is a minute in UTC; local arithmetic would lose `fold`
                return start.astimezone(UTC), start.astimezone(UTC) + length
            return start.astimezone(UTC), (start + length).astimezone(UTC)
        except OverflowError:  # the first hours of year 1 east of Greenwich
            raise DateError(f"{self.text} in {zone} falls before year 1 in UTC") from None

    def local_instant(self, zone: str) -> datetime:
        """The first instant this value may mean, as a wall-clock time in `zone`
        (with the right reading of a time that happens twice)."""
        return self.utc_range(zone)[0].astimezone(ZoneInfo(zone))


def _resolve_wall_time(
    naive: datetime, tz: ZoneInfo, offset: timedelta | None, text: str, zone: str
) -> datetime:
    # A list: datetimes that differ only in `fold` compare equal, so a set would lose one.
    readings = [naive.replace(tzinfo=tz, fold=fold) for fold in (0, 1)]
    valid = [r for r in readings if r.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive]
    offsets = sorted({r.utcoffset() for r in valid})
    if not valid:
        raise DateError(
            f"{text} does not exist in {zone}: the clocks jumped forward over it; "
            "check the time and the zone"
        )
    if offset is not None:
        for reading in valid:
            if reading.utcoffset() == offset:
                return reading
        raise DateError(
            f"{text} has UTC offset {format_offset(offset)}, but in {zone} that wall-clock time "
            f"is at {' or '.join(format_offset(o) for o in offsets)}: fix the offset or the zone"
        )
    if len(offsets) > 1:
        choices = " or ".join(f"{text}{format_offset(o)}" for o in offsets)
        raise DateError(
            f"{text} happens twice in {zone} (the clocks went back): say which, e.g. {choices}"
        )
    return valid[0]


def format_offset(offset: timedelta | None, minus: str = "-") -> str:
    """'+04:30', '-04:00' (or with a typographic `minus` for readers)."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else minus
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_when(text: str) -> When:
    """Read a date string strictly; raises DateError with the fix in its message."""
    if foreign := [ch for ch in text if ch.isdigit() and not ch.isascii()]:
        ascii_text = "".join(str(unicodedata.digit(ch)) if ch in foreign else ch for ch in text)
        raise DateError(
            f"'{text}' has digits other than 0-9 ('{foreign[0]}'): write the date with "
            f"0-9, as '{ascii_text}'"
        )
    match = _WHEN.fullmatch(text)
    if not match:
        hint = ""
        if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", text):
            hint = " (day and month order is ambiguous in that form)"
        raise DateError(f"'{text}' is not a date{hint}: write {FORMATS}, e.g. 2021-08-16T21:30")
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None and k != "offset"}
    if not MIN_YEAR <= parts["year"] <= MAX_YEAR:
        raise DateError(f"'{text}': years from {MIN_YEAR} to {MAX_YEAR} are supported")
    offset = _read_offset(match["offset"], text)
    try:
        datetime(parts["year"], parts.get("month", 1), parts.get("day", 1))
    except ValueError:
        raise DateError(_impossible_date(text, parts)) from None
    if parts.get("hour", 0) > 23 or parts.get("minute", 0) > 59 or parts.get("second", 0) > 59:
        raise DateError(f"'{text}' has an impossible time: hours go 00-23, minutes 00-59")
    return When(text=text, offset=offset, **parts)


def _read_offset(raw: str | None, text: str) -> timedelta | None:
    if raw is None:
        return None
    if raw == "Z":
        return timedelta()
    sign = -1 if raw[0] == "-" else 1
    hours, minutes = int(raw[1:3]), int(raw[4:6])
    if hours > 14 or minutes > 59:
        raise DateError(f"'{text}' has an impossible UTC offset {raw}")
    return sign * timedelta(hours=hours, minutes=minutes)


def _impossible_date(text: str, parts: dict[str, int]) -> str:
    month = parts.get("month", 1)
    if not 1 <= month <= 12:
        return f"'{text}' has month {month:02d}: months go 01-12"
    days = calendar.monthrange(parts["year"], month)[1]
    name = calendar.month_name[month]
    return f"'{text}' is not a real date: {name} {parts['year']} has {days} days"


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_zone(name: str) -> str:
    """An IANA zone name, or DateError naming the closest real one."""
    if name in known_zones():
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if by_place := zone_of_place(name):
        raise DateError(
            f"'{name}' is not an IANA time zone: its clocks are {by_place}'s, so write "
            f"timezone: {by_place} (IANA names one city for each zone)"
        )
    hint = closest(name, known_zones())
    did_you_mean = f" (did you mean '{hint}'?)" if hint else ""
    raise DateError(
        f"'{name}' is not an IANA time zone{did_you_mean}: "
        "use a name like Asia/Kabul, America/New_York or Asia/Shanghai"
    )
