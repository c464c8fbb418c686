"""A preview's check keeps each file's references between edits (ModelCache):
what it reports is what a fresh check reports, after any edit."""

from __future__ import annotations

import shutil

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
