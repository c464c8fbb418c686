"""Escaping editor text for each place it lands in a generated page.

Content is untrusted. Jinja2's autoescape knows HTML, not Markdown, so the
templates use these filters explicitly:

- `md`: plain text into Markdown (a paragraph, a heading, a link's text);
- `attr`: plain text into an HTML attribute or an HTML element's text;
- `url`: a validated http(s) URL into a Markdown link target or an attribute;
- `yaml`: plain text into the page's front matter.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

# Characters that mean something to Markdown (or to Python-Markdown's
# extensions) anywhere in a line; they become numeric character references,
# which every Markdown engine passes through and every browser shows as text.
_MARKDOWN_INLINE = {
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;",
    "[": "&#91;", "]": "&#93;", "|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;",
    ":": "&#58;", "!": "&#33;", "$": "&#36;",
    "#": "&#35;",  # a heading drops trailing #s: "C#" would read "C"
}  # fmt: skip
_INLINE = re.compile("[" + re.escape("".join(_MARKDOWN_INLINE)) + "]")
# Characters that start a block (list, quote, heading, table) at a line's start.
_LINE_START = re.compile(r"^(\s*)(?:([-+#>])|(\d+)([.)]))")


@lru_cache(maxsize=1 << 16)  # names and titles recur on many pages
def md(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text."""
    escaped = html.escape(str(text), quote=False)
    escaped = _INLINE.sub(lambda m: _MARKDOWN_INLINE[m.group()], escaped)
    # Leading spaces would make an indented code block, and two trailing ones a
    # line break; neither means anything in HTML text.
    lines = [line.strip(" \t") for line in escaped.split("\n")]
    return "\n".join(_LINE_START.sub(_escape_line_start, line) for line in lines)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker, number, dot = match.groups()
    if number:  # "1975." would start a numbered list
        return f"{lead}{number}&#{ord(dot)};"
    return f"{lead}&#{ord(marker)};"


def attr(text: str) -> str:
    """Plain text for an HTML attribute value or element text."""
    return html.escape(str(text), quote=True)


def url(value: str) -> str:
    """An http(s) URL with every character that could end a Markdown link or an
    attribute percent-encoded (validation already refused other schemes)."""
    return quote(str(value), safe=":/?#@!$&*+,;=%~-._[]'")  # no ( ) < > " space \\ `


def yaml(text: str) -> str:
    """Plain text as a YAML scalar for front matter (JSON is valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)
