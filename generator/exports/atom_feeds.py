"""Atom feeds: one entry per event, per timeline and for the whole site.

An entry is published when its event was: with its timeline, or on its own
`published` date when it was added to a developing story later, so that feed
readers show it as new. Its `updated` is its latest logged correction or update,
so that they show corrections as changes.
"""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator

from ..views import addresses
from ..views.addresses import absolute
from ..views.site_view import EventView, SiteView, TimelineView
from .pieces import Pieces


def _updated(view: EventView) -> datetime:
    timeline = view.timeline.timeline
    stamps = [u.date for u in view.event.updates] + [view.event.published or timeline.published]
    latest = max(stamps, key=lambda w: w.local_start())
    return latest.utc_range(timeline.timezone)[0]


def _published(view: EventView) -> datetime:
    timeline = view.timeline.timeline
    return (view.event.published or timeline.published).utc_range(timeline.timezone)[0]


def _feed(title: str, subtitle: str, feed_url: str, home_url: str, views: list[EventView],
          base_url: str, publisher: str) -> str:  # fmt: skip
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    # RFC 4287 wants an author for every entry: the publication, set in mkdocs.yml.
    feed.author({"name": publisher, "uri": base_url})
    feed.subtitle(subtitle)
    feed.link(href=home_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.generator("timeline generator")
    feed.updated(
        max((_updated(v) for v in views), default=None) or datetime(2000, 1, 1).astimezone()
    )
    for view in sorted(views, key=lambda v: (_updated(v), v.entry.start, v.id), reverse=True):
        url = absolute(base_url, view.uri)
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.title(view.event.title)
        entry.link(href=url)
        entry.published(_published(view))
        entry.updated(_updated(view))
        notes = "".join(
            f"\n\n{u.kind.capitalize()} ({u.date}): {u.note}" for u in view.event.updates
        )
        entry.summary(f"{view.when.label}. {view.event.summary}{notes}")
        for topic in view.event.topics:
            entry.category(term=topic)
    return feed.atom_str(pretty=True).decode("utf-8")


def render_atom(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    """The whole file, every time (`pieces` are for the formats made event by event)."""
    timeline = tl.timeline.timeline
    feed = addresses.timeline_file(tl.slug, addresses.FEED)
    return _feed(
        timeline.title, timeline.dek, absolute(base_url, feed),
        absolute(base_url, addresses.explainer(tl.slug)), tl.events, base_url,
        site.publication.name,
    )  # fmt: skip


def render_site_atom(site: SiteView, base_url: str) -> str:
    views = [v for tl in site.timelines for v in tl.events]
    return _feed(
        site.publication.name, f"{site.publication.description} Every event, with corrections.",
        absolute(base_url, addresses.FEED), base_url, views, base_url, site.publication.name,
    )  # fmt: skip
