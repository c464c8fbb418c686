"""Golden files: the exact output of `timeline check` for trees of bad content.

Each folder under tests/fixtures/invalid/ is one case. Most hold a committed
`content/` tree; the cases in BUILT hold bytes or links that git and editors do
not keep reliably (bad bytes, tabs, symlinks), so the test builds their tree in
tmp_path. `expected.txt` is what `timeline check --content content` prints on
stdout, run from the case folder. `pytest --update-goldens` rewrites it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import AFTERMATH, FIXTURES, VALID_CONTENT

from generator.cli.commands import main

CASES = FIXTURES / "invalid"


def _build_bad_bytes(content: Path) -> None:
    """Bytes and characters that only a generator can write faithfully."""
    events = content / "timelines" / "demo" / "events"
    (content / "actors" / "tabbed.yaml").write_bytes(b"name:\tTabbed\nkind: person\n")
    (content / "outlets" / "latin1.yaml").write_bytes(b"name: Caf\xe9 Gazette\nkind: news\n")
    (events / "control.yaml").write_bytes(b"title: Bell\x07\nsummary: x\x00y\n")
    (events / "bidi.yaml").write_bytes("title: admin\u202e txt.exe\n".encode())
    (events / "old-mac.yaml").write_bytes(b"title: x\rsummary: y\r")
    (events / "separators.yaml").write_bytes("title: a\u2028b\nsummary: c\x85d\n".encode())
    # A BOM and CRLF line endings are fine: this file must not be reported.
    valid = (content / AFTERMATH).read_text(encoding="utf-8")
    (events / "windows.yaml").write_bytes(b"\xef\xbb\xbf" + valid.replace("\n", "\r\n").encode())


def _build_symlinks(content: Path) -> None:
    os.symlink("freedonia.yaml", content / "actors" / "alias.yaml")
    os.symlink("../../../actors", content / "timelines" / "demo" / "events" / "people")
    os.symlink("demo", content / "timelines" / "mirror")


BUILT: dict[str, Callable[[Path], None]] = {
    "bad-bytes": _build_bad_bytes,
    "symlinks": _build_symlinks,
}
COMMITTED = sorted(p.name for p in CASES.iterdir() if (p / "content").is_dir())


def case_folder(name: str, tmp_path: Path) -> Path:
    """The folder to run `timeline check` in: committed, or built from the valid fixture."""
    if name not in BUILT:
        return CASES / name
    folder = tmp_path / name
    shutil.copytree(VALID_CONTENT, folder / "content")
    BUILT[name](folder / "content")
    return folder


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str, cache: Path | None = None):
    """`timeline check` in `folder`, keeping its cache in `cache` (none by default:
    the committed case folders stay as they are)."""
    monkeypatch.chdir(folder)
    kept = ["--cache", str(cache) if cache else ""]
    return CliRunner().invoke(main, ["check", "--content", "content", *kept, *args])


def _not_again(*args: object) -> None:
    raise AssertionError("an unchanged file was parsed or validated again")


def compare(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-goldens"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{golden} differs; if the change is intended, run pytest --update-goldens"
    )


def test_every_case_folder_is_a_case():
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == sorted([*COMMITTED, *BUILT])
    assert not set(COMMITTED) & set(BUILT)
    assert len(COMMITTED) >= 5 and "everything" in COMMITTED


@pytest.mark.parametrize("name", [*COMMITTED, *BUILT])
def test_check_output_matches_golden(name, tmp_path, monkeypatch, update_goldens):
    folder = case_folder(name, tmp_path)
    result = check(folder, monkeypatch, cache=tmp_path / "cache")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    compare(result.stdout, CASES / name / "expected.txt", update_goldens)
    # Checked again from what the first check kept, parsing and validating no
    # file again: the very same report.
    monkeypatch.setattr("generator.content.load.parse_yaml", _not_again)
    monkeypatch.setattr("generator.content.validate._Checker._validated", _not_again)
    again = check(folder, monkeypatch, cache=tmp_path / "cache")
    assert (tmp_path / "cache" / "check.jsonl").is_file()
    assert (again.exit_code, again.stdout, again.stderr) == (1, result.stdout, result.stderr)

    lines = result.stdout.splitlines()
    assert lines, "a case with bad content must report something"
    assert all(line.startswith("content/") for line in lines)
    files = {line.split(":", 1)[0] for line in lines}
    noun = "problem" if len(lines) == 1 else "problems"
    assert result.stderr == f"{len(lines)} {noun} in {len(files)} file(s)\n"


def test_everything_case_spans_many_files_and_kinds():
    lines = (CASES / "everything" / "expected.txt").read_text(encoding="utf-8").splitlines()
    files = {line.split(":", 1)[0] for line in lines}
    assert len(files) >= 8
    top = {f.split("/")[1] for f in files}
    assert {"actors", "outlets", "timelines"} <= top


def test_bad_bytes_case_accepts_bom_and_crlf(tmp_path, monkeypatch):
    folder = case_folder("bad-bytes", tmp_path)
    stdout = check(folder, monkeypatch).stdout
    assert "windows.yaml" not in stdout
    assert "content/outlets/latin1.yaml:1:10: not UTF-8 text (byte 0xE9)" in stdout


@pytest.mark.parametrize(
    ("fmt", "golden"), [("github", "expected.github.txt"), ("json", "expected.json")]
)
def test_other_formats_match_golden(fmt, golden, monkeypatch, update_goldens):
    result = check(CASES / "references", monkeypatch, "--format", fmt)
    assert result.exit_code == 1
    compare(result.stdout, CASES / "references" / golden, update_goldens)
    assert result.stderr == ""  # the summary line is for people reading text


def test_formats_agree_with_each_other(monkeypatch):
    import json

    text = check(CASES / "references", monkeypatch).stdout.splitlines()
    github = check(CASES / "references", monkeypatch, "--format", "github").stdout.splitlines()
    items = json.loads(check(CASES / "references", monkeypatch, "--format", "json").stdout)
    problems = items["problems"]
    assert len(text) == len(github) == len(problems)
    for line, annotation, item in zip(text, github, problems, strict=True):
        assert line == f"{item['source_path']}:{item['line']}:{item['column']}: {item['message']}"
        assert annotation.startswith(
            f"::error file={item['source_path']},line={item['line']},col={item['column']},"
            f"title=timeline check%3A {item['code']}::"
        )
