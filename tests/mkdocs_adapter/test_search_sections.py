"""Generated pages are indexed for search without the search plugin's HTML parser,
and indexed as it indexes them: the same sections for every generated page and
for any HTML this reader takes on, the same index and site from a build."""

from __future__ import annotations

import json
import re

import pytest
from helpers import CONSUMERS_CONTENT, REPO, VALID_CONTENT
from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search

from generator.content.editor_markdown import render_markdown
from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.mkdocs_adapter import front_matter, html_page, search_sections
from generator.mkdocs_adapter.engine import build_site
from generator.render.renderer import render_site


def _materials(body: str) -> list[tuple] | None:
    """The sections of Material's own parser; None where it fails."""
    parser = material_search.Parser()
    try:
        parser.feed(body)
        parser.close()
    except ValueError:  # a kept tag closed that it never opened
        return None
    return _shape(parser.data)


def _shape(sections: list) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in sections]


def _ours(body: str) -> list[tuple] | None:
    found = search_sections.sections(body)
    return None if found is None else _shape(found)


@pytest.mark.parametrize(
    "content",
    [VALID_CONTENT, CONSUMERS_CONTENT, REPO / "content"],
    ids=["valid", "consumers", "kabul"],
)
def test_every_generated_page_has_the_sections_materials_parser_finds(content):
    site = render_site(check_corpus(load_content(content)))
    for uri in sorted(site.html_pages):
        body = html_page.searched_part(front_matter.get_data(site.pages[uri])[0])
        ours = _ours(body)
        assert ours is not None, f"{uri} left to the search plugin"
        assert ours == _materials(body), uri


_TAG = st.sampled_from(["p", "div", "span", "a", "code", "pre", "li", "ul", "h1", "h2", "h3",
                        "sub", "em", "svg", "object", "br", "img", "hr"])  # fmt: skip
_ATTRS = st.lists(
    st.sampled_from([' id="x"', ' id="a&amp;b"', " data-search-exclude", ' class="headerlink"',
                     ' class="linenodiv"', ' href="#y"', ' title="a &gt; b"', ' ID="up"']),
    max_size=3,
).map("".join)  # fmt: skip
_TEXT = st.text(st.sampled_from(list("ab \n\t<>&;#x\u00a0\u200b")), min_size=1, max_size=6)
# Entities, a comment, and markup the generator does not write.
_ODD = ["&amp;", "&lt;p&gt;", "&#39;", "&nbsp;", "<!-- c -->", "<P>", "</P >",
        "<script>x</script>", "<a title='q'>", "<!x>"]  # fmt: skip
_PIECE = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", _TAG, _ATTRS),
    st.builds(lambda t, a: f"<{t}{a}/>", _TAG, _ATTRS),
    st.builds(lambda t: f"</{t}>", _TAG),
    _TEXT,
    st.sampled_from(_ODD),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECE, max_size=25).map("".join))
@example('<h1 id="t">T<a class="headerlink" href="#t">¶</a></h1><p>x <code>y</code></p>')
@example("<div data-search-exclude><p>a</p><div>b</div><p>c</p></div><p>d</p>")
@example('<h2 id="a" data-search-exclude>A</h2><p>b</p><h2 id="c">C</h2><pre>\n x \n</pre>')
@example("<p><li></li></p><p> </p><sub>\n</sub>")
@example("</p><p>")
def test_any_html_has_the_sections_materials_parser_finds_or_is_left_to_it(body):
    ours = _ours(body)
    if ours is not None:
        assert ours == _materials(body)


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
@settings(max_examples=300, deadline=None)
def test_what_editors_write_has_the_sections_materials_parser_finds(text):
    body = f'<h1 id="e">Event</h1>\n<div class="tl-body">{render_markdown(text)}</div>'
    assert _ours(body) == _materials(body)


def test_markup_outside_the_generators_is_left_to_the_plugin():
    for body in ["<p title='single'>a</p>", "<script>1</script>", "a < b", "<!DOCTYPE html>",
                 "<p>a</p ><p>", '<a href="x"title="y">']:  # fmt: skip
        assert search_sections.sections(body) is None, body


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("content", [VALID_CONTENT, REPO / "content"], ids=["valid", "kabul"])
def test_a_build_indexes_generated_pages_itself_and_the_site_is_the_same(
    content, tmp_path, monkeypatch
):
    read = []
    feed = material_search.Parser.feed
    monkeypatch.setattr(
        material_search.Parser, "feed", lambda self, data: (read.append(data), feed(self, data))
    )
    build_site(REPO / "mkdocs.yml", content, tmp_path / "ours", tmp_path / "docs")
    site = render_site(check_corpus(load_content(content)))
    hand_written = len([p for p in (tmp_path / "docs").rglob("*.md")]) - len(site.html_pages)
    assert len([data for data in read if data]) == hand_written  # none of the generated

    monkeypatch.setattr(search_sections, "add_entries", lambda index, page: False)
    build_site(REPO / "mkdocs.yml", content, tmp_path / "plugins", tmp_path / "docs")
    ours, plugins = _files(tmp_path / "ours"), _files(tmp_path / "plugins")
    assert ours == plugins
    docs = json.loads(ours["search/search_index.json"])["docs"]
    assert len(docs) > 10 and any(re.search(r"#\w", doc["location"]) for doc in docs)
