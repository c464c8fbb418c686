"""The time axis at the top of a timeline, drawn at build time as SVG.

It works without JavaScript and in print: time runs left to right in
proportion, long empty stretches are cut out as labelled breaks, crowded days
are spread out and shaded, periods are bands above the line, key events are
labelled, and every mark is a link to its event. The page's script adds the
reader's place, the filters and zooming (`timeline.js`), from the `data-`
attributes written here.

Too many events for a mark each (a long-running story) are drawn as their
density, a bar per day, week, month or year, each bar a link to its first event.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import groupby, pairwise
from zoneinfo import ZoneInfo

from ..views.dates_shown import Brief, DateStyle
from ..views.interface import Interface
from .escape import attr
from .time_scale import Knot, Scale, build_scale, knots_of


@dataclass(frozen=True)
class AxisEvent:
    id: str
    title: str
    label: str | None  # what a key event is labelled with: its short title
    when: str  # as readers read it: "Monday 16 August 2021"
    brief: Brief  # "16 Aug 2021", for a stretch of the axis with nothing else on it
    at: float  # UTC seconds where it sorts and is drawn (`EventEntry.at`)
    day: str  # the day it is listed under ("2021-08-16"): crowded days are shaded
    key: bool
    href: str


@dataclass(frozen=True)
class AxisPeriod:
    id: str
    title: str
    span: str  # "7 Oct 2001 – 30 Aug 2021"
    briefs: tuple[Brief, Brief]  # its start's and its end's
    start: float  # UTC seconds
    end: float
    href: str


@dataclass(frozen=True)
class Size:
    """One drawing of the axis: its width in SVG units and the room things take."""

    name: str  # its CSS class: which screens it is shown on
    width: int
    font: float  # labels stay 12 px or more at the narrowest screen that shows it
    sep: float  # between two marks
    gap: float  # a break's width
    breaks: int  # at most
    label_rows: tuple[int, int]  # rows of key events' labels, below and above the line
    small: float  # what a break skips, a period's title
    lone_day: bool  # a stretch of one moment is labelled with its day, or only its month
    radius: tuple[float, float]  # a mark's, a key event's
    char: float = 0.56  # average character width, in ems, of the system sans-serif


WIDE = Size("tl-axis-wide", 720, 14, 15, 44, 5, (3, 2), 12, True, (4.5, 6.5))
NARROW = Size("tl-axis-narrow", 340, 14.5, 11, 36, 3, (2, 1), 14.5, False, (4, 5.5))
SIZES = (WIDE, NARROW)
# Below this room per mark, marks would touch: the axis shows density instead.
DENSE_ROOM = 4.0
CROWDED_DAY = 3  # events in one day that get a shaded band (and a zoom button)
PERIOD_ROW = 20
LINE_HEIGHT = 1.2


def _width(text: str, size: Size, font: float | None = None) -> float:
    return len(text) * size.char * (font or size.font)


def _ticks(
    scale: Scale, zone: ZoneInfo, size: Size, dates: DateStyle
) -> Iterator[tuple[float, str | None]]:
    """(x, label) for the calendar boundaries in each segment; a label goes in the
    middle of its day, month or year when there is room for it."""
    for seg in scale.segments:
        if seg.end - seg.start < 1:
            continue
        unit = _unit(seg.end - seg.start, seg.right - seg.left, size)
        bounds = list(_boundaries(seg.start, seg.end, unit, zone))
        kept_right, last_tick = -1e9, -1e9
        first = True
        for lo, hi in pairwise(bounds):
            x0, x1 = scale.x(max(lo, seg.start)), scale.x(min(hi, seg.end))
            if unit != "hour" and seg.start < lo and scale.x(lo) - last_tick >= 4:
                last_tick = scale.x(lo)
                yield last_tick, None
            label = _tick_label(lo, unit, zone, first, dates)
            middle = (x0 + x1) / 2
            half = _width(label, size) / 2
            if x1 - x0 >= 2 * half - size.sep and middle - half > kept_right + 6:
                yield middle, label
                kept_right, first = middle + half, False


def _unit(span: float, px: float, size: Size) -> str:
    days = span / 86400
    room = px / (size.font * 4)  # labels that fit side by side
    if days < 1:
        return "hour"
    if days <= max(room, 14) and days <= 120:
        return "day"
    return "month" if days / 30 <= max(room, 4) and days < 4 * 366 else "year"


def _boundaries(start: float, end: float, unit: str, zone: ZoneInfo) -> Iterator[float]:
    """Local calendar boundaries around [start, end], as UTC seconds."""
    local = datetime.fromtimestamp(start, UTC).astimezone(zone).replace(tzinfo=None)
    if unit == "hour":
        at = local.replace(minute=0, second=0, microsecond=0)
    elif unit in ("day", "week"):
        at = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if unit == "week":
            at -= timedelta(days=at.weekday())  # weeks begin on Monday
    elif unit == "month":
        at = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    else:
        at = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    while True:
        utc = at.replace(tzinfo=zone).timestamp()
        yield utc
        if utc > end:
            return
        at = _next(at, unit)


def _next(at: datetime, unit: str) -> datetime:
    if unit == "hour":
        return at + timedelta(hours=1)
    if unit in ("day", "week"):
        return at + timedelta(days=1 if unit == "day" else 7)
    if unit == "month":
        return at.replace(year=at.year + at.month // 12, month=at.month % 12 + 1)
    return at.replace(year=at.year + 1)


def _tick_label(at: float, unit: str, zone: ZoneInfo, first: bool, dates: DateStyle) -> str:
    local = datetime.fromtimestamp(at, UTC).astimezone(zone)
    day = local.date()
    if unit == "hour":
        clock = dates.clock(local.hour, local.minute)
        return f"{dates.form('MMMd', day)} {clock}" if first else clock
    if unit == "day":
        return dates.form("yMMMd" if first else "MMMd", day)
    if unit == "month":
        return dates.form("yMMM" if first or local.month == 1 else "MMM", day)
    return dates.form("y", day)


# What a break cuts out is said in these units, the largest that is at least two;
# a narrow drawing abbreviates them.
UNITS = (("year", 365.25 * 86400), ("month", 30.44 * 86400), ("day", 86400))


def skipped(seconds: float, dates: DateStyle, short: bool = False) -> tuple[str, str]:
    """What a break cuts out, in two short lines: ('45', 'years'). Breaks are two
    days long at least (time_scale.BREAK_MIN)."""
    for unit, length in UNITS:
        if seconds >= 2 * length or length == UNITS[-1][1]:
            return dates.duration(round(seconds / length), unit, short)
    raise AssertionError("unreachable")


def _period_rows(periods: Sequence[AxisPeriod], scale: Scale) -> list[int]:
    """A row for each period, the first where it overlaps none drawn before it."""
    rows: list[float] = []  # the right end of each row's last band
    found = []
    for p in periods:
        x0 = scale.x(p.start)
        row = next((i for i, right in enumerate(rows) if right + 2 <= x0), len(rows))
        if row == len(rows):
            rows.append(0.0)
        rows[row] = scale.x(p.end)
        found.append(row)
    return found


@dataclass(frozen=True)
class _Placed:
    x: float  # the mark's
    left: float
    right: float
    anchor: str
    row: int  # 1, 2... below the line; -1, -2... above it


def _clear(new: _Placed, placed: Sequence[_Placed]) -> bool:
    """Whether a label overlaps no label in its row, and no leader line crosses it
    (nor its own leader a label nearer the line on its side)."""
    for p in placed:
        if (p.row > 0) != (new.row > 0):
            continue
        if p.row == new.row and new.left < p.right + 10 and p.left < new.right + 10:
            return False
        if abs(p.row) < abs(new.row) and p.left - 3 <= new.x <= p.right + 3:
            return False
        if abs(p.row) > abs(new.row) and new.left - 3 <= p.x <= new.right + 3:
            return False
    return True


def _key_labels(events: Sequence[AxisEvent], xs: Sequence[float], size: Size) -> dict[int, _Placed]:
    """One-line labels for key events, each in the first row where it is clear:
    below the line, then above it, the farthest row first (so that the leaders of
    the marks after it pass nearer the line), then drawn up to the line."""
    below, above = size.label_rows
    rows = [*range(below, 0, -1), *range(-above, 0)]
    placed: dict[int, _Placed] = {}
    for i, ev in enumerate(events):
        if not ev.key or not ev.label:
            continue
        w, x = _width(ev.label, size), xs[i]
        anchor, left = ("start", x - 4) if x - 4 + w <= size.width else ("end", x + 4 - w)
        for row in rows:
            new = _Placed(x, left, left + w, anchor, row)
            if _clear(new, list(placed.values())):
                placed[i] = new
                break
    for side in (1, -1):
        depths = [abs(p.row) for p in placed.values() if p.row * side > 0]
        lift = min(depths, default=1) - 1
        placed = {i: replace(p, row=p.row - side * lift) if p.row * side > 0 else p
                  for i, p in placed.items()}  # fmt: skip
    return placed


def is_dense(count: int, size: Size) -> bool:
    """Whether `count` events are drawn as their density at `size`: at a mark
    each, marks would touch."""
    return count * DENSE_ROOM > size.width


def render_axis(
    events: Sequence[AxisEvent], periods: Sequence[AxisPeriod], zone: str, title: str,
    size: Size, words: Interface,
) -> str:  # fmt: skip
    """One drawing of the axis, at `size`: `events` in reading order, `periods` by
    start, its words and calendar in the language of `words`."""
    dates = words.dates
    if not events and not periods:
        return ""
    tz = ZoneInfo(zone)
    dense = is_dense(len(events), size)
    moments = [e.at for e in events]
    bounds = _period_bounds(periods, moments)
    # Too dense for a mark each: every moment is only a place in time.
    knots = knots_of([], bounds + moments) if dense else knots_of(moments, bounds)
    briefs = _briefs(events, periods, size.lone_day)

    def pad(group: Sequence[Knot]) -> float:
        if len(group) > 1:
            return size.sep
        lines = briefs.get(group[0].at, ("", ""))
        return max(size.sep, max(_width(line, size) for line in lines) / 2 + 3)

    scale = build_scale(knots, 4, size.width - 8, 0.0 if dense else size.sep, pad, size.gap,
                        size.breaks)  # fmt: skip
    rows = _period_rows(periods, scale)
    periods_height = (max(rows, default=-1) + 1) * PERIOD_ROW
    xs = [] if dense else _mark_xs(events, scale)
    labels = {} if dense else _key_labels(events, xs, size)
    row_height = size.font * LINE_HEIGHT + 4
    above = -min((p.row for p in labels.values()), default=0)
    below = max((p.row for p in labels.values()), default=0)
    line_y = 4 + periods_height + max(above, 0) * row_height + 14
    dates_bottom = line_y + 16 + 2.4 * size.font  # under a date of two lines
    labels_y = dates_bottom + 0.9 * size.font  # the baseline of the first row below
    height = labels_y + (below - 1) * row_height + 0.4 * size.font if below else dates_bottom
    out = [
        f'<svg class="tl-axis-svg {size.name}" viewBox="0 0 {size.width} {height:.0f}" '
        f'role="group" aria-label="{attr(title)}" font-size="{size.font}" '
        f'data-line="{line_y:.1f}" xmlns="http://www.w3.org/2000/svg">'
    ]
    out += _periods_svg(periods, rows, scale, size, words)
    shapes, calendar = _line_svg(scale, tz, line_y, size, briefs, dates)
    out += shapes
    if dense:
        out += _density_svg(events, scale, tz, line_y, size, words)
    else:
        out += _days_svg(events, xs, line_y, size)
        out += _marks_svg(events, xs, labels, line_y, labels_y, row_height, size, words)
    out += calendar
    out.append("</svg>")
    return "".join(out)


def _period_bounds(periods: Sequence[AxisPeriod], moments: Sequence[float]) -> list[float]:
    """The periods' bounds that the axis must make room for: those before the first
    event or after the last, and both of a period that falls between two events.
    Any other bound is drawn where it falls, in a break if it is in one."""
    if not moments:
        return [b for p in periods for b in (p.start, p.end)]
    first, last = moments[0], moments[-1]
    found = []
    for p in periods:
        between = bisect_right(moments, p.start) == bisect_left(moments, p.end)
        found += [b for b in (p.start, p.end) if between or not first <= b <= last]
    return found


def _two_lines(brief: Brief, day: bool) -> tuple[str, str]:
    """A date under a lone mark, in little width: its day and month over its
    year ('30 Apr' over '1975'), or its month over its year without the `day`,
    in any language's order of the two."""
    if not brief.month:
        return brief.year, ""
    return (brief.day if day else brief.month), brief.year


def _briefs(
    events: Sequence[AxisEvent], periods: Sequence[AxisPeriod], day: bool
) -> dict[float, tuple[str, str]]:
    """The date of a moment, for a stretch of the axis that holds nothing else."""
    briefs: dict[float, tuple[str, str]] = {}
    for e in events:
        briefs.setdefault(e.at, _two_lines(e.brief, day))
    for p in periods:
        briefs.setdefault(p.start, _two_lines(p.briefs[0], day))
        briefs.setdefault(p.end, _two_lines(p.briefs[1], day))
    return briefs


def _mark_xs(events: Sequence[AxisEvent], scale: Scale) -> list[float]:
    """Each event's x: events at one moment side by side, in reading order."""
    seen: dict[float, int] = {}
    xs = []
    for e in events:
        nth = seen.get(e.at, 0)
        seen[e.at] = nth + 1
        xs.append(scale.mark_x(e.at, nth))
    return xs


def _periods_svg(
    periods: Sequence[AxisPeriod], rows: list[int], scale: Scale, size: Size, words: Interface
) -> list[str]:
    out = ['<g class="tl-axis-periods">']
    for p, row in zip(periods, rows, strict=True):
        x0, x1 = scale.x(p.start), scale.x(p.end)
        y = 4 + row * PERIOD_ROW
        name = words.say("%(event)s, %(when)s", event=p.title, when=p.span)
        label = words.say("Period: %(period)s", period=name)
        text = ""
        font = size.small
        if _width(p.title, size, font) <= x1 - x0 - 8:
            text = (
                f'<text x="{x0 + 4:.1f}" y="{y + font:.1f}" font-size="{font}">'
                f"{attr(p.title)}</text>"
            )
        out.append(
            f'<a class="tl-period" href="{attr(p.href)}" aria-label="{attr(label)}" '
            f'data-start="{p.start:.0f}" data-end="{p.end:.0f}" data-label="{attr(p.title)}">'
            f"<title>{attr(name)}</title>"
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 2):.1f}" height="{PERIOD_ROW - 4}" '
            f'rx="3"/>{text}</a>'
        )
    out.append("</g>")
    return out


def _line_svg(
    scale: Scale, tz: ZoneInfo, line_y: float, size: Size, briefs: dict[float, tuple[str, str]],
    dates: DateStyle,
) -> tuple[list[str], list[str]]:  # fmt: skip
    """The line of each segment, its calendar ticks, and the breaks between: the
    shapes, drawn under the marks, and the dates, drawn over the marks' leader
    lines (on a halo, so that a leader passes behind a date, not through it)."""
    shapes = ['<g class="tl-axis-scale" aria-hidden="true">']
    calendar = ['<g class="tl-axis-scale tl-axis-dates" aria-hidden="true">']
    for seg in scale.segments:
        shapes.append(
            f'<line class="tl-axis-line" x1="{seg.left - seg.pad:.1f}" y1="{line_y}" '
            f'x2="{seg.right + seg.pad:.1f}" y2="{line_y}"/>'
        )
    label_y = line_y + 12 + size.font
    for x, label in _ticks(scale, tz, size, dates):
        if label is None:
            shapes.append(f'<line class="tl-tick" x1="{x:.1f}" y1="{line_y + 3}" x2="{x:.1f}" '
                          f'y2="{line_y + 9}"/>')  # fmt: skip
        else:
            calendar.append(f'<text x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle">'
                         f"{attr(label)}</text>")  # fmt: skip
    for seg in scale.segments:
        if seg.end - seg.start >= 1:
            continue  # a segment of one moment carries its date instead of ticks
        x, (head, tail) = (seg.left + seg.right) / 2, briefs.get(seg.start, ("", ""))
        calendar.append(_two_line_text(x, label_y, head, tail, size.font))
    for br in scale.breaks:
        mid = (br.left + br.right) / 2
        zig = " ".join(f"{mid + dx:.1f},{line_y + dy}" for dx, dy in
                       ((-6, -8), (-2, -3), (-6, 3), (-2, 8)))  # fmt: skip
        zag = " ".join(f"{mid + dx:.1f},{line_y + dy}" for dx, dy in
                       ((2, -8), (6, -3), (2, 3), (6, 8)))  # fmt: skip
        number, unit = skipped(br.skipped, dates, short=not size.lone_day)
        shapes.append(
            f'<g class="tl-break"><polyline points="{zig}"/><polyline points="{zag}"/></g>'
        )
        calendar.append(_two_line_text(mid, label_y, number, unit, size.small, "tl-skipped"))
    return [*shapes, "</g>"], [*calendar, "</g>"]


def _iso(seconds: float) -> str:
    return f"{datetime.fromtimestamp(seconds, UTC):%Y-%m-%dT%H:%M:%SZ}"


def _two_line_text(x: float, y: float, head: str, tail: str, font: float, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    second = f'<tspan x="{x:.1f}" dy="{font * 1.1:.1f}">{attr(tail)}</tspan>' if tail else ""
    return (
        f'<text{klass} x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="{font}">'
        f"{attr(head)}{second}</text>"
    )


def _days_svg(
    events: Sequence[AxisEvent], xs: Sequence[float], line_y: float, size: Size
) -> list[str]:
    """A shaded band behind each crowded day's marks; the script offers to zoom to it."""
    out = ['<g class="tl-axis-days" aria-hidden="true">']
    for day, group in groupby(range(len(events)), key=lambda n: events[n].day):
        found = list(group)
        if len(found) < CROWDED_DAY:
            continue
        first, last = events[found[0]], events[found[-1]]
        x0, x1 = xs[found[0]] - size.sep / 2, xs[found[-1]] + size.sep / 2
        out.append(
            f'<rect x="{x0:.1f}" y="{line_y - 11}" width="{x1 - x0:.1f}" height="22" rx="11" '
            f'data-start="{first.at:.0f}" data-end="{last.at:.0f}" data-day="{day}" '
            f'data-label="{attr(first.when)}"/>'
        )
    out.append("</g>")
    return out


def _marks_svg(
    events: Sequence[AxisEvent], xs: Sequence[float], labels: dict[int, _Placed], line_y: float,
    labels_y: float, row_height: float, size: Size, words: Interface,
) -> list[str]:  # fmt: skip
    out = ['<g class="tl-axis-marks">']
    named = words.gettext("%(event)s, %(when)s")
    for i, ev in enumerate(events):
        x = xs[i]
        name = named % {"event": ev.title, "when": ev.when}
        kind = " tl-key" if ev.key else ""
        parts = [
            f'<a class="tl-mark{kind}" href="{attr(ev.href)}" aria-label="{attr(name)}" '
            f'data-id="{ev.id}" data-t="{ev.at:.0f}" data-at="{_iso(ev.at)}">'
            f"<title>{attr(name)}</title>"
        ]
        if label := labels.get(i):
            if label.row > 0:
                top = labels_y + (label.row - 1) * row_height
                ends = (line_y + 8, top - size.font * 0.9)
            else:
                top = line_y - 12 + (label.row + 1) * row_height
                ends = (line_y - 8, top + 3)
            parts.append(
                f'<line class="tl-leader" x1="{x:.1f}" y1="{ends[0]:.1f}" x2="{x:.1f}" '
                f'y2="{ends[1]:.1f}"/>'
            )
            tx = x - 4 if label.anchor == "start" else x + 4
            parts.append(f'<text x="{tx:.1f}" y="{top:.1f}" text-anchor="{label.anchor}">'
                         f"{attr(ev.label or '')}</text>")  # fmt: skip
        radius = size.radius[1] if ev.key else size.radius[0]
        parts.append(f'<circle cx="{x:.1f}" cy="{line_y}" r="{radius}"/></a>')
        out.append("".join(parts))
    out.append("</g>")
    return out


def _density_svg(
    events: Sequence[AxisEvent], scale: Scale, tz: ZoneInfo, line_y: float, size: Size,
    words: Interface,
) -> list[str]:  # fmt: skip
    """A bar per day, week, month or year, as tall as its share of events, each a
    link to its first event."""
    out = ['<g class="tl-axis-density">']
    bins: list[tuple[float, float, str, list[AxisEvent]]] = []
    for seg in scale.segments:
        inside = [e for e in events if seg.start <= e.at <= seg.end]
        unit = _bin_unit(seg.end - seg.start, seg.right - seg.left)
        bounds = list(_boundaries(seg.start, seg.end, unit, tz))
        n = 0
        for lo, hi in pairwise(bounds):
            found = []
            while n < len(inside) and inside[n].at < hi:
                found.append(inside[n])
                n += 1
            if found:
                bins.append(
                    (max(lo, seg.start), min(hi, seg.end), _bin_label(lo, unit, tz, words), found)
                )
    most = max((len(b[3]) for b in bins), default=1)
    for lo, hi, label, found in bins:
        x0, x1 = scale.x(lo), scale.x(hi)
        width = max(x1 - x0 - 1, 2.0)
        height = 3 + 20 * len(found) / most
        count = words.plural("%(num)s event", "%(num)s events", len(found))
        out.append(
            f'<a class="tl-bin" href="{attr(found[0].href)}" aria-label="{attr(label)}: {count}" '
            f'data-t="{found[0].at:.0f}">'
            f'<rect x="{x0 - (width if x1 - x0 < 2 else 0) / 2:.1f}" y="{line_y - height:.1f}" '
            f'width="{width:.1f}" height="{height:.1f}"/></a>'
        )
    out.append("</g>")
    return out


def _bin_unit(span: float, px: float) -> str:
    """The finest of day, week, month and year that leaves each bar 3 units wide."""
    for unit, length in (("day", 86400), ("week", 7 * 86400), ("month", 30.44 * 86400)):
        if span / length <= px / 3:
            return unit
    return "year"


def _bin_label(at: float, unit: str, tz: ZoneInfo, words: Interface) -> str:
    day = datetime.fromtimestamp(at, UTC).astimezone(tz).date()
    dates = words.dates
    if unit == "day":
        return dates.form("yMMMd", day)
    if unit == "week":
        return words.say("Week of %(date)s", date=dates.form("yMMMd", day))
    return dates.form("yMMM" if unit == "month" else "y", day)
