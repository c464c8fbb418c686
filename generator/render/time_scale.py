"""Where a moment falls on the time axis: time proportional, but with long empty
stretches cut out (each cut drawn as a break, labelled with what it skips) and
with crowded moments spread out, so that every mark has room.

The scale maps UTC seconds to x. It is built from knots: the moments that
something sits at (events, periods' bounds), each with how many marks share it.
Between knots the scale is linear; a knot with several marks spreads them over
`(count - 1) * sep`; knots are at least `sep` apart. The proportional part is
solved so that everything fills the width.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

# A gap is cut when it is at least this share of all the time not yet cut,
# and at least this long: a quiet night in a story of days is not a break.
BREAK_SHARE = 0.4
BREAK_MIN = 2 * 86400


@dataclass(frozen=True)
class Knot:
    at: float  # UTC seconds
    count: int  # marks at this moment (0 for a period's bound)


@dataclass(frozen=True)
class Segment:
    """A stretch of the axis without a break: its knots and where it is drawn."""

    knots: tuple[Knot, ...]
    left: float  # x of its first knot
    right: float  # x of its last knot's last mark
    pad: float  # room on each side, for its labels

    @property
    def start(self) -> float:
        return self.knots[0].at

    @property
    def end(self) -> float:
        return self.knots[-1].at


@dataclass(frozen=True)
class Break:
    left: float  # x where the break begins and ends
    right: float
    skipped: float  # seconds cut out


def knots_of(moments: Sequence[float], bounds: Sequence[float] = ()) -> list[Knot]:
    """Knots for marks at `moments` (in order, repeats allowed) and bare `bounds`."""
    counts: dict[float, int] = {}
    for at in moments:
        counts[at] = counts.get(at, 0) + 1
    for at in bounds:
        counts.setdefault(at, 0)
    return [Knot(at, n) for at, n in sorted(counts.items())]


def cut_gaps(knots: Sequence[Knot], max_breaks: int) -> set[int]:
    """The gaps (by index of the knot before them) to draw as breaks: the longest,
    each while it is at least BREAK_SHARE of all the time still shown."""
    gaps = sorted(((knots[i + 1].at - knots[i].at, i) for i in range(len(knots) - 1)), reverse=True)
    shown = sum(g for g, _ in gaps)
    cut: set[int] = set()
    for gap, i in gaps:
        if len(cut) >= max_breaks or gap < BREAK_MIN or gap < BREAK_SHARE * shown:
            break
        cut.add(i)
        shown -= gap
    return cut


@dataclass(frozen=True)
class Scale:
    segments: tuple[Segment, ...]
    breaks: tuple[Break, ...]
    sep: float  # the room each mark has (less than asked for when marks are too many)
    _xs: tuple[float, ...]  # knot moments and their x, left and right, for the mapping
    _ts: tuple[float, ...]

    def x(self, at: float) -> float:
        """Where moment `at` is drawn: at a knot, its first mark; between, linear."""
        ts, xs = self._ts, self._xs
        i = bisect_right(ts, at)
        if i == 0:
            return xs[0]
        if i == len(ts):
            return xs[-1]
        t0, t1, x0, x1 = ts[i - 1], ts[i], xs[i - 1], xs[i]
        if t0 == at:  # at a knot: its first mark (ts holds each knot twice)
            return xs[bisect_left(ts, at)]
        return x0 + (x1 - x0) * (at - t0) / (t1 - t0)

    def mark_x(self, knot_at: float, nth: int) -> float:
        """The x of the `nth` mark (from 0) at a knot."""
        return self.x(knot_at) + nth * self.sep


def _knot_xs(
    knots: Sequence[Knot], left: float, per_second: float, sep: float
) -> Iterator[tuple[float, float]]:
    """The x of each knot's first and last mark, the first knot at `left`."""
    x = left
    for i, knot in enumerate(knots):
        if i:
            x += max(sep, (knot.at - knots[i - 1].at) * per_second)
        first, x = x, x + max(knot.count - 1, 0) * sep
        yield first, x


def _layout(
    groups: list[list[Knot]], per_second: float, sep: float, pads: list[float], gap: float
) -> tuple[list[Segment], list[Break], float]:
    """Segments and breaks from x = 0 at a given proportional scale; the width used."""
    segments, breaks, x = [], [], 0.0
    for n, group in enumerate(groups):
        if n:
            breaks.append(Break(x, x + gap, group[0].at - groups[n - 1][-1].at))
            x += gap
        left = x + pads[n]
        *_, (_, x) = _knot_xs(group, left, per_second, sep)
        segments.append(Segment(tuple(group), left, x, pads[n]))
        x += pads[n]
    return segments, breaks, x


def _groups(knots: Sequence[Knot], cut: set[int]) -> list[list[Knot]]:
    """The knots of each segment, the gaps `cut` between them."""
    groups: list[list[Knot]] = [[]]
    for i, knot in enumerate(knots):
        groups[-1].append(knot)
        if i in cut:
            groups.append([])
    return groups


def build_scale(
    knots: Sequence[Knot], left: float, width: float, sep: float,
    pad: Callable[[Sequence[Knot]], float], gap: float, max_breaks: int,
) -> Scale:  # fmt: skip
    """The scale for `knots` over [left, left + width]: `pad(knots)` is the room
    a segment of those knots needs on each side (for its labels), `gap` a break's."""
    # Each break costs room (its own, and its segments' labels): as many as fit.
    for allowed in range(max_breaks, -1, -1):
        groups = _groups(knots, cut_gaps(knots, allowed))
        pads = [pad(g) for g in groups]
        fixed = _layout(groups, 0.0, sep, pads, gap)[2]
        if fixed <= width:
            break
    shown = sum(g[-1].at - g[0].at for g in groups)
    per_second = 0.0
    if fixed > width:  # too many marks for the width: less room each
        sep *= width / fixed
    elif shown and sep == 0:  # no room to keep between marks: time alone, in proportion
        per_second = (width - fixed) / shown
    elif shown:
        low, high = 0.0, width / shown
        for _ in range(50):  # the width used grows with the scale: bisect it
            mid = (low + high) / 2
            if _layout(groups, mid, sep, pads, gap)[2] <= width:
                low = mid
            else:
                high = mid
        per_second = low
    segments, breaks, used = _layout(groups, per_second, sep, pads, gap)
    shift = left + max(width - used, 0) / 2  # centre what is left over (one moment alone)
    segments = [Segment(s.knots, s.left + shift, s.right + shift, s.pad) for s in segments]
    breaks = [Break(b.left + shift, b.right + shift, b.skipped) for b in breaks]
    ts: list[float] = []
    xs: list[float] = []
    for seg in segments:
        for knot, (first, last) in zip(seg.knots, _knot_xs(seg.knots, seg.left, per_second, sep),
                                       strict=True):  # fmt: skip
            ts += [knot.at, knot.at]
            xs += [first, last]
    return Scale(tuple(segments), tuple(breaks), sep, tuple(xs), tuple(ts))
