"""The timeline as CSV, one row per event, for spreadsheets.

Two files: `timeline.csv` (plain UTF-8, for programs) and `timeline-excel.csv`
(the same with a UTF-8 byte-order mark, without which Excel reads "Çavuşoğlu" and
"–" as another encoding). Topics and actors come as names and as ids, in columns
of their own.

A spreadsheet runs a cell that begins with =, +, - or @ (or a tab or carriage
return) as a formula, so text an editor wrote that begins so is written with a
leading apostrophe, as OWASP recommends against CSV injection: "'=HYPERLINK(...)"
shows as the text it is.
"""

from __future__ import annotations

import csv
import io
from functools import partial

from ..views.addresses import absolute
from ..views.site_view import EventView, SiteView, TimelineView
from .pieces import Pieces, piece

COLUMNS = [
    "id", "date", "end", "timezone", "precision", "approximate", "starts_at_utc", "ends_at_utc",
    "title", "summary", "place", "importance", "topics", "topic_ids", "actors", "actor_ids",
    "sources", "url",
]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(text: str) -> str:
    """Editor text as a cell no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    names = {t.id: t.name for t in tl.timeline.timeline.topics}
    rows = [piece(pieces, "csv", view, partial(_row, site, view, names, base_url))
            for view in tl.events]  # fmt: skip
    return _line(COLUMNS) + "".join(rows)


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)  # RFC 4180, as spreadsheets expect
    return out.getvalue()


def _row(site: SiteView, view: EventView, names: dict[str, str], base_url: str) -> str:
    e, event = view.entry, view.event
    topics = [cell(names[t]) for t in event.topics]
    actors = [cell(site.actors[a].name) for a in view.actors]
    return _line(
        [
            e.id, str(event.date), str(event.end or ""), e.timezone, event.date.precision,
            "yes" if event.approximate else "no", e.start.isoformat(), e.end.isoformat(),
            cell(event.title), cell(event.summary), cell(event.place or ""),
            event.importance, "; ".join(topics), "; ".join(event.topics),
            "; ".join(actors), "; ".join(view.actors),
            " ".join(s.url for s in event.sources), absolute(base_url, view.uri),
        ]
    )  # fmt: skip


def render_excel_csv(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    """The same table, marked as UTF-8 for Excel."""
    return BOM + render_csv(site, tl, base_url, pieces)
