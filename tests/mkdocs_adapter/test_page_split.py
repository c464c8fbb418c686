"""A large build deals its pages out to the machine's cores (page_split.py): the
site is the one a single process builds, byte for byte, search index included, and
what goes wrong in another process fails the build as it would in this one."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from helpers import REPO, VALID_CONTENT, split_pages

from generator.mkdocs_adapter import plugin
from generator.mkdocs_adapter.engine import BuildFailed, _quiet_dirty_warning, build_site

CONFIG = REPO / "mkdocs.yml"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("alone")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(plugin, "SMALLEST_SITE", 10**9)  # one process, whatever the machine
        build_site(CONFIG, REPO / "content", out / "site", out / "docs")
    return _files(out / "site")


@pytest.mark.parametrize("processes", [2, 3])
def test_pages_built_by_several_processes_are_the_site_one_builds(
    processes, alone, tmp_path, monkeypatch, caplog
):
    made = split_pages(monkeypatch, processes)
    with caplog.at_level(logging.INFO):
        build_site(CONFIG, REPO / "content", tmp_path / "site", tmp_path / "docs")
    assert len(made) == 1 and made[0].processes == processes
    uris = made[0].uris
    assert len(made[0].elsewhere()) == len(uris) - len(uris[::processes]) > 20
    split = _files(tmp_path / "site")
    assert split.keys() == alone.keys()
    assert [name for name in split if split[name] != alone[name]] == []
    entries = json.loads(split["search/search_index.json"])["docs"]
    assert len({entry["location"].split("#")[0] for entry in entries}) > 40
    assert "Page skipped" not in caplog.text  # MkDocs' note of the pages built elsewhere


def test_a_page_that_fails_in_another_process_fails_the_build(tmp_path, monkeypatch):
    made = split_pages(monkeypatch, 2)
    real = plugin.audit_page

    def failing(rel, *args):
        if made[0].rank:  # in the other process only
            raise ValueError(f"cannot audit {rel}")
        return real(rel, *args)

    monkeypatch.setattr(plugin, "audit_page", failing)
    with pytest.raises(BuildFailed, match=r"in another process failed[\s\S]*cannot audit "):
        build_site(CONFIG, VALID_CONTENT, tmp_path / "site", tmp_path / "docs")
    assert not (tmp_path / "site").exists()


def test_a_warning_in_another_process_is_reported_and_fails_a_strict_build(
    tmp_path, monkeypatch, caplog
):
    made = split_pages(monkeypatch, 2)
    real = plugin.audit_page
    warned: list[str] = []

    def warning(rel, *args):
        if made[0].rank and not warned:  # once, in the other process
            warned.append(rel)
            logging.getLogger("mkdocs.plugins.test").warning("odd page %s", rel)
        return real(rel, *args)

    monkeypatch.setattr(plugin, "audit_page", warning)
    with caplog.at_level(logging.WARNING), pytest.raises(BuildFailed, match="1 warnings"):
        build_site(CONFIG, VALID_CONTENT, tmp_path / "site", tmp_path / "docs")
    assert warned == [] and caplog.text.count("odd page ") == 1  # said here, once


def test_a_dirty_build_that_builds_few_pages_is_split_too(tmp_path, monkeypatch):
    """`mkdocs build --dirty` builds only the pages whose source is newer: the
    processes start at the first of them, and one whose last page is not built
    still sends its share."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_adapter.plugin import HandOver

    def built(dirty: bool) -> None:
        config = load_config(str(CONFIG), docs_dir=str(tmp_path / "docs"),
                             site_dir=str(tmp_path / "site"))  # fmt: skip
        config.plugins["timeline"].hand_over(HandOver(VALID_CONTENT))
        config.plugins.on_startup(command="build", dirty=dirty)
        build(config, dirty=dirty)

    (tmp_path / "docs").mkdir()
    built(False)
    page = tmp_path / "site" / "demo" / "events" / "vote" / "index.html"
    before = page.read_bytes()
    page.unlink()
    made = split_pages(monkeypatch, 3)
    (tmp_path / "docs" / "demo" / "events" / "vote.md").touch()
    quiet = logging.getLogger("mkdocs.commands.build")
    quiet.addFilter(_quiet_dirty_warning)  # as `timeline serve` does: known, not news
    try:
        built(True)
    finally:
        quiet.removeFilter(_quiet_dirty_warning)
    assert made[0].started and page.read_bytes() == before
