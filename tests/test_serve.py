"""`timeline serve`: a content edit shows up without a restart, and an invalid
edit is reported while the last good version stays up."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import REPO, SPEECH, VALID_CONTENT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(check, what: str, timeout: float = 40.0):
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


@pytest.fixture
def server(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content),
         "--docs-dir", str(tmp_path / "docs"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    try:
        yield content, f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_edits_reload_and_invalid_edits_keep_the_last_good_site(server):
    content, base, log = server
    page = f"{base}/demo/events/speech/"
    _wait_for(lambda: "Firefly addresses the nation" in _fetch(page), "the first build")

    event = content / SPEECH
    event.write_text(event.read_text().replace("addresses the nation", "talks to the nation"))
    _wait_for(lambda: "Firefly talks to the nation" in _fetch(page), "the edit to show")

    event.write_text(event.read_text().replace("\ntitle:", "\ntitel:"))

    def reported() -> bool:
        log.seek(0)
        return "unknown field 'titel': did you mean 'title'?" in log.read()

    _wait_for(reported, "the problem to be reported")
    log.seek(0)
    assert "serving the last good version" in log.read()
    assert "Firefly talks to the nation" in _fetch(page)
