"""The timeline as an iCalendar file: one VEVENT per event dated to the day or
closer, in the event's own time zone (events known only to the month or year
have no day to put in a calendar)."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ..dates import When
from ..views import SiteView, TimelineView
from .urls import absolute


def _value(when: When, zone: str):
    if not when.has_time:
        return date(when.year, when.month or 1, when.day or 1)
    return when.local_instant(zone)


def render_ics(site: SiteView, tl: TimelineView, base_url: str) -> str:
    timeline = tl.timeline.timeline
    calendar = Calendar()
    calendar.add("prodid", "-//Explainer timelines//timeline generator//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", timeline.title)
    host = urlsplit(base_url).hostname or "localhost"
    stamp = (timeline.updated or timeline.published).utc_range(timeline.timezone)[0]
    for view in tl.events:
        event, zone = view.event, view.entry.timezone
        if event.date.day is None:
            continue
        item = Event()
        item.add("uid", f"{tl.slug}/{view.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        item.add("description", event.summary)
        item.add("url", absolute(base_url, view.uri))
        start = _value(event.date, zone)
        item.add("dtstart", start)
        if event.end is not None and event.end.day is not None:
            end = _value(event.end, zone)
            item.add("dtend", end + timedelta(days=1) if not event.end.has_time else end)
        elif not event.date.has_time:
            item.add("dtend", start + timedelta(days=1))
        if event.place:
            item.add("location", event.place)
        if event.topics:
            item.add("categories", list(event.topics))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
