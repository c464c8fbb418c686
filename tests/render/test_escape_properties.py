"""Fuzzing the escaping filters: any plain text an editor types renders as exactly
that text, with no element or attribute of its own, wherever it lands."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import icalendar
import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.exports import ics_calendar as ical
from generator.render.escape import attr, one_block
from generator.render.headings import Headings
from generator.render.renderer import _environment
from generator.site_checks.audit import audit_page, theme_of

# Text an editor can get past the loader: no control, surrogate or bidi characters.
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029\ufeff\ufffe\uffff",
    ),
    min_size=1,
    max_size=80,
)
# Hostile fragments mixed in, so that examples are not only harmless letters.
PIECES = st.sampled_from(
    ["<", ">", "&", '"', "'", "`", "*", "_", "[", "]", "(", ")", "{:", "}", "#", "|", "!",
     "<script>", "</p>", "javascript:", "onclick=", "--8<--", "<!--", "\\", "&amp;", "&#60;",
     "1.", "-", "+", ">", "=", ":", "~", "^", "$", "\n", "    "]
)  # fmt: skip
HOSTILE = st.lists(st.one_of(TEXT, PIECES), min_size=1, max_size=12).map("".join)
RENDER = markdown.Markdown(extensions=["md_in_html", "tables", "toc", "fenced_code"])
COMMONMARK = MarkdownIt("commonmark", {"html": True})
FUZZ = settings(max_examples=300, deadline=None)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _page_text(text: str) -> str:
    """`text` as the page templates print it: a paragraph and a heading."""
    env = _environment()
    heading = Headings()(2, text)
    return env.from_string("<p>{{ text }}</p>\n\n{{ heading }}\n").render(
        text=text, heading=heading
    )


def _shape(html: str) -> tuple[list, str]:
    tree = _read(html)
    return [tag for tag, _ in tree.tags], " ".join("".join(tree.text).split())


@FUZZ
@given(HOSTILE)
def test_a_page_prints_plain_text_as_exactly_that_text(text):
    html = _page_text(text)
    tree = _read(html)
    assert [tag for tag, _ in tree.tags] == ["p", "h2", "a"], html  # nothing of its own
    assert dict(tree.tags[1][1]).keys() == {"id"} and dict(tree.tags[2][1])["class"] == "headerlink"
    assert _same_text("".join(tree.text), f"{text} {text}¶"), html


@FUZZ
@given(HOSTILE)
def test_every_markdown_engine_passes_a_page_through_as_it_is(text):
    """The generated pages are HTML written as Markdown files, for engines that
    convert them: Python-Markdown with MkDocs' extensions, and CommonMark (where a
    blank line would end the HTML and start Markdown) leave them as they are."""
    html = _page_text(text)
    RENDER.reset()
    assert _shape(RENDER.convert(html)) == _shape(html), html
    assert _shape(COMMONMARK.render(html)) == _shape(html), html


@FUZZ
@given(HOSTILE)
def test_attr_keeps_text_inside_its_attribute_and_element(text):
    """Exactly the text, but for blank lines, which become one line break (they
    would end an HTML block in a Markdown file; in HTML they are white space)."""
    html = f'<p title="{attr(text)}">{attr(text)}</p>'
    tree = _read(html)
    assert tree.tags == [("p", [("title", one_block(text))])]
    assert "".join(tree.text) == one_block(text)
    assert not re.search(r"\n[ \t]*\n", one_block(text))


@settings(max_examples=100, deadline=None)
@given(HOSTILE)
def test_the_audit_finds_nothing_in_escaped_text(text):
    page = f'<html><head></head><body><p>{attr(text)}</p><p title="{attr(text)}"></p></body></html>'
    theme = theme_of("<html><head></head><body></body></html>")
    assert audit_page("x.html", page, __import__("pathlib").Path("."), theme) == []


@settings(max_examples=300, deadline=None)
@given(
    HOSTILE
    | st.text(st.sampled_from("\\;,a\né"), max_size=400)
    | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
)
def test_icalendar_text_reads_back_exactly_in_lines_of_75_octets(value):
    """What `timeline.ics` writes of an editor's text, folded wherever the
    line is long, is read back by the icalendar library as exactly that text."""
    logical = f"DESCRIPTION:{ical.text(value)}"
    line = ical.fold(logical)
    physical = line.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    cut = 0
    for piece in physical[:-1]:  # no fold between a backslash and what it escapes
        cut += len(piece) - (cut > 0)
        run = len(logical[:cut]) - len(logical[:cut].rstrip("\\"))
        assert run % 2 == 0, (logical[:cut][-5:], logical[cut : cut + 5])
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    assert str(event["DESCRIPTION"]) == value.replace("\r\n", "\n")
