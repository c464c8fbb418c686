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
