"""How dates and times read on the page: at the precision the editor wrote,
in the event's own time zone, with the zone named, in the site's language.

The site's language is mkdocs.yml's `theme.language`. English (`en`) reads in
the house style, its names spelt out here ("Monday 16 August 2021", a 24-hour
clock), so that the output is the same on every machine; any other language,
`en-US` included, reads as CLDR says (Babel): "Montag, 16. August 2021",
"2021年8月16日星期一", in the locale's own digits where it has them (Persian's
۱۶). Zone names come from CLDR in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton, format_time, get_timezone_name
from babel.numbers import format_decimal
from babel.units import format_unit

from ..content.dates import When, format_offset

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOUSE = "en"  # the language whose dates read in the house style

# The house style's English for the CLDR skeletons the site uses.
_HOUSE_FORMS = {
    "y": lambda d: str(d.year),
    "yMMMM": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
    "yMMM": lambda d: f"{MONTHS_SHORT[d.month - 1]} {d.year}",
    "MMM": lambda d: MONTHS_SHORT[d.month - 1],
    "yMMMMd": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "yMMMd": lambda d: f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}",
    "MMMd": lambda d: f"{d.day} {MONTHS_SHORT[d.month - 1]}",
    "full": lambda d: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}",
}
# The house style's names of a length of time, in full and abbreviated.
_HOUSE_UNITS = {"year": ("years", "yrs"), "month": ("months", "mos"), "day": ("days", "days")}
# The first digit of each numbering system a locale may write dates in (CLDR's
# names); Unicode keeps each system's ten digits in a row.
_ZEROS = {
    "arab": "\u0660", "arabext": "\u06f0", "beng": "\u09e6", "deva": "\u0966",
    "gujr": "\u0ae6", "guru": "\u0a66", "khmr": "\u17e0", "knda": "\u0ce6",
    "laoo": "\u0ed0", "mlym": "\u0d66", "mymr": "\u1040", "orya": "\u0b66",
    "tamldec": "\u0be6", "telu": "\u0c66", "thai": "\u0e50", "tibt": "\u0f20",
}  # fmt: skip


@dataclass(frozen=True)
class DateStyle:
    """How dates read in one language (a BCP 47 tag: `en`, `de`, `zh-Hans`, `fa`)."""

    language: str = HOUSE

    @classmethod
    def of(cls, language: str) -> DateStyle:
        """The style of `language`: a language CLDR does not know reads in the
        house style, as Material shows its own strings in English then."""
        if language.strip().lower() == HOUSE:
            return cls()
        try:
            locale_of(language)
        except (ValueError, UnknownLocaleError):
            return cls()
        return cls(language)

    @cached_property
    def locale(self) -> Locale:
        return locale_of(self.language)

    @cached_property
    def _digits(self) -> dict[int, str] | None:
        """ASCII digit -> the locale's, where it writes others."""
        zero = _ZEROS.get(self.locale.default_numbering_system)
        return None if zero is None else str.maketrans("0123456789", "".join(
            chr(ord(zero) + n) for n in range(10)))  # fmt: skip

    def digits(self, text: str) -> str:
        """`text` with its ASCII digits in the locale's own."""
        return text if self._digits is None else text.translate(self._digits)

    def number(self, count: int) -> str:
        """A count as the language writes it: "1,000" or "1.000", in its digits
        ("۱٬۰۰۰"); the house style's plain digits ("1000")."""
        if self.language == HOUSE:
            return str(count)
        return self.digits(format_decimal(count, locale=self.locale, numbering_system="default"))

    def form(self, skeleton: str, day: date) -> str:
        """`day` as this language writes `skeleton` ("yMMMd": "16 Aug 2021"), or
        its full date with the weekday ("full")."""
        if self.language == HOUSE:
            return _HOUSE_FORMS[skeleton](day)
        if skeleton == "full":
            return self.digits(format_date(day, "full", locale=self.locale))
        return self.digits(format_skeleton(skeleton, day, locale=self.locale))

    def clock(self, hour: int, minute: int, second: int | None = None) -> str:
        """A time of day: "21:30", "9:30 PM" where the locale says so."""
        if self.language == HOUSE:
            return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
        at = time(hour, minute, second or 0)
        return self.digits(format_time(at, "medium" if second is not None else "short",
                                       locale=self.locale))  # fmt: skip

    def at_clock(self, day: str, clock: str) -> str:
        """A date and a time of day together: "16 August 2021, 21:30"."""
        if self.language == HOUSE:
            return f"{day}, {clock}"
        pattern = self.locale.datetime_formats["medium"]
        return str(pattern).replace("'", "").replace("{1}", day).replace("{0}", clock)

    def duration(self, count: int, unit: str, short: bool = False) -> tuple[str, str]:
        """`count` years, months or days (`unit`), as a number and its unit:
        ("46", "years"), ("46", "Jahre"); one line where the language says it in
        one word (Arabic's "يومان", two days)."""
        if self.language == HOUSE:
            return str(count), _HOUSE_UNITS[unit][short]
        said = format_unit(count, f"duration-{unit}", "short" if short else "long",
                           locale=self.locale)  # fmt: skip
        number = format_decimal(count, locale=self.locale)
        head, found, tail = said.partition(number)
        if not found:
            return self.digits(said), ""
        return self.digits(number), (head + tail).strip(" \u00a0\u202f")

    def offset(self, offset: timedelta | None) -> str:
        return self.digits("UTC" + format_offset(offset, minus="\u2212"))  # a real minus sign

    def date_label(self, when: When) -> str:
        """The date part, at the editor's precision: '1975', 'August 2021',
        'Monday 16 August 2021'."""
        if when.month is None:
            return self.form("y", date(when.year, 1, 1))
        if when.day is None:
            return self.form("yMMMM", date(when.year, when.month, 1))
        return self.form("full", when.local_start().date())

    def brief(self, when: When) -> Brief:
        """A date at its precision, in few characters, for the time axis and the
        network: '1975', 'Aug 2021', '16 Aug 2021', and its parts."""
        year = self.form("y", date(when.year, 1, 1))
        if when.month is None:
            return Brief(year, "", "", year)
        day = date(when.year, when.month, when.day or 1)
        month = self.form("MMM", day)
        if when.day is None:
            return Brief(self.form("yMMM", day), month, month, year)
        return Brief(self.form("yMMMd", day), self.form("MMMd", day), month, year)

    def short_label(self, when: When) -> str:
        """A date without the weekday, for publication dates: '17 August 2021, 06:20'."""
        if when.day is None:
            return self.date_label(when)
        text = self.form("yMMMMd", date(when.year, when.month or 1, when.day))
        if when.has_time:
            text = self.at_clock(text, self.clock(when.hour or 0, when.minute or 0))
            if when.offset is not None:
                text += f" ({self.offset(when.offset)})"
        return text

    def zone_name(self, zone: str, offset: timedelta, place: str | None = None) -> str:
        return _zone_name(self.language, zone, offset, place)

    def moment(self, when: When, zone: str, place: str | None = None) -> Moment:
        """How `when`, local to `zone`, is shown; `place` names the zone's time
        where CLDR's name is not true of that moment."""
        local = when.local_start()
        label = self.date_label(when)
        day_key = when.text[:10]
        if not when.has_time:
            # A date names no clock: the zone only says which day it was where the
            # event happened, which the date already is.
            return Moment(label, when.text[:10], "", day_key, "", label)
        aware = when.local_instant(zone)
        clock = self.clock(when.hour or 0, when.minute or 0, when.second)
        seconds = f":{when.second:02d}" if when.second is not None else ""
        iso = f"{local:%Y-%m-%dT%H:%M}{seconds}"
        offset = aware.utcoffset()
        return Moment(
            self.at_clock(label, clock),
            iso + format_offset(offset),
            f"{self.zone_name(zone, offset, place)} ({self.offset(offset)})",
            day_key,
            clock,
            label,
        )


ENGLISH = DateStyle()


# Material's tags that name another language than CLDR's same tag: its `ku-IQ`
# is Central Kurdish (Sorani), CLDR's `ckb`; CLDR's `ku` is Kurmanji, in Latin.
_MATERIAL_TAGS = {"ku_IQ": "ckb_IQ"}


def locale_of(language: str) -> Locale:
    """CLDR's locale for a BCP 47 tag, by its alias where CLDR has one (Material's
    `sh` is CLDR's `sr_Latn`)."""
    tag = language.replace("-", "_")
    tag = _MATERIAL_TAGS.get(tag, tag)
    return Locale.parse(get_global("language_aliases").get(tag, tag))


@dataclass(frozen=True)
class Brief:
    """A short date whole, and in the parts that a line of little width, or a
    list of dates all of one year, writes instead: each as the language writes
    it alone ("30. Apr." and "1975" in German, "4月30日" and "1975年" in Chinese),
    never cut out of the whole, whose order differs between languages."""

    whole: str  # "30 Apr 1975", "Apr 1975", "1975"
    day: str  # the date without its year: "30 Apr", "Apr"; "" for a year alone
    month: str  # the month alone: "Apr"; "" for a year alone
    year: str  # "1975"


@dataclass(frozen=True)
class Moment:
    """A date as a reader sees it, and as a machine reads it."""

    label: str  # "Monday 16 August 2021, 21:30"
    iso: str  # for <time datetime="...">: "2021-08-16T21:30+04:30", "2021-08"
    zone: str  # "Kabul time (UTC+04:30)", or "" for dates that need none
    day_key: str  # groups events by day on the timeline page: "2021-08-16", "1975"
    clock: str = ""  # the time of day alone, "21:30", for a date-time
    day_label: str = ""  # the date alone, "Monday 16 August 2021": its day's heading


# Where a zone's clocks stand today, in winter and in summer: a name from CLDR
# ("China Standard Time") is only true of a moment whose offset is one of these.
_TODAY = (datetime(2024, 1, 15, 12), datetime(2024, 7, 15, 12))


@lru_cache(maxsize=4096)
def _zone_name(language: str, zone: str, offset: timedelta, place: str | None) -> str:
    """The name a reader knows for a zone at a moment with this UTC `offset`:
    CLDR's ("Eastern Daylight Time", "India Standard Time"), or where the clocks
    then stood otherwise (Saigon in 1975 was not on today's Indochina Time): the
    event's place's time, or the zone's city's."""
    tz = ZoneInfo(zone)
    locale = locale_of(language)
    if offset in {moment.replace(tzinfo=tz).utcoffset() for moment in _TODAY}:
        named = get_timezone_name(_at(tz, offset), width="long", locale=locale)
        if named and not named.startswith("Unknown") and not _offset_only(named, locale):
            return named
    city = (place or "").split(",")[0].strip() or zone.rsplit("/", 1)[-1].replace("_", " ")
    if language == HOUSE:
        return f"{city} time"
    return str(locale.zone_formats["region"]).replace("'", "") % city


def _offset_only(name: str, locale: Locale) -> bool:
    """Whether `name` is CLDR's fallback for a zone it cannot name, the offset in
    the locale's own words ("GMT+03:00", "+03:00 گرینویچ")."""
    around = str(locale.zone_formats["gmt"]).split("%s")
    return (
        name.startswith("GMT") or re.fullmatch(".+".join(map(re.escape, around)), name) is not None
    )


def _at(tz: ZoneInfo, offset: timedelta) -> datetime:
    """A moment of today's at which `tz` is at `offset` (for its name, summer or winter)."""
    return next(m.replace(tzinfo=tz) for m in _TODAY if m.replace(tzinfo=tz).utcoffset() == offset)
