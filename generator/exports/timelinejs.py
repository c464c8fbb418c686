"""The timeline as TimelineJS3 JSON, which Knight Lab's TimelineJS loads as is.

TimelineJS reads a date's fields as the reader's own wall clock, without a
zone, so every date is given in UTC, at the instant our timeline sorts the event
by: its order is then ours, whatever the zones. Each date's `display_date` says
it as the site does, local to the event, its zone named once; TimelineJS joins
start and end itself ("start — end"). Topics become groups, ids `unique_id`.
What TimelineJS has no field for (sources, extra media) goes into the slide's
HTML, marked up so that `timeline import` can bring it back, and each slide
carries our whole event under EXTENSION (the title slide, the timeline and the
actors and outlets it names), which TimelineJS ignores and `timeline import`
reads back as it was: content -> TimelineJS -> content loses nothing.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from html import escape
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json

from ..content.dates import When
from ..content.editor_markdown import render_markdown
from ..content.model import Media, Source
from ..content.validate import sorting_instant
from ..views.addresses import absolute, variants
from ..views.interface import Interface
from ..views.site_view import EventView, SiteView, TimelineView
from .pieces import Pieces, in_events, piece, with_events


def _date(at: datetime, display: str) -> dict[str, Any]:
    """A TimelineJS date at the UTC instant `at`, shown as `display`."""
    fields = {"year": at.year, "month": at.month, "day": at.day, "hour": at.hour,
              "minute": at.minute, "second": at.second}  # fmt: skip
    return {k: v for k, v in fields.items() if v or k == "year"} | {"display_date": display}


def _sorted_at(when: When, zone: str) -> datetime:
    """Where a date sorts, in UTC, as the timeline sorts its events."""
    return sorting_instant(when, when.utc_range(zone)[0])


def _shown_dates(view: EventView, words: Interface) -> tuple[str, str | None]:
    """The start and end as the site says them: 'About' an approximate date, the
    zone named once, after the end (a same-day end by its clock time alone)."""
    start = view.when.label
    if view.event.approximate:
        start = words.say("About %(date)s", date=start)
    if view.until is None:
        return (f"{start} {view.when.zone}" if view.when.zone else start), None
    same_day = view.until.day_key == view.when.day_key and view.until.clock
    end = view.until.clock if same_day else view.until.label
    zone = view.until.zone or view.when.zone
    return start, f"{end} {zone}" if zone else end


def _address(site: SiteView, item: Media, base_url: str) -> str:
    """Where the media is: its address, or that of our largest size of the picture."""
    if item.file:
        return absolute(base_url, variants(site.corpus.pictures[item.file])[-1].uri)
    return item.url or ""


def _media(site: SiteView, item: Media, base_url: str) -> dict[str, str]:
    media = {"url": _address(site, item, base_url), "alt": item.alt}
    if item.title:
        media["title"] = escape(item.title)
    if item.caption:
        media["caption"] = escape(item.caption)
    if item.credit:
        media["credit"] = escape(item.credit)
    return media


def _data(**values: str | None) -> str:
    return "".join(f' data-{k.replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v)


def _sources(site: SiteView, sources: list[Source], attrs: str = "") -> list[str]:
    """Sources as a list marked up for `timeline import` to read back."""
    html = [f'<ul class="tl-sources"{attrs}>']
    for s in sources:
        data = _data(source=s.id, outlet=s.outlet, relays=s.relays,
                     published=s.published and str(s.published),
                     accessed=s.accessed and str(s.accessed), note=s.note)  # fmt: skip
        name = site.outlets[s.outlet].name
        html.append(
            f'<li{data}><a href="{escape(s.url)}">{escape(s.title)}</a> ({escape(name)})</li>'
        )
    html.append("</ul>")
    return html


def _eras(site: SiteView, tl: TimelineView) -> list[dict[str, Any]]:
    """The timeline's periods as TimelineJS eras: bands on its time axis."""
    eras, zone = [], tl.timeline.timeline.timezone
    for entry in tl.timeline.periods:
        p = entry.period
        html = [f"<p>{escape(p.note)}</p>"] if p.note else []
        html += _sources(site, p.sources)
        eras.append({
            "start_date": _date(_sorted_at(p.start, zone), site.dates.short_label(p.start)),
            "end_date": _date(_sorted_at(p.end, zone), site.dates.short_label(p.end)),
            "text": {"headline": escape(p.title), "text": "\n".join(html)},
        })  # fmt: skip
    return eras


EXTENSION = "explainer_timelines"  # a key TimelineJS does not read
EXTENSION_VERSION = 1


def _as_written(model: BaseModel) -> dict[str, Any]:
    """A model as its YAML file would hold it: aliases, defaults left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _named(site: SiteView, tl: TimelineView) -> tuple[list[str], list[str]]:
    """The actors and outlets the timeline names, with the states and organisations
    its actors belong to: what an import into another site may lack."""
    actors: set[str] = set()
    outlets: set[str] = set()
    sources = [s for p in tl.timeline.periods for s in p.period.sources]
    for view in tl.events:
        actors |= set(view.actors) | set(view.parties)
        sources += view.event.sources
    outlets = {s.outlet for s in sources} | {s.relays for s in sources if s.relays}
    pending = list(actors)
    while pending:
        actor = site.actors[pending.pop()]
        for other in (actor.country, actor.organisation):
            if other and other not in actors:
                actors.add(other)
                pending.append(other)
    return sorted(actors), sorted(outlets)


def _slide(site: SiteView, view: EventView, groups: dict[str, str], base_url: str) -> dict:
    event = view.event
    zone = view.entry.timezone
    html = [f"<p>{escape(event.summary)}</p>"]
    if event.date_note:
        on_the_date = escape(site.words.gettext("On the date:"))
        html.append(f'<p class="tl-date-note"><strong>{on_the_date}</strong> '
                    f"{escape(event.date_note)}</p>")  # fmt: skip
    if event.body:
        html.append(render_markdown(event.body))
    # The dates as written, for `timeline import` of a file without EXTENSION.
    dates = _data(timezone=zone, date=event.date.text, end=event.end and event.end.text,
                  approximate="true" if event.approximate else None,
                  order=str(event.order) if event.order else None,
                  date_note=event.date_note)  # fmt: skip
    html += _sources(site, event.sources, dates)
    if len(event.media) > 1:
        html.append('<ul class="tl-media">')
        for m in event.media[1:]:
            attrs = _data(alt=m.alt, title=m.title, caption=m.caption, credit=m.credit)
            address = escape(_address(site, m, base_url))
            html.append(f'<li{attrs}><a href="{address}">{escape(m.alt)}</a></li>')
        html.append("</ul>")
    start, end = _shown_dates(view, site.words)
    slide: dict[str, Any] = {
        "unique_id": view.id,
        "start_date": _date(view.entry.at, start),
        "text": {"headline": escape(event.title), "text": "\n".join(html)},
        EXTENSION: {"id": view.id, "event": _as_written(event)},
    }
    if event.end and end is not None:
        slide["end_date"] = _date(_sorted_at(event.end, zone), end)
    if event.media:
        slide["media"] = _media(site, event.media[0], base_url)
    if event.topics:
        slide["group"] = groups[event.topics[0]]
    return slide


def _slide_json(site: SiteView, view: EventView, groups: dict[str, str], base_url: str) -> str:
    return in_events(to_json(_slide(site, view, groups, base_url), indent=2).decode("utf-8"))


def render_timelinejs(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    timeline = tl.timeline.timeline
    groups = {t.id: t.name for t in timeline.topics}
    slides = [piece(pieces, "timelinejs", view, partial(_slide_json, site, view, groups,
                                                        base_url))
              for view in tl.events]  # fmt: skip
    intro = f"<p>{escape(timeline.dek)}</p>\n{render_markdown(timeline.introduction)}"
    actors, outlets = _named(site, tl)
    document = {
        "title": {
            "unique_id": tl.slug,
            "text": {"headline": escape(timeline.title), "text": intro},
            EXTENSION: {
                "version": EXTENSION_VERSION,
                "timeline": _as_written(timeline),
                "actors": {a: _as_written(site.actors[a]) for a in actors},
                "outlets": {o: _as_written(site.outlets[o]) for o in outlets},
            },
        },
        "events": [],
    }
    if eras := _eras(site, tl):
        document["eras"] = eras
    # The bytes json.dumps(ensure_ascii=False, indent=2) writes, from pydantic's
    # Rust encoder: Python's own is pure Python with an indent, and was four
    # fifths of this export's time (tests/exports: the same bytes).
    return with_events(to_json(document, indent=2).decode("utf-8") + "\n", slides)
