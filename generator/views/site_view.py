"""What the pages show, derived once from the validated corpus.

The corpus is organised the way editors write it (one file per event); readers
also need it the other way round: every event of an actor, every event that
cites a source, every correction on the site. These views are computed here,
so that templates only lay them out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path

from ..content.dates import parse_when
from ..content.model import Actor, Event, Interaction, Outlet, Quote, Source, Update
from ..content.validate import Corpus, EventEntry, TimelineEntry
from . import addresses
from .colours import Colours
from .dates_shown import DateStyle, Moment
from .interface import Interface


@dataclass(frozen=True)
class EventView:
    """One event in context: where it sits, when it happened, who was in it."""

    timeline: TimelineEntry
    entry: EventEntry
    when: Moment
    until: Moment | None
    actors: tuple[str, ...]  # ids: listed actors, then interaction parties and speakers
    parties: tuple[str, ...]  # ids of the states and organisations they are or belong to
    previous: EventEntry | None
    next: EventEntry | None

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def event(self) -> Event:
        return self.entry.event

    @property
    def uri(self) -> str:
        return addresses.event(self.timeline.slug, self.entry.id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.event.sources if s.id == source_id)

    def original_quote(self, index: int) -> str:
        """The verbatim words of its quote at `index` where the page shows a
        translation of them; "" where it shows them."""
        originals = self.entry.originals
        return originals[index] if index < len(originals) else ""

    def account_outlets(self) -> list[str]:
        """Whose account each of the event's accounts is: the outlet a source
        carries (a wire's copy of a ministry's statement is the ministry's), or its own."""
        sources = [self.source(a.source) for a in self.event.accounts]
        return [s.relays or s.outlet for s in sources]

    def points(self) -> list[tuple[str, list[str | None]]]:
        """The accounts compared point by point: each `about` label, in the order
        the accounts first make it, with what each account says on it (None where
        it is silent), accounts in the event's order. Empty when no account has
        points."""
        accounts = self.event.accounts
        labels = list(dict.fromkeys(p.about for a in accounts for p in a.points))
        said = [{p.about: p.says for p in a.points} for a in accounts]
        return [(label, [by.get(label) for by in said]) for label in labels]


@dataclass(frozen=True)
class Day:
    heading: str
    key: str
    events: tuple[EventView, ...]


# The most events one list page holds. About 2 KB of HTML each, so a page
# stays near 320 KB: a long timeline is split by month (and a crowded month by
# days) rather than sent to a phone as one page of several megabytes.
PAGE_EVENTS = 150


def days_of(events: Sequence[EventView]) -> list[Day]:
    grouped = groupby(events, key=lambda v: v.when.day_key)
    return [
        Day(group[0].when.day_label, key, tuple(group))
        for key, group in ((k, list(g)) for k, g in grouped)
    ]


class EventList:
    """What a page listing events shows of them: a whole timeline, or one month."""

    events: Sequence[EventView]

    @property
    def days(self) -> list[Day]:
        return days_of(self.events)

    @property
    def key_moments(self) -> list[EventView]:
        return [v for v in self.events if v.event.importance == "key"]

    def facet(self, attribute: str) -> list[str]:
        return facet(self.events, attribute)

    @property
    def sources(self) -> list[CitedSource]:
        return cited_sources(self.events)

    @property
    def quotes(self) -> list[QuoteView]:
        return quotes_of(self.events)


@dataclass(frozen=True)
class Part(EventList):
    """A stretch of a long list with a page of its own: a month, or some days of one."""

    key: str  # in the page's address: "2021-08", "2021-08-2"; "1975" for year-only dates
    heading: str  # "August 2021", "August 2021 (16–31)"
    events: tuple[EventView, ...]


def cited_sources(events: Sequence[EventView]) -> list[CitedSource]:
    """Each document cited by these events, once (by URL), with the events citing it."""
    by_url: dict[str, dict[str, EventView]] = defaultdict(dict)
    first: dict[str, Source] = {}
    for view in events:
        for source in view.event.sources:
            first.setdefault(source.url, source)
            by_url[source.url].setdefault(view.id, view)
    ordered = sorted(first.values(), key=lambda s: (s.outlet, s.title.lower(), s.url))
    return [CitedSource(s, tuple(by_url[s.url].values())) for s in ordered]


def quotes_of(events: Sequence[EventView]) -> list[QuoteView]:
    return [QuoteView(q, v, v.original_quote(i)) for v in events
            for i, q in enumerate(v.event.quotes)]  # fmt: skip


def facet(events: Sequence[EventView], attribute: str) -> list[str]:
    """Every id that some event has in `attribute` ("actors" or "parties")."""
    return list(dict.fromkeys(i for v in events for i in getattr(v, attribute)))


def _day_chunks(events: list[EventView], limit: int) -> list[list[EventView]]:
    """Consecutive runs of whole days, each of at most `limit` events when it can be."""
    chunks: list[list[EventView]] = []
    for day in days_of(events):
        for start in range(0, len(day.events), limit):  # a day may itself be too long
            piece = list(day.events[start : start + limit])
            if chunks and len(chunks[-1]) + len(piece) <= limit and start == 0:
                chunks[-1] += piece
            else:
                chunks.append(piece)
    return chunks


def split_by_month(
    events: Sequence[EventView], words: Interface, limit: int | None = None
) -> list[Part]:
    """The parts of a list too long for one page (PAGE_EVENTS), headed in the
    language of `words`; [] when it fits on one."""
    dates = words.dates
    limit = limit or PAGE_EVENTS
    if len(events) <= limit:
        return []
    parts: list[Part] = []
    used: set[str] = set()
    for month, group in groupby(events, key=lambda v: v.when.day_key[:7]):
        chunks = _day_chunks(list(group), limit)
        for n, chunk in enumerate(chunks, start=1):
            key = month if len(chunks) == 1 else f"{month}-{n}"
            while key in used:  # a month met again after events sorted across zones
                key += "b"
            used.add(key)
            heading = dates.date_label(parse_when(month))
            if len(chunks) > 1:
                first, last = chunk[0].event.date.day, chunk[-1].event.date.day
                span = (words.say("part %(n)s", n=n) if first is None or last is None
                        else f"{first}–{last}")  # fmt: skip
                heading += f" ({dates.digits(str(first) if first == last else span)})"
            parts.append(Part(key, heading, tuple(chunk)))
    return parts


@dataclass(frozen=True)
class CitedSource:
    """A document, and every event that cites it."""

    source: Source
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class QuoteView:
    quote: Quote
    event: EventView
    original: str = ""  # in a translated timeline, the words as they were said

    @property
    def source(self) -> Source:
        return self.event.source(self.quote.source)


@dataclass(frozen=True)
class Contact:
    """An interaction seen from one of its parties."""

    kind: str
    other: str  # actor id
    initiated: bool  # True when this actor made the call or held the meeting
    event: EventView


@dataclass(frozen=True)
class ContactPair:
    """All the contacts one actor made with another, counted."""

    by: str
    other: str
    events: tuple[EventView, ...]  # one per contact, in timeline order


# A network page draws at most this many actors (the most connected) once a
# timeline has more contacts than a page lists; beyond that a circle of names
# is unreadable and the page heavy.
NETWORK_ACTORS = 30


@dataclass(frozen=True)
class UpdateView:
    update: Update
    event: EventView


@dataclass
class TimelineView(EventList):
    timeline: TimelineEntry
    events: list[EventView] = field(default_factory=list)
    words: Interface = field(default_factory=Interface)  # the site's language's

    @property
    def dates(self) -> DateStyle:
        return self.words.dates

    @property
    def slug(self) -> str:
        return self.timeline.slug

    @cached_property
    def parts(self) -> list[Part]:
        """The timeline's pages when it is too long for one; [] when it is not."""
        return split_by_month(self.events, self.words)

    @cached_property
    def _position(self) -> dict[str, int]:
        return {v.id: i for i, v in enumerate(self.events)}

    def related_to(self, view: EventView) -> list[EventView]:
        """The events `view` names as related, in timeline order."""
        found = sorted(self._position[i] for i in view.event.related if i in self._position)
        return [self.events[i] for i in found]

    @cached_property
    def _part_by_event(self) -> dict[str, Part]:
        return {v.id: part for part in self.parts for v in part.events}

    def part_of(self, event: EventView) -> Part | None:
        return self._part_by_event.get(event.id)

    def part_uri(self, part: Part) -> str:
        return addresses.part_page(addresses.timeline(self.slug), part.key)

    def timeline_uri(self, event: EventView) -> str:
        """The timeline page that lists `event`: its month's, when the timeline is split."""
        part = self.part_of(event)
        return self.part_uri(part) if part else addresses.timeline(self.slug)

    @property
    def interactions(self) -> list[tuple[Interaction, EventView]]:
        return [(i, v) for v in self.events for i in v.event.interactions]

    @cached_property
    def _by_topic(self) -> dict[str, list[EventView]]:
        """Each topic's events, in one pass over the timeline (not one a topic)."""
        found: dict[str, list[EventView]] = defaultdict(list)
        for view in self.events:
            for topic_id in view.entry.event.topics:
                found[topic_id].append(view)
        return found

    def topic_events(self, topic_id: str) -> list[EventView]:
        return self._by_topic.get(topic_id, [])

    @property
    def outlet_ids(self) -> list[str]:
        """Every outlet this timeline cites, or whose statement a source carries."""
        ids = {s.outlet for v in self.events for s in v.event.sources}
        ids |= {s.relays for v in self.events for s in v.event.sources if s.relays}
        return sorted(ids)

    @property
    def network_is_large(self) -> bool:
        return len(self.interactions) > PAGE_EVENTS

    @cached_property
    def contact_pairs(self) -> list[ContactPair]:
        """Who contacted whom, most contacts first."""
        pairs: dict[tuple[str, str], list[EventView]] = defaultdict(list)
        for inter, view in self.interactions:
            for other in inter.with_:
                pairs[(inter.by, other)].append(view)
        ranked = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
        return [ContactPair(by, other, tuple(views)) for (by, other), views in ranked]

    @property
    def busiest_pairs(self) -> list[ContactPair]:
        """The pairs a large network's page lists: as many as a list page holds."""
        return self.contact_pairs[:PAGE_EVENTS]

    @cached_property
    def network_core_actors(self) -> set[str]:
        """The most connected actors, whom a large network's page draws."""
        degree: Counter[str] = Counter()
        for pair in self.contact_pairs:
            degree[pair.by] += len(pair.events)
            degree[pair.other] += len(pair.events)
        return {a for a, _ in sorted(degree.items(), key=lambda d: (-d[1], d[0]))[:NETWORK_ACTORS]}

    @property
    def network_core(self) -> list[tuple[Interaction, EventView]]:
        """The interactions among the most connected actors, to draw, with their events."""
        core = self.network_core_actors
        return [
            (i.model_copy(update={"with_": [w for w in i.with_ if w in core]}), v)
            for i, v in self.interactions
            if i.by in core and any(w in core for w in i.with_)
        ]

    @property
    def embed_events(self) -> list[EventView]:
        """What an embedded timeline shows: all of a short one; the key moments
        (or the latest events) of one too long for a page."""
        if not self.parts:
            return self.events
        return (self.key_moments or self.events)[-PAGE_EVENTS:]

    def topic_parts(self, topic_id: str) -> list[Part]:
        return split_by_month(self.topic_events(topic_id), self.words)


def _involved(event: Event) -> tuple[str, ...]:
    ids = list(event.actors)
    for inter in event.interactions:
        ids += [inter.by, *inter.with_]
    ids += [q.speaker for q in event.quotes]
    return tuple(dict.fromkeys(ids))


def _affiliations(ids: tuple[str, ...], actors: dict[str, Actor]) -> tuple[str, ...]:
    """The states and organisations behind these actors: themselves, their
    country and their organisation (a filter by "China" finds Wang Yi's events)."""
    found = []
    for actor_id in ids:
        actor = actors[actor_id]
        if actor.kind != "person":
            found.append(actor_id)
        found += [a for a in (actor.country, actor.organisation) if a]
    return tuple(sorted(set(found), key=lambda a: actors[a].name))


def _parties(inter: Interaction) -> list[tuple[str, str, bool]]:
    """(actor, other, initiated) for each side of an interaction."""
    pairs = []
    for other in inter.with_:
        pairs += [(inter.by, other, True), (other, inter.by, False)]
    return pairs


@dataclass(frozen=True)
class Publication:
    """The site as a whole: its name and what it is, for the home page, the site's
    feed and every page's title. The site's configuration names them (mkdocs.yml's
    `site_name` and `site_description`); these defaults serve a site that does not."""

    name: str = "Explainer timelines"
    description: str = "News explainers: what happened, when, who said what, and who reported it."
    colours: Colours = field(default_factory=Colours)  # the diagrams' (views/colours.py)
    language: str = "en"  # the site's own pages' (mkdocs.yml's theme.language)
    logo: bytes | None = None  # the masthead's logo, an SVG: structured data names it
    catalogues: tuple[Path, ...] = ()  # a newsroom's own interface catalogues, read first

    @cached_property
    def interface(self) -> Interface:
        """The generator's own words on the site: in its language."""
        return Interface(self.language, self.catalogues)

    @property
    def dates(self) -> DateStyle:
        """How dates read on the site: in its language."""
        return self.interface.dates


@dataclass
class SiteView:
    """Everything the templates need, computed once."""

    corpus: Corpus
    timelines: list[TimelineView]
    actor_events: dict[str, list[EventView]]
    actor_quotes: dict[str, list[QuoteView]]
    actor_contacts: dict[str, list[Contact]]
    updates: list[UpdateView]
    publication: Publication
    # The folder of the site's own pages (its front page, people, corrections):
    # "" for the site's language, "fa/" for its pages in a translation's.
    root: str = ""

    def site_page(self, uri: str) -> str:
        """One of the site's own pages (addresses.HOME, .actor(id)) in this view's language."""
        return self.root + uri

    @property
    def actors(self) -> dict[str, Actor]:
        return self.corpus.actors

    @property
    def outlets(self) -> dict[str, Outlet]:
        return self.corpus.outlets

    @property
    def dates(self) -> DateStyle:
        return self.publication.dates

    @property
    def words(self) -> Interface:
        return self.publication.interface

    @cached_property
    def sorted_actors(self) -> list[tuple[str, Actor]]:
        """(id, actor) by name, for the timeline's filters."""
        return sorted(self.actors.items(), key=lambda item: item[1].name.lower())


@dataclass
class KeptMoments:
    """Each event's dates as the last views showed them, kept while previewing: an
    entry the check kept (the same object, so the same date, zone and place) in
    the same date style is shown as it was (a tenth of a second at 10,000 events)."""

    dates: DateStyle | None = None
    shown: dict[int, tuple[EventEntry, Moment, Moment | None]] = field(default_factory=dict)

    def of(self, entry: EventEntry, dates: DateStyle) -> tuple[Moment, Moment | None]:
        seen = self.shown.get(id(entry)) if dates == self.dates else None
        if seen is not None and seen[0] is entry:
            return seen[1], seen[2]
        return _moments(entry, dates)

    def keep(self, dates: DateStyle, views: Sequence[EventView]) -> None:
        """Keep these views' dates, and only these (an event gone is let go)."""
        self.dates = dates
        self.shown = {id(v.entry): (v.entry, v.when, v.until) for v in views}


def _moments(entry: EventEntry, dates: DateStyle) -> tuple[Moment, Moment | None]:
    event = entry.event
    until = dates.moment(event.end, entry.timezone, event.place) if event.end else None
    return dates.moment(event.date, entry.timezone, event.place), until


def build_views(
    corpus: Corpus, publication: Publication | None = None, root: str = "",
    moments: KeptMoments | None = None,
) -> SiteView:  # fmt: skip
    """The views of `corpus`; `root`, the folder of the site's own pages;
    `moments`, while previewing, the dates the last views showed."""
    publication = publication or Publication()
    dates = publication.dates
    shown = moments.of if moments is not None else _moments
    timelines = []
    actor_events: dict[str, list[EventView]] = defaultdict(list)
    actor_quotes: dict[str, list[QuoteView]] = defaultdict(list)
    actor_contacts: dict[str, list[Contact]] = defaultdict(list)
    updates = []
    for entry in corpus.timelines.values():
        tview = TimelineView(entry, words=publication.interface)
        events = entry.events
        for i, e in enumerate(events):
            involved = _involved(e.event)
            when, until = shown(e, dates)
            view = EventView(
                timeline=entry,
                entry=e,
                when=when,
                until=until,
                actors=involved,
                parties=_affiliations(involved, corpus.actors),
                previous=events[i - 1] if i > 0 else None,
                next=events[i + 1] if i + 1 < len(events) else None,
            )
            tview.events.append(view)
            for actor in view.actors:
                actor_events[actor].append(view)
            for index, quote in enumerate(e.event.quotes):
                actor_quotes[quote.speaker].append(
                    QuoteView(quote, view, view.original_quote(index))
                )
            for inter in e.event.interactions:
                for actor, other, initiated in _parties(inter):
                    actor_contacts[actor].append(Contact(inter.kind, other, initiated, view))
            updates += [UpdateView(u, view) for u in e.event.updates]
        timelines.append(tview)
    updates.sort(key=lambda u: (u.update.date.local_start(), u.event.id), reverse=True)
    if moments is not None:
        moments.keep(dates, [v for t in timelines for v in t.events])
    return SiteView(
        corpus, timelines, dict(actor_events), dict(actor_quotes), dict(actor_contacts), updates,
        publication, root,
    )  # fmt: skip
