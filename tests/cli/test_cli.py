"""The `timeline` command: help text, exit codes, `new` and `schema --check`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from helpers import REPO, SPEECH, VALID_CONTENT, VOTE

from generator import __version__
from generator.cli.commands import main
from generator.schemas.json_schemas import build_schemas

SCHEMAS = REPO / "schemas"


def run(*args: str):
    # As the `timeline` console script runs it (click names the program after argv[0]).
    return CliRunner().invoke(main, list(args), prog_name="timeline")


def flat(text: str) -> str:
    """Help text with its line wrapping undone, so tests do not depend on the width."""
    return " ".join(text.split())


# --- help ------------------------------------------------------------------------


def test_main_help():
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: timeline [OPTIONS] COMMAND [ARGS]...\n")
    text = flat(result.stdout)
    assert "Build news explainer timelines from YAML content." in text
    assert "`timeline check` reports every mistake as path:line:col: message." in text
    assert "check Validate all content and report every problem at once." in text
    assert "new Create a new, valid event (or timeline, actor, outlet) file." in text
    assert "schema Write the JSON Schema of each kind of content file" in text
    assert "-h, --help Show this message and exit." in text
    assert run("-h").stdout == result.stdout


def test_check_help():
    result = run("check", "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: timeline check [OPTIONS]\n")
    text = flat(result.stdout)
    assert "Exits 0 when the content is clean, 1 when it has problems, 2 on a usage error." in text
    assert "--content DIRECTORY The content folder (actors/, outlets/, timelines/)." in text
    assert "[default: content]" in text
    assert "--format [github|json|text]" in text
    assert "[default: text]" in text


def test_new_help():
    result = run("new", "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: timeline new [OPTIONS] [COMMAND] [ARGS]...\n")
    text = flat(result.stdout)
    for command in ("timeline Start a new timeline", "actor Add a person", "outlet Add a"):
        assert command in text
    assert "if anything is wrong (an unknown outlet, a bad date), nothing is written" in text
    for option in [
        "--timeline TEXT",
        "--date TEXT",
        "--title TEXT",
        "--summary TEXT",
        "--outlet TEXT",
        "--source-title TEXT",
        "--source-url TEXT",
        "--source-published TEXT",
        "--id TEXT",
        "--timezone TEXT",
        "--importance [key|normal|background]",
        "--actor TEXT Actor id; repeat for several.",
        "--topic TEXT Topic id; repeat for several.",
    ]:
        assert option in text
    assert text.count("[required; asked for in a terminal]") == 8


def test_version():
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"timeline, version {__version__}\n")


def test_python_dash_m_generator():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: timeline [OPTIONS] COMMAND [ARGS]...")


# --- check: exit codes --------------------------------------------------------------


def test_check_clean_content_exits_0(content_tree):
    result = run("check", "--content", str(content_tree.root))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "ok: 1 timeline(s), 3 events, 2 actors, 1 outlets\n"


def test_check_clean_content_as_json(content_tree):
    result = run("check", "--content", str(content_tree.root), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": []}


def test_check_with_problems_exits_1(content_tree, monkeypatch):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    content_tree.replace(SPEECH, "  - diplomacy\n", "  - diplomasy\n")
    monkeypatch.chdir(content_tree.root.parent)
    result = run("check", "--content", "./content/")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/timelines/demo/events/speech.yaml:17:5: unknown topic 'diplomasy' "
        "(did you mean 'diplomacy'?): add it to the timeline's topics",
        "content/timelines/demo/events/vote.yaml:8:8: order: must be a whole number like 1, "
        "not text",
    ]
    assert result.stderr == "2 problems in 2 file(s)\n"


def test_check_with_absolute_content_path(content_tree):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    result = run("check", "--content", str(content_tree.root))
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{content_tree.root.as_posix()}/timelines/demo/events/vote.yaml:8:8: "
    )


def test_check_github_format(content_tree, monkeypatch):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    monkeypatch.chdir(content_tree.root.parent)
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=content/timelines/demo/events/vote.yaml,line=8,col=8,"
        "title=timeline check%3A int-type::order: must be a whole number like 1, not text\n"
    )


def test_check_nonexistent_content_folder_exits_2(tmp_path):
    missing = tmp_path / "nope"
    result = run("check", "--content", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: Invalid value for --content: '{missing}' is not a folder" in result.stderr


def test_check_content_that_is_a_file_exits_2(content_tree):
    result = run("check", "--content", str(content_tree.path(VOTE)))
    assert result.exit_code == 2
    assert "Invalid value for '--content'" in result.stderr


def test_check_default_content_folder_is_content(content_tree, monkeypatch):
    monkeypatch.chdir(content_tree.root.parent)
    assert run("check").exit_code == 0
    monkeypatch.chdir(content_tree.root)
    assert run("check").exit_code == 2


def test_check_bad_format_exits_2(content_tree):
    result = run("check", "--content", str(content_tree.root), "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'github', 'json', 'text'." in (
        result.stderr
    )


def test_unknown_command_and_option_exit_2():
    assert run("build-everything").exit_code == 2
    assert run("check", "--colour").exit_code == 2


def test_check_runs_as_a_real_process(content_tree):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", "content"],
        capture_output=True,
        text=True,
        cwd=content_tree.root.parent,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "content/timelines/demo/events/vote.yaml:8:8: order: must be a whole number like 1, "
        "not text\n"
    )
    assert result.stderr == "1 problem in 1 file(s)\n"


def test_check_loads_no_render_or_export_code(content_tree):
    # The pre-commit hook runs `check` on every commit: it should not pay for
    # importing the renderer, the templates' engine or the exports.
    script = (
        "import sys\n"
        "from generator.cli.commands import main\n"
        "try:\n"
        "    main(['check', '--content', 'content'])\n"
        "except SystemExit as exit:\n"
        "    print(exit.code)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=content_tree.root.parent,
        check=True,
    )
    code, modules = result.stdout.splitlines()[-2:]
    assert code == "0"
    loaded = set(modules.split())
    assert "generator.content.validate" in loaded  # it did check
    heavy = {"jinja2", "generator.pipeline", "generator.exports.formats"}
    assert not heavy & loaded
    assert not any(m.startswith(("generator.render", "mkdocs")) for m in loaded)


# --- new --------------------------------------------------------------------------------

NEW = [
    "--timeline",
    "demo",
    "--date",
    "2021-08-18T10:30",
    "--title",
    "Firefly meets the ambassador: a 'quick' chat #1",
    "--summary",
    'They talked: briefly, and "warmly".',
    "--outlet",
    "freedonia-gazette",
    "--source-title",
    "Leader meets envoy",
    "--source-url",
    "https://gazette.example.org/envoy",
    "--source-published",
    "2021-08-18",
]


def test_new_creates_a_file_that_passes_check(content_tree, monkeypatch):
    monkeypatch.chdir(content_tree.root.parent)
    result = run(
        "new",
        *NEW,
        "--actor",
        "rufus-firefly",
        "--actor",
        "freedonia",
        "--topic",
        "diplomacy",
        "--importance",
        "key",
        "--timezone",
        "Europe/Paris",
    )
    assert result.exit_code == 0, result.output
    rel = "timelines/demo/events/firefly-meets-the-ambassador-a-quick-chat-1.yaml"
    assert result.stdout == f"content/{rel}\n"
    text = content_tree.read(rel)
    assert text.startswith(
        "# yaml-language-server: $schema=../../../../schemas/event.schema.json\n"
    )
    corpus, problems = content_tree.validate()
    assert problems == []
    entry = next(e for e in corpus.timelines["demo"].events if e.id == rel.rsplit("/", 1)[1][:-5])
    event = entry.event
    assert event.title == "Firefly meets the ambassador: a 'quick' chat #1"
    assert event.summary == 'They talked: briefly, and "warmly".'
    assert str(event.date) == "2021-08-18T10:30"
    assert (event.timezone, event.importance) == ("Europe/Paris", "key")
    assert event.actors == ["rufus-firefly", "freedonia"]
    assert event.topics == ["diplomacy"]
    assert [(s.id, s.outlet, s.url) for s in event.sources] == [
        ("freedonia-gazette", "freedonia-gazette", "https://gazette.example.org/envoy")
    ]
    assert run("check").exit_code == 0


def test_new_on_a_published_timeline_dates_the_event_and_the_timelines_update(
    content_tree, monkeypatch
):
    """A developing story: the event is published today (feed readers show it as
    new) and the explainer says it was updated today; nothing else in the
    timeline's file changes, its comments kept."""
    from datetime import date

    import yaml

    from generator.cli import commands

    monkeypatch.setattr(commands, "_today", lambda: date(2026, 12, 2))
    timeline = "timelines/demo/timeline.yaml"
    content_tree.replace(
        timeline, 'updated: "2021-08-20T09:00"', 'updated: "2021-08-20T09:00"  # ok'
    )
    before = content_tree.read(timeline)
    result = run("new", "--content", str(content_tree.root), *NEW, "--id", "envoy")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f'{timeline}: updated: "2026-12-02" (the timeline is already')
    assert content_tree.read(timeline) == before.replace(
        'updated: "2021-08-20T09:00"  # ok', 'updated: "2026-12-02"  # ok'
    )
    corpus, problems = content_tree.validate()
    assert problems == []
    (envoy,) = [e for e in corpus.timelines["demo"].events if e.id == "envoy"]
    assert str(envoy.event.published) == "2026-12-02"
    # A timeline not yet out (a draft) changes nothing; its events need no date.
    content_tree.replace(timeline, "language: en", "language: en\ndraft: true")
    drafted = content_tree.read(timeline)
    result = run("new", "--content", str(content_tree.root), *NEW, "--id", "envoy-2")
    assert result.exit_code == 0, result.output
    assert content_tree.read(timeline) == drafted and result.stderr == ""
    written = yaml.safe_load(content_tree.read("timelines/demo/events/envoy-2.yaml"))
    assert "published" not in written and written["sources"][0]["published"] == "2021-08-18"


def test_new_with_explicit_id(content_tree):
    result = run("new", "--content", str(content_tree.root), *NEW, "--id", "envoy")
    assert result.exit_code == 0, result.output
    assert content_tree.path("timelines/demo/events/envoy.yaml").is_file()
    assert content_tree.problems() == []


def test_new_refuses_an_unknown_outlet(content_tree, monkeypatch):
    monkeypatch.chdir(content_tree.root.parent)
    before = sorted(p.name for p in content_tree.path("timelines/demo/events").iterdir())
    args = [*NEW]
    args[args.index("freedonia-gazette")] = "freedonia-gazett"
    result = run("new", *args, "--id", "envoy")
    assert result.exit_code == 1
    assert result.stdout == (
        "content/timelines/demo/events/envoy.yaml:7:13: unknown outlet 'freedonia-gazett' "
        "(did you mean 'freedonia-gazette'?): add a file content/outlets/<id>.yaml or use an "
        "existing id\n"
    )
    assert "nothing was written" in result.stderr
    after = sorted(p.name for p in content_tree.path("timelines/demo/events").iterdir())
    assert after == before


@pytest.mark.parametrize(
    ("flag", "value", "code_text"),
    [
        ("--date", "2021-02-30", "'2021-02-30' is not a real date"),
        ("--source-url", "ftp://gazette.example.org/x", "is not a web address"),
        ("--timezone", "Asia/Kabil", "(did you mean 'Asia/Kabul'?)"),
    ],
)
def test_new_refuses_bad_facts(content_tree, flag, value, code_text):
    result = run("new", "--content", str(content_tree.root), *NEW, flag, value, "--id", "envoy")
    assert result.exit_code == 1
    assert code_text in result.stdout
    assert not content_tree.path("timelines/demo/events/envoy.yaml").exists()


def test_new_refuses_unknown_actor_with_suggestion(content_tree):
    result = run("new", "--content", str(content_tree.root), *NEW, "--actor", "rufus", "--id", "e")
    assert result.exit_code == 1
    assert "unknown actor 'rufus'" in result.stdout
    assert not content_tree.path("timelines/demo/events/e.yaml").exists()


def test_new_refuses_an_existing_id(content_tree):
    original = content_tree.read(VOTE)
    result = run("new", "--content", str(content_tree.root), *NEW, "--id", "vote")
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "timelines/demo/events/vote.yaml:1:1: this event already exists: pass --id to choose "
        "another id\n"
    )
    assert content_tree.read(VOTE) == original


def test_new_refuses_a_bad_id_and_an_unknown_timeline(content_tree):
    bad = run("new", "--content", str(content_tree.root), *NEW, "--id", "Bad_Id")
    assert bad.exit_code == 1
    assert "bad event id: 'Bad_Id' is not a valid id" in bad.stdout
    args = [*NEW]
    args[args.index("demo")] = "demos"
    unknown = run("new", "--content", str(content_tree.root), *args)
    assert unknown.exit_code == 1
    assert "no timeline 'demos' (did you mean 'demo'?): correct --timeline" in unknown.stdout
    assert not content_tree.path("timelines/demos").exists()


def test_new_missing_required_flag_exits_2(content_tree):
    result = run("new", "--content", str(content_tree.root), *NEW[:-2])
    assert result.exit_code == 2
    assert (
        "Error: missing --source-published: give every required flag (see --help), "
        "or run `timeline new` in a terminal to be asked for each\n"
    ) in result.stderr


@pytest.mark.parametrize("char", ["\u202e", "\u2028"])
def test_new_never_writes_a_file_that_check_refuses(content_tree, char):
    args = [*NEW]
    args[args.index("Leader meets envoy")] = f"Leader{char}meets envoy"
    result = run("new", "--content", str(content_tree.root), *args, "--id", "envoy")
    if result.exit_code == 0:
        assert content_tree.problems() == []
    else:
        assert not content_tree.path("timelines/demo/events/envoy.yaml").exists()
        assert result.exit_code == 1


# --- schema --check --------------------------------------------------------------------


def committed_schemas() -> list[str]:
    return sorted(p.name for p in SCHEMAS.glob("*.schema.json")) if SCHEMAS.is_dir() else []


def test_schema_check_passes_on_the_committed_schemas(monkeypatch):
    assert committed_schemas(), "schemas/ holds no schemas: run `timeline schema`"
    monkeypatch.chdir(REPO)
    result = run("schema", "--check")
    assert result.exit_code == 0, f"stale schemas, run `timeline schema`:\n{result.stdout}"
    assert result.stdout == ""


def test_schema_check_reports_stale_and_missing_files(tmp_path):
    out = tmp_path / "schemas"
    written = run("schema", "--output", str(out))
    assert written.exit_code == 0
    assert sorted(written.stdout.splitlines()) == sorted(f"{out}/{n}" for n in build_schemas())
    assert run("schema", "--check", "--output", str(out)).exit_code == 0
    (out / "event.schema.json").write_text("{}\n")
    (out / "actor.schema.json").unlink()
    result = run("schema", "--check", "--output", str(out))
    assert result.exit_code == 1
    assert sorted(result.stdout.splitlines()) == [
        f"{out}/actor.schema.json: stale: run `timeline schema`",
        f"{out}/event.schema.json: stale: run `timeline schema`",
    ]


def test_export_writes_each_format(tmp_path):
    import csv as csv_module
    import io

    result = run(
        "export", "--content", str(VALID_CONTENT), "--format", "csv", "--site-url", "https://x.org/"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv_module.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["speech", "vote", "aftermath"]
    assert rows[1]["url"] == "https://x.org/demo/events/vote/"
    out = tmp_path / "t.json"
    result = run(
        "export", "--content", str(VALID_CONTENT), "--format", "timelinejs", "--output", str(out)
    )
    assert result.exit_code == 0
    assert '"unique_id": "speech"' in out.read_text(encoding="utf-8")
    assert run("export", "--content", str(VALID_CONTENT), "--format", "pdf").exit_code == 2


def test_import_reports_and_checks(tmp_path):
    source = tmp_path / "tl.json"
    source.write_text(
        '{"events": [{"start_date": {"year": 2021, "month": 8}, '
        '"text": {"headline": "A month", "text": "<p>Something happened.</p><img src=x>"}}], '
        '"eras": [{"start_date": {"year": 2020}, "text": {"headline": "An era"}}]}'
    )
    content = tmp_path / "content"
    content.mkdir()
    result = run("import", str(source), "--content", str(content), "--timeline", "new-story",
                 "--published", "2026-01-01")  # fmt: skip
    assert result.exit_code == 0  # a draft, which checks clean
    out = result.stdout
    assert f"{source}: era 1 ('An era'): an era needs a start and an end date: not imported" in out
    assert "new-story/events/a-month.yaml:1:1: dropped from the text: image in text" in out
    # The check that follows the import: what the draft still needs, file by file.
    assert "a-month.yaml:2:1: warning: this draft has no sources yet: before publishing" in out
    assert result.stderr.splitlines()[-1].startswith("imported new-story as a draft:")
    event = (content / "timelines/new-story/events/a-month.yaml").read_text()
    assert 'date: "2021-08"' in event and 'summary: "Something happened."' in event
    assert "\ndraft: true\n" in (content / "timelines/new-story/timeline.yaml").read_text()
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = run("import", str(empty), "--content", str(content), "--timeline", "x")
    assert result.exit_code == 1 and "the file is empty" in result.stderr
