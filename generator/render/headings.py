"""A page's headings, with the ids that links and search point at.

The ids are made as Python-Markdown's table of contents makes them (the same
slug of the heading's text, `_1`, `_2` for a repeat), so that an address with a
heading's anchor (`#data-and-feeds`, a day of the timeline) keeps working
whichever engine builds the page. Each heading carries its permanent link.
"""

from __future__ import annotations

import html
import re
import unicodedata

from markupsafe import Markup

_TAGS = re.compile(r"<[^>]*>")
_NOT_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")


def slug(text: str) -> str:
    """Plain text as an id of letters, digits, `_` and `-` (nothing to escape in
    an attribute): "Data and feeds" -> "data-and-feeds", "Çavuşoğlu" ->
    "cavusoglu". Text in another script keeps its letters ("۱۶ اوت ۲۰۲۱" ->
    "۱۶-اوت-۲۰۲۱"), where an ASCII id would be empty and only `_1`, `_2`."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = _NOT_WORD.sub("", bare)
    if not words.isascii():  # as written: its marks may be part of its letters
        words = _NOT_WORD.sub("", unicodedata.normalize("NFC", text))
    return _SPACES.sub("-", words.strip().lower())


class Headings:
    """The headings of one page; each id is used once."""

    def __init__(self, permalink: str = "Permanent link") -> None:
        self.ids: set[str] = set()
        self.permalink = permalink  # its link's title, in the site's language

    def _unique(self, wanted: str) -> str:
        while wanted in self.ids or not wanted:
            counted = _COUNTED.match(wanted)
            wanted = f"{counted[1]}_{int(counted[2]) + 1}" if counted else f"{wanted}_1"
        self.ids.add(wanted)
        return wanted

    def __call__(
        self, level: int, inner: str, searched: bool = True, joined: bool = False
    ) -> Markup:
        """A heading of `inner` (HTML, or plain text to escape). `searched=False`
        keeps its section out of the search index; `joined` makes search count its
        section as part of the one before (it starts no section of its own: the
        id moves to an empty element just before it, where links still point).
        A heading in the site's language is anchored by its English (`Said`)."""
        english = getattr(inner, "msgid", "")
        inner = str(Markup.escape(inner))
        anchor = self._unique(slug(english or html.unescape(_TAGS.sub("", inner))))
        title = Markup.escape(self.permalink)
        permalink = f'<a class="headerlink" href="#{anchor}" title="{title}">&para;</a>'
        if joined:
            return Markup(
                f'<div id="{anchor}"></div><h{level} data-search-exclude>'
                f"{inner}{permalink}</h{level}>"
            )
        excluded = "" if searched else " data-search-exclude"
        return Markup(f'<h{level} id="{anchor}"{excluded}>{inner}{permalink}</h{level}>')
