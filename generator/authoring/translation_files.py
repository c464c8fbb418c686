"""`timeline translate`: a timeline's translation files started for a translator,
each translated field with its `original` copied from the original and its
`text` to write (content/translation_model.py).

A file that exists already is left as it is: its stale fields are what
`timeline check` reports. Until each `text` is written, check says which are
missing, so that an untranslated field is never published as a translation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.modeline import modeline
from ..content.problems import ContentError, Problem
from ..content.translations import EVENT_FIELDS, TIMELINE_FIELDS
from ..content.validate import TimelineEntry
from ..content.yaml_writer import dump_mapping

HEAD = (
    "# A translation into {language}: write each text; keep each original as the\n"
    "# original reads (timeline check says when the original changes). Take out\n"
    "# what you do not translate: the page shows the original there.\n"
)


def _fields(model: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: {"original": value, "text": ""} for name in names
            if (value := getattr(model, name)) is not None}  # fmt: skip


def translation_files(entry: TimelineEntry, language: str) -> dict[str, str]:
    """Each translation file of the timeline, by path under the content folder."""
    folder = f"timelines/{entry.slug}"
    head = HEAD.format(language=language)
    files = {f"{folder}/timeline.{language}.yaml": modeline("timeline-translation") + head
             + dump_mapping(_fields(entry.timeline, TIMELINE_FIELDS))}  # fmt: skip
    for e in entry.events:
        data = _fields(e.event, EVENT_FIELDS)
        data["accounts"] = [{"original": a.summary, "text": ""} for a in e.event.accounts]
        data["quotes"] = [{"original": q.text, "text": ""} for q in e.event.quotes]
        files[f"{folder}/events/{e.id}.{language}.yaml"] = (
            modeline("event-translation") + head + dump_mapping(data)
        )
    return files


def write_translation_files(content: Path, entry: TimelineEntry, language: str) -> list[Path]:
    """Write the files that do not exist yet; the paths written."""
    if language == entry.timeline.language:
        raise ContentError([Problem(entry.source_path, 1, 1, (
            f"{language} is the timeline's own language: translate it into another"
        ), "translation-language")])  # fmt: skip
    written = []
    for rel, text in translation_files(entry, language).items():
        path = content / rel
        if not path.exists():
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
