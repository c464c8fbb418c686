"""The page cache: a build that reuses the pages' conversions writes the same site,
byte for byte, as one that converts every page, and converts again exactly the
pages whose Markdown, address or link targets changed. Only hand-written pages are
Markdown to convert: the generated ones are HTML already."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import REPO, VALID_CONTENT, VOTE

from generator.mkdocs_adapter import page_cache
from generator.mkdocs_adapter.engine import build_site
from generator.mkdocs_adapter.page_cache import PageCache


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def counted(monkeypatch):
    """Each build's (converted, reused) page counts, as the cache saw them."""
    seen: list[tuple[int, int]] = []
    save = PageCache.save

    def counting(self):
        seen.append((self.misses, self.hits))
        save(self)

    monkeypatch.setattr(PageCache, "save", counting)
    return seen


def _build(content: Path, out: Path, cache: Path | None, config: Path = REPO / "mkdocs.yml"):
    build_site(config, content, out / "site", out / "docs", page_cache=cache)
    return _files(out / "site")


def test_a_build_from_the_cache_is_the_same_site_and_converts_only_what_changed(tmp_path, counted):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "pages", project / "pages")
    (project / "pages" / "notes.md").write_text(
        "# Notes\n\nSee [the vote](demo/events/vote.md) and [the about page](about.md).\n"
    )
    content = project / "content"
    shutil.copytree(VALID_CONTENT, content)
    cache = tmp_path / "cache"

    def build(name: str, kept: Path | None = cache) -> dict[str, bytes]:
        return _build(content, tmp_path / name, kept, project / "mkdocs.yml")

    plain = build("plain", None)
    assert build("cold") == plain
    assert build("warm") == plain
    pages = counted[0][0]
    assert pages == 3 and counted == [(pages, 0), (0, pages)]  # all converted, then reused
    # An edited page is converted again, the others are not (an edited event
    # changes none of them: the generated pages are HTML, never converted).
    about = project / "pages" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    vote = content / VOTE
    vote.write_text(vote.read_text("utf-8").replace("over two days", "over two long days"))
    edited = build("edited")
    assert edited == build("edited-plain", None)
    assert counted[2] == (1, 2)


def test_an_unreadable_cache_is_ignored(tmp_path, counted):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / page_cache.FILE).write_text('{"fingerprint": ', encoding="utf-8")
    site = _build(VALID_CONTENT, tmp_path / "one", cache)
    assert counted[0][1] == 0 and site == _build(VALID_CONTENT, tmp_path / "two", None)


def test_a_cache_that_is_json_but_not_an_object_is_ignored(tmp_path):
    (tmp_path / page_cache.FILE).write_text('["pages"]', encoding="utf-8")
    assert PageCache.load(tmp_path, "f").kept == {}


def _page(src: str, markdown: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), markdown=markdown)


def test_a_page_is_converted_again_when_a_page_it_links_to_comes_or_goes():
    """MkDocs writes a link to a page as that page's address, and one to nothing as
    written, with a warning: the same text with other targets is another page."""
    cache = PageCache(fingerprint="f")
    page = _page(
        "notes/a.md", "See [the vote](../demo/events/vote.md#when) and [x](https://x.org/)."
    )
    there = SimpleNamespace(get_file_from_path=lambda path: path == "demo/events/vote.md" or None)
    gone = SimpleNamespace(get_file_from_path=lambda path: None)
    assert cache.key(page, there) == cache.key(page, there)
    assert cache.key(page, there) != cache.key(page, gone)
    moved = _page("notes/b.md", page.markdown)  # the same text elsewhere links elsewhere
    assert cache.key(moved, there) != cache.key(page, there)
    assert PageCache(fingerprint="g").key(page, there) != cache.key(page, there)
