"""`timeline serve`: a content edit shows up without a restart, and an invalid
edit is reported while the last good version stays up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, SPEECH, VALID_CONTENT, fetch, free_port, wait_for


@pytest.fixture
def server(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    port = free_port()
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
    wait_for(lambda: "Firefly addresses the nation" in fetch(page), "the first build")

    event = content / SPEECH
    event.write_text(event.read_text().replace("addresses the nation", "talks to the nation"))
    wait_for(lambda: "Firefly talks to the nation" in fetch(page), "the edit to show")

    event.write_text(event.read_text().replace("\ntitle:", "\ntitel:"))

    def reported() -> bool:
        log.seek(0)
        return "unknown field 'titel' (did you mean 'title'?): correct the spelling" in log.read()

    wait_for(reported, "the problem to be reported")
    log.seek(0)
    said = log.read()
    assert "serving the last good version" in said
    assert f"previewing at {base}/ (built in " in said and "\nrebuilt in " in said
    assert "Firefly talks to the nation" in fetch(page)
    assert 'class="tl-preview-problems" role="alert"' in fetch(page)  # on every page
    assert "unknown field &#x27;titel&#x27;" in fetch(f"{base}/demo/")

    event.write_text(event.read_text().replace("\ntitel:", "\ntitle:"))

    def fixed() -> bool:
        log.seek(0)
        return "fixed: rebuilt in " in log.read()

    wait_for(fixed, "the fix to be said")
    assert "tl-preview-problems" not in fetch(page)


def test_the_preview_adds_its_reload_and_banner_as_pages_are_sent():
    from generator.mkdocs_adapter.preview import injector

    page = b'<html><body><header class="md-header">h</header><p>x</p></body></html>'
    quiet = injector("/news/", lambda: "")(page, 42)
    assert quiet.startswith(b'<html><body><header class="md-header">h</header><p>x</p><script ')
    assert b'src="/news/assets/javascripts/preview-reload.js" data-epoch="42"' in quiet
    assert quiet.endswith(b"></script></body></html>")
    loud = injector("/", lambda: "a.yaml:1:1: <script>alert(1)</script>")(page, 42)
    assert b"<pre>a.yaml:1:1: &lt;script&gt;alert(1)&lt;/script&gt;</pre></div><header" in loud


def test_a_preview_keeps_the_theme_compiled_and_listed(tmp_path):
    """MkDocs makes a new theme environment for every rebuild, compiling its
    templates and listing its folders again; while serving, each rebuild's
    config (read anew) gets the first environment back, which lists the folders
    once and finds the same static files as MkDocs' own."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.mkdocs_adapter.plugin import TimelinePlugin

    def config():
        return load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path))

    def theme_files(made: Any, config: Any) -> list[str]:
        files = Files([])
        files.add_files_from_theme(made, config)
        return sorted(f.abs_src_path for f in files)

    plugin = TimelinePlugin()
    plugin.on_startup("serve")
    first_config, second_config = config(), config()
    plugin.on_pre_build(first_config)
    first = first_config.theme.get_env()
    walks = []
    listing = first.loader.list_templates
    first.loader.list_templates = lambda: walks.append(1) or listing()
    expected = theme_files(config().theme.get_env(), second_config)  # MkDocs' own
    assert {Path(path).suffix for path in expected} >= {".js", ".css", ".png"}
    assert theme_files(first, first_config) == expected
    plugin.on_pre_build(second_config)
    assert second_config.theme.get_env() is first
    assert theme_files(first, second_config) == expected
    assert walks == [1]
    other_theme = config()
    other_theme.theme.dirs.insert(0, str(tmp_path))  # an overrides folder, say
    plugin.on_pre_build(other_theme)
    assert other_theme.theme.get_env() is not first
    plugin.on_startup("build")  # a one-off build keeps nothing
    built = config()
    plugin.on_pre_build(built)
    assert built.theme.get_env() is not built.theme.get_env()


def test_the_preview_watches_edits_but_not_reads(tmp_path):
    """Every build reads the content: if reading a file counted as a change, the
    preview would rebuild forever. Writing, creating, deleting and renaming do."""
    import threading

    from watchdog.events import FileSystemEventHandler

    from generator.mkdocs_adapter.watching import EditsObserver

    seen: list[str] = []
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if not event.is_directory:
                seen.append(event.event_type)
                changed.set()

    event = tmp_path / "event.yaml"
    event.write_text("title: x\n", encoding="utf-8")
    observer = EditsObserver()
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        event.read_text(encoding="utf-8")
        assert not changed.wait(1.0), seen  # a read is not an edit
        for edit in (
            lambda: event.write_text("title: y\n", encoding="utf-8"),
            lambda: (tmp_path / "new.yaml").write_text("title: z\n", encoding="utf-8"),
            lambda: (tmp_path / "new.yaml").replace(tmp_path / "moved.yaml"),
            lambda: (tmp_path / "moved.yaml").unlink(),
        ):
            changed.clear()
            edit()
            assert changed.wait(5.0), seen
    finally:
        observer.stop()
        observer.join()
    assert {"opened", "closed", "closed_no_write"}.isdisjoint(seen)


class _Server:
    """What on_serve uses of MkDocs' live-reload server."""

    def __init__(self, observer) -> None:
        self.observer = observer
        self.watched: list[str] = []
        self.mount_path = "/"
        self.build_delay = 0.1  # MkDocs' wait for edits to stop before it rebuilds

    def watch(self, path) -> None:
        self.watched.append(str(path))

    def unwatch(self, path) -> None:
        self.watched.remove(str(path))


@pytest.mark.parametrize("poll", [False, True])
def test_the_preview_watches_by_file_events_unless_told_to_poll(tmp_path, poll):
    from mkdocs.config import load_config
    from watchdog.observers.polling import PollingObserver

    from generator.mkdocs_adapter.plugin import HandOver, TimelinePlugin
    from generator.mkdocs_adapter.watching import EditsObserver

    content, docs = tmp_path / "content", tmp_path / "docs"
    content.mkdir()
    docs.mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(docs))
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    plugin.hand_over(HandOver(content=content, poll=poll))
    plugin.on_startup("serve")
    server = _Server(PollingObserver())
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    assert plugin.on_serve(server, config, None) is server
    # Not the generated docs folder; the content and the hand-written pages.
    assert server.watched == [config.config_file_path, str(content), str(REPO / "pages")]
    assert isinstance(server.observer, PollingObserver) is poll
    assert isinstance(server.observer, EditsObserver) is not poll
    assert server.build_delay < 0.05  # a save is one burst: rebuilt at once


def test_a_fault_while_previewing_keeps_the_last_good_site_and_recovers(
    tmp_path, monkeypatch, capsys
):
    """A render that fails for a reason of ours, not the editor's, must not leave
    the preview down: the last good site stays, and the next edit builds again."""
    from mkdocs.config import load_config

    from generator.mkdocs_adapter import plugin as plugin_module
    from generator.mkdocs_adapter.plugin import HandOver

    (tmp_path / "docs").mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))
    plugin = config.plugins["timeline"]
    plugin.hand_over(HandOver(VALID_CONTENT))
    plugin.on_startup("serve")
    good = plugin.on_config(config).nav
    real = plugin_module.generate

    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(plugin_module, "generate", broken)
    assert plugin.on_config(config).nav == good
    said = capsys.readouterr().err
    assert "the generator failed on this content (OverflowError: date value out of range)" in said
    assert "serving the last good version until this is fixed" in said
    monkeypatch.setattr(plugin_module, "generate", real)
    assert plugin.on_config(config).nav == good  # the next edit builds again
    # A one-off build has no last good site: the fault is not hidden there.
    plugin.on_startup("build")
    monkeypatch.setattr(plugin_module, "generate", broken)
    with pytest.raises(OverflowError):
        plugin.on_config(config)


def test_the_preview_shows_drafts_under_a_draft_label(server):
    content, base, _ = server
    wait_for(lambda: "Firefly" in fetch(f"{base}/demo/events/speech/"), "the first build")
    (content / "timelines/demo/events/rumour.yaml").write_text(
        "title: A rumour of a reshuffle\ndate: 2021-08-18\ndraft: true\n", encoding="utf-8"
    )
    page = f"{base}/demo/events/rumour/"

    def shown() -> bool:
        try:
            return '<p class="tl-draft-banner" role="note"><strong>Draft</strong>' in fetch(page)
        except OSError:
            return False

    wait_for(shown, "the draft to be previewed")
    assert "(No summary yet: this is a draft.)" in fetch(page)
