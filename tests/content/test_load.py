"""The content folder's shape: what load_content finds, refuses and ignores."""

from __future__ import annotations

import os

import pytest
from helpers import AFTERMATH, FREEDONIA, GAZETTE, RUFUS, SPEECH, TIMELINE, VALID_FILES, VOTE

from generator.content.load import MAX_FILE_BYTES, ParseCache, load_content


def reported(tree) -> list[tuple[str, int, int, str]]:
    """(path, line, column, code) of each problem, sorted: the walk order is not a contract."""
    return sorted(
        (p.source_path, p.line, p.column, p.code) for p in load_content(tree.root).problems
    )


def messages(tree) -> dict[str, str]:
    return {p.source_path: p.message for p in load_content(tree.root).problems}


def test_valid_tree_loads_every_file(content_tree):
    loaded = load_content(content_tree.root)
    assert loaded.problems == []
    got = sorted((d.kind, d.id, d.source_path, d.timeline) for d in loaded.documents)
    assert got == [
        ("actor", "freedonia", FREEDONIA, None),
        ("actor", "rufus-firefly", RUFUS, None),
        ("event", "aftermath", AFTERMATH, "demo"),
        ("event", "speech", SPEECH, "demo"),
        ("event", "vote", VOTE, "demo"),
        ("outlet", "freedonia-gazette", GAZETTE, None),
        ("timeline", "demo", TIMELINE, "demo"),
    ]
    assert sorted(d.source_path for d in loaded.documents) == sorted(VALID_FILES)
    speech = next(d for d in loaded.documents if d.id == "speech")
    assert speech.parsed.data["title"] == "Firefly addresses the nation"


@pytest.mark.parametrize(
    ("rel", "hint"),
    [
        ("actors/wang-yi.yml", "rename it to wang-yi.yaml"),
        ("outlets/xinhua.YML", "rename it to xinhua.yaml"),
        ("timelines/demo/events/call.yml", "rename it to call.yaml"),
        ("actors/notes.txt", "move it out"),
        ("actors/README", "move it out"),
        ("actors/.DS_Store", "move it out"),
        ("timelines/demo/events/call.yaml.bak", "move it out"),
    ],
)
def test_files_that_are_not_yaml(content_tree, rel, hint):
    content_tree.write(rel, "name: x\n")
    assert reported(content_tree) == [(rel, 1, 1, "not-yaml")]
    assert messages(content_tree)[rel] == (f"not a .yaml file: content files end in .yaml; {hint}")


def test_uppercase_extension_hint(content_tree):
    content_tree.write("actors/wang-yi.YAML", "name: x\n")
    assert messages(content_tree)["actors/wang-yi.YAML"].endswith("rename it to wang-yi.yaml")


def test_symlinked_file(content_tree):
    os.symlink("freedonia.yaml", content_tree.path("actors/freedonia-link.yaml"))
    assert reported(content_tree) == [("actors/freedonia-link.yaml", 1, 1, "symlink")]
    assert messages(content_tree)["actors/freedonia-link.yaml"] == (
        "symbolic links are not allowed in content: replace the link with the real file or folder"
    )


def test_symlinked_folder(content_tree, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("title: x\n")
    os.symlink(elsewhere, content_tree.path("timelines/demo/events/more"))
    os.symlink(elsewhere, content_tree.path("timelines/other"))
    assert reported(content_tree) == [
        ("timelines/demo/events/more", 1, 1, "symlink"),
        ("timelines/other", 1, 1, "symlink"),
    ]


def test_symlinked_top_level_folder_and_dangling_link(content_tree):
    os.symlink(content_tree.path("actors"), content_tree.path("people"))
    os.symlink("missing.yaml", content_tree.path("outlets/gone.yaml"))
    assert reported(content_tree) == [
        ("outlets/gone.yaml", 1, 1, "symlink"),
        ("people", 1, 1, "symlink"),
    ]


def test_symlinked_events_folder_is_not_followed(content_tree):
    events = content_tree.path("timelines/demo/events")
    events.rename(content_tree.root.parent / "real-events")
    os.symlink(content_tree.root.parent / "real-events", events)
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.code) for p in loaded.problems] == [
        ("timelines/demo/events", "symlink")
    ]
    assert not [d for d in loaded.documents if d.kind == "event"]


@pytest.mark.parametrize(
    ("rel", "example"),
    [
        ("actors/Upper_Case.yaml", ", e.g. 'upper-case'"),
        ("outlets/the guardian.yaml", ", e.g. 'the-guardian'"),
        ("timelines/demo/events/call--twice.yaml", ", e.g. 'call-twice'"),
        ("timelines/demo/events/-leading.yaml", ", e.g. 'leading'"),
        ("actors/___.yaml", ""),
    ],
)
def test_bad_ids_in_file_names(content_tree, rel, example):
    content_tree.write(rel, "name: x\nkind: person\n")
    stem = rel.rsplit("/", 1)[1].removesuffix(".yaml")
    assert reported(content_tree) == [(rel, 1, 1, "bad-id")]
    assert messages(content_tree)[rel] == (
        f"bad file name: '{stem}' is not a valid id: use lowercase letters a-z, digits and "
        f"single hyphens, at most 80 characters{example}"
    )


def test_id_length_limit(content_tree):
    ok, long = "a" * 80, "a" * 81
    content_tree.write(f"actors/{ok}.yaml", "name: A\nkind: person\n")
    content_tree.write(f"actors/{long}.yaml", "name: A\nkind: person\n")
    assert reported(content_tree) == [(f"actors/{long}.yaml", 1, 1, "bad-id")]


def test_bad_timeline_folder_name(content_tree):
    content_tree.path("timelines/demo").rename(content_tree.path("timelines/Demo_2"))
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.line, p.column, p.code) for p in loaded.problems] == [
        ("timelines/Demo_2", 1, 1, "bad-id")
    ]
    assert loaded.problems[0].message.startswith("bad timeline folder name: 'Demo_2' is not")
    assert not [d for d in loaded.documents if d.timeline]


def test_unexpected_entries_at_each_level(content_tree):
    content_tree.write("README.md", "# notes\n")
    content_tree.write("drafts/x.yaml", "title: x\n")
    content_tree.write("actors/people/x.yaml", "name: x\n")
    content_tree.write("outlets/old/x.yaml", "name: x\n")
    content_tree.write("timelines/stray.yaml", "title: x\n")
    content_tree.write("timelines/demo/notes.txt", "x\n")
    content_tree.write("timelines/demo/images/a.yaml", "x: 1\n")
    content_tree.write("timelines/demo/events/2021/x.yaml", "title: x\n")
    loaded = load_content(content_tree.root)
    assert {p.source_path: (p.line, p.column, p.code, p.message) for p in loaded.problems} == {
        "README.md": (
            1,
            1,
            "layout",
            "unexpected entry: the content folder holds actors/, outlets/, timelines/ "
            "and media/ only; move it out",
        ),
        "drafts": (
            1,
            1,
            "layout",
            "unexpected entry: the content folder holds actors/, outlets/, timelines/ "
            "and media/ only; move it out",
        ),
        "actors/people": (
            1,
            1,
            "layout",
            "unexpected folder: actors/ holds only .yaml files; move it out",
        ),
        "outlets/old": (
            1,
            1,
            "layout",
            "unexpected folder: outlets/ holds only .yaml files; move it out",
        ),
        "timelines/stray.yaml": (
            1,
            1,
            "layout",
            "unexpected file: timelines/ holds one folder per timeline; move it out",
        ),
        "timelines/demo/notes.txt": (
            1,
            1,
            "layout",
            "unexpected entry: a timeline folder holds timeline.yaml, its translations "
            "(timeline.<lang>.yaml) and events/ only; move it out",
        ),
        "timelines/demo/images": (
            1,
            1,
            "layout",
            "unexpected entry: a timeline folder holds timeline.yaml, its translations "
            "(timeline.<lang>.yaml) and events/ only; move it out",
        ),
        "timelines/demo/events/2021": (
            1,
            1,
            "layout",
            "unexpected folder: timelines/demo/events/ holds only .yaml files; move it out",
        ),
    }
    # Nothing inside a refused folder is loaded; everything else still is.
    assert sorted(d.source_path for d in loaded.documents) == sorted(VALID_FILES)


def test_top_level_names_must_be_folders(content_tree, tmp_path):
    root = tmp_path / "other"
    root.mkdir()
    (root / "actors").write_text("x\n")
    (root / "timelines").write_text("x\n")
    loaded = load_content(root)
    assert [(p.source_path, p.code) for p in loaded.problems] == [
        ("actors", "layout"),
        ("timelines", "layout"),
    ]


def test_events_must_be_a_folder(content_tree):
    content_tree.write("timelines/other/timeline.yaml", content_tree.read(TIMELINE))
    content_tree.write("timelines/other/events", "title: x\n")
    assert reported(content_tree) == [("timelines/other/events", 1, 1, "layout")]


def test_missing_timeline_yaml(content_tree):
    content_tree.path(TIMELINE).unlink()
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.line, p.column, p.code) for p in loaded.problems] == [
        (TIMELINE, 1, 1, "missing-file")
    ]
    assert loaded.problems[0].message == (
        "missing file: every timeline folder needs a timeline.yaml with its title, dek, "
        "introduction, published and timezone"
    )
    # Its events are still read, so their own mistakes are reported in the same run.
    assert sorted(d.id for d in loaded.documents if d.kind == "event") == [
        "aftermath",
        "speech",
        "vote",
    ]


def test_empty_timeline_folder(content_tree):
    content_tree.path("timelines/empty").mkdir()
    assert reported(content_tree) == [("timelines/empty/timeline.yaml", 1, 1, "missing-file")]


def test_no_timeline_at_all(tmp_path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "timelines").mkdir()
    loaded = load_content(tmp_path)
    assert [(p.source_path, p.line, p.column, p.code, p.message) for p in loaded.problems] == [
        ("timelines", 1, 1, "layout", "no timeline found: add timelines/<slug>/timeline.yaml")
    ]


def test_file_too_large(content_tree):
    rel = "timelines/demo/events/huge.yaml"
    content_tree.write_bytes(rel, b"title: " + b"x" * MAX_FILE_BYTES + b"\n")
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.line, p.column, p.code, p.message) for p in loaded.problems] == [
        (rel, 1, 1, "too-big", "file is larger than 1,000,000 bytes: split it")
    ]
    assert "huge" not in {d.id for d in loaded.documents}


def test_file_at_the_size_limit_is_read(content_tree):
    rel = "timelines/demo/events/big.yaml"
    body = b"title: big\n"
    filler = b"# " + b"x" * (MAX_FILE_BYTES - len(body) - 3) + b"\n"
    content_tree.write_bytes(rel, filler + body)
    assert len(content_tree.path(rel).read_bytes()) == MAX_FILE_BYTES
    loaded = load_content(content_tree.root)
    assert loaded.problems == []
    big = next(d for d in loaded.documents if d.id == "big")
    assert big.parsed.data == {"title": "big"}


def test_gitkeep_is_ignored_everywhere(content_tree, tmp_path):
    for folder in ["", "actors", "outlets", "timelines", "timelines/demo", "timelines/demo/events"]:
        content_tree.write(f"{folder}/.gitkeep" if folder else ".gitkeep", "")
    loaded = load_content(content_tree.root)
    assert loaded.problems == []
    assert len(loaded.documents) == len(VALID_FILES)
    # ... including in an otherwise empty folder, the way git keeps one.
    empty = tmp_path / "fresh"
    for folder in ["actors", "outlets", "timelines/x/events"]:
        (empty / folder).mkdir(parents=True)
        (empty / folder / ".gitkeep").write_text("")
    assert [(p.source_path, p.code) for p in load_content(empty).problems] == [
        ("timelines/x/timeline.yaml", "missing-file")
    ]


def test_other_hidden_files_are_not_ignored(content_tree):
    content_tree.write("timelines/demo/events/.speech.yaml.swp", "x")
    assert reported(content_tree) == [("timelines/demo/events/.speech.yaml.swp", 1, 1, "not-yaml")]


def test_problems_in_one_file_do_not_stop_the_others(content_tree):
    content_tree.write_bytes("actors/broken.yaml", b"name: caf\xe9\n")
    content_tree.write("actors/tabbed.yaml", "name:\tx\n")
    content_tree.write("outlets/syntax.yaml", "name: [x\n")
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.line, p.column, p.code) for p in loaded.problems] == [
        ("actors/broken.yaml", 1, 10, "encoding"),
        ("actors/tabbed.yaml", 1, 6, "bad-character"),
        ("outlets/syntax.yaml", 2, 1, "yaml-syntax"),
    ]
    assert sorted(d.source_path for d in loaded.documents) == sorted(VALID_FILES)


def test_file_with_refused_values_is_still_loaded(content_tree):
    # So that its other mistakes are reported in the same run.
    content_tree.replace(VOTE, "approximate: true", "approximate: yes")
    loaded = load_content(content_tree.root)
    assert [(p.source_path, p.code) for p in loaded.problems] == [(VOTE, "ambiguous-value")]
    vote = next(d for d in loaded.documents if d.id == "vote")
    assert vote.parsed.data["approximate"] is None
    assert vote.parsed.data["title"] == "Parliament votes on the budget"


def test_folder_named_timeline_yaml(content_tree):
    content_tree.path(TIMELINE).unlink()
    content_tree.path(TIMELINE).mkdir()
    assert reported(content_tree) == [(TIMELINE, 1, 1, "layout")]


def test_folder_named_like_an_event_file(content_tree):
    content_tree.path("timelines/demo/events/x.yaml").mkdir()
    assert reported(content_tree) == [("timelines/demo/events/x.yaml", 1, 1, "layout")]


def parsed_by_path(root, kept=None):
    return {d.source_path: d.parsed for d in load_content(root, kept).documents}


def test_loading_again_reparses_only_changed_files(content_tree):
    # The live preview reloads the folder on every edit.
    kept = ParseCache()
    first = parsed_by_path(content_tree.root, kept)
    content_tree.replace(SPEECH, "title: Firefly addresses the nation", "title: Firefly speaks")
    (content_tree.root / VOTE).unlink()
    again = parsed_by_path(content_tree.root, kept)
    assert again[RUFUS] is first[RUFUS]  # unchanged: not parsed again
    assert again[SPEECH] is not first[SPEECH]
    assert again[SPEECH].data["title"] == "Firefly speaks"
    assert VOTE not in again
    content_tree.write(VOTE, "title: [unclosed\n")
    assert [p.code for p in load_content(content_tree.root, kept).problems] == ["yaml-syntax"]
    assert [p.code for p in load_content(content_tree.root, kept).problems] == ["yaml-syntax"]
    assert (
        parsed_by_path(content_tree.root)[RUFUS] is not first[RUFUS]
    )  # one-off loads keep nothing
