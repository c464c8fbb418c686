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

from .model import Event, Timeline
from .problems import Problem
from .translation_model import EventTranslation, TimelineTranslation

# A translated field's name -> the original's.
EVENT_FIELDS = ("title", "short_title", "summary", "body", "date_note", "place")
TIMELINE_FIELDS = ("title", "short_title", "dek", "introduction")


@dataclass(frozen=True)
class TimelineLanguage:
    """A timeline's translation into one language: its own fields, and its
    events' by id (an event without one shows the original, and says so)."""

    language: str
    timeline: TimelineTranslation | None = None
    events: dict[str, EventTranslation] = field(default_factory=dict)


def flat(text: str) -> str:
    """`text` with each run of white space one space, as it is compared."""
    return " ".join(text.split())


def same(a: str, b: str) -> bool:
    return flat(a) == flat(b)


def _quoted(text: str, limit: int = 120) -> str:
    shown = flat(text)
    return repr(shown if len(shown) <= limit else shown[: limit - 1] + "…")


def stale_fields(
    original: BaseModel, translation: BaseModel, names: tuple[str, ...]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(where in the translation, message, code) of each field that is stale or
    translates nothing; and of each quote or account no longer in the original."""
    found = []
    for name in names:
        translated = getattr(translation, name)
        if translated is None:
            continue
        now = getattr(original, name)
        if now is None:
            found.append(((name,), f"the original has no {name} to translate: take {name} "
                          "out of this translation", "translation-of-nothing"))  # fmt: skip
        elif not same(now, translated.original):
            found.append(((name, "original"), (
                f"stale translation: the original's {name} changed after it was translated; "
                f"it now reads {_quoted(now)}: translate that, then copy it into original"
            ), "stale-translation"))  # fmt: skip
    if isinstance(original, Event) and isinstance(translation, EventTranslation):
        lists = (
            ("quotes", [q.text for q in original.quotes], "quote"),
            ("accounts", [a.summary for a in original.accounts], "account's summary"),
        )
        for name, texts, what in lists:
            for index, item in enumerate(getattr(translation, name)):
                if any(same(text, item.original) for text in texts):
                    continue
                closest = max(texts, key=lambda t: SequenceMatcher(None, t, item.original).ratio(),
                              default=None)  # fmt: skip
                now = f"; the closest now reads {_quoted(closest)}" if closest else ""
                found.append(((name, index, "original"), (
                    f"stale translation: no {what} of the original reads like this any "
                    f"more{now}: translate the {what} as it reads now, then copy it into "
                    "original (or take this one out)"
                ), "stale-translation"))  # fmt: skip
    return found


def translated_event(event: Event, translation: EventTranslation) -> tuple[Event, tuple[str, ...]]:
    """The event with its translated fields, and the verbatim original of each of
    its quotes that the translation translates ("" for one it does not)."""
    changes: dict[str, Any] = {
        name: getattr(translation, name).text
        for name in EVENT_FIELDS
        if getattr(translation, name) is not None
    }
    summaries = {flat(t.original): t.text for t in translation.accounts}
    if summaries:
        changes["accounts"] = [
            a.model_copy(update={"summary": summaries.get(flat(a.summary), a.summary)})
            for a in event.accounts
        ]
    words = {flat(t.original): t.text for t in translation.quotes}
    originals = tuple(q.text if flat(q.text) in words else "" for q in event.quotes)
    if words:
        changes["quotes"] = [
            q.model_copy(update={"text": words.get(flat(q.text), q.text)}) for q in event.quotes
        ]
    return event.model_copy(update=changes), originals


def translated_timeline(timeline: Timeline, language: TimelineLanguage) -> Timeline:
    """The timeline's text in `language`, its `language` that one."""
    changes: dict[str, Any] = {"language": language.language}
    if language.timeline is not None:
        changes |= {
            name: getattr(language.timeline, name).text
            for name in TIMELINE_FIELDS
            if getattr(language.timeline, name) is not None
        }
    return timeline.model_copy(update=changes)


def language_problems(path: str, language: str, timeline: Timeline | None) -> list[Problem]:
    """A translation into the timeline's own language translates nothing."""
    if timeline is not None and language == timeline.language:
        return [Problem(path, 1, 1, (
            f"this translation is into {language}, the timeline's own language (its "
            "timeline.yaml's language): name the file with the language it is in"
        ), "translation-language")]  # fmt: skip
    return []
