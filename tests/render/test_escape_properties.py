"""Fuzzing the escaping filters: any plain text an editor types renders as exactly
that text, with no element or attribute of its own, wherever it lands."""

from __future__ import annotations

from html.parser import HTMLParser

import icalendar
import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.exports import ics_calendar as ical
from generator.render.escape import attr, md
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


@FUZZ
@given(HOSTILE)
def test_md_renders_plain_text_as_exactly_that_text(text):
    RENDER.reset()
    html = RENDER.convert(md(text))
    tree = _read(html)
    assert {tag for tag, _ in tree.tags} <= {"p"}, html  # a paragraph, nothing else
    assert all(attrs == [] for _, attrs in tree.tags), html
    assert _same_text("".join(tree.text), text), html


@FUZZ
@given(HOSTILE)
def test_md_in_a_heading_and_a_link_stays_text(text):
    one_line = " ".join(text.split()) or "x"
    RENDER.reset()
    html = RENDER.convert(f"## {md(one_line)}\n\n[{md(one_line)}](https://example.org/)")
    tree = _read(html)
    assert [tag for tag, _ in tree.tags] == ["h2", "p", "a"], html
    assert dict(tree.tags[2][1]) == {"href": "https://example.org/"}
    assert _same_text("".join(tree.text), one_line + " " + one_line), html


@FUZZ
@given(HOSTILE)
def test_attr_keeps_text_inside_its_attribute_and_element(text):
    html = f'<p title="{attr(text)}">{attr(text)}</p>'
    tree = _read(html)
    assert tree.tags == [("p", [("title", text)])]
    assert "".join(tree.text) == text


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
