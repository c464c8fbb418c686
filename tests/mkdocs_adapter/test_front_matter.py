"""The generated pages' front matter is read without a YAML parser, and read as
MkDocs reads it: the same values and the same Markdown for every page, whatever
the text in it; anything not in the renderer's shape is left to MkDocs."""

from __future__ import annotations

import json

import pytest
from helpers import CONSUMERS_CONTENT, REPO, VALID_CONTENT
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.mkdocs_adapter import front_matter
from generator.render.renderer import render_site


@pytest.mark.parametrize(
    "content",
    [VALID_CONTENT, CONSUMERS_CONTENT, REPO / "content"],
    ids=["valid", "consumers", "kabul"],
)
def test_every_generated_page_reads_as_mkdocs_reads_it_and_without_yaml(content, monkeypatch):
    site = render_site(check_corpus(load_content(content)))
    for uri in sorted(site.html_pages):
        assert front_matter.get_data(site.pages[uri]) == mkdocs_meta.get_data(site.pages[uri]), uri
    read_by_yaml = []
    monkeypatch.setattr(mkdocs_meta, "get_data", lambda text: read_by_yaml.append(text))
    for uri in sorted(site.html_pages):
        front_matter.get_data(site.pages[uri])
    # Only the embeds name a template (`embed.html`, not a plain word).
    assert len(read_by_yaml) < len(site.html_pages)
    assert len(read_by_yaml) == sum(uri.endswith("/embed.md") for uri in site.html_pages)


def _page(lines: list[str], end: str = "---") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + end + "\n\n<h1>Body</h1>\n---\n"


@pytest.mark.parametrize(
    "lines",
    [
        ['title: "A \\u2028 B"', "og_type: article"],  # escaped: the same either way
        ['title: "\\ud83d\\ude00"'],  # JSON joins the pair, YAML does not
        ['title: "a\\/b"'],
        ["og_type: yes", "hide: [on, toc]", "draft: null", "kicker: true"],
        ["search:", "  exclude: true"],
        ["search:", "og_type: article"],  # null in YAML
        ["search:"],
        ["  exclude: true"],
        ["og_type: article", "  exclude: true"],
        ['title: "a"   ', "title: b"],
        ['title: "a" # note', "description:"],
        ["title: embed.html", "hide: [navigation,toc]", "hide: []"],
        ['title: "unterminated', 'description: "\\x41"'],
        ["title: 'single'", "title: a b", "title: A"],
        ["--- not the end", 'title: "x"'],
        ["... not the end either", 'title: "x"'],
        ['title: "tab\there"', "title: \u2028"],
        [],
        [""],
    ],
)
def test_what_is_not_in_the_renderers_shape_reads_as_mkdocs_reads_it(lines):
    text = _page(lines)
    assert front_matter.get_data(text) == mkdocs_meta.get_data(text)


_ENDS = ["---\n\n---\nbody", "---\ntitle: a\n...\nbody", "---  \ntitle: a\n---\n",
         "title: a\n\nbody", "---\ntitle: a\n--- \nbody\n---\n", "<h1>x</h1>"]  # fmt: skip


@pytest.mark.parametrize("text", _ENDS)
def test_where_the_front_matter_ends_is_where_mkdocs_ends_it(text):
    assert front_matter.get_data(text) == mkdocs_meta.get_data(text)


_KEYS = st.sampled_from(["title", "description", "kicker", "og_type", "exclude", "search"])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), _KEYS, st.one_of(
            st.text(), st.sampled_from(["", "article", "true", "off", "[navigation, toc]", "a.b"])
        ), st.booleans()),
        max_size=6,
    )
)  # fmt: skip
@example([(False, "title", "\x85", True), (False, "title", "\ufeff", True)])
def test_any_text_in_front_matter_reads_as_mkdocs_reads_it(entries):
    """Editor text in any characters (the renderer writes it as JSON), and plain
    values, nested or not, give what MkDocs' YAML reader gives."""
    lines = []
    for indented, key, value, as_json in entries:
        shown = json.dumps(value, ensure_ascii=False) if as_json else value
        lines.append(f"{'  ' if indented else ''}{key}:{' ' + shown if shown else ''}")
    text = _page(lines)
    assert front_matter.get_data(text) == mkdocs_meta.get_data(text)
