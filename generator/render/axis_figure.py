"""The time axis as a page shows it: a figure with the axis drawn for wide and
for narrow screens (CSS shows one), a caption saying how to read it, and the
timeline's periods with their notes and sources, which the bands link to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

from ..content.fields import LABEL_MAX
from ..content.model import Period
from ..content.validate import PeriodEntry
from ..views.dates_shown import DateStyle
from ..views.site_view import EventView, SiteView
from .axis_drawings import AxisDrawings
from .escape import attr, url
from .time_axis import CROWDED_DAY, SIZES, AxisEvent, AxisPeriod, render_axis


def period_anchor(period: Period) -> str:
    # Ids never hold "_", so no event's or heading's anchor is the same.
    return f"period_{period.id}"


def axis_events(
    events: Sequence[EventView], href: Callable[[EventView], str], dates: DateStyle,
    kept: AxisDrawings | None = None,
) -> list[AxisEvent]:  # fmt: skip
    """The events as the axis places them: where they sort (`EventEntry.at`);
    `kept`, while previewing, the last render's marks."""
    if kept is None:
        return [_mark(view, href(view), dates) for view in events]
    found = []
    for view in events:
        link = href(view)
        found.append(kept.mark(view.entry, view.when, dates, link,
                               partial(_mark, view, link, dates)))  # fmt: skip
    return found


def _mark(view: EventView, link: str, dates: DateStyle) -> AxisEvent:
    event = view.event
    return AxisEvent(
        view.id, event.title, event.short_title or _fits(event.title), view.when.label,
        dates.brief(event.date), view.entry.at.timestamp(), view.when.day_key,
        event.importance == "key", link,
    )  # fmt: skip


def _fits(title: str) -> str | None:
    """A title short enough to label a key event on the axis with, or None."""
    return title if len(title) <= LABEL_MAX else None


def _span(period: Period, dates: DateStyle) -> str:
    return f"{dates.short_label(period.start)} – {dates.short_label(period.end)}"


def axis_periods(
    periods: Sequence[PeriodEntry], dates: DateStyle, within: tuple[float, float] | None = None,
    listed: str = "",
) -> list[AxisPeriod]:  # fmt: skip
    """The periods as bands, linked to their notes on the page `listed` (this one
    when ""); `within` (UTC seconds) keeps those that overlap it, cut to it, for an
    axis of part of a timeline."""
    found = []
    for entry in periods:
        p = entry.period
        start, end = entry.start.timestamp(), entry.end.timestamp()
        if within:
            if end < within[0] or start > within[1]:
                continue
            start, end = max(start, within[0]), min(end, within[1])
        found.append(
            AxisPeriod(
                p.id,
                p.title,
                _span(p, dates),
                (dates.brief(p.start), dates.brief(p.end)),
                start,
                end,
                f"{listed}#{period_anchor(p)}",
            )
        )
    return found


def axis_figure(
    site: SiteView, events: Sequence[EventView], periods: Sequence[PeriodEntry], zone: str,
    href: Callable[[EventView], str], part: bool = False, listed: str | None = None,
    kept: AxisDrawings | None = None,
) -> str:  # fmt: skip
    """The figure; `part` when `events` are one month of a longer timeline;
    `listed`, the page whose axis lists the periods' notes, for an axis shown
    elsewhere without them (on the front page); `kept`, while previewing, the
    last render's drawings."""
    if not events:
        return ""
    marks = axis_events(events, href, site.dates, kept)
    within = (marks[0].at, marks[-1].at) if part else None
    bands = axis_periods(periods, site.dates, within, listed or "")
    first, last = events[0].when.label, events[-1].when.label
    words = site.words
    title = words.plural("Time axis: %(num)s event, %(first)s to %(last)s",
                        "Time axis: %(num)s events, %(first)s to %(last)s", len(events),
                        first=first, last=last)  # fmt: skip
    draw = render_axis if kept is None else kept.drawing
    drawings = "".join(draw(marks, bands, zone, title, size, words) for size in SIZES)
    if listed is not None:
        return f'<figure class="tl-axis tl-axis-elsewhere">{drawings}</figure>'
    # The script's zoom, to a period or a crowded day, gets its place kept.
    days = Counter(e.day for e in marks)
    if bands or any(n >= CROWDED_DAY for n in days.values()):
        drawings = '<p class="tl-axis-zoom"></p>' + drawings
    how = words.gettext(
        "Each mark is an event, larger for a key moment; a shaded stretch is a day of "
        "several events, spread out to be read; ≈ marks time left out."
    )
    shown = [e for e in periods if any(b.id == e.period.id for b in bands)]
    # Folded, so that the story starts sooner; a band's link opens it.
    summary = (words.gettext("How to read the axis, and its periods") if shown
               else words.gettext("How to read the axis"))  # fmt: skip
    caption = [f'<figcaption><details class="tl-periods"><summary>{attr(summary)}</summary>'
               f'<p class="tl-axis-how">{attr(how)}</p>']  # fmt: skip
    if shown:
        caption.append("<dl>")
        caption += [_period_item(site, entry.period) for entry in shown]
        caption.append("</dl>")
    caption.append("</details></figcaption>")
    return f'<figure class="tl-axis">{drawings}{"".join(caption)}</figure>'


def _period_item(site: SiteView, period: Period) -> str:
    sources = site.words.listed(
        f'<a href="{url(s.url)}">{attr(s.title)}</a> ({attr(site.outlets[s.outlet].name)})'
        for s in period.sources
    )
    note = f"{attr(period.note)} " if period.note else ""
    label = site.words.ngettext("Source: %(sources)s", "Sources: %(sources)s",
                                len(period.sources))  # fmt: skip
    return (
        f'<dt id="{period_anchor(period)}">{attr(period.title)} '
        f'<span class="tl-period-dates">{attr(_span(period, site.dates))}</span></dt>'
        f"<dd>{note}{attr(label) % {'sources': sources}}</dd>"
    )
