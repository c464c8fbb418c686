"""Helpers shared by the tests: the valid fixture's paths, a mutable content tree,
a fresh copy of the repository and waiting on a live server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.content.load import load_content
from generator.content.problems import Problem
from generator.content.validate import Corpus, validate_content

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
VALID_CONTENT = FIXTURES / "valid" / "content"
# Timed events in four zones, 1960 and 2040, a month, a year, a formula: for the
# programs that read the exports (tests/exports/test_consumers.py).
CONSUMERS_CONTENT = FIXTURES / "consumers" / "content"
REPO = TESTS.parent
# The Node programs the export tests read our files with (`npm ci --prefix tests/js`).
NODE_PROGRAMS = TESTS / "js"

# Paths of the valid fixture's files, under the content folder.
RUFUS = "actors/rufus-firefly.yaml"
FREEDONIA = "actors/freedonia.yaml"
GAZETTE = "outlets/freedonia-gazette.yaml"
TIMELINE = "timelines/demo/timeline.yaml"
SPEECH = "timelines/demo/events/speech.yaml"
VOTE = "timelines/demo/events/vote.yaml"
AFTERMATH = "timelines/demo/events/aftermath.yaml"
VALID_FILES = [RUFUS, FREEDONIA, GAZETTE, TIMELINE, SPEECH, VOTE, AFTERMATH]


# The project's shared folder, beside the checkout (as on every developer's machine
# and in CI): the seed article and real TimelineJS files. Tests that read it say so
# with `needs_shared`.
SHARED = REPO.parent / "shared"


def needs_shared(rel: str) -> pytest.MarkDecorator:
    """Mark a test that reads `rel` under ../shared/: skipped, with that reason, where
    the folder is missing; a failure in CI, which always has it."""
    missing = not (SHARED / rel).exists() and not os.environ.get("CI")
    return pytest.mark.skipif(missing, reason=f"reads ../shared/{rel}, not beside this checkout")


def needs_node_programs() -> pytest.MarkDecorator:
    """Mark a test that reads an export with a Node program under tests/js/: skipped
    where its packages are not installed; a failure in CI, which installs them."""
    missing = not (NODE_PROGRAMS / "node_modules").is_dir() and not os.environ.get("CI")
    return pytest.mark.skipif(missing, reason="needs `npm ci --prefix tests/js`")


def run_node(script: str, *args: str) -> str:
    """What tests/js/`script` prints, run with the machine's Node.js."""
    done = subprocess.run(["node", str(NODE_PROGRAMS / script), *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def locate(text: str, needle: str, nth: int = 1, after: str = "") -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of `needle` in `text`,
    counting from the end of the first occurrence of `after`."""
    at = text.index(after) + len(after) - 1 if after else -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


@dataclass
class ContentTree:
    """A copy of the valid content fixture that a test may change."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once, so a changed fixture fails loudly."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def locate(self, rel: str, needle: str, nth: int = 1, after: str = "") -> tuple[int, int]:
        return locate(self.read(rel), needle, nth, after)

    def validate(self) -> tuple[Corpus | None, list[Problem]]:
        return validate_content(load_content(self.root))

    def problems(self) -> list[Problem]:
        return self.validate()[1]


# --- a whole repository, and a live server -----------------------------------------


def fresh_copy(tmp_path: Path) -> Path:
    """The repository's files as a clone of the next commit would have them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = tmp_path / "repo"
    for rel in filter(None, listed.split("\0")):
        if (REPO / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, copy / rel)
    return copy


def site_project(folder: Path, pages: dict[str, str] | None = None) -> Path:
    """`folder` as a site of its own: mkdocs.yml, the test content and the
    repository's hand-written pages plus `pages` (name: Markdown)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(VALID_CONTENT, folder / "content")
    shutil.copytree(REPO / "pages", folder / "pages")
    (folder / "timeline").mkdir()  # the docs folder, which plain `mkdocs` wants to exist
    for name, text in (pages or {}).items():
        (folder / "pages" / name).write_text(text, encoding="utf-8")
    return folder / "mkdocs.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(check, what: str, timeout: float = 40.0):
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except OSError as exc:  # not up yet
            last = exc
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what} ({last})")


def synthetic_content(folder: Path, events: int) -> Path:
    """`folder`/content: a valid timeline of `events` synthetic events, from the
    benchmark's synthesiser (bench/synth.py; one timeline, "long-story")."""
    import sys

    if str(REPO / "bench") not in sys.path:
        sys.path.insert(0, str(REPO / "bench"))
    from synth import synthesise

    synthesise(folder / "content", events)
    return folder / "content"


def split_pages(monkeypatch: pytest.MonkeyPatch, processes: int) -> list[Any]:
    """Have every build deal its pages out to `processes` processes, as a large
    site's are (mkdocs_adapter/page_split.py); the splits it made, to look at."""
    from generator.mkdocs_adapter import page_split, plugin

    made: list[Any] = []
    monkeypatch.setattr(plugin, "SMALLEST_SITE", 1)
    monkeypatch.setattr(plugin, "spare_cores", lambda: processes - 1)
    real = page_split.PageSplit
    monkeypatch.setattr(plugin, "PageSplit", lambda *a: made.append(real(*a)) or made[-1])
    return made
