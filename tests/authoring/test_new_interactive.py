"""`timeline new` without flags in a terminal: it asks, and checks each answer as typed."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from generator.cli import commands as cli

EVENT = "timelines/demo/events/firefly-meets-the-envoy.yaml"

# One answer per line, in the order `timeline new` asks; "" accepts the default.
ANSWERS = [
    "Firefly meets the envoy",  # title
    "They talked briefly about the vote.",  # summary
    "2021-08-18T10:30",  # date
    "",  # time zone: the timeline's
    "key",  # importance
    "rufus-firefly, freedonia",  # actors
    "diplomacy",  # topics
    "freedonia-gazette",  # outlet
    "Leader meets envoy",  # source title
    "https://gazette.example.org/envoy",  # source URL
    "2021-08-18",  # source published
    "",  # file name: made from the title
]


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(cli, "_in_terminal", lambda: True)


def new(tree, answers: list[str], *flags: str):
    return CliRunner().invoke(
        cli.main,
        ["new", "--content", str(tree.root), *flags],
        input="".join(f"{a}\n" for a in answers),
        prog_name="timeline",
    )


def test_asks_for_every_fact_and_writes_a_valid_event(content_tree, terminal):
    result = new(content_tree, ANSWERS)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"{content_tree.root}/{EVENT}\n")
    for label in ["Title:", "Summary:", "Date:", "Time zone [Europe/Paris]:", "Outlet id:"]:
        assert label in result.stdout
    corpus, problems = content_tree.validate()
    assert problems == []
    event = next(e for e in corpus.timelines["demo"].events if e.id == "firefly-meets-the-envoy")
    assert event.event.actors == ["rufus-firefly", "freedonia"]
    assert event.event.topics == ["diplomacy"]
    assert event.event.importance == "key"
    assert event.event.timezone is None  # the timeline's zone is not repeated
    assert str(event.event.date) == "2021-08-18T10:30"


@pytest.mark.parametrize(
    ("at", "wrong", "says"),
    [
        (0, " ", "Error: this one is required: write something"),
        (2, "18 August 2021", "Error: '18 August 2021' is not a date: write YYYY, YYYY-MM,"),
        (2, "2021-02-30", "Error: '2021-02-30' is not a real date: February 2021 has 28 days"),
        (3, "Europe/Londres", "Error: 'Europe/Londres' is not an IANA time zone"),
        (5, "rufus-firefy", "Error: no actor 'rufus-firefy' (did you mean 'rufus-firefly'?)"),
        (5, "freedonia freedonia", "Error: an id is listed twice: list each once"),
        (6, "diplomcy", "Error: no topic 'diplomcy' (did you mean 'diplomacy'?)"),
        (7, "gazette", "Error: no outlet 'gazette'"),
        (9, "javascript:alert(1)", "is not a web address: write a full http:// or https:// URL"),
        (11, "Bad_Id", "Error: 'Bad_Id' is not a valid id: use lowercase letters a-z,"),
    ],
)
def test_a_wrong_answer_is_refused_and_asked_again(content_tree, terminal, at, wrong, says):
    answers = [*ANSWERS[:at], wrong, *ANSWERS[at:]]
    result = new(content_tree, answers)
    assert result.exit_code == 0, result.output
    assert says in result.output
    assert content_tree.problems() == []


def test_an_existing_event_id_is_refused(content_tree, terminal):
    answers = [*ANSWERS[:-1], "vote", "another-id"]
    result = new(content_tree, answers)
    assert result.exit_code == 0, result.output
    assert "Error: event 'vote' already exists: choose another id" in result.output
    assert content_tree.path("timelines/demo/events/another-id.yaml").is_file()


def test_flags_given_are_not_asked_again(content_tree, terminal):
    result = new(content_tree, ANSWERS[1:], "--title", "Firefly meets the envoy")
    assert result.exit_code == 0, result.output
    assert "Title:" not in result.stdout
    assert content_tree.path(EVENT).is_file()


def test_stopping_writes_nothing(content_tree, terminal):
    result = new(content_tree, ANSWERS[:3])  # input ends: as Ctrl+D
    assert result.exit_code != 0
    assert not content_tree.path(EVENT).exists()


def test_without_a_terminal_it_asks_nothing(content_tree):
    result = new(content_tree, ANSWERS)
    assert result.exit_code == 2
    assert "missing --timeline, --date, --title" in result.stderr
    assert "Title:" not in result.output


def read_until_exit(fd: int, proc: subprocess.Popen, limit: float = 30) -> str:
    out = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=5)
    return out.decode("utf-8", "replace")


def test_a_real_terminal_is_detected(content_tree):
    # No monkeypatching: the command itself sees a terminal on stdin and stdout.
    primary, secondary = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "--content", str(content_tree.root)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        close_fds=True,
    )
    os.close(secondary)
    os.write(primary, "".join(f"{a}\n" for a in ANSWERS).encode())
    output = read_until_exit(primary, proc)
    os.close(primary)
    assert proc.returncode == 0, output
    assert "Title:" in output
    assert content_tree.path(EVENT).is_file()
    assert content_tree.problems() == []
