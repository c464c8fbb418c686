"""A normal install ships everything: the wheel, built from the committed files and
installed into a fresh virtual environment, checks, builds and serves a copy of
the shipped content in a folder of its own (as a newsroom's repository holds it:
content/, pages/, mkdocs.yml), and runs the pre-commit hook this project offers.

Nothing there may come from the source checkout: the installed package must find
its templates and theme files inside itself.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO, fetch, free_port, fresh_copy, wait_for

from generator.mkdocs_adapter.engine import build_site

pytestmark = pytest.mark.slow  # a wheel and every dependency into a new venv: ~40 s


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin` folder of a fresh venv holding only the built wheel and its dependencies."""
    work = tmp_path_factory.mktemp("install")
    source = fresh_copy(work)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), "."],
        cwd=source, check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = (work / "dist").glob("timeline_generator-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    bin_dir = work / "venv" / "bin"
    subprocess.run(
        # With the `chinese` extra: the checkout's test environment has jieba, and
        # the demo has Chinese, which search segments with it.
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", f"{wheel}[chinese]"],
        check=True, capture_output=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    shutil.rmtree(source)  # so that nothing can be read from it
    return bin_dir


@pytest.fixture
def newsroom(tmp_path) -> Path:
    """A folder with what a newsroom's repository holds, and no generator source."""
    room = tmp_path / "newsroom"
    room.mkdir()
    for name in ("content", "pages"):
        shutil.copytree(REPO / name, room / name)
    shutil.copy2(REPO / "mkdocs.yml", room / "mkdocs.yml")
    return room


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def test_the_installed_package_is_not_the_checkout(installed, newsroom):
    where = _run(installed, newsroom, "python", "-c", "import generator; print(generator.__file__)")
    assert "site-packages" in where.stdout, where
    assert str(REPO) not in where.stdout


def test_the_wheel_checks_and_builds_the_same_site_as_the_checkout(installed, newsroom, tmp_path):
    checked = _run(installed, newsroom, "timeline", "check")
    assert checked.returncode == 0, checked.stderr
    assert "ok: 1 timeline(s), 15 events" in checked.stderr
    built = _run(installed, newsroom, "timeline", "build")
    assert built.returncode == 0, built.stderr
    assert (newsroom / "timeline" / ".generated-by-timeline").is_file()  # made by the build
    build_site(REPO / "mkdocs.yml", REPO / "content", tmp_path / "site", tmp_path / "docs")
    compared = filecmp.dircmp(tmp_path / "site", newsroom / "site")
    assert _differences(compared) == []


def _differences(compared: filecmp.dircmp) -> list[str]:
    found = compared.left_only + compared.right_only + compared.diff_files + compared.funny_files
    _, mismatch, errors = filecmp.cmpfiles(
        compared.left, compared.right, compared.common_files, shallow=False
    )
    found += mismatch + errors
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found


def test_the_wheel_serves_a_preview(installed, newsroom):
    port = free_port()
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen(
        ["timeline", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=newsroom, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        page = f"http://127.0.0.1:{port}/kabul-calls/events/blinken-wang-call/"
        text = wait_for(lambda: fetch(page), "the preview to serve an event page")
        assert "Blinken" in text
        assert "assets/stylesheets/timeline.css" in text  # the theme files came along
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_offered_pre_commit_hook_runs_from_the_wheel(installed, newsroom):
    """The hook other repositories adopt (.pre-commit-hooks.yaml), run as pre-commit
    runs a `language: python` hook: its entry, in an environment with the package
    installed, in the repository's top folder."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    entry = hook["entry"].split()
    assert _run(installed, newsroom, *entry).returncode == 0
    event = newsroom / "content/timelines/kabul-calls/events/fall-of-saigon.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), "utf-8")
    refused = _run(installed, newsroom, *entry)
    assert refused.returncode == 1
    assert "content/timelines/kabul-calls/events/fall-of-saigon.yaml:" in refused.stdout
    assert "unknown field 'titel' (did you mean 'title'?)" in refused.stdout
