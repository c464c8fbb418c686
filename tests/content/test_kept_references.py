"""A preview's check keeps each file's references, and each event's own checks,
between edits (ModelCache): what it reports is what a fresh check reports,
after any edit."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from helpers import RUFUS, SPEECH, TIMELINE, VALID_CONTENT, VOTE

from generator.content.load import ParseCache, load_content
from generator.content.validate import ModelCache, check_corpus, validate_content


def _problems(content, parses, models):
    return sorted(validate_content(load_content(content, parses), models)[1])


def test_kept_references_follow_the_files_and_the_ids_they_name(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    parses, models = ParseCache(), ModelCache()
    assert _problems(content, parses, models) == []
    # An edit that names no one: that file's references checked again.
    speech = content / SPEECH
    text = speech.read_text(encoding="utf-8")
    speech.write_text(text.replace("speaker: rufus-firefly", "speaker: rufus-fireflly"),
                      encoding="utf-8")  # fmt: skip
    found = _problems(content, parses, models)
    assert any("rufus-fireflly" in p.message for p in found)
    assert found == sorted(validate_content(load_content(content))[1])
    speech.write_text(text, encoding="utf-8")
    assert _problems(content, parses, models) == []
    # The id they name taken away: every unchanged file that names it reports it.
    rufus = (content / RUFUS).read_text(encoding="utf-8")
    (content / RUFUS).unlink()
    found = _problems(content, parses, models)
    assert {p.source_path for p in found if "rufus-firefly" in p.message} >= {SPEECH}
    assert found == sorted(validate_content(load_content(content))[1])
    (content / RUFUS).write_text(rufus, encoding="utf-8")
    assert _problems(content, parses, models) == []


def _entries(content, parses, models):
    corpus = validate_content(load_content(content, parses), models)[0]
    return {e.id: e for e in corpus.timelines["demo"].events}


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


def test_kept_event_checks_follow_the_event_and_its_timeline(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    parses, models = ParseCache(), ModelCache()
    first = _entries(content, parses, models)
    # Another event edited: the unchanged ones keep their entries, the very objects.
    _edit(content / SPEECH, "Firefly addresses the nation", "Firefly speaks")
    again = _entries(content, parses, models)
    assert again["vote"] is first["vote"] and again["speech"] is not first["speech"]
    # An event's own problem is reported while other files change, until it is mended.
    vote = _edit(content / VOTE, "date_note:", "note_on_the_date:")
    _edit(content / VOTE, "note_on_the_date:", "# date_note:")
    found = _problems(content, parses, models)
    assert [p.code for p in found] == ["approximate-without-note"]
    _edit(content / SPEECH, "Firefly speaks", "Firefly speaks again")
    assert _problems(content, parses, models) == found
    assert found == sorted(validate_content(load_content(content))[1])
    (content / VOTE).write_text(vote, encoding="utf-8")
    assert _problems(content, parses, models) == []
    # The timeline's zone changed: an event without its own is placed again.
    before = _entries(content, parses, models)["aftermath"]
    _edit(content / TIMELINE, "timezone: Europe/Paris", "timezone: Asia/Tokyo")
    after = _entries(content, parses, models)
    assert after["aftermath"].start == before.start - timedelta(hours=7)
    assert after["aftermath"].timezone == "Asia/Tokyo"
    assert after["speech"].start == first["speech"].start  # its own zone
    fresh = {e.id: e for e in check_corpus(load_content(content)).timelines["demo"].events}
    assert after == fresh


def test_a_kept_parse_is_read_again_after_an_edit_of_the_same_size(tmp_path, monkeypatch):
    """The preview skips files whose time, size and inode are as they were; an
    edit that keeps the size still changes the time, and is read."""
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    parses = ParseCache()
    first = {d.source_path: d for d in load_content(content, parses).documents}
    speech = content / SPEECH
    text = speech.read_text(encoding="utf-8")
    edited = text.replace("Firefly addresses the nation", "Firefly addresses the Nation")
    assert len(edited) == len(text) and edited != text
    speech.write_text(edited, encoding="utf-8")
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or real(path))
    again = {d.source_path: d for d in load_content(content, parses).documents}
    assert [n for n in read if n.endswith(".yaml")] == ["speech.yaml"]  # the rest as they were
    assert again[SPEECH].parsed.data["title"] == "Firefly addresses the Nation"
    assert again[RUFUS].parsed is first[RUFUS].parsed  # untouched: not read again
