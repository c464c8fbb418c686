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
from ..content.translations import (
    ACTOR,
    EVENT,
    OUTLET,
    TIMELINE,
    Translatable,
    items_of,
    named_by,
)
from ..content.validate import Corpus, TimelineEntry
from ..content.yaml_writer import dump_mapping

HEAD = (
    "# A translation into {language}: write each text; keep each original as the\n"
    "# original reads (timeline check says when the original changes). Take out\n"
    "# what you do not translate: the page shows the original there.\n"
)


def _fields(model: Any, spec: Translatable) -> dict[str, Any]:
    """Each field and item of `model` that `spec` translates, with its original."""
    data: dict[str, Any] = {name: {"original": value, "text": ""} for name in spec.fields
                            if (value := getattr(model, name)) is not None}  # fmt: skip
    for part in spec.lists:
        items = [{"original": key, "text": "", **_fields(item, part.inner)}
                 for item in items_of(model, part)
                 if (key := getattr(item, part.key)) is not None]  # fmt: skip
        if items:
            data[part.name] = items[0] if part.single else items
    return data


def translation_files(
    entry: TimelineEntry, language: str, names: dict[str, dict[str, Any]] | None = None
) -> dict[str, str]:
    """Each translation file of the timeline, by path under the content folder,
    and of the actors and outlets its events name (`names`: {"actors": {id: actor},
    "outlets": {id: outlet}})."""
    folder = f"timelines/{entry.slug}"
    head = HEAD.format(language=language)

    def file(kind: str, model: Any, spec: Translatable) -> str:
        return modeline(kind) + head + dump_mapping(_fields(model, spec))

    files = {f"{folder}/timeline.{language}.yaml": file("timeline-translation", entry.timeline,
                                                        TIMELINE)}  # fmt: skip
    for e in entry.events:
        files[f"{folder}/events/{e.id}.{language}.yaml"] = file("event-translation", e.event, EVENT)
    for kind, spec in (("actor", ACTOR), ("outlet", OUTLET)):
        for id, model in sorted((names or {}).get(f"{kind}s", {}).items()):
            files[f"{kind}s/{id}.{language}.yaml"] = file(f"{kind}-translation", model, spec)
    return files


def names_of(entry: TimelineEntry, corpus: Corpus) -> dict[str, dict[str, Any]]:
    """The actors and outlets the timeline's pages name, to translate."""
    actors, outlets = named_by(entry.timeline, [e.event for e in entry.events], corpus.actors)
    return {
        "actors": {i: corpus.actors[i] for i in actors if i in corpus.actors},
        "outlets": {i: corpus.outlets[i] for i in outlets if i in corpus.outlets},
    }


def write_translation_files(
    content: Path, corpus: Corpus, entry: TimelineEntry, language: str
) -> list[Path]:
    """Write the files that do not exist yet; the paths written."""
    if language == entry.timeline.language:
        raise ContentError([Problem(entry.source_path, 1, 1, (
            f"{language} is the timeline's own language: translate it into another"
        ), "translation-language")])  # fmt: skip
    written = []
    for rel, text in translation_files(entry, language, names_of(entry, corpus)).items():
        path = content / rel
        if not path.exists():
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
