"""No content feature reads another file: a build of content that names other
files every way an editor could try (snippet inclusion, Jinja includes, YAML
tags, relative and file: links, images, schema comments) opens nothing but
the content folder, the project's own templates and pages, and the places it
writes. Every file the build process opens is recorded by a Python audit hook
(PEP 578) in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml
from helpers import REPO, SPEECH, VALID_CONTENT

from generator.content.yaml_writer import dump_content

# The hook: every path passed to open(), os.open() or os.listdir/scandir.
RECORDER = """
import json, os, sys
opened = set()
def hook(event, args):
    paths = (str, bytes, os.PathLike)
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], paths):
        opened.add(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from generator.cli.commands import main
code = 0
try:
    main(sys.argv[2:], prog_name="timeline")
except SystemExit as exit:
    code = exit.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "opened": sorted(opened)}, out)
"""

# What an editor might write to pull in another file, in fields that show as text.
NAMING = [
    '--8<-- "README.md"',
    '--8<-- "../secret.txt"',
    '{% include "../secret.txt" %}',
    "{{ config.extra }} {{ self }}",
    "![x](../secret.txt) [y](../../README.md)",
    "file:///etc/passwd ../secret.txt ~/secret.txt",
]
# ... and in fields that take Markdown or a link, where each is refused instead.
REFUSED = {
    "body": "![secret](../secret.txt)",
    "introduction": "[secret](file:///etc/passwd)",
}


def _build(tmp_path: Path, content: Path, *args: str) -> dict:
    record = tmp_path / "opened.json"
    subprocess.run(
        [sys.executable, "-c", RECORDER, str(record), *args, "--content", str(content),
         "--site-dir", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "docs")],
        cwd=REPO, check=False, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    return json.loads(record.read_text(encoding="utf-8"))


def _outside_the_build(opened: list[str], tmp_path: Path, content: Path) -> list[str]:
    """Opened paths that are neither the content, the project's own build files,
    where the build writes (its page cache too), nor Python and its packages."""
    allowed = [
        content, tmp_path / "docs", tmp_path / "site", tmp_path / ".cache" / "timeline",
        REPO / "generator", REPO / "pages", REPO / "mkdocs.yml",
        Path(sys.prefix), Path(sys.base_prefix), Path(sysconfig.get_paths()["stdlib"]),
        Path("/usr/share/zoneinfo"), Path("/dev"), Path("/proc"),
    ]  # fmt: skip
    strays = []
    for path in map(Path, opened):
        # Listed: mkdocs.yml's folder, the site's (for a killed build's leftovers); the record.
        if path in (REPO, tmp_path, tmp_path / "opened.json"):
            continue
        if path.is_relative_to(tmp_path) and path.relative_to(tmp_path).parts[0].startswith(
            ".site"
        ):  # the fresh site, built beside site/ and swapped in
            continue
        if ".egg-info" in (path.suffix, path.parent.suffix) or ".dist-info" in (
            path.suffix,
            path.parent.suffix,
        ):  # package metadata (for plugins), read by a search of the installed packages
            continue
        if path.name.endswith("__path_hook__"):  # an editable install's finder: no file
            continue
        if not any(path == root or root in path.parents for root in allowed):
            strays.append(str(path))
    return strays


def test_a_build_of_content_naming_other_files_opens_none_of_them(tmp_path):
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    event = yaml.safe_load((content / SPEECH).read_text(encoding="utf-8"))
    event["title"] = NAMING[0]
    event["summary"] = " ".join(NAMING)
    event["place"] = NAMING[1]
    event["quotes"][0]["text"] = NAMING[2]
    event["sources"][0]["title"] = NAMING[3]
    (content / SPEECH).write_text(
        "# yaml-language-server: $schema=../../../../secret.txt\n" + dump_content("event", event),
        encoding="utf-8",
    )
    run = _build(tmp_path, content, "build")
    assert run["code"] == 0, run
    assert (tmp_path / "site/demo/events/speech/index.html").is_file()
    opened = run["opened"]
    assert str(content / SPEECH) in opened  # the recorder sees what the build reads
    assert str(tmp_path / "secret.txt") not in opened
    assert str(REPO / "README.md") not in opened
    assert "/etc/passwd" not in opened
    assert _outside_the_build(opened, tmp_path, content) == []
    # The names are on the page as text, not as what they name.
    page = (tmp_path / "site/demo/events/speech/index.html").read_text(encoding="utf-8")
    assert page.count("README.md") >= 2 and "secret.txt" in page


def test_refused_references_to_files_open_nothing_either(tmp_path):
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    event = (content / SPEECH).read_text(encoding="utf-8")
    (content / SPEECH).write_text(
        event.replace("\ntitle:", "\nnote: !include ../secret.txt\ntitle:", 1), encoding="utf-8"
    )
    timeline = yaml.safe_load((content / "timelines/demo/timeline.yaml").read_text("utf-8"))
    timeline["introduction"] = REFUSED["introduction"]
    (content / "timelines/demo/timeline.yaml").write_text(
        dump_content("timeline", timeline), encoding="utf-8"
    )
    run = _build(tmp_path, content, "build")
    assert run["code"] == 1
    assert str(tmp_path / "secret.txt") not in run["opened"]
    assert _outside_the_build(run["opened"], tmp_path, content) == []
