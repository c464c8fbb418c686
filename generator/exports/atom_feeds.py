"""Atom feeds: one entry per event, per timeline and for the whole site.

An entry is published when its event was: with its timeline, or on its own
`published` date when it was added to a developing story later, so that feed
readers show it as new. Its `updated` is its latest logged correction or update,
so that they show corrections as changes.

The XML is written here, entry by entry, so that a preview makes again only the
edited event's entry (see pieces.py): the bytes are feedgen's (the library the
feeds were written with, which the tests compare them with, hostile text too).
Every character content may hold is one XML allows (content/characters.py
refuses the others), so escaping the markup characters is enough.
"""

from __future__ import annotations

import html
from datetime import datetime

from ..views import addresses
from ..views.addresses import absolute
from ..views.interface import Interface
from ..views.kinds_named import KINDS
from ..views.site_view import EventView, SiteView, TimelineView
from .pieces import Pieces, piece

_HEAD = "<?xml version='1.0' encoding='UTF-8'?>\n"


def _text(text: str) -> str:
    return html.escape(text, quote=False)  # & < >, as lxml escapes text


def _attribute(text: str) -> str:
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;")


def _updated(view: EventView) -> datetime:
    timeline = view.timeline.timeline
    stamps = [u.date for u in view.event.updates] + [view.event.published or timeline.published]
    latest = max(stamps, key=lambda w: w.local_start())
    return latest.utc_range(timeline.timezone)[0]


def _published(view: EventView) -> datetime:
    timeline = view.timeline.timeline
    return (view.event.published or timeline.published).utc_range(timeline.timezone)[0]


def summary(view: EventView, words: Interface) -> str:
    """When, what happened, and each correction or update, in the language of `words`."""
    notes = "".join(
        "\n\n" + words.say("%(kind)s, %(date)s:", kind=words.gettext(KINDS[u.kind]),
                            date=words.dates.short_label(u.date)) + f" {u.note}"
        for u in view.event.updates
    )  # fmt: skip
    return view.when.label + words.say(". %(note)s", note=view.event.summary) + notes


def _entry(view: EventView, base_url: str, words: Interface) -> tuple[datetime, str]:
    """The event's entry, and when it was last updated (what the feed is sorted by)."""
    url = absolute(base_url, view.uri)
    updated = _updated(view)
    categories = "".join(
        f'    <category term="{_attribute(topic)}"/>\n' for topic in view.event.topics
    )
    return updated, (
        f"  <entry>\n    <id>{_text(url)}</id>\n"
        f"    <title>{_text(view.event.title)}</title>\n"
        f"    <updated>{updated.isoformat()}</updated>\n"
        f'    <link href="{_attribute(url)}"/>\n'
        f"    <summary>{_text(summary(view, words))}</summary>\n{categories}"
        f"    <published>{_published(view).isoformat()}</published>\n  </entry>\n"
    )


def _feed(title: str, subtitle: str, feed_url: str, home_url: str, views: list[EventView],
          base_url: str, publisher: str, words: Interface, pieces: Pieces | None,
          language: str) -> str:  # fmt: skip
    """The feed; `language`, what its text is written in (its `xml:lang`)."""
    entries = [
        (*piece(pieces, "atom", view, lambda view=view: _entry(view, base_url, words)), view)
        for view in views
    ]
    # RFC 4287 wants a feed's date even when it has no entry.
    updated = max((e[0] for e in entries), default=None) or datetime(2000, 1, 1).astimezone()
    entries.sort(key=lambda e: (e[0], e[2].entry.start, e[2].id), reverse=True)
    return (
        f'{_HEAD}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_attribute(language)}">\n'
        f"  <id>{_text(feed_url)}</id>\n  <title>{_text(title)}</title>\n"
        f"  <updated>{updated.isoformat()}</updated>\n"
        # RFC 4287 wants an author for every entry: the publication, set in mkdocs.yml.
        f"  <author>\n    <name>{_text(publisher)}</name>\n    <uri>{_text(base_url)}</uri>\n"
        f'  </author>\n  <link href="{_attribute(home_url)}" rel="alternate"/>\n'
        f'  <link href="{_attribute(feed_url)}" rel="self"/>\n'
        f"  <generator>timeline generator</generator>\n  <subtitle>{_text(subtitle)}</subtitle>\n"
        + "".join(e[1] for e in entries)
        + "</feed>\n"
    )


def render_atom(
    site: SiteView, tl: TimelineView, base_url: str, pieces: Pieces | None = None
) -> str:
    timeline = tl.timeline.timeline
    feed = addresses.timeline_file(tl.slug, addresses.FEED)
    return _feed(
        timeline.title, timeline.dek, absolute(base_url, feed),
        absolute(base_url, addresses.explainer(tl.slug)), tl.events, base_url,
        site.publication.name, site.words, pieces, timeline.language,
    )  # fmt: skip


def render_site_atom(site: SiteView, base_url: str, pieces: Pieces | None = None) -> str:
    views = [v for tl in site.timelines for v in tl.events]
    every = site.words.gettext("Every event, with corrections.")
    return _feed(
        site.publication.name, f"{site.publication.description} {every}",
        absolute(base_url, addresses.FEED), base_url, views, base_url,
        site.publication.name, site.words, pieces, site.publication.language,
    )  # fmt: skip
