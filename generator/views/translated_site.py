"""The timelines in each language they are translated into, published under
`/<lang>/` (`zh-Hans/kabul-calls/...`), and the languages each page exists in.

A translated timeline is the original with its translated fields in place: an
event without a translation keeps its original text and says so, and a quote's
translation keeps its verbatim original beside it (EventEntry.untranslated and
.originals). Everything else (dates, sources, ids, the axis) is the original's,
so each page of a timeline has its counterpart in every language at the same
address under the language's folder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from babel import UnknownLocaleError

from ..content.translations import (
    named_by,
    translated_event,
    translated_names,
    translated_timeline,
)
from ..content.validate import Corpus
from .dates_shown import locale_of


def languages(corpus: Corpus) -> list[str]:
    """Every language some timeline is translated into."""
    return sorted({t.language for e in corpus.timelines.values() for t in e.translations})


def translated_corpus(corpus: Corpus, language: str) -> Corpus:
    """The timelines translated into `language`, each under `<language>/<slug>`,
    with the actors' and outlets' names in that language."""
    timelines = {}
    for entry in corpus.timelines.values():
        found = next((t for t in entry.translations if t.language == language), None)
        if found is None:
            continue
        events = []
        own = entry.timeline.language
        for e in entry.events:
            translation = found.events.get(e.id)
            if translation is None:
                events.append(replace(e, translated_from=own, untranslated=True))
            else:
                event, originals = translated_event(e.event, translation)
                events.append(replace(e, event=event, originals=originals, translated_from=own))
        slug = f"{language}/{entry.slug}"
        timeline = translated_timeline(entry.timeline, found)
        periods = {p.id: p for p in timeline.periods}
        timelines[slug] = replace(
            entry, slug=slug, events=tuple(events), translations=(), timeline=timeline,
            periods=tuple(replace(p, period=periods[p.period.id]) for p in entry.periods),
        )  # fmt: skip
    # The people its pages name: the translation's own pages of people list no one else.
    named = set().union(*(named_by(e.timeline, [v.event for v in e.events], corpus.actors)[0]
                          for e in timelines.values()))  # fmt: skip
    shown = {i: a for i, a in corpus.actors.items() if i in named}
    actors, outlets = translated_names(shown, corpus.outlets, corpus.names.get(language))
    return replace(corpus, actors=actors, outlets=outlets, timelines=timelines)


@dataclass(frozen=True)
class Alternate:
    """A page in one of the languages it is published in."""

    language: str  # a BCP 47 tag: "en", "zh-Hans"
    name: str  # the language's own name for itself: "English", "中文"
    uri: str  # the page's URI in that language


def page_versions(pages: dict[str, list[tuple[str, str]]]) -> dict[str, tuple[Alternate, ...]]:
    """Each page that is published in more than one language -> the page in each,
    the site's first. `pages` holds, by folder ("" for the site's, "fa/" for a
    translation's), each page's URI and language."""
    by_rest: dict[str, list[Alternate]] = {}
    for root, found in pages.items():
        for uri, language in found:
            alternate = Alternate(language, autonym(language), uri)
            by_rest.setdefault(uri.removeprefix(root), []).append(alternate)
    return {alt.uri: tuple(versions) for versions in by_rest.values() if len(versions) > 1
            for alt in versions}  # fmt: skip


@cache  # asked of every page in several languages
def autonym(language: str) -> str:
    """A language's name in itself, as a language menu lists it ("فارسی")."""
    try:
        locale = locale_of(language)
    except (ValueError, UnknownLocaleError):
        return language
    name = locale.get_display_name(locale) or language
    return name[:1].upper() + name[1:]


@cache  # asked of every page of a translation
def direction(language: str) -> str:
    """ "rtl" for a language written right to left, else "ltr"."""
    try:
        locale = locale_of(language)
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
