"""A preview's rebuild (preview_build.py): built on the last build's files and
navigation while no file comes or goes, and the same site either way as a
preview started afresh on the edited content."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from helpers import REPO, SPEECH, VALID_CONTENT
from mkdocs.commands.build import build

from generator.mkdocs_adapter.engine import _quiet_dirty_warning, _serve_config
from generator.mkdocs_adapter.plugin import HandOver, TimelinePlugin, _served
from generator.mkdocs_adapter.preview_build import Kept, PreviewBuild, keeping
from generator.write import Written

URL = "http://127.0.0.1:8000/"
# A dirty build's search index holds only the pages it built, and a kept build
# keeps the sitemap (preview_build.py): neither is what a preview is for.
NOT_COMPARED = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}


def _serving(content: Path, folder: Path) -> PreviewBuild:
    """What `timeline serve` does: MkDocs' first build, then the preview's builder."""
    (folder / "docs").mkdir(parents=True)
    load = partial(_serve_config, REPO / "mkdocs.yml", "127.0.0.1:8000",
                   {"docs_dir": str(folder / "docs")})  # fmt: skip
    config = load(str(folder / "site"))
    config.site_url = URL
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    plugin.hand_over(HandOver(content, reload=load))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=URL, dirty=True)
    return PreviewBuild(partial(_served, load, str(folder / "site"), URL), plugin.session)


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def _ages(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


def _afresh(content: Path, folder: Path) -> dict[str, bytes]:
    """The site of a preview started on `content` (after the others: MkDocs keeps
    one instance of the plugin for the process, and starting gives it a new session)."""
    _serving(content, folder)
    return _site(folder / "site")


def _differences(mine: dict[str, bytes], theirs: dict[str, bytes]) -> list[str]:
    assert set(mine) == set(theirs)
    return [uri for uri in mine if mine[uri] != theirs[uri] and uri not in NOT_COMPARED]


def _only_the_same_files_nav_and_settings_are_kept(kept: Kept) -> None:
    config = SimpleNamespace(nav=kept.config_nav, config_file_path=str(REPO / "mkdocs.yml"))
    assert keeping(kept, config, Written(changed=["demo/events/speech.md"]))
    assert not keeping(kept, config, Written(changed=["demo/events/new.md"]))
    assert not keeping(kept, config, Written(deleted=["demo/events/speech.md"]))
    assert not keeping(replace(kept, config_text=b"site_name: other"), config, Written())
    assert not keeping(kept, SimpleNamespace(nav=[], config_file_path=config.config_file_path),
                       Written())  # fmt: skip
    assert not keeping(None, config, Written())


def test_a_rebuild_builds_only_what_was_written_while_no_file_comes_or_goes(tmp_path):
    quiet = logging.getLogger("mkdocs.commands.build")
    quiet.addFilter(_quiet_dirty_warning)  # as `timeline serve` does
    try:
        content = tmp_path / "content"
        shutil.copytree(VALID_CONTENT, content)
        rebuild = _serving(content, tmp_path / "preview")
        site = tmp_path / "preview" / "site"
        first = rebuild.session.kept
        ages = _ages(site)

        event = content / SPEECH
        event.write_text(event.read_text().replace("addresses the nation", "talks to the nation"))
        rebuild()
        assert rebuild.session.kept.files is first.files  # not listed again
        written = {first.files.get_file_from_path(uri).dest_uri
                   for uri in rebuild.session.written.changed}  # fmt: skip
        rewritten = {uri for uri, age in _ages(site).items() if ages.get(uri) != age}
        assert "demo/events/speech/index.html" in written
        assert rewritten == written | {"404.html", "search/search_index.json"}
        assert len(rewritten) < len(ages) / 4
        edited = _site(site)
        _only_the_same_files_nav_and_settings_are_kept(rebuild.session.kept)
        shutil.copytree(content, tmp_path / "edited" / "content")

        # A new event: the docs folder is listed again, as MkDocs' dirty build does.
        added = event.with_name("encore.yaml")
        added.write_text(event.read_text().replace("talks to the nation", "speaks again"))
        rebuild()
        assert rebuild.session.kept.files is not first.files
        assert "speaks again" in (site / "demo/events/encore/index.html").read_text()
        grown = _site(site)

        assert "Firefly talks to the nation" in edited["demo/events/speech/index.html"].decode()
        assert _differences(edited, _afresh(tmp_path / "edited" / "content", tmp_path / "a")) == []
        assert _differences(grown, _afresh(content, tmp_path / "b")) == []
    finally:
        quiet.removeFilter(_quiet_dirty_warning)
