"""The small, safe Markdown that editors write in `body` and `introduction`: one
parser both checks it and renders it, so nothing can pass the check and then
render as something else.

Allowed: paragraphs, *emphasis*, **strong**, `code`, [links](https://...),
bullet and numbered lists, block quotes and line breaks. Refused at `check`,
with a reason: raw HTML, images (they would load from another host), headings
(the page owns its outline), code blocks, rules, links to anything but http(s),
a numbered list that does not start at 1 (a line "1975. The war ended" is a
sentence, not a list), and the characters no text may hold, written as
character references too (`&#x202E;`). Link reference definitions are not
parsed at all: `[Editor's note]: unconfirmed` stays text.

The rendered HTML is built from the same allow-list and then cleaned by nh3 (the
Ammonia sanitizer), a second wall that keeps only those elements and http(s)
links whatever the first let through.
"""

from __future__ import annotations

import html
import re
from functools import cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .characters import SUSPECT, character_problem

# HTML stays on in the parser so that the check sees raw HTML (and refuses it)
# instead of it passing as text; the renderer never lets it out.
_PARSER = MarkdownIt("commonmark", {"html": True}).disable("reference")
# Let every link through the parser, so that the check sees (and refuses)
# javascript: and other schemes instead of their falling back to text.
_PARSER.validateLink = lambda url: True

_ALLOWED_BLOCKS = {
    "paragraph_open",
    "inline",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
}
_ALLOWED_INLINE = {
    "text",
    "softbreak",
    "hardbreak",
    "em_open",
    "strong_open",
    "code_inline",
    "link_open",
}
_REFUSED = {
    "html_block": "raw HTML is not allowed: write plain Markdown",
    "html_inline": "raw HTML is not allowed: write plain Markdown (write &lt; for a literal '<')",
    "image": "images are not allowed in text: use the event's `media` list",
    "heading_open": "headings are not allowed: the page makes its own headings; use **bold**",
    "fence": "code blocks are not allowed",
    "code_block": "indented code blocks are not allowed: remove the leading spaces",
    "hr": "horizontal rules are not allowed",
}
# What the rendered HTML may hold, for the sanitizer.
_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "br"}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host: the only links content may hold."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and url == url.strip()


# A text with none of these is paragraphs of plain text, which the subset
# allows: no character that opens an inline construct, and no line that starts
# with a space or tab (code), with -, + or = (rules, setext headings) or with a
# list's marker (a list item may hold code: "1.     code").
_SYNTAX = re.compile(r"[*_`\[\]!<>{}#\\|~&]|^[ \t\-+=]|^\d+[.)]", re.MULTILINE)


def check_markdown(text: str) -> list[tuple[int, str]]:
    """(line within the text, message) for each construct outside the subset."""
    if not _SYNTAX.search(text):  # most prose: no need to parse it
        return []
    return parsed_check(text)


def parsed_check(text: str) -> list[tuple[int, str]]:
    """check_markdown, always parsing the text."""
    return _problems(_PARSER.parse(text), references="&" in text)


def _problems(tokens: list[Token], references: bool) -> list[tuple[int, str]]:
    """`references`: the text may hold character references, to be read decoded
    (raw characters were checked in the file already)."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.nesting == -1:  # a closing tag: its opening one was checked
            continue
        line_no = token.map[0] + 1 if token.map else 1
        if token.type in _REFUSED:
            found.append((line_no, _REFUSED[token.type]))
        elif token.type not in _ALLOWED_BLOCKS:
            found.append((line_no, f"'{token.type}' is not allowed in this text"))
        elif token.type == "ordered_list_open" and token.attrs.get("start", 1) != 1:
            number = token.attrs["start"]
            found.append(
                (
                    line_no,
                    f"a line starting '{number}.' makes a numbered list from {number}: "
                    f"for a sentence, write '{number}\\.' (a list starts at 1)",
                )
            )
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line_no += 1  # inline tokens carry no line of their own
            found += [(line_no, message) for message in _inline_problems(child, references)]
    return sorted(set(found))


def _inline_problems(child: Token, references: bool) -> list[str]:
    if child.nesting == -1:
        return []
    if child.type in _REFUSED:
        return [_REFUSED[child.type]]
    if child.type not in _ALLOWED_INLINE:
        return [f"'{child.type}' is not allowed in this text"]
    if child.type == "link_open" and not is_web_url(href := str(child.attrs.get("href", ""))):
        return [f"link target '{href}' must be a full http:// or https:// URL"]
    # Character references are decoded into the text: "&#x202E;" is U+202E.
    if references and child.type == "text" and (bad := SUSPECT.search(child.content)):
        return [f"{character_problem(bad.group())} (written as a character reference)"]
    return []


@cache  # a live preview renders every body again after each edit
def render_markdown(text: str) -> str:
    """Editor Markdown as HTML holding only the subset's elements.

    Text that the check refuses (which a build never renders: content that does
    not check does not build) is shown whole as escaped paragraphs."""
    tokens = _PARSER.parse(text)
    if _problems(tokens, references=True):
        rendered = "".join(
            f"<p>{html.escape(block.strip())}</p>\n"
            for block in text.split("\n\n")
            if block.strip()
        )
    else:
        rendered = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return nh3.clean(
        rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https"}, link_rel=None
    ).strip()
