"""The check cache: a check from what the last one kept says exactly what a check
without it says, and parses and validates only the files that changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import CONSUMERS_CONTENT, REPO, RUFUS, SPEECH, TIMELINE, VOTE
from pydantic import BaseModel

from generator.checking import check_content
from generator.cli.commands import main
from generator.content import check_cache
from generator.content.check_cache import FILE, CheckCache, StoredParsed, fingerprint
from generator.content.load import digest
from generator.content.strict_yaml import Position


def same(a: Any, b: Any, where: str = "") -> None:
    """Equal, and built alike: the same types, fields given and field order."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        assert list(a.__dict__) == list(b.__dict__), where
        for name in a.__dict__:
            same(a.__dict__[name], b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


@pytest.fixture
def counted(monkeypatch):
    """How many files the next checks parse and validate."""
    import generator.content.load as load
    import generator.content.validate as validate

    counts = {"parsed": 0, "validated": 0}
    parse, validated = load.parse_yaml, validate._Checker._validated

    def parse_counted(*args):
        counts["parsed"] += 1
        return parse(*args)

    def validated_counted(*args):
        counts["validated"] += 1
        return validated(*args)

    monkeypatch.setattr(load, "parse_yaml", parse_counted)
    monkeypatch.setattr(validate._Checker, "_validated", validated_counted)
    return counts


def both(content: Path, cache: Path):
    """A check without the cache, and one with it."""
    return check_content(content), check_content(content, cache=cache)


@pytest.mark.parametrize(
    "content", [REPO / "content", CONSUMERS_CONTENT], ids=["demo", "consumers"]
)
def test_restored_models_are_the_validated_ones(content, tmp_path, counted):
    check_content(content, cache=tmp_path)
    files = counted["parsed"]
    (cold, cold_problems), (warm, warm_problems) = both(content, tmp_path)
    assert counted["parsed"] == 2 * files  # the warm check parsed nothing
    assert warm_problems == cold_problems and warm == cold
    for slug, entry in cold.timelines.items():
        same(entry.timeline, warm.timelines[slug].timeline, slug)
        for event, restored in zip(entry.events, warm.timelines[slug].events, strict=True):
            same(event.event, restored.event, event.id)
    for kind in ("actors", "outlets"):
        for key, model in getattr(cold, kind).items():
            same(model, getattr(warm, kind)[key], key)


def test_only_a_changed_file_is_checked_again(content_tree, tmp_path, counted):
    check_content(content_tree.root, cache=tmp_path)
    counted["parsed"] = counted["validated"] = 0
    content_tree.replace(SPEECH, "title: Firefly addresses the nation", "title: Firefly speaks")
    corpus, problems = check_content(content_tree.root, cache=tmp_path)
    assert counted == {"parsed": 1, "validated": 1}
    assert problems == [] and corpus == check_content(content_tree.root)[0]
    speech = next(e for e in corpus.timelines["demo"].events if e.id == "speech")
    assert speech.event.title == "Firefly speaks"
    # And the next check keeps the change.
    counted["parsed"] = 0
    assert check_content(content_tree.root, cache=tmp_path)[0] == corpus
    assert counted["parsed"] == 0


def test_unchanged_files_are_still_checked_against_the_rest(content_tree, tmp_path, counted):
    # A reference from an unchanged file into one that is gone is reported at
    # the very line and column a check without the cache gives.
    check_content(content_tree.root, cache=tmp_path)
    (content_tree.root / RUFUS).unlink()
    counted["parsed"] = 0
    (_, cold), (_, warm) = both(content_tree.root, tmp_path)
    assert warm == cold
    assert SPEECH in {p.source_path for p in warm}
    assert all(p.code == "unknown-reference" for p in warm)
    assert all((p.line, p.column) != (1, 1) for p in warm)


def test_new_mistakes_are_reported_as_without_the_cache(content_tree, tmp_path):
    check_content(content_tree.root, cache=tmp_path)
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", "date: 15 August 2021")
    content_tree.write("actors/broken.yaml", "name: [unclosed\n")
    (_, cold), (_, warm) = both(content_tree.root, tmp_path)
    assert warm == cold and {p.code for p in warm} >= {"bad-date", "yaml-syntax"}
    # Still the same from the cache those mistakes are now in.
    assert check_content(content_tree.root, cache=tmp_path)[1] == cold


def test_a_timeline_made_a_draft_validates_its_events_as_drafts(content_tree, tmp_path, counted):
    check_content(content_tree.root, cache=tmp_path)
    for event in (SPEECH, VOTE):
        text = content_tree.read(event)
        content_tree.write(event, text[: text.index("\nsources:")] + "\n")  # no sources
    content_tree.write(TIMELINE, content_tree.read(TIMELINE) + "draft: true\n")
    check_content(content_tree.root, cache=tmp_path)
    counted["validated"] = 0
    (cold, cold_problems), (warm, warm_problems) = both(content_tree.root, tmp_path)
    assert warm_problems == cold_problems and warm == cold
    drafts = {p.source_path for p in cold_problems if p.code == "draft-needs-sources"}
    assert drafts == {SPEECH, VOTE}
    assert counted["validated"] == 7  # all without the cache, none with it


def test_a_cache_from_other_code_is_not_used(content_tree, tmp_path, counted, monkeypatch):
    check_content(content_tree.root, cache=tmp_path)
    monkeypatch.setattr(check_cache, "fingerprint", lambda: "another version")
    counted["parsed"] = 0
    assert check_content(content_tree.root, cache=tmp_path)[1] == []
    assert counted["parsed"] == 7
    header = (tmp_path / FILE).read_text(encoding="utf-8").split("\n", 1)[0]
    assert "another version" in header  # and replaced by this version's


def test_the_fingerprint_follows_this_stage_s_code(tmp_path):
    code = Path(check_cache.__file__).parent
    copy = tmp_path / "content"
    shutil.copytree(code, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint(copy) == fingerprint()
    (copy / "fields.py").write_text((code / "fields.py").read_text() + "\n# changed\n")
    assert fingerprint(copy) != fingerprint()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('"digest":"', '"digest":7,"x":"', 1),
        lambda text: text[: len(text) // 2],
        lambda text: text.split("\n", 1)[0] + "\n{not json\n\n",
        lambda text: text.replace('"class":"Event"', '"class":"Nothing"', 1),
        lambda text: "\x00\xff" + text,
    ],
)
def test_a_damaged_cache_is_checked_afresh(content_tree, tmp_path, damage):
    check_content(content_tree.root, cache=tmp_path)
    path = tmp_path / FILE
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    corpus, problems = check_content(content_tree.root, cache=tmp_path)
    assert (corpus, problems) == check_content(content_tree.root)


def test_the_cache_is_rewritten_only_when_a_file_changed(content_tree, tmp_path):
    check_content(content_tree.root, cache=tmp_path)
    path = tmp_path / FILE
    before = path.stat().st_mtime_ns, path.read_bytes()
    path.touch()
    touched = path.stat().st_mtime_ns
    check_content(content_tree.root, cache=tmp_path)
    assert path.stat().st_mtime_ns == touched  # left alone
    (content_tree.root / VOTE).unlink()
    check_content(content_tree.root, cache=tmp_path)
    assert path.read_bytes() != before[1]
    assert VOTE not in path.read_text(encoding="utf-8")  # only what is there now
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_cache_that_cannot_be_written_only_slows_the_next_check(content_tree, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert check_content(content_tree.root, cache=blocked) == check_content(content_tree.root)


def test_positions_of_a_file_changed_during_the_check(content_tree):
    # A stored parse reads its file again for positions: if the file changed
    # meanwhile, it claims none rather than wrong ones.
    raw = content_tree.path(SPEECH).read_bytes()
    stored = StoredParsed({}, set(), set(), content_tree.path(SPEECH), digest(raw))
    url = content_tree.locate(SPEECH, "https://gazette.example.org/transcript", nth=2)
    assert stored.position(("sources", 1, "url")) == Position(*url)
    changed = StoredParsed({}, set(), set(), content_tree.path(SPEECH), digest(b"other"))
    assert changed.position(("sources", 1, "url")) == Position(1, 1)


def test_loading_a_cache_of_another_folder_uses_what_matches(content_tree, tmp_path):
    # Entries are by path and bytes: the same files elsewhere are the same check.
    check_content(content_tree.root, cache=tmp_path / "cache")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(content_tree.root, elsewhere)
    kept = CheckCache.load(tmp_path / "cache", elsewhere)
    assert set(kept.parses.files) >= {RUFUS, SPEECH, TIMELINE}
    assert check_content(elsewhere, cache=tmp_path / "cache") == check_content(elsewhere)


def test_timeline_check_keeps_its_cache_unless_told_not_to(content_tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    runner = CliRunner()
    args = ["check", "--content", str(content_tree.root)]
    assert runner.invoke(main, [*args, "--cache", ""]).exit_code == 0
    assert not (tmp_path / ".cache").exists()
    for _ in range(2):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and result.stderr.startswith("ok: 1 timeline(s), 3 events")
    assert (tmp_path / ".cache" / "timeline" / FILE).is_file()
