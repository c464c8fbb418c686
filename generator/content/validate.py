"""Stage 2, validate: build typed models and check the corpus as a whole.

Each file is validated against its model, and every reference between files
(actors, outlets, topics, sources, related events) is checked, with the nearest
existing id suggested for a misspelt one (see `references`). Every problem is collected; a
`Corpus` is returned only when there are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from pydantic import BaseModel, ValidationError

from ..gc_pauses import without_gc_pauses
from .cross_references import Known, check_references, find, known_ids
from .dates import STAMP_YEARS, DateError, When
from .drafts import draft_needs, draft_timelines, links_to_drafts
from .fields import MEDIA_PATTERN
from .load import MEDIA, Document, Loaded
from .model import (
    MODELS,
    Actor,
    DraftEvent,
    DraftTimeline,
    Event,
    Outlet,
    Period,
    Source,
    Timeline,
)
from .model_messages import problems_from
from .pictures import Picture, PictureError, read_picture
from .problems import ContentError, Problem
from .strict_yaml import Parsed
from .suggest import did_you_mean
from .translation_model import (
    TRANSLATIONS,
    ActorTranslation,
    OutletTranslation,
    TimelineTranslation,
)
from .translations import (
    TRANSLATABLE,
    NamesLanguage,
    TimelineLanguage,
    language_problems,
    stale_fields,
)


@dataclass(frozen=True)
class EventEntry:
    """A validated event with what the corpus knows about it."""

    id: str
    source_path: str
    event: Event
    timezone: str  # the event's own zone, or the timeline's default
    start: datetime  # UTC, the earliest instant `date` may mean
    end: datetime  # UTC, the first instant after `end` (or after `date`)
    # In a translated timeline (views/translated_site.py): the original's
    # language, whether it has no translation, and each quote's verbatim original.
    translated_from: str = ""
    untranslated: bool = False
    originals: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        """Its own `draft: true`, or its timeline's: validated as a DraftEvent."""
        return isinstance(self.event, DraftEvent)

    @property
    def at(self) -> datetime:
        """Where the event sorts and sits on the time axis (UTC)."""
        return sorting_instant(self.event.date, self.start)


def sorting_instant(when: When, start: datetime) -> datetime:
    """Where a date that begins at `start` (UTC) sorts: at its time; a day, in its
    middle (the event happened some time that day, which its zone places), so that
    a day's events stay together around the timed ones; a month or year, at its start."""
    return start + timedelta(hours=12) if when.precision == "day" else start


@dataclass(frozen=True)
class PeriodEntry:
    """A validated period, with its span in UTC."""

    period: Period
    start: datetime  # the earliest instant `start` may mean
    end: datetime  # the first instant after `end`


@dataclass(frozen=True)
class TimelineEntry:
    slug: str
    source_path: str
    timeline: Timeline
    events: tuple[EventEntry, ...]  # in reading order
    periods: tuple[PeriodEntry, ...] = ()  # in order of their start
    translations: tuple[TimelineLanguage, ...] = ()  # by language

    @property
    def draft(self) -> bool:
        return isinstance(self.timeline, DraftTimeline)


@dataclass(frozen=True)
class Corpus:
    """All content, validated; what the render stage receives."""

    actors: dict[str, Actor]
    outlets: dict[str, Outlet]
    timelines: dict[str, TimelineEntry]
    pictures: dict[str, Picture] = field(default_factory=dict)  # those content shows
    names: dict[str, NamesLanguage] = field(default_factory=dict)  # by language


_Validated = tuple[Parsed, BaseModel | None, list[Problem], type[BaseModel]]


ALL_MODELS: dict[str, type[BaseModel]] = {**MODELS, **TRANSLATIONS}


@dataclass(frozen=True)
class _EventChecked:
    event: Event
    zone: str | None
    problems: list[Problem]
    entry: EventEntry | None


@dataclass
class ModelCache:
    """Each file's model (or its problems) from the last validation, by kind and
    path, with the parse it came from: a live preview re-validates on every edit,
    and a file whose parse is the very same object (see load.ParseCache)
    validates to the same model. A file's references are checked again when
    it changed or the ids they may name did (`known`); the other cross-file
    checks always run again."""

    models: dict[tuple[str, str], _Validated] = field(default_factory=dict)
    known: Known | None = None
    references: dict[tuple[str, str], tuple[Parsed, list[Problem]]] = field(default_factory=dict)
    # Each event's own checks by file: what they were of, their problems, its entry.
    events: dict[str, _EventChecked] = field(default_factory=dict)


class _Checker:
    def __init__(self, kept: ModelCache | None, draft_timelines: frozenset[str]) -> None:
        self.problems: list[Problem] = []
        self.docs: dict[int, Document] = {}
        self.models: dict[tuple[str, str], _Validated] = {}
        self.previous = kept.models if kept is not None else {}
        self.draft_timelines = draft_timelines
        self.events: dict[str, _EventChecked] = {}
        self.previous_events = kept.events if kept is not None else {}

    def event(self, doc: Document, event: Event, zone: str | None) -> EventEntry | None:
        """The checks of one event on its own, and its entry (None if its dates
        cannot be placed); while previewing, the last ones for the very same
        model in the same zone: its entry is then the same object, so that what
        read it (a page, a data file's part) compares at once."""
        last = self.previous_events.get(doc.source_path)
        if last is not None and last.event is event and last.zone == zone:
            self.problems += last.problems
        else:
            before = len(self.problems)
            _event_checks(self, event, doc.id)
            span = None
            if zone:
                _source_dates(self, event, event.sources, zone)
                span = _span(self, event, ("date", "end"), event.date, event.end, zone)
            entry = EventEntry(doc.id, doc.source_path, event, zone, *span) if span else None
            last = _EventChecked(event, zone, self.problems[before:], entry)
        self.events[doc.source_path] = last
        return last.entry

    def _model_class(self, doc: Document) -> type[BaseModel]:
        data = doc.parsed.data
        own = isinstance(data, dict) and data.get("draft") is True
        if doc.kind == "event" and (own or doc.timeline in self.draft_timelines):
            return DraftEvent
        return DraftTimeline if doc.kind == "timeline" and own else ALL_MODELS[doc.kind]

    def model(self, doc: Document) -> BaseModel | None:
        key = (doc.kind, doc.source_path)
        cached = self.previous.get(key)
        cls = self._model_class(doc)
        # A file is validated again when it changed, or when it became (or
        # stopped being) a draft: its timeline's `draft` may have changed.
        if cached is None or cached[0] is not doc.parsed or cached[3] is not cls:
            problems_before = len(self.problems)
            obj = self._validated(doc, cls)
            cached = (doc.parsed, obj, self.problems[problems_before:], cls)
        else:
            obj = cached[1]
            self.problems.extend(cached[2])
        self.models[key] = cached
        if obj is not None:
            self.docs[id(obj)] = doc
        return obj

    def _validated(self, doc: Document, cls: type[BaseModel]) -> BaseModel | None:
        data = doc.parsed.data
        if not isinstance(data, dict):
            self.problems.append(
                Problem(
                    doc.source_path,
                    1,
                    1,
                    f"the file must be a mapping of {doc.kind} fields "
                    "(name: value lines), not a list or a single value",
                    "not-a-mapping",
                )
            )
            return None
        try:
            obj = cls.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, cls, doc.parsed, doc.source_path))
            return None
        self.problems.extend(draft_needs(obj, data, doc))
        return obj

    def at(
        self, obj: BaseModel, loc: tuple[str | int, ...], message: str, code: str,
        severity: str = "error",
    ) -> None:  # fmt: skip
        doc = self.docs[id(obj)]
        where = doc.parsed.position(loc)
        self.problems.append(
            Problem(doc.source_path, where.line, where.column, message, code, severity)
        )


def _references(documents: list[Document], known: Known, kept: ModelCache | None) -> list[Problem]:
    """Each file's dangling references; while previewing, a file's last ones when
    neither it nor the ids it may name changed (most of a 10,000-event check)."""
    if kept is None:
        return [p for doc in documents for p in check_references(doc, known)]
    same = kept.known == known
    found: dict[tuple[str, str], tuple[Parsed, list[Problem]]] = {}
    for doc in documents:
        key = (doc.kind, doc.source_path)
        last = kept.references.get(key) if same else None
        if last is not None and last[0] is doc.parsed:
            found[key] = last
        else:
            found[key] = (doc.parsed, check_references(doc, known))
    kept.known, kept.references = known, found
    return [p for _, problems in found.values() for p in problems]


def _translations(
    c: _Checker, entry: TimelineEntry, by_kind: dict[str, list[tuple[Document, BaseModel]]]
) -> tuple[TimelineLanguage, ...]:
    """The timeline's translations, each checked against its original: one that
    translates no event is an error; a stale field is a warning, and shows the
    original (its translation says what the original no longer says)."""
    events = {e.id: e.event for e in entry.events}
    found: dict[str, TimelineLanguage] = {}
    docs = [(d, t) for kind in TRANSLATIONS for d, t in by_kind[kind] if d.timeline == entry.slug]
    for doc, translation in sorted(docs, key=lambda d: d[0].source_path):
        language = doc.language or ""
        c.problems.extend(language_problems(doc.source_path, language, entry.timeline))
        if isinstance(translation, TimelineTranslation):
            original: BaseModel = entry.timeline
        elif doc.id in events:
            original = events[doc.id]
        else:
            c.problems.append(Problem(doc.source_path, 1, 1, (
                f"no event '{doc.id}' in timelines/{entry.slug}/events/ to translate"
                f"{did_you_mean(doc.id, events)}: name the file after the event it "
                "translates (<event-id>.<language>.yaml)"
            ), "translation-of-nothing"))  # fmt: skip
            continue
        _stale_problems(c, original, translation)
        kept = found.setdefault(language, TimelineLanguage(language))
        if isinstance(translation, TimelineTranslation):
            found[language] = replace(kept, timeline=translation)
        else:
            kept.events[doc.id] = translation  # type: ignore[assignment]
    return tuple(found[language] for language in sorted(found))


def _stale_problems(c: _Checker, original: BaseModel, translation: BaseModel) -> None:
    """A stale part of a translation is a warning (the page shows the original's
    text there until it is translated again); one that translates nothing, an error."""
    for loc, message, code in stale_fields(original, translation, TRANSLATABLE[type(translation)]):
        c.at(translation, loc, message, code,
             "warning" if code == "stale-translation" else "error")  # fmt: skip


def _names(
    c: _Checker,
    by_kind: dict[str, list[tuple[Document, BaseModel]]],
    actors: dict[str, Actor],
    outlets: dict[str, Outlet],
) -> dict[str, NamesLanguage]:
    """The actors' and outlets' translations by language, each checked against
    its original."""
    found: dict[str, NamesLanguage] = {}
    for kind, folder, originals in (("actor-translation", "actors", actors),
                                    ("outlet-translation", "outlets", outlets)):  # fmt: skip
        for doc, translation in sorted(by_kind[kind], key=lambda d: d[0].source_path):
            original = originals.get(doc.id)
            if original is None:
                c.problems.append(Problem(doc.source_path, 1, 1, (
                    f"no {folder}/{doc.id}.yaml to translate{did_you_mean(doc.id, originals)}: "
                    f"name the file after what it translates (<id>.<language>.yaml)"
                ), "translation-of-nothing"))  # fmt: skip
                continue
            _stale_problems(c, original, translation)
            names = found.setdefault(doc.language or "", NamesLanguage(doc.language or ""))
            if isinstance(translation, ActorTranslation):
                names.actors[doc.id] = translation
            elif isinstance(translation, OutletTranslation):
                names.outlets[doc.id] = translation
    return dict(sorted(found.items()))


def _path(loc: tuple[str | int, ...]) -> str:
    """A field's place as an editor reads it: 'periods[0].sources[1].published'."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in loc)[1:]


def _source_dates(
    c: _Checker, obj: BaseModel, sources: list[Source], zone: str, at: tuple[str | int, ...] = ()
) -> None:
    """Sources' dates are read in the zone of what they report, as its own dates are,
    unless they carry the publisher's own UTC offset ("2021-08-17T06:20:23+08:00")."""
    for i, source in enumerate(sources):
        for name in ("published", "accessed"):
            when = getattr(source, name)
            if when is None or when.offset is not None:
                continue
            try:
                when.utc_range(zone)
            except DateError as exc:
                loc = (*at, "sources", i, name)
                c.at(obj, loc, f"{_path(loc)}: {exc}", "bad-date")


def _span(
    c: _Checker, obj: BaseModel, names: tuple[str, str], start: When, end: When | None,
    zone: str, at: tuple[str | int, ...] = (),
) -> tuple[datetime, datetime] | None:  # fmt: skip
    """From the first instant `start` may mean to the end of `end` (or of `start`),
    in UTC; None, with the problem, when a date cannot be read in `zone`."""
    spans = []
    for name, when in zip(names, (start, end), strict=True):
        if when is None:
            continue
        try:
            spans.append(when.utc_range(zone))
        except DateError as exc:
            c.at(obj, (*at, name), f"{_path((*at, name))}: {exc}", "bad-date")
            return None
    first, last = spans[0][0], spans[-1][1]
    # A coarser end (August for an event on 16 August) is fine; one that is over
    # before the start begins is not.
    if last <= first:
        c.at(obj, (*at, names[1]),
             f"{_path((*at, names[1]))}: {end} is before {names[0]} {start}: fix one of them, "
             "or swap them", "end-before-date")  # fmt: skip
    return first, last


def _periods(c: _Checker, timeline: Timeline) -> list[PeriodEntry]:
    """The timeline's periods that can be placed in time (in the timeline's zone), by start."""
    found = []
    for i, period in enumerate(timeline.periods):
        at = ("periods", i)
        _source_dates(c, timeline, period.sources, timeline.timezone, at)
        if span := _span(c, timeline, ("start", "end"), period.start, period.end,
                         timeline.timezone, at):  # fmt: skip
            found.append(PeriodEntry(period, *span))
    return sorted(found, key=lambda p: (p.start, p.end, p.period.id))


def _event_checks(c: _Checker, event: Event, event_id: str) -> None:
    """Rules within one event that the model alone cannot state."""
    for i, inter in enumerate(event.interactions):
        for j, other in enumerate(inter.with_):
            if other == inter.by:
                c.at(
                    event,
                    ("interactions", i, "with", j),
                    f"'{other}' cannot be in 'with' and 'by' of the same interaction: "
                    "remove it from with",
                    "self-interaction",
                )
    for i, source in enumerate(event.sources):
        if source.relays == source.outlet:
            c.at(
                event,
                ("sources", i, "relays"),
                f"relays: '{source.relays}' is the source's own outlet: remove relays",
                "relays-own-outlet",
            )
    if len(event.accounts) == 1:
        c.at(
            event,
            ("accounts",),
            "a single account has nothing to compare with: add the other "
            "source's account, or put this one in the summary",
            "lonely-account",
        )
    seen: set[str] = set()
    for i, account in enumerate(event.accounts):
        if account.source in seen:
            c.at(
                event,
                ("accounts", i, "source"),
                f"two accounts from source '{account.source}': give each source one account",
                "duplicate-account",
            )
        seen.add(account.source)
    for i, other in enumerate(event.related):
        if other == event_id:
            c.at(
                event,
                ("related", i),
                "an event cannot be related to itself: remove its own id from related",
                "self-related",
            )
    if event.approximate and event.date_note is None:
        c.at(
            event,
            ("approximate",),
            "approximate: true needs a date_note saying what is "
            "uncertain and which source gives which date",
            "approximate-without-note",
        )


def _latest(dates: list[tuple[When, str]]) -> tuple[When, str] | None:
    return max(dates, key=lambda d: d[0].local_start(), default=None)


def _stamp_checks(c: _Checker, timeline: Timeline, events: list[EventEntry]) -> bool:
    """Whether the timeline's own dates (published, updated and each event's
    updates, all in the timeline's zone) are instants every output can hold:
    real wall-clock times, and publication years that the site's build date, a
    Unix time in gzip's 32-bit header, can hold."""
    zone, ok = timeline.timezone, True
    stamps = [(timeline, ("published",), timeline.published, True)]
    if timeline.updated:
        stamps.append((timeline, ("updated",), timeline.updated, True))
    for entry in events:
        if entry.event.published:
            stamps.append((entry.event, ("published",), entry.event.published, False))
        for i, update in enumerate(entry.event.updates):
            stamps.append((entry.event, ("updates", i, "date"), update.date, False))
    for obj, loc, when, builds in stamps:
        name = ".".join(str(step) for step in loc)
        low, high = STAMP_YEARS
        if builds and not low <= when.year <= high:
            c.at(obj, loc, f"{name}: years {low} to {high} only (it dates the site's build)",
                 "bad-date")  # fmt: skip
            ok = False
            continue
        try:
            when.utc_range(zone)
        except DateError as exc:
            c.at(obj, loc, f"{name}: {exc}", "bad-date")
            ok = False
    return ok


# Where content names a picture in media/, by kind of file.
PICTURES = {"event": "media.*.file", "timeline": "image.file"}


def _pictures(c: _Checker, loaded: Loaded) -> dict[str, Picture]:
    """The pictures content shows, each read once. They are found in the files'
    data, not their models, so that a mistake elsewhere in a file hides none: a
    missing picture is reported where it is named, an unreadable one at its file."""
    found: dict[str, Picture] = {}
    broken: set[str] = set()
    for doc in loaded.documents:
        if doc.kind not in PICTURES:
            continue
        for loc, path in find(doc.parsed.data, PICTURES[doc.kind]):
            if not re.fullmatch(MEDIA_PATTERN, path):
                continue  # not a picture's name: the model says so
            if path not in loaded.media:
                where = doc.parsed.position(loc)
                message = (f"{_path(loc)}: there is no picture {MEDIA}/{path}"
                           f"{did_you_mean(path, set(loaded.media))}: add it to "
                           f"content/{MEDIA}/ or fix the name")  # fmt: skip
                c.problems.append(Problem(doc.source_path, where.line, where.column, message,
                                          "missing-picture"))  # fmt: skip
            elif path not in found and path not in broken:
                try:
                    found[path] = read_picture(path, loaded.media[path])
                except PictureError as exc:
                    c.problems.append(Problem(f"{MEDIA}/{path}", 1, 1, f"{path} {exc}",
                                              "bad-picture"))  # fmt: skip
                    broken.add(path)
    return dict(sorted(found.items()))


def _timeline_checks(c: _Checker, timeline: Timeline, events: list[EventEntry]) -> None:
    if not _stamp_checks(c, timeline, events):
        return
    # Dates here are all in the timeline's zone; each is compared as the span it
    # covers, so "2021-08-19" is not older than an update at 2021-08-19T10:00.
    if timeline.updated and timeline.updated.local_end() <= timeline.published.local_start():
        c.at(
            timeline,
            ("updated",),
            f"updated ({timeline.updated}) is before published "
            f"({timeline.published}): fix one of them",
            "updated-before-published",
        )
    for entry in events:
        _event_stamp_checks(c, timeline, entry.event)
    logged = [(u.date, f"the update logged in {e.source_path}") for e in events
              for u in e.event.updates]  # fmt: skip
    added = [(e.event.published, f"the event added in {e.source_path}") for e in events
             if e.event.published]  # fmt: skip
    latest = _latest(logged + added)
    stamp = timeline.updated or timeline.published
    if latest and latest[0].local_start() >= stamp.local_end():
        name = "updated" if timeline.updated else "published"
        c.at(
            timeline,
            (name,),
            f'{name} ({stamp}) is older than {latest[1]} ({latest[0]}): set updated: "{latest[0]}"',
            "stale-updated",
        )


def _event_stamp_checks(c: _Checker, timeline: Timeline, event: Event) -> None:
    """An event is published with its timeline or after it, and updated after that."""
    if event.published is None:
        return
    if event.published.local_end() <= timeline.published.local_start():
        c.at(event, ("published",),
             f"published ({event.published}) is before the timeline's ({timeline.published}):"
             " an event added with its timeline needs no published date; remove it",
             "published-before-timeline")  # fmt: skip
    for i, update in enumerate(event.updates):
        if update.date.local_end() <= event.published.local_start():
            c.at(event, ("updates", i, "date"),
                 f"updates[{i}].date ({update.date}) is before the event was published "
                 f"({event.published}): fix one of them", "update-before-published")  # fmt: skip


# The folders the site's own pages and files take at its top level: a timeline
# folder of one of these names would silently replace them. Each list page is
# `index` in its folder, which no actor or topic id may be either.
# (tests/content/test_reserved_names.py checks this against a built site.)
SITE_FOLDERS = ("actors", "assets", "corrections", "media", "schemas", "search")
LIST_PAGE = "index"


def _reserved_checks(
    c: _Checker, loaded: Loaded, timelines: dict[str, tuple[Document, Timeline]],
    hand_written: frozenset[str],
) -> None:  # fmt: skip
    """Timeline folders, actors and topics named like a page the site makes itself."""
    taken = sorted({*SITE_FOLDERS, *hand_written})
    for slug, (doc, _) in timelines.items():
        if slug in taken:
            whose = f"the page pages/{slug}.md" if slug in hand_written else "the site's own pages"
            c.problems.append(Problem(doc.source_path, 1, 1,
                f"the timeline folder '{slug}' has the address of {whose}, which it would "
                f"replace: rename the folder (names taken: {', '.join(taken)})",
                "reserved-name"))  # fmt: skip
    for doc in loaded.documents:
        if doc.kind == "actor" and doc.id == LIST_PAGE:
            c.problems.append(Problem(doc.source_path, 1, 1,
                f"an actor cannot be called '{LIST_PAGE}': actors/{LIST_PAGE} is the list of "
                "everyone; rename the file", "reserved-name"))  # fmt: skip
    for _, timeline in timelines.values():
        for i, topic in enumerate(timeline.topics):
            if topic.id == LIST_PAGE:
                c.at(timeline, ("topics", i, "id"),
                     f"a topic cannot be called '{LIST_PAGE}': topics/{LIST_PAGE} is the list "
                     "of topics; choose another id", "reserved-name")  # fmt: skip


@without_gc_pauses
def validate_content(
    loaded: Loaded, kept: ModelCache | None = None, hand_written: frozenset[str] = frozenset()
) -> tuple[Corpus | None, list[Problem]]:
    """The validated corpus (None if any problem) and every problem found.
    `kept`, while previewing, holds the last validation's models and is updated;
    `hand_written` names the site's hand-written pages (`about` for pages/about.md)."""
    c = _Checker(kept, draft_timelines(loaded.documents))
    c.problems.extend(loaded.problems)
    by_kind: dict[str, list[tuple[Document, BaseModel]]] = {k: [] for k in ALL_MODELS}
    for doc in loaded.documents:
        if (obj := c.model(doc)) is not None:
            by_kind[doc.kind].append((doc, obj))
    # Files that failed to validate (or to parse) still count as existing, so
    # that one broken file does not make every reference to it an error too.
    documents = {
        (d.kind, d.timeline if d.kind == "event" else None, d.id) for d in loaded.documents
    }
    known = known_ids(loaded.documents, loaded.ids | documents)
    c.problems += _references(loaded.documents, known, kept)
    actors = {d.id: o for d, o in by_kind["actor"] if isinstance(o, Actor)}
    outlets = {d.id: o for d, o in by_kind["outlet"] if isinstance(o, Outlet)}

    valid = {d.id: (d, t) for d, t in by_kind["timeline"] if isinstance(t, Timeline)}
    _reserved_checks(c, loaded, valid, hand_written)
    events: dict[str, list[tuple[Document, Event]]] = {}
    for edoc, event in by_kind["event"]:
        if isinstance(event, Event) and edoc.timeline:
            events.setdefault(edoc.timeline, []).append((edoc, event))
    timelines: dict[str, TimelineEntry] = {}
    # Events are checked even when their timeline.yaml is broken, so that one
    # mistake there does not hide every problem in its events.
    for slug in sorted(set(valid) | set(events)):
        tdoc, timeline = valid.get(slug, (None, None))
        entries = []
        for edoc, event in events.get(slug, []):
            zone = event.timezone or (timeline.timezone if timeline else None)
            if entry := c.event(edoc, event, zone):
                entries.append(entry)
        if tdoc is None or timeline is None:
            continue
        entries.sort(key=lambda e: (e.at, e.event.order, e.id))
        for entry, index, target in links_to_drafts(entries):
            c.at(entry.event, ("related", index), (
                f"'{target}' is a draft: a published event cannot link to it; publish it "
                "(take out its draft: true) or take it out of related"
            ), "links-to-draft")  # fmt: skip
        _timeline_checks(c, timeline, entries)
        periods = tuple(_periods(c, timeline))
        timelines[slug] = TimelineEntry(slug, tdoc.source_path, timeline, tuple(entries), periods)

    for slug, entry in timelines.items():
        if languages := _translations(c, entry, by_kind):
            timelines[slug] = replace(entry, translations=languages)
    names = _names(c, by_kind, actors, outlets)
    pictures = _pictures(c, loaded)
    if kept is not None:
        kept.models, kept.events = c.models, c.events  # only files that still exist
    problems = sorted(set(c.problems))
    if any(p.is_error for p in problems):
        return None, problems
    # Only drafts' warnings are left: they fail nothing.
    return Corpus(actors, outlets, dict(sorted(timelines.items())), pictures, names), problems


def check_corpus(
    loaded: Loaded, kept: ModelCache | None = None, hand_written: frozenset[str] = frozenset()
) -> Corpus:
    """The validated corpus, or ContentError with every problem."""
    corpus, problems = validate_content(loaded, kept, hand_written)
    if corpus is None:
        raise ContentError(problems)
    return corpus
