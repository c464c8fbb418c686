"""A generated page, handed to MkDocs without Markdown to convert.

The renderer writes each page it generates as front matter and a body of HTML
(see render/renderer.py). Python-Markdown would pass that HTML through as it is,
but only after scanning it line by line: half of a build. This sets what
MkDocs' own reading sets on a page (`Page.read_source`: its Markdown and front
matter, see front_matter.py), and what its conversion sets (`Page.render`): its
content, its table of contents (the headline: readers' pages show none, the
skip link needs the first), the anchors other pages may link to, and no links
of its own for MkDocs to check (`timeline links` checks every link of the built
site).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Set
from functools import cached_property
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import front_matter

_ID = re.compile(r'\sid="([^"]+)"')
_HEADLINE = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAGS = re.compile(r"<[^>]*>")


def read_source(page: Any) -> None:
    """What Page.read_source sets, with the front matter read as the renderer
    wrote it (front_matter.py). Other plugins' on_page_read_source is not asked:
    the generated pages are this plugin's."""
    page.markdown, page.meta = front_matter.get_data(page.file.content_string)


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
    page.present_anchor_ids = _Anchors(body)
    page.links_to_anchors = {}


class _Anchors(Set[str]):
    """A page's anchors, found when first asked for: only a hand-written page's
    link to an anchor asks, and most builds have none (finding them was a
    twentieth of a build from the page cache)."""

    def __init__(self, body: str) -> None:
        self._body = body

    @cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(html.unescape(anchor) for anchor in _ID.findall(self._body))

    def __contains__(self, anchor: object) -> bool:
        return anchor in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


# An element that opens (not one of HTML's void elements), and one that closes.
_OPENS = re.compile(
    r"<(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b)[a-zA-Z]"
)
_SECTION = re.compile(r'<h[1-6] id="[^"]*"( data-search-exclude)?>')


def searched_part(body: str) -> str:
    """`body` without the sections that search leaves out whole (a heading with an
    id and `data-search-exclude`, up to the next heading with an id), for search to
    read (search_sections.py): the index is the same (tested), and most of an event page (its
    body, sources, network drawing) is never parsed. A section is cut only where it
    stands at the top of the page and closes all it opens, so that what the search
    parser reads after it is as it would be."""
    starts = list(_SECTION.finditer(body))
    if not any(start[1] for start in starts):
        return body
    places = [start.start() for start in starts] + [len(body)]
    depths, depth, at = [], 0, 0
    for place in places:  # the page is well formed: counting is enough
        piece = body[at:place]
        depth += len(_OPENS.findall(piece)) - piece.count("/>") - piece.count("</")
        depths.append(depth)
        at = place
    kept, at = [], 0
    for i, start in enumerate(starts):
        if start[1] and depths[i] == depths[i + 1] == 0:
            kept.append(body[at : start.start()])
            at = places[i + 1]
    kept.append(body[at:])
    return "".join(kept)
