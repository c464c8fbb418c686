"""The editor's guide (CONTRIBUTING.md), followed to the letter.

On a fresh copy of the repository, this test does what the walk-through says:
answers `timeline new`'s questions with the guide's answers (and gets exactly
the guide's transcript), previews the page with `timeline serve`, makes the
guide's deliberate mistake, and gets the guide's `timeline check` output and
GitHub annotation, pointing at the line. The messages in its table of errors
are real ones, from the golden files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, REPO, fetch, free_port, fresh_copy, wait_for

from generator.cli import commands as cli

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
PROMPT = re.compile(
    r"^(Title|Summary|Date|Time zone|Importance|Actors|Topics|Outlet id|Source title"
    r"|Source URL|Source published|File name \(event id\))( \[[^\]]*\])?: (.*)$"
)


def block(name: str, nth: int = 0) -> str:
    """The nth code block (fenced or indented) after `<!-- guide-test: name -->`."""
    after = GUIDE.split(f"<!-- guide-test: {name} -->\n", 1)[1]
    blocks = re.findall(r"^```\w*\n(.*?)^```$|((?:^    [^\n]*\n)+)", after, re.M | re.S)
    fenced, indented = blocks[nth]
    return fenced or "".join(line[4:] + "\n" for line in indented.splitlines())


def command_and_output(name: str) -> tuple[list[str], str]:
    first, _, output = block(name).partition("\n")
    assert first.startswith("$ .venv/bin/timeline ")
    return first.removeprefix("$ .venv/bin/").split(), output


def run_as_editor(repo: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / args[0], *args[1:]], cwd=repo, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory) -> tuple[Path, str, int]:
    """A fresh copy where step 1 was done: `timeline new` answered with the guide's
    answers, in a terminal. Returns the copy, what the command printed, its exit code."""
    repo = fresh_copy(tmp_path_factory.mktemp("guide"))
    _, transcript = command_and_output("new-session")
    answers = [m.group(3) for line in transcript.splitlines() if (m := PROMPT.match(line))]
    assert len(answers) == 12
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        patch.setattr(cli, "_in_terminal", lambda: True)
        patch.setattr(cli, "_today", lambda: date(2026, 12, 2))  # the guide's day
        result = CliRunner().invoke(
            cli.main, ["new"], input="".join(a + "\n" for a in answers), prog_name="timeline"
        )
    return repo, result.output, result.exit_code


def test_1_timeline_new_prints_the_guides_transcript(walkthrough):
    repo, output, exit_code = walkthrough
    assert block("new-session").startswith("$ .venv/bin/timeline new\n")
    _, transcript = command_and_output("new-session")
    assert exit_code == 0
    assert output == transcript
    assert (repo / transcript.splitlines()[-1]).is_file()
    assert run_as_editor(repo, ["timeline", "check"]).returncode == 0


def test_2_serve_shows_it_and_3_a_mistake_is_reported_at_its_line(walkthrough):
    repo = walkthrough[0]
    event = next((repo / "content/timelines/kabul-calls/events").glob("the-un-*.yaml"))
    title = "The UN Security Council meets on Afghanistan"
    assert block("preview").strip() == "$ .venv/bin/timeline serve"
    port = free_port()
    urls = re.findall(r"<(http://127\.0\.0\.1:8000/kabul-calls/[^>]+)>", GUIDE)
    assert len(urls) == 2
    log_path = repo.parent / "serve.log"
    with log_path.open("w+", encoding="utf-8") as log:
        server = subprocess.Popen(
            [BIN / "timeline", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=repo,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
        try:
            page, timeline = (u.replace(":8000/", f":{port}/") for u in urls)
            wait_for(lambda: title in fetch(page), "the event page", timeout=90)
            assert title in fetch(timeline)

            # The deliberate mistake, exactly as the guide words it.
            before, after = block("mistake", 0).strip(), block("mistake", 1).strip()
            text = event.read_text(encoding="utf-8")
            assert text.count(before + "\n") == 1
            event.write_text(text.replace(before, after), encoding="utf-8")

            def reported() -> bool:
                log.seek(0)
                return "'16 August 2021' is not a date" in log.read()

            wait_for(reported, "serve to report the mistake", timeout=60)
            assert title in fetch(page)  # the last good build stays up
        finally:
            server.terminate()
            server.wait(timeout=20)

    args, output = command_and_output("check-output")
    checked = subprocess.run(
        [BIN / args[0], *args[1:]],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert checked.returncode == 1
    assert checked.stdout == output

    args, annotation = command_and_output("annotation")
    annotated = run_as_editor(repo, args)
    assert annotated.returncode == 1
    assert annotated.stdout == annotation
    line = text[: text.index(before)].count("\n") + 1
    assert f",line={line},col=7," in annotation

    event.write_text(text, encoding="utf-8")  # "Put the date back"
    assert run_as_editor(repo, ["timeline", "check"]).returncode == 0


def test_the_table_of_errors_shows_real_messages():
    goldens = "".join(
        path.read_text(encoding="utf-8") for path in (FIXTURES / "invalid").glob("*/expected.txt")
    )
    table = GUIDE.split("<!-- guide-test: messages -->\n", 1)[1].split("\n\n", 1)[0]
    messages = re.findall(r"^\| `(.+?)` \|", table, re.M)
    assert len(messages) >= 5
    for message in messages:
        assert f": {message}\n" in goldens, message


def test_the_guide_is_linked_and_its_links_resolve():
    assert "(CONTRIBUTING.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", GUIDE):
        assert (REPO / target).exists(), target
    for anchor in re.findall(r"\]\(#([^)]+)\)", GUIDE):
        headings = re.findall(r"^#+ (.+)$", GUIDE, re.M)
        slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
        assert anchor in slugs, anchor


def test_the_guides_yaml_examples_are_valid_parts_of_a_real_event():
    from generator.content.model import Event, Timeline
    from generator.content.strict_yaml import parse_yaml

    rel = "timelines/kabul-calls/events/blinken-wang-call.yaml"
    event, _ = parse_yaml((REPO / "content" / rel).read_text(encoding="utf-8"), rel)
    snippets = re.findall(r"^```yaml\n(.*?)^```$", GUIDE, re.M | re.S)
    assert len(snippets) == 5  # a source, two accounts, a picture, periods, a correction
    timeline_rel = "timelines/kabul-calls/timeline.yaml"
    timeline, _ = parse_yaml((REPO / "content" / timeline_rel).read_text("utf-8"), timeline_rel)
    for snippet in snippets:
        parsed, problems = parse_yaml(snippet, "CONTRIBUTING.md")
        assert problems == []
        if "periods" in parsed.data:  # a part of a timeline.yaml
            Timeline.model_validate({**timeline.data, **parsed.data})
            continue
        Event.model_validate({**event.data, **parsed.data})
        if "accounts" in parsed.data:  # they name the real event's sources
            ids = {s["id"] for s in event.data["sources"]}
            assert {a["source"] for a in parsed.data["accounts"]} <= ids


def _session(copy: Path, text: str) -> None:
    """Each `$ command` of a guide block, run in `copy`; what it prints is what the
    guide shows under it."""
    import shlex

    lines = text.splitlines()
    for n, line in enumerate(lines):
        if not line.startswith("$ "):
            continue
        shown = []
        for after in lines[n + 1 :]:
            if after.startswith("$ "):
                break
            shown.append(after)
        words = shlex.split(line[2:])
        if words[0] == "git":
            words = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *words[1:]]
        run = subprocess.run(
            [str(BIN / words[0].removeprefix(".venv/bin/")) if words[0].startswith(".venv")
             else words[0], *words[1:]],
            cwd=copy, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
        assert run.returncode == 0, (line, run.stdout, run.stderr)
        if shown:
            assert run.stdout.splitlines() == shown, line


def test_the_guide_starts_a_second_story_with_its_people_and_removes_the_demo(tmp_path):
    copy = fresh_copy(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                    "-qm", "start"], cwd=copy, check=True)  # fmt: skip
    _session(copy, block("second-story"))
    _session(copy, block("people"))
    text = block("remove-demo")
    _session(copy, text)
    assert not (copy / "content/timelines/kabul-calls").exists()
    assert (copy / "content/timelines/fall-of-saigon/timeline.yaml").is_file()
