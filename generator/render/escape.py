"""Escaping editor text for each place it lands in a generated page.

Content is untrusted. The page templates autoescape their HTML (with
`one_block` first, see the renderer); the rest uses these:

- `attr`: plain text into an HTML attribute or an HTML element's text, in the
  pieces of HTML made in Python;
- `url`: a validated http(s) URL into a link target;
- `yaml`: plain text into the page's front matter.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import escape

# A blank line ends an HTML block in CommonMark, so that an engine would read the
# rest of the text as Markdown; in HTML it is only white space.
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def one_block(text: str) -> str:
    """Text with no blank line: the same in HTML, and one block to any engine."""
    return _BLANK_LINES.sub("\n", text) if "\n" in text else text


@lru_cache(maxsize=1 << 16)  # names and titles recur on many pages
def attr(text: str) -> str:
    """Plain text for an HTML attribute value or element text (escaped as the
    templates' autoescaping escapes it)."""
    return str(escape(one_block(str(text))))


def url(value: str) -> str:
    """An http(s) URL with every character that could end a Markdown link or an
    attribute percent-encoded (validation already refused other schemes)."""
    return quote(str(value), safe=":/?#@!$&*+,;=%~-._[]'")  # no ( ) < > " space \\ `


def yaml(text: str) -> str:
    """Plain text as a YAML scalar for front matter (JSON is valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)
