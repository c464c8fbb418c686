"""`timeline new timeline|actor|outlet`: a second story, its people and its
publishers, each written valid or not at all."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import commands as cli


def _run(tree, *args: str, answers: list[str] | None = None):
    return CliRunner().invoke(
        cli.main, [*args, "--content", str(tree.root)], prog_name="timeline",
        input="".join(f"{a}\n" for a in answers) if answers is not None else None,
    )  # fmt: skip


def test_a_second_timeline_its_actor_outlet_and_event(content_tree):
    made = _run(content_tree, "new", "timeline", "budget-crisis", "--title", "The budget crisis",
                "--dek", "How the budget fell.", "--timezone", "Europe/Paris")  # fmt: skip
    assert made.exit_code == 0, made.output
    text = content_tree.read("timelines/budget-crisis/timeline.yaml")
    assert 'title: "The budget crisis"\ndraft: true\ndek: "How the budget fell."\n' in text
    for args in (
        ("new", "actor", "minister", "--name", "The Minister", "--kind", "person",
         "--country", "freedonia"),
        ("new", "outlet", "herald", "--name", "The Herald", "--kind", "news",
         "--url", "https://herald.example.org/"),
    ):  # fmt: skip
        done = _run(content_tree, *args)
        assert done.exit_code == 0, done.output
    event = _run(content_tree, "new", "--timeline", "budget-crisis", "--date", "2021-08-21",
                 "--title", "The minister resigns", "--summary", "She left after the vote.",
                 "--outlet", "herald", "--source-title", "Minister quits",
                 "--source-url", "https://herald.example.org/quits",
                 "--source-published", "2021-08-21", "--actor", "minister")  # fmt: skip
    assert event.exit_code == 0, event.output
    checked = _run(content_tree, "check")
    assert checked.exit_code == 0, checked.output
    assert "1 draft timeline(s) (budget-crisis)" in checked.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("new", "actor", "minister", "--name", "M", "--kind", "person", "--country", "nowhere"),
         "actors/minister.yaml:4:10: unknown state 'nowhere'"),
        (("new", "outlet", "herald", "--name", "H", "--kind", "newspaper"),
         "kind: 'newspaper' is not allowed (did you mean 'news'?)"),
        (("new", "outlet", "freedonia-gazette", "--name", "G", "--kind", "news"),
         "outlets/freedonia-gazette.yaml:1:1: this outlet exists already: choose another id"),
        (("new", "actor", "Bad_Id", "--name", "B", "--kind", "state"),
         "actors/Bad_Id.yaml:1:1: bad actor id:"),
        (("new", "timeline", "x", "--title", "X", "--dek", "D", "--timezone", "Asia/Abu_Dhabi"),
         "its clocks are Asia/Dubai's, so write timezone: Asia/Dubai"),
    ],
)  # fmt: skip
def test_what_would_not_be_valid_is_refused_and_nothing_is_written(content_tree, args, said):
    before = sorted(p.relative_to(content_tree.root) for p in content_tree.root.rglob("*"))
    done = _run(content_tree, *args)
    assert done.exit_code == 1, done.output
    assert said in done.output
    assert "nothing was written" in done.stderr
    assert sorted(p.relative_to(content_tree.root) for p in content_tree.root.rglob("*")) == before


def test_without_flags_and_outside_a_terminal_it_says_what_is_missing(content_tree):
    done = _run(content_tree, "new", "outlet", "herald")
    assert done.exit_code == 2
    assert "missing --name, --kind: give every required flag" in done.output


def test_in_a_terminal_it_asks_and_checks_each_answer_on_enter(content_tree, monkeypatch):
    monkeypatch.setattr(cli, "_in_terminal", lambda: True)
    answers = ["The Minister", "minister", "person", "Finance minister", "nowhere", "freedonia", ""]
    done = _run(content_tree, "new", "actor", "minister", answers=answers)
    assert done.exit_code == 0, done.output
    assert "'minister' is not one of 'person', 'state', 'organisation', 'group'" in done.output
    assert "Error: no state 'nowhere': add a file content/actors/<id>.yaml" in done.output
    text = content_tree.read("actors/minister.yaml")
    assert 'name: "The Minister"' in text and 'role: "Finance minister"' in text
