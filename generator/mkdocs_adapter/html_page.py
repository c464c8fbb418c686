"""A generated page, handed to MkDocs without Markdown to convert.

The renderer writes each page it generates as front matter and a body of HTML
(see render/renderer.py). Python-Markdown would pass that HTML through as it is,
but only after scanning it line by line: half of a build. This sets what
MkDocs' own conversion sets on a page (`Page.render`): its content, its table of
contents (the headline: readers' pages show none, the skip link needs the
first), the anchors other pages may link to, and no links of its own for MkDocs
to check (`timeline links` checks every link of the built site).
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

_ID = re.compile(r'\sid="([^"]+)"')
_HEADLINE = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAGS = re.compile(r"<[^>]*>")


def render(page: Any, body: str) -> None:
    """What Page.render sets, for a body that is HTML already."""
    page.content = body
    headline = _HEADLINE.search(body)
    if headline:
        title = html.escape(html.unescape(_TAGS.sub("", headline[2])), quote=False)
        page.toc = TableOfContents([AnchorLink(title, headline[1], 1)])
    else:
        page.toc = TableOfContents([])
    page._title_from_render = None  # the front matter's title is the page's
    page.present_anchor_ids = {html.unescape(anchor) for anchor in _ID.findall(body)}
    page.links_to_anchors = {}
