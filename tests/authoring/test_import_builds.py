"""Knight Lab's own TimelineJS samples, imported as a newsroom would: each into a
copy of the default content, as a draft that checks clean, is left out of the
published site and built with `--drafts`; given a source, it can be published."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, SHARED, needs_shared

INTEROP = SHARED / "interop" / "timelinejs"
SAMPLES = ["eras.json", "houston_timeline3.json", "twain_marktwain.json", "women_in_computing.csv"]


def _timeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def _imported(tmp_path: Path, sample: str, *flags: str) -> tuple[Path, str]:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    slug = sample.split(".")[0].replace("_", "-")
    done = _timeline("import", str(INTEROP / sample), "--content", str(content),
                     "--timeline", slug, *flags)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.splitlines()[-1].startswith(f"imported {slug} as a draft:")
    return content, slug


@needs_shared("interop/timelinejs")
@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES)
def test_a_sample_imports_as_a_draft_that_builds_only_when_asked(tmp_path, sample):
    content, slug = _imported(tmp_path, sample)
    checked = _timeline("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"1 draft timeline(s) ({slug})" in checked.stderr
    for flags, there in (([], False), (["--drafts"], True)):
        site = tmp_path / f"site{len(flags)}"
        built = _timeline("build", "--content", str(content), "--site-dir", str(site),
                          "--docs-dir", str(tmp_path / f"docs{len(flags)}"), *flags)  # fmt: skip
        assert built.returncode == 0, built.stdout + built.stderr
        assert (site / slug / "timeline/index.html").exists() is there
        assert (site / "kabul-calls/timeline/index.html").exists()  # the rest is untouched


@needs_shared("interop/timelinejs")
@pytest.mark.parametrize("sample", SAMPLES)
def test_given_a_source_an_imported_sample_can_be_published(tmp_path, sample):
    content, slug = _imported(tmp_path, sample, "--outlet", "wikipedia",
                              "--source-url", "https://timeline.knightlab.com/")  # fmt: skip
    timeline = content / "timelines" / slug / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text
    timeline.write_text(text.replace("\ndraft: true\n", "\n"), encoding="utf-8")
    checked = _timeline("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "warning" not in checked.stdout and "draft" not in checked.stderr


def test_the_source_needs_its_outlet(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    sample = REPO / "tests/fixtures/valid/content/timelines/demo/timeline.yaml"  # not read
    done = _timeline("import", str(sample), "--content", str(content), "--timeline", "x",
                     "--outlet", "wikipedi", "--source-url", "https://e.org/")  # fmt: skip
    assert done.returncode == 1
    assert "--outlet: there is no outlet 'wikipedi' (did you mean 'wikipedia'?)" in done.stderr
    done = _timeline("import", str(sample), "--content", str(content), "--timeline", "x",
                     "--outlet", "wikipedia")  # fmt: skip
    assert done.returncode == 2 and "give --outlet and --source-url together" in done.stderr
