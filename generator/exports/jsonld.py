"""schema.org structured data (JSON-LD) for the explainer and its events.

The JSON is made safe to sit inside a <script> element whatever an editor
types: `<`, `>` and `&` are written as \\u escapes, which JSON readers decode.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.core import get_global

from ..content.dates import When
from ..views import addresses
from ..views.addresses import absolute
from ..views.site_view import EventView, SiteView, TimelineView


def script_json(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def iso(when: When, zone: str) -> str:
    """ISO 8601 at the editor's precision; times carry their UTC offset."""
    return stamp(when, zone) if when.has_time else when.text[:10]


def stamp(when: When, zone: str) -> str:
    """A publication date as the full date-time with offset that search engines'
    article guidelines ask for: a date alone, at the start of its day in `zone`."""
    return when.local_instant(zone).isoformat()


@lru_cache(maxsize=64)  # once a language, not once a page
def og_locale(language: str) -> str:
    """Open Graph's language_TERRITORY for a BCP 47 tag: 'en' is 'en_US', the
    territory CLDR gives as likeliest where the tag names none."""
    locale = Locale.parse(language.replace("-", "_"))
    if not locale.territory:
        likely = get_global("likely_subtags").get(locale.language, "")
        locale = Locale.parse(likely) if likely else locale
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def event_jsonld(view: EventView, base_url: str, image: str | None = None) -> str:
    event, zone = view.event, view.entry.timezone
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": iso(event.date, zone),
        "url": absolute(base_url, view.uri),
    }
    if event.end:
        data["endDate"] = iso(event.end, zone)
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place}
    if image:
        data["image"] = [image]
    return script_json(data)


def article_jsonld(site: SiteView, tl: TimelineView, uri: str, base_url: str, image: str) -> str:
    timeline = tl.timeline.timeline
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": f"{v.event.title}: {u.note}",
            "datePublished": iso(u.date, timeline.timezone),
        }
        for v in tl.events
        for u in v.event.updates
        if u.kind == "correction"
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": timeline.title,
        "description": timeline.dek,
        "image": [image],
        "datePublished": stamp(timeline.published, timeline.timezone),
        "dateModified": stamp(timeline.updated or timeline.published, timeline.timezone),
        "inLanguage": timeline.language,
        "url": absolute(base_url, uri),
        "mainEntityOfPage": absolute(base_url, uri),
    }
    # The publication, from mkdocs.yml, as publisher and author: search engines'
    # article guidelines want both; its corrections page is its corrections policy.
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": site.publication.name,
        "url": absolute(base_url, ""),
        "correctionsPolicy": absolute(base_url, addresses.CORRECTIONS),
    }
    if site.publication.logo:
        publisher["logo"] = {"@type": "ImageObject", "url": absolute(base_url, addresses.LOGO)}
    data |= {"publisher": publisher, "author": publisher}
    if timeline.dateline:
        data["dateline"] = timeline.dateline
    if corrections:
        data["correction"] = corrections
    return script_json(data)
