"""Hostile input, one case per row, through the whole pipeline to the built HTML.

Each plain-text row puts a hostile value into one field of a new event; the
whole set is built once (MkDocs --strict, with the site audit), and each value
must then read, character for character, as text on its event's page, with
nothing active added. Each refused row must be an error from `check`, at the
field, saying what to do.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import REPO, SPEECH, VALID_CONTENT, ContentTree

from generator.mkdocs_site import build_site
from generator.site_audit import audit_site
from generator.yaml_out import dump_content

# (field path in an event, hostile value): each must be shown as exactly this text.
AS_TEXT = [
    (("title",), "<script>alert(1)</script>"),
    (("title",), "</title><script>alert(1)</script>"),
    (("title",), "{{ config.site_name }} {% raw %}"),
    (("title",), "**bold** _em_ [link](javascript:alert(1))"),
    (("title",), "&lt;b&gt; &amp; &#x3C;"),
    (("title",), "x {: onclick=alert(1) }"),
    (("title",), '--8<-- "/etc/passwd"'),
    (("title",), "| a | b |"),
    (("summary",), "<img src=x onerror=alert(1)>"),
    (("summary",), '" onmouseover="alert(1)'),
    (("summary",), "[x]: javascript:alert(1)"),
    (("summary",), "<!-- an unterminated comment"),
    (("summary",), "# Not a heading"),
    (("place",), "<svg/onload=alert(1)>"),
    (("place",), "1975. Saigon"),
    (("date_note",), "<a href=javascript:alert(1)>x</a>"),
    (("quotes", 0, "text"), "</blockquote><script>alert(1)</script>"),
    (("quotes", 0, "context"), "<iframe src=https://evil.example/></iframe>"),
    (("sources", 0, "title"), "<style>body{display:none}</style>"),
    (("sources", 1, "note"), "<meta http-equiv=refresh content=0;url=https://evil.example/>"),
    (("accounts", 0, "summary"), "<form action=https://evil.example/><button>Go</button></form>"),
    (("interactions", 0, "note"), "{: .x #y onclick=z }"),
    (("accounts", 1, "summary"), "> quoted\n> - list\n1. numbered"),
]

# (field path, hostile value, what check says): each is refused.
REFUSED = [
    (("sources", 0, "url"), "javascript:alert(1)", "is not a web address"),
    (("sources", 0, "url"), "JaVaScRiPt:alert(1)", "is not a web address"),
    (("sources", 0, "url"), "https:evil.example", "is not a web address"),
    (("sources", 0, "url"), "data:text/html,<script>alert(1)</script>", "is not a web address"),
    (("sources", 0, "url"), "vbscript:msgbox(1)", "is not a web address"),
    (("sources", 0, "url"), "//evil.example/x", "is not a web address"),
    (("sources", 0, "url"), "file:///etc/passwd", "is not a web address"),
    (("body",), "Text {: onclick=alert(1) }", "attribute lists like '{: ...}' are not allowed"),
    (("body",), "<!-- an unterminated comment", "raw HTML is not allowed"),
    (("body",), "<script>alert(1)</script>", "raw HTML is not allowed"),
    (("body",), "[x](javascript:alert(1))", "must be a full http:// or https:// URL"),
    (("body",), "<javascript:alert(1)>", "must be a full http:// or https:// URL"),
    (("body",), "![x](https://evil.example/x.png)", "images are not allowed"),
    (("body",), "# A heading", "headings are not allowed"),
    (("body",), "```\ncode\n```", "code blocks are not allowed"),
    (("body",), "Text\n\n[x]: https://evil.example/", "link reference definitions are not allowed"),
    (("title",), "Two\nlines", "must be one line"),
    (("title",), "Hidden \u202e reversal", "invisible text-direction character"),
    (("title",), "Nul \x00 byte", "control character U+0000"),
    (("title",), "Line \u2028 separator", "unusual line break U+2028"),
]


def _set(data: dict, path: tuple, value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _speech() -> dict:
    return yaml.safe_load((VALID_CONTENT / SPEECH).read_text(encoding="utf-8"))


def _event_file(n: int) -> str:
    return f"timelines/demo/events/hostile-{n:02d}.yaml"


class _Text(HTMLParser):
    """The text a reader sees (scripts and styles left out), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(VALID_CONTENT, root / "content")
    for n, (path, value) in enumerate(AS_TEXT):
        data = _speech()
        data.pop("related")
        _set(data, path, value)
        (root / "content" / _event_file(n)).write_text(dump_content("event", data), "utf-8")
    build_site(REPO / "mkdocs.yml", root / "content", root / "site", root / "docs")
    return root / "site"


def test_the_built_site_runs_nothing_the_theme_does_not(site):
    assert audit_site(site)[0] == []


@pytest.mark.parametrize(("n", "case"), list(enumerate(AS_TEXT)), ids=lambda v: repr(v)[:40])
def test_hostile_text_is_shown_as_text(site, n, case):
    path, value = case
    page = (site / f"demo/events/hostile-{n:02d}/index.html").read_text(encoding="utf-8")
    assert " ".join(value.split()) in _visible(page), path


@pytest.mark.parametrize(("path", "value", "says"), REFUSED, ids=lambda v: repr(v)[:40])
def test_hostile_input_is_refused_with_a_clear_error(content_tree: ContentTree, path, value, says):
    data = _speech()
    _set(data, path, value)
    content_tree.write(SPEECH, dump_content("event", data))
    problems = content_tree.problems()
    assert problems, value
    assert any(says in p.message for p in problems), [p.message for p in problems]
    assert all(p.source_path == SPEECH for p in problems)


def test_the_table_has_at_least_forty_rows():
    assert len(AS_TEXT) + len(REFUSED) >= 40
