"""A preview's check keeps each file's references between edits (ModelCache):
what it reports is what a fresh check reports, after any edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import RUFUS, SPEECH, VALID_CONTENT

from generator.content.load import ParseCache, load_content
from generator.content.validate import ModelCache, validate_content


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
