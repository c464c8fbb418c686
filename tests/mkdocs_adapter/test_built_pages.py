"""Built pages kept between builds (built_pages.py): a repeat build writes the site
a build without the cache writes, byte for byte, search index included, and builds
again exactly the pages whose inputs changed; a changed configuration or theme,
or a kept page that is not what was kept, builds afresh."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import REPO, VALID_CONTENT, split_pages

from generator.mkdocs_adapter import plugin
from generator.mkdocs_adapter.built_pages import INDEX
from generator.mkdocs_adapter.engine import BuildFailed, build_site


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def audited(monkeypatch) -> list[str]:
    """The pages this process built (and so audited), build after build."""
    seen: list[str] = []
    real = plugin.audit_page

    def counting(rel, *args):
        seen.append(rel)
        return real(rel, *args)

    monkeypatch.setattr(plugin, "audit_page", counting)
    return seen


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder)
    shutil.copytree(REPO / "pages", folder / "pages")
    shutil.copytree(VALID_CONTENT, folder / "content")
    return folder


def _builder(project: Path, tmp_path: Path, audited: list[str]):
    def build(name: str, cache: bool = True) -> tuple[dict[str, bytes], list[str]]:
        audited.clear()
        out = tmp_path / name
        kept = tmp_path / "cache" if cache else None
        build_site(project / "mkdocs.yml", project / "content", out / "site", out / "docs",
                   page_cache=kept)  # fmt: skip
        return _files(out / "site"), list(audited)

    return build


def _kept(tmp_path: Path) -> dict[str, list]:
    return json.loads((tmp_path / "cache" / "built" / INDEX).read_text())["pages"]


def test_a_repeat_build_is_the_same_site_and_builds_only_what_changed(project, tmp_path, audited):
    build = _builder(project, tmp_path, audited)
    plain, built = build("plain", cache=False)
    pages = len(built)
    assert pages > 10
    assert build("cold") == (plain, built)
    assert len(_kept(tmp_path)) == pages
    warm, again = build("warm")
    assert warm == plain
    assert again == []  # no page rendered in the theme, indexed or audited again
    assert json.loads(warm["search/search_index.json"])["docs"]  # the entries are all there

    _edit(next((project / "content").rglob("events/*.yaml")), "title: ", "title: Edited ")
    fresh, _ = build("edited-plain", cache=False)
    cached, rebuilt = build("edited")
    assert cached == fresh != plain
    assert 0 < len(rebuilt) < pages  # the event's page and the pages that list it
    assert len(_kept(tmp_path)) == pages  # only this site's pages stay


def test_a_kept_page_in_the_site_is_the_kept_file_readable_as_a_built_one(project, tmp_path):
    """Linked, not written again; with the permissions MkDocs gives the pages it writes."""
    build = _builder(project, tmp_path, [])
    build("cold")
    _edit(next((project / "content").rglob("events/*.yaml")), "title: ", "title: Edited ")
    build("warm")
    site, kept = tmp_path / "warm" / "site", tmp_path / "cache" / "built"
    inodes = {path.stat().st_ino for path in kept.glob("*.html")}
    pages = sorted(site.rglob("index.html"))
    linked = [page for page in pages if page.stat().st_ino in inodes]
    assert 0 < len(linked) < len(pages)  # the edited event's page and its lists were written
    written = next(page for page in pages if page not in linked)
    assert {page.stat().st_mode for page in linked} == {written.stat().st_mode}
    assert written.stat().st_mode & 0o044  # readable by a web server running as another user


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_configuration_or_theme_builds_every_page_again(project, tmp_path, audited):
    build = _builder(project, tmp_path, audited)
    _, built = build("cold")
    config = project / "mkdocs.yml"
    _edit(config, "site_name: Explainer timelines", "site_name: Another name")
    renamed, rebuilt = build("renamed")
    assert sorted(rebuilt) == sorted(built)
    assert renamed == build("renamed-plain", cache=False)[0]
    assert build("renamed-warm")[1] == []

    overrides = project / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "copyright.html").write_text("<div>Our own footer</div>\n", encoding="utf-8")
    _edit(config, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    themed, rebuilt = build("themed")
    assert sorted(rebuilt) == sorted(built)
    assert b"Our own footer" in themed["index.html"]
    (overrides / "copyright.html").write_text("<div>Changed footer</div>\n", encoding="utf-8")
    changed, rebuilt = build("changed-theme")
    assert sorted(rebuilt) == sorted(built)
    assert b"Changed footer" in changed["index.html"]


def test_a_kept_page_that_changed_is_built_again(project, tmp_path, audited):
    build = _builder(project, tmp_path, audited)
    plain, _ = build("cold")
    kept = sorted((tmp_path / "cache" / "built").glob("*.html"))
    kept[0].write_bytes(kept[0].read_bytes().replace(b"</body>", b"<script>x()</script></body>"))
    kept[1].unlink()
    repaired, rebuilt = build("repaired")
    assert repaired == plain
    assert len(rebuilt) == 2
    kept = sorted((tmp_path / "cache" / "built").glob("*.html"))
    data = kept[0].read_bytes()
    kept[0].write_bytes(data.replace(b"<body", b"<bodx", 1))  # the same size
    with pytest.raises(BuildFailed, match="is not the page that was kept"):
        build("failed")
    again, rebuilt = build("again")  # the page that failed it was removed
    assert again == plain and len(rebuilt) == 1


def test_pages_kept_by_several_processes_make_the_same_site(
    project, tmp_path, monkeypatch, audited
):
    build = _builder(project, tmp_path, audited)
    plain, built = build("plain", cache=False)
    split_pages(monkeypatch, 2)
    assert build("cold")[0] == plain
    assert len(_kept(tmp_path)) == len(built)  # the other process's pages are kept too
    warm, again = build("warm")
    assert warm == plain
    assert again == []


def test_a_build_leaves_the_garbage_collector_as_it_found_it(project, tmp_path):
    """The build's objects are frozen while it runs (plugin.on_config), and only then."""
    import gc

    frozen: list[int] = []
    real = plugin.TimelinePlugin.on_post_build

    def seeing(self, config):
        frozen.append(gc.get_freeze_count())
        return real(self, config)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugin.TimelinePlugin, "on_post_build", seeing)
        _builder(project, tmp_path, [])("built")
    assert frozen[0] > 0 and gc.get_freeze_count() == 0 and gc.isenabled()
