"""Every export of a timeline, by format name, and where the build writes it."""

from __future__ import annotations

from typing import Protocol

from ..views import addresses
from ..views.kinds_named import N_
from ..views.site_view import SiteView, TimelineView
from .atom_feeds import render_atom, render_site_atom
from .csv_table import render_csv, render_excel_csv
from .ics_calendar import render_ics
from .json_data import SCHEMA_URI, data_schema, render_json
from .pieces import Pieces
from .timelinejs import render_timelinejs


class Renderer(Protocol):
    def __call__(self, site: SiteView, tl: TimelineView, base_url: str,
                 pieces: Pieces | None = None) -> str: ...  # fmt: skip


# format name -> (file under the timeline's folder, renderer, what it is for readers,
# in English: pages show it in the site's language)
FORMATS: dict[str, tuple[str, Renderer, str]] = {
    "json": ("data/timeline.json", render_json, N_("JSON, every field (with its schema)")),
    "csv": ("data/timeline.csv", render_csv, N_("CSV, one row per event, for spreadsheets")),
    "excel": ("data/timeline-excel.csv", render_excel_csv, N_("The same CSV, for Excel")),
    "ics": ("data/timeline.ics", render_ics, N_("iCalendar, to add the events to a calendar")),
    "atom": (addresses.FEED, render_atom, N_("Atom feed, to follow updates and corrections")),
    "timelinejs": ("data/timelinejs.json", render_timelinejs, N_("TimelineJS3 JSON")),
}


def timeline_files(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> dict[str, str]:
    """Every data file of the timeline; `pieces`, while previewing, each event's
    part of them from the last render."""
    return {
        addresses.timeline_file(tl.slug, path): render(site, tl, base_url, pieces)
        for path, render, _ in FORMATS.values()
    }


def site_files(site: SiteView, base_url: str, pieces: Pieces | None = None) -> dict[str, str]:
    """The site's own data files: the feed of every event, the data's schema."""
    return {addresses.FEED: render_site_atom(site, base_url, pieces), SCHEMA_URI: data_schema()}
