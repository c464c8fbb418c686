"""Drafts: a timeline or an event with `draft: true` (an event in a draft
timeline is one too). The preview shows them; the published site leaves them out.

What publishing needs and a draft may still lack (a summary, sources) is a
warning, said with its fix, never an error: an imported or half-written story
can be previewed at once. Everything else is checked as in published content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .model import DraftEvent, DraftTimeline
from .problems import Problem

if TYPE_CHECKING:
    from .load import Document
    from .validate import Corpus, EventEntry

WARNING = "warning"


def draft_timelines(documents: Iterable[Document]) -> frozenset[str]:
    """The slugs of the timelines whose `timeline.yaml` says `draft: true`."""
    return frozenset(
        d.id
        for d in documents
        if d.kind == "timeline"
        and isinstance(d.parsed.data, dict)
        and d.parsed.data.get("draft") is True
    )


def draft_needs(obj: Any, data: dict[str, Any], doc: Document) -> list[Problem]:
    """What a draft still needs before it can be published, as warnings."""
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    if isinstance(obj, DraftEvent):
        if "summary" not in data:
            found.append(((), "draft-needs-summary", (
                "this draft has no summary yet: before publishing, add summary: with one "
                "paragraph, in your own words, of what happened"
            )))  # fmt: skip
        if not obj.sources:
            found.append((("sources",) if "sources" in data else (), "draft-needs-sources", (
                "this draft has no sources yet: before publishing, add sources: with at "
                "least one document that reports it (id, outlet, title, url)"
            )))  # fmt: skip
    if isinstance(obj, DraftTimeline):
        for index, period in enumerate(obj.periods):
            if not period.sources:
                found.append((("periods", index), "draft-needs-sources", (
                    f"period '{period.id}' has no sources yet: before publishing, add "
                    "sources: with at least one document that gives its dates"
                )))  # fmt: skip
    problems = []
    for loc, code, message in found:
        where = doc.parsed.position(loc)
        problems.append(Problem(doc.source_path, where.line, where.column, message, code, WARNING))
    return problems


def links_to_drafts(entries: Sequence[EventEntry]) -> Iterator[tuple[EventEntry, int, str]]:
    """Each published event's link (`related`) to a draft: (event, index, draft's id)."""
    drafts = {entry.id for entry in entries if entry.draft}
    for entry in entries:
        if not entry.draft:
            for index, target in enumerate(entry.event.related):
                if target in drafts:
                    yield entry, index, target


def published(corpus: Corpus) -> Corpus:
    """The corpus without its drafts, nor the pictures only they show: what the
    published site shows."""
    timelines = {
        slug: replace(entry, events=tuple(e for e in entry.events if not e.draft))
        for slug, entry in corpus.timelines.items()
        if not entry.draft
    }
    shown = set()
    for entry in timelines.values():
        media = [entry.timeline.image] + [m for e in entry.events for m in e.event.media]
        shown |= {m.file for m in media if m is not None and m.file}
    pictures = {path: p for path, p in corpus.pictures.items() if path in shown}
    return replace(corpus, timelines=timelines, pictures=pictures)


def draft_count(corpus: Corpus) -> tuple[int, int]:
    """(draft timelines, draft events in published timelines)."""
    timelines = sum(entry.draft for entry in corpus.timelines.values())
    events = sum(
        e.draft for entry in corpus.timelines.values() if not entry.draft for e in entry.events
    )
    return timelines, events
