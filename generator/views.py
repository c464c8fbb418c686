"""What the pages show, derived once from the validated corpus.

The corpus is organised the way editors write it (one file per event); readers
also need it the other way round: every event of an actor, every event that
cites a source, every correction on the site. These views are computed here,
so that templates only lay them out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from .model import Actor, Event, Interaction, Outlet, Quote, Source, Update
from .present import Moment, date_label, moment
from .validate import Corpus, EventEntry, TimelineEntry


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
        return f"{self.timeline.slug}/events/{self.entry.id}.md"

    def source(self, source_id: str) -> Source:
        return next(s for s in self.event.sources if s.id == source_id)


@dataclass(frozen=True)
class Day:
    heading: str
    key: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class CitedSource:
    """A document, and every event that cites it."""

    source: Source
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class QuoteView:
    quote: Quote
    event: EventView

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
class UpdateView:
    update: Update
    event: EventView


@dataclass
class TimelineView:
    timeline: TimelineEntry
    events: list[EventView] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.timeline.slug

    @property
    def days(self) -> list[Day]:
        grouped = groupby(self.events, key=lambda v: v.when.day_key)
        return [
            Day(date_label(group[0].event.date), key, tuple(group))
            for key, group in ((k, list(g)) for k, g in grouped)
        ]

    @property
    def key_moments(self) -> list[EventView]:
        return [v for v in self.events if v.event.importance == "key"]

    def facet(self, attribute: str) -> list[str]:
        """Every id that some event has in `attribute` ("actors" or "parties")."""
        return list(dict.fromkeys(i for v in self.events for i in getattr(v, attribute)))

    @property
    def interactions(self) -> list[tuple[Interaction, EventView]]:
        return [(i, v) for v in self.events for i in v.event.interactions]

    def topic_events(self, topic_id: str) -> list[EventView]:
        return [v for v in self.events if topic_id in v.event.topics]

    @property
    def sources(self) -> list[CitedSource]:
        by_url: dict[str, list[EventView]] = defaultdict(list)
        first: dict[str, Source] = {}
        for view in self.events:
            for source in view.event.sources:
                first.setdefault(source.url, source)
                if view not in by_url[source.url]:
                    by_url[source.url].append(view)
        ordered = sorted(first.values(), key=lambda s: (s.outlet, s.title.lower(), s.url))
        return [CitedSource(s, tuple(by_url[s.url])) for s in ordered]

    @property
    def quotes(self) -> list[QuoteView]:
        return [QuoteView(q, v) for v in self.events for q in v.event.quotes]


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


@dataclass
class SiteView:
    """Everything the templates need, computed once."""

    corpus: Corpus
    timelines: list[TimelineView]
    actor_events: dict[str, list[EventView]]
    actor_quotes: dict[str, list[QuoteView]]
    actor_contacts: dict[str, list[Contact]]
    updates: list[UpdateView]

    @property
    def actors(self) -> dict[str, Actor]:
        return self.corpus.actors

    @property
    def outlets(self) -> dict[str, Outlet]:
        return self.corpus.outlets


def build_views(corpus: Corpus) -> SiteView:
    timelines = []
    actor_events: dict[str, list[EventView]] = defaultdict(list)
    actor_quotes: dict[str, list[QuoteView]] = defaultdict(list)
    actor_contacts: dict[str, list[Contact]] = defaultdict(list)
    updates = []
    for entry in corpus.timelines.values():
        tview = TimelineView(entry)
        events = entry.events
        for i, e in enumerate(events):
            involved = _involved(e.event)
            view = EventView(
                timeline=entry,
                entry=e,
                when=moment(e.event.date, e.timezone),
                until=moment(e.event.end, e.timezone) if e.event.end else None,
                actors=involved,
                parties=_affiliations(involved, corpus.actors),
                previous=events[i - 1] if i > 0 else None,
                next=events[i + 1] if i + 1 < len(events) else None,
            )
            tview.events.append(view)
            for actor in view.actors:
                actor_events[actor].append(view)
            for quote in e.event.quotes:
                actor_quotes[quote.speaker].append(QuoteView(quote, view))
            for inter in e.event.interactions:
                for actor, other, initiated in _parties(inter):
                    actor_contacts[actor].append(Contact(inter.kind, other, initiated, view))
            updates += [UpdateView(u, view) for u in e.event.updates]
        timelines.append(tview)
    updates.sort(key=lambda u: (u.update.date.local_start(), u.event.id), reverse=True)
    return SiteView(
        corpus, timelines, dict(actor_events), dict(actor_quotes), dict(actor_contacts), updates
    )
