"""The timeline as CSV, one row per event, for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..views.addresses import absolute
from ..views.site_view import SiteView, TimelineView

COLUMNS = [
    "id", "date", "end", "timezone", "precision", "approximate", "starts_at_utc", "ends_at_utc",
    "title", "summary", "place", "importance", "topics", "actors", "sources", "url",
]  # fmt: skip


def render_csv(site: SiteView, tl: TimelineView, base_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(COLUMNS)
    for view in tl.events:
        e, event = view.entry, view.event
        writer.writerow(
            [
                e.id, str(event.date), str(event.end or ""), e.timezone, event.date.precision,
                "yes" if event.approximate else "no", e.start.isoformat(), e.end.isoformat(),
                event.title, event.summary, event.place or "", event.importance,
                "; ".join(event.topics), "; ".join(site.actors[a].name for a in view.actors),
                " ".join(s.url for s in event.sources), absolute(base_url, view.uri),
            ]
        )  # fmt: skip
    return out.getvalue()
