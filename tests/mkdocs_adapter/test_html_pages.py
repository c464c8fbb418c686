"""Generated pages reach MkDocs as HTML, with no Markdown to convert: the site is
the same, element for element, as when MkDocs converts the page tree with
Python-Markdown, and the page tree stays one that any Markdown engine passes
through as it is (CommonMark's, for another engine after MkDocs)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import CONSUMERS_CONTENT, REPO, VALID_CONTENT
from markdown_it import MarkdownIt

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.mkdocs_adapter import html_page
from generator.mkdocs_adapter.engine import build_site
from generator.mkdocs_adapter.plugin import TimelinePlugin
from generator.mkdocs_adapter.theme_pieces import ThemePieces
from generator.render.renderer import render_site


class _Shape(HTMLParser):
    """Elements with their attributes, and the text between them, white space
    folded: what a reader and a browser see of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.text = ""

    def _flush(self) -> None:
        if words := " ".join(self.text.split()):
            self.items.append(words)
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._flush()
        self.items.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.items.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text += data


def _shape(html: str) -> list[str]:
    shape = _Shape()
    shape.feed(html)
    shape.close()
    shape._flush()
    return shape.items


def _article(page: Path) -> list[str]:
    """The page's own part (all of an embed, which has no theme around it)."""
    text = page.read_text(encoding="utf-8")
    start = text.find('<article class="md-content__inner')
    return _shape(text[start : text.index("</article>", start)] if start >= 0 else text)


def _site(out: Path, content: Path) -> dict[str, list[str]]:
    build_site(REPO / "mkdocs.yml", content, out / "site", out / "docs")
    return {p.relative_to(out / "site").as_posix(): _article(p)
            for p in sorted((out / "site").rglob("index.html"))}  # fmt: skip


@pytest.mark.parametrize("content", [VALID_CONTENT, CONSUMERS_CONTENT], ids=["valid", "consumers"])
def test_the_site_is_the_same_as_when_mkdocs_converts_every_page(content, tmp_path, monkeypatch):
    served = _site(tmp_path / "html", content)
    original = TimelinePlugin.on_page_markdown

    def converting(self, markdown, page, **kwargs):
        self.session.html_pages = frozenset()  # as if none were HTML already
        return original(self, markdown, page, **kwargs)

    monkeypatch.setattr(TimelinePlugin, "on_page_markdown", converting)
    converted = _site(tmp_path / "markdown", content)
    assert served.keys() == converted.keys() and len(served) > 15
    for page, shape in served.items():
        assert shape == converted[page], page


COMMONMARK = MarkdownIt("commonmark", {"html": True})
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


@pytest.mark.parametrize("content", [VALID_CONTENT, REPO / "content"], ids=["valid", "kabul"])
def test_another_engine_passes_every_generated_page_through(content):
    site = render_site(check_corpus(load_content(content)))
    assert site.html_pages and site.html_pages <= set(site.pages)
    for uri in sorted(site.html_pages):
        body = _FRONT.sub("", site.pages[uri], count=1)
        assert body.lstrip().startswith("<h1 id="), uri
        assert _shape(COMMONMARK.render(body)) == _shape(body), uri


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("content", [VALID_CONTENT, REPO / "content"], ids=["valid", "kabul"])
def test_search_reads_less_of_each_page_and_indexes_the_same(content, tmp_path, monkeypatch):
    """Search is handed each generated page without the sections it leaves out whole;
    the index and every page are the same as when it reads all of each page."""
    build_site(REPO / "mkdocs.yml", content, tmp_path / "less", tmp_path / "docs")
    monkeypatch.setattr(html_page, "searched_part", lambda body: body)
    build_site(REPO / "mkdocs.yml", content, tmp_path / "all", tmp_path / "docs")
    less, whole = _files(tmp_path / "less"), _files(tmp_path / "all")
    assert less == whole
    assert len(json.loads(less["search/search_index.json"])["docs"]) > 10


def test_only_whole_sections_at_the_top_of_a_page_are_left_to_search():
    cut = '<h2 id="sources" data-search-exclude>Sources</h2>\n<ol><li><a href="x">x</a></li></ol>\n'
    kept = '<h2 id="quotes">Quotes</h2>\n<p>“Said”</p>\n'
    nested = '<div class="x">\n<h2 id="data" data-search-exclude>Data</h2>\n<p>y</p>\n</div>\n'
    head = '<h1 id="t">T</h1>\n<p>Summary<br>with <svg><path d="M 0 0"/></svg></p>\n'
    assert html_page.searched_part(head + cut + kept) == head + kept
    assert html_page.searched_part(head + kept + cut) == head + kept
    assert html_page.searched_part(head + nested + kept) == head + nested + kept
    unclosed = '<h2 id="u" data-search-exclude>U</h2>\n</div>\n'
    assert html_page.searched_part("<div>" + head + unclosed + kept) == (
        "<div>" + head + unclosed + kept
    )


@pytest.mark.parametrize("content", [VALID_CONTENT, REPO / "content"], ids=["valid", "kabul"])
def test_menus_rendered_once_a_folder_are_the_ones_material_renders(content, tmp_path, monkeypatch):
    kept = tmp_path / "kept"
    build_site(REPO / "mkdocs.yml", content, kept, tmp_path / "docs")
    monkeypatch.setattr(ThemePieces, "__call__", lambda self, piece, page, nav, caller: caller())
    each = tmp_path / "each"
    build_site(REPO / "mkdocs.yml", content, each, tmp_path / "docs")
    assert _files(kept) == _files(each)


def test_only_pages_outside_the_menus_share_their_folders_menus():
    pieces = ThemePieces()
    nav = SimpleNamespace(pages=[SimpleNamespace(url=u) for u in ("", "a/", "b/", "b/c/x/")])
    rendered = []

    def piece(url: str) -> str:
        return pieces(
            "nav", SimpleNamespace(url=url, meta={}), nav, lambda: rendered.append(url) or url
        )

    assert [piece(u) for u in ("a/e/1/", "a/e/2/", "a/", "b/c/", "b/d/")] == [
        "a/e/1/", "a/e/1/", "a/", "b/c/", "b/d/",
    ]  # fmt: skip
    assert rendered == ["a/e/1/", "a/", "b/c/", "b/d/"]  # b/c/ holds a menu page: its own


def test_a_hand_written_pages_link_to_a_generated_pages_anchor_is_checked(tmp_path, caplog):
    """A generated page's anchors are found only when a link asks for one."""
    from helpers import site_project

    from generator.mkdocs_adapter.engine import BuildFailed

    target = "demo/index.md#what-happened-and-why-it-matters"
    config = site_project(tmp_path / "good", {"notes.md": f"# Notes\n\n[Why]({target})\n"})
    build_site(config, None, tmp_path / "good" / "site")
    assert (tmp_path / "good" / "site" / "notes" / "index.html").is_file()
    config = site_project(
        tmp_path / "bad", {"notes.md": "# Notes\n\n[Why](demo/index.md#nowhere)\n"}
    )
    with pytest.raises(BuildFailed, match="1 warnings"):
        build_site(config, None, tmp_path / "bad" / "site")
    assert "'demo/index.md' does not contain an anchor '#nowhere'" in caplog.text
