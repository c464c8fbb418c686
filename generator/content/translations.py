"""Translations checked against their originals, and the translated events.

A translation is stale when its `original` no longer reads as the original
does: the original changed after it was translated. `timeline check` reports
each stale field at its `original`, with the original's text now, so that the
translator sees what changed. Text is compared with its runs of white space as
one space, since a YAML block may wrap a line anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel

from .model import Actor, Event, Outlet, Timeline
from .problems import Problem
from .translation_model import (
    ActorTranslation,
    EventTranslation,
    OutletTranslation,
    TimelineTranslation,
)


@dataclass(frozen=True)
class Items:
    """A list of the original's items translated item by item (or one item, when
    `single`): each translated item's `original` is the item's `key` field, which
    says which item it translates, so the items may be reordered; `fields` and
    `lists` are the item's own translated fields and lists."""

    name: str  # the list, in the original and in the translation
    key: str
    what: str  # the item, as a message names it: "quote"
    fields: tuple[str, ...] = ()
    lists: tuple[Items, ...] = ()
    single: bool = False

    @property
    def inner(self) -> Translatable:
        """What of each item a translation may translate besides its key."""
        return Translatable(self.fields, self.lists)


@dataclass(frozen=True)
class Translatable:
    """What of a model a translation may translate: fields by name, each the
    original's field of that name, and lists of items."""

    fields: tuple[str, ...]
    lists: tuple[Items, ...] = ()


PICTURE = ("alt", "picture (by its alt text)", ("title", "caption"))
EVENT = Translatable(
    ("title", "short_title", "summary", "body", "date_note", "place"),
    (
        Items("accounts", "summary", "account's summary", lists=(
            Items("points", "about", "point (by what it is about)", ("says",)),)),
        Items("quotes", "text", "quote", ("context",)),
        Items("interactions", "note", "call's or meeting's note"),
        Items("media", *PICTURE),
        Items("sources", "note", "source's note"),
        Items("updates", "note", "update's note"),
    ),
)  # fmt: skip
TIMELINE = Translatable(
    ("title", "short_title", "dek", "introduction", "dateline"),
    (
        Items("topics", "name", "topic (by its name)", ("description",)),
        Items("periods", "title", "period (by its title)", ("note",)),
        Items("image", *PICTURE, single=True),
    ),
)
ACTOR = Translatable(("name", "short_name", "role", "description"))
OUTLET = Translatable(("name", "description"))
TRANSLATABLE: dict[type[BaseModel], Translatable] = {
    EventTranslation: EVENT,
    TimelineTranslation: TIMELINE,
    ActorTranslation: ACTOR,
    OutletTranslation: OUTLET,
}


@dataclass(frozen=True)
class TimelineLanguage:
    """A timeline's translation into one language: its own fields, and its
    events' by id (an event without one shows the original, and says so)."""

    language: str
    timeline: TimelineTranslation | None = None
    events: dict[str, EventTranslation] = field(default_factory=dict)


@dataclass(frozen=True)
class NamesLanguage:
    """The actors' and outlets' names in one language, by id, for every timeline
    translated into it (one without a translation keeps its original names)."""

    language: str
    actors: dict[str, ActorTranslation] = field(default_factory=dict)
    outlets: dict[str, OutletTranslation] = field(default_factory=dict)


def flat(text: str) -> str:
    """`text` with each run of white space one space, as it is compared."""
    return " ".join(text.split())


def same(a: str | None, b: str) -> bool:
    return a is not None and flat(a) == flat(b)


def _quoted(text: str, limit: int = 120) -> str:
    shown = flat(text)
    return repr(shown if len(shown) <= limit else shown[: limit - 1] + "…")


def items_of(model: BaseModel, part: Items) -> list[Any]:
    """The items of `model`'s list `part` (its one item, or none, when `single`)."""
    value = getattr(model, part.name)
    return ([] if value is None else [value]) if part.single else list(value)


Stale = tuple[tuple[str | int, ...], str, str]


def stale_fields(
    original: BaseModel, translation: BaseModel, spec: Translatable, at: tuple[str | int, ...] = ()
) -> list[Stale]:
    """(where in the translation, message, code) of each field that is stale or
    translates nothing, and of each item no longer in the original."""
    found: list[Stale] = []
    for name in spec.fields:
        translated = getattr(translation, name)
        if translated is None:
            continue
        now = getattr(original, name)
        if now is None:
            found.append(((*at, name), f"the original has no {name} to translate: take {name} "
                          "out of this translation", "translation-of-nothing"))  # fmt: skip
        elif not same(now, translated.original):
            found.append(((*at, name, "original"), (
                f"stale translation: the original's {name} changed after it was translated; "
                f"it now reads {_quoted(now)}: translate that, then copy it into original"
            ), "stale-translation"))  # fmt: skip
    for part in spec.lists:
        items = items_of(original, part)
        texts = [k for item in items if (k := getattr(item, part.key)) is not None]
        for index, item in enumerate(items_of(translation, part)):
            where = (*at, part.name) if part.single else (*at, part.name, index)
            match = next((i for i in items if same(getattr(i, part.key), item.original)), None)
            if match is not None:
                found.extend(stale_fields(match, item, part.inner, where))
                continue
            closest = max(texts, key=lambda t: SequenceMatcher(None, t, item.original).ratio(),
                          default=None)  # fmt: skip
            now = f"; the closest now reads {_quoted(closest)}" if closest else ""
            found.append(((*where, "original"), (
                f"stale translation: no {part.what} of the original reads like this any "
                f"more{now}: translate it as it reads now, then copy that into original "
                "(or take this one out)"
            ), "stale-translation"))  # fmt: skip
    return found


def translated(original: Any, translation: BaseModel, spec: Translatable) -> Any:
    """`original` with each of its fields and items that `translation` translates
    in the translation's text; a stale one (its original changed since) keeps the
    original's, as do the fields and items the translation leaves out."""
    changes: dict[str, Any] = {}
    for name in spec.fields:
        found = getattr(translation, name)
        if found is not None and same(getattr(original, name), found.original):
            changes[name] = found.text
    for part in spec.lists:
        done = items_of(translation, part)
        if not done:
            continue
        value = getattr(original, part.name)
        if part.single:
            changes[part.name] = None if value is None else _item(value, done, part)
        else:
            changes[part.name] = [_item(item, done, part) for item in value]
    return original.model_copy(update=changes) if changes else original


def _item(item: Any, done: list[Any], part: Items) -> Any:
    """One of the original's items, translated by the item of `done` whose
    original is its key (itself if none is)."""
    key = getattr(item, part.key)
    match = next((t for t in done if same(key, t.original)), None)
    if match is None:
        return item
    inner = translated(item, match, part.inner)
    return inner.model_copy(update={part.key: match.text})


def translated_event(event: Event, translation: EventTranslation) -> tuple[Event, tuple[str, ...]]:
    """The event with its translated fields, and the verbatim original of each of
    its quotes that the translation translates ("" for one it does not)."""
    words = translation.quotes
    originals = tuple(q.text if any(same(q.text, t.original) for t in words) else ""
                      for q in event.quotes)  # fmt: skip
    return translated(event, translation, EVENT), originals


def translated_timeline(timeline: Timeline, language: TimelineLanguage) -> Timeline:
    """The timeline's text in `language`, its `language` that one."""
    if language.timeline is not None:
        timeline = translated(timeline, language.timeline, TIMELINE)
    return timeline.model_copy(update={"language": language.language})


def named_by(
    timeline: Timeline, events: list[Event], actors: dict[str, Actor]
) -> tuple[set[str], set[str]]:
    """The ids of the actors and outlets a timeline's pages name: its events'
    people and groups (with the countries and organisations they belong to) and
    the outlets of its sources."""
    people: set[str] = set()
    sources = [s for p in timeline.periods for s in p.sources]
    for event in events:
        people |= {*event.actors, *(q.speaker for q in event.quotes)}
        people |= {a for i in event.interactions for a in (i.by, *i.with_)}
        sources += event.sources
    people |= {a for i in set(people) if (found := actors.get(i))
               for a in (found.country, found.organisation) if a}  # fmt: skip
    return people, {o for s in sources for o in (s.outlet, s.relays) if o}


def translated_names(
    actors: dict[str, Actor], outlets: dict[str, Outlet], names: NamesLanguage | None
) -> tuple[dict[str, Actor], dict[str, Outlet]]:
    """The actors and outlets with their names in `names`' language."""
    if names is None:
        return actors, outlets
    return _each(actors, names.actors, ACTOR), _each(outlets, names.outlets, OUTLET)


def _each(models: dict[str, Any], found: dict[str, BaseModel], spec: Translatable) -> Any:
    """Each of `models` translated by its translation in `found`, if it has one."""
    return {i: translated(m, found[i], spec) if i in found else m for i, m in models.items()}


def language_problems(path: str, language: str, timeline: Timeline | None) -> list[Problem]:
    """A translation into the timeline's own language translates nothing."""
    if timeline is not None and language == timeline.language:
        return [Problem(path, 1, 1, (
            f"this translation is into {language}, the timeline's own language (its "
            "timeline.yaml's language): name the file with the language it is in"
        ), "translation-language")]  # fmt: skip
    return []
