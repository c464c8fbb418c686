"""The site's pages as a table: each family of pages, its template, its addresses and
what each page reads of the events; the navigation is derived from the same table.

A page that names what it reads (`reads`) is rendered again only when that changed
(see `renderer.PageCache`); one that names nothing shows all of the site and is
rendered on every build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..views import addresses
from ..views.kinds_named import N_
from ..views.site_view import EventView, Part, SiteView, TimelineView

NavItem = dict[str, Any]  # {title: page_uri} or {title: [NavItem, ...]}, as in mkdocs.yml


@dataclass(frozen=True)
class Page:
    """One page to render."""

    template: str
    uri: str
    reads: tuple[Any, ...] | None = None  # what it shows of the events, if not all of them
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    """A kind of page. `pages` lists them, from the site's view (and, for a family
    of each timeline, the timeline's); `nav` is the navigation's label for the
    family's index page and that page's address."""

    pages: Callable[..., Iterator[Page]]
    per_timeline: bool = False
    nav: tuple[str, Callable[..., str]] | None = None


def _entries(views: Any) -> tuple[Any, ...]:
    return tuple(v.entry for v in views)


def _layout(parts: list[Part]) -> tuple[tuple[str, str, int], ...]:
    """What a page shows of a list's parts: their links, headings and counts."""
    return tuple((p.key, p.heading, len(p.events)) for p in parts)


def _month_pages(template: str, index: str, tl: TimelineView, **context: Any) -> Iterator[Page]:
    """The pages of a long timeline's months, for a list whose index page is `index`."""
    layout = _layout(tl.parts)
    for part in tl.parts:
        reads = (layout, _entries(part.events))
        uri = addresses.part_page(index, part.key)
        yield Page(template, uri, reads, {"tl": tl, "part": part, **context})


def _home(site: SiteView) -> Iterator[Page]:
    yield Page("home.html.jinja", site.site_page(addresses.HOME))


def _explainer(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    yield Page("explainer.html.jinja", addresses.explainer(tl.slug), context={"tl": tl})


def _timeline(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    index = addresses.timeline(tl.slug)
    if tl.parts:  # too long for one page: an index, and a page per month
        yield Page("timeline_index.html.jinja", index, context={"tl": tl})
        yield from _month_pages("timeline.html.jinja", index, tl)
    else:
        yield Page("timeline.html.jinja", index, context={"tl": tl, "part": None})


def _event_reads(tl: TimelineView, ev: EventView) -> tuple[Any, ...]:
    """An event page shows its entry, its neighbours, its related events and
    the address of the timeline page that lists it."""
    return (ev.entry, ev.previous, ev.next, _entries(tl.related_to(ev)), tl.timeline_uri(ev))


def _events(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    for ev in tl.events:
        yield Page("event.html.jinja", ev.uri, _event_reads(tl, ev), {"tl": tl, "ev": ev})


def _topics(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    yield Page("topics.html.jinja", addresses.topics(tl.slug), context={"tl": tl})


def _topic(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    for topic in tl.timeline.timeline.topics:
        uri = addresses.topic(tl.slug, topic.id)
        parts = tl.topic_parts(topic.id)
        reads = (_layout(parts), _entries(tl.topic_events(topic.id)))
        context = {"tl": tl, "topic": topic, "parts": parts}
        yield Page("topic.html.jinja", uri, reads, {**context, "part": None})
        for part in parts:
            part_uri = addresses.part_page(uri, part.key)
            yield Page("topic.html.jinja", part_uri, reads, {**context, "part": part})


def _by_month(template: str, address: Callable[[str], str]) -> Callable[..., Iterator[Page]]:
    """A list of the whole timeline, listed by month too when the timeline is."""

    def pages(site: SiteView, tl: TimelineView) -> Iterator[Page]:
        index = address(tl.slug)
        yield Page(template, index, context={"tl": tl, "part": None})
        yield from _month_pages(template, index, tl)

    return pages


def _network(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    yield Page("network.html.jinja", addresses.network(tl.slug), context={"tl": tl})


def _embed(site: SiteView, tl: TimelineView) -> Iterator[Page]:
    yield Page("embed.html.jinja", addresses.embed(tl.slug), context={"tl": tl})


def _actors(site: SiteView) -> Iterator[Page]:
    yield Page("actors.html.jinja", site.site_page(addresses.ACTORS))


def _actor(site: SiteView) -> Iterator[Page]:
    for actor_id, actor in site.actors.items():
        reads = (_entries(site.actor_events.get(actor_id, ())),)
        context = {"actor_id": actor_id, "actor": actor}
        yield Page("actor.html.jinja", site.site_page(addresses.actor(actor_id)), reads, context)


def _corrections(site: SiteView) -> Iterator[Page]:
    yield Page("corrections.html.jinja", site.site_page(addresses.CORRECTIONS))


# In the navigation's order: the site's families before the timelines' come first,
# then a section for each timeline, then the rest.
FAMILIES: tuple[Family, ...] = (
    Family(_home, nav=(N_("Home"), lambda: addresses.HOME)),
    Family(_explainer, per_timeline=True, nav=(N_("The story"), addresses.explainer)),
    Family(_timeline, per_timeline=True, nav=(N_("Timeline"), addresses.timeline)),
    Family(_events, per_timeline=True),
    Family(_topics, per_timeline=True, nav=(N_("Topics"), addresses.topics)),
    Family(_topic, per_timeline=True),
    Family(
        _by_month("sources.html.jinja", addresses.sources),
        per_timeline=True,
        nav=(N_("Sources"), addresses.sources),
    ),
    Family(
        _by_month("quotes.html.jinja", addresses.quotes),
        per_timeline=True,
        nav=(N_("Quotes"), addresses.quotes),
    ),
    Family(_network, per_timeline=True, nav=(N_("Who talked to whom"), addresses.network)),
    Family(_embed, per_timeline=True),
    Family(_actors, nav=(N_("People and organisations"), lambda: addresses.ACTORS)),
    Family(_actor),
    Family(_corrections, nav=(N_("Corrections and updates"), lambda: addresses.CORRECTIONS)),
)


def pages_of(site: SiteView) -> Iterator[Page]:
    """Every page of every family, for this site."""
    for family in FAMILIES:
        if family.per_timeline:
            for tl in site.timelines:
                yield from family.pages(site, tl)
        else:
            yield from family.pages(site)


def navigation(site: SiteView) -> list[NavItem]:
    """The navigation: each family's index page, a section for each timeline."""
    nav: list[NavItem] = []
    timelines_placed = False
    for family in FAMILIES:
        if family.nav is None:
            continue
        label, address = family.nav
        if not family.per_timeline:
            nav.append({site.words.gettext(label): site.site_page(address())})
        elif not timelines_placed:
            timelines_placed = True
            nav += [{_menu_name(tl): _timeline_section(site, tl)} for tl in site.timelines]
    return nav


def menu_entries(nav: list[NavItem], uri: str) -> list[dict[str, str]]:
    """The navigation as a translation's pages carry it (the theme's tabs and
    drawer, in the page's language): each entry's title, path, level ("1" for a
    tab, "2" within a timeline's) and whether `uri` is in it."""
    found = []
    for item in nav:
        ((label, target),) = item.items()
        inner = [next(iter(i.items())) for i in target] if isinstance(target, list) else []
        first = inner[0][1] if inner else target
        active = uri == target or any(uri == u for _, u in inner)
        found.append({"title": label, "path": addresses.page_path(first), "level": "1",
                      "active": "true" if active else ""})  # fmt: skip
        found += [{"title": title, "path": addresses.page_path(u), "level": "2",
                   "active": "true" if uri == u else ""} for title, u in inner]  # fmt: skip
    return found


def _menu_name(tl: TimelineView) -> str:
    t = tl.timeline.timeline
    return t.short_title or t.title


def _timeline_section(site: SiteView, tl: TimelineView) -> list[NavItem]:
    return [{site.words.gettext(f.nav[0]): f.nav[1](tl.slug)}
            for f in FAMILIES if f.per_timeline and f.nav is not None]  # fmt: skip
