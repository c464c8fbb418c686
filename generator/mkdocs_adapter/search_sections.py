"""Material's search sections of a generated page, read by a reader of the
generator's own markup instead of the search plugin's HTMLParser.

Material's search plugin splits each page's HTML into sections (a heading with
an id, and the text up to the next), with the standard library's HTMLParser:
a tenth of a build, most of it the parser finding tags and attributes one
regular expression at a time. The generator's pages are its own, well formed
markup: double-quoted attributes, escaped text, no scripts. This reads them with
one expression and follows, tag for tag, what the plugin's parser does with what
it finds (material/plugins/search/plugin.py: `Parser`, quirks included: it
compares elements by their tag alone). Anything outside that markup (a comment
is the most there is) leaves the page to the plugin itself, so the index is the
plugin's, entry for entry (tested against the plugin on every generated page
and on any HTML).
"""

from __future__ import annotations

import html
import re
from typing import Any

from material.plugins.search.plugin import Element, SearchPlugin, Section, void

# The whole token; a start tag's name, attributes and closing slash; an end tag's
# name; text; (a comment).
_TOKEN = re.compile(
    r'(<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-.:\w]*(?:="[^"]*")?)*)\s*(/?)>'
    r"|</([a-zA-Z][a-zA-Z0-9-]*)>"
    r"|([^<]+)"
    r"|<!--.*?-->)",
    re.S,
)
_ATTR = re.compile(r'([a-zA-Z_:][-.:\w]*)(?:="([^"]*)")?')
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
_RAW_TEXT = frozenset({"script", "style"})  # HTMLParser reads their content as text


def sections(body: str) -> list[Section] | None:
    """The sections Material's search parser makes of `body`, or None where the
    body holds markup this reader leaves to it."""
    reader = _Reader()
    tokens = _TOKEN.findall(body)
    if sum(len(token[0]) for token in tokens) != len(body):
        return None  # something between the tokens this reader knows
    for _, tag, attrs, empty, end, text in tokens:
        if text:
            reader.data(html.unescape(text))
        elif tag:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                return None
            reader.start(tag, _attributes(attrs) if attrs else {})
            if empty and not reader.end(tag):
                return None
        elif end and not reader.end(end.lower()):
            return None
    return reader.found


def _attributes(text: str) -> dict[str, str | None]:
    return {
        found[1].lower(): None if found[2] is None else html.unescape(found[2])
        for found in _ATTR.finditer(text)
    }


class _Reader:
    """Material's `Parser` handlers, keeping tags where it keeps elements (its
    elements are equal when their tags are: one skipped element skips every
    element with its tag, and closing any of them ends the skip)."""

    def __init__(self) -> None:
        self.skip = set(_ALWAYS_SKIPPED)
        self.context: list[str] = []
        self.open: dict[str, int] = {}  # how many of each tag the context holds
        self.skipped = 0  # how many open elements have a tag in `skip`
        self.permalinks: list[bool] = []  # which open elements are headerlinks
        self.section = Section(Element("hx"))  # not found until text or a tag comes
        self.found: list[Section] = []

    def _data(self) -> list[str]:
        """Where kept tags and text go: the section's title while its heading's tag
        is open, its text otherwise."""
        section = self.section
        return section.title if self.open.get(section.el.tag) else section.text

    def _preface(self) -> None:
        if not self.found:
            self.found.append(self.section)

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in void:
            return
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skipped += tag in self.skip
        self.permalinks.append(tag == "a" and attrs.get("class") == "headerlink")
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.found:
                self._begin(Section(Element("hx"), depth))
            section = Section(Element(tag, attrs), depth)
            if self.found:
                section.id = attrs["id"]
            self._begin(section)
        self._preface()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            if tag not in self.skip:
                self.skip.add(tag)
                self.skipped += self.open[tag]
            return
        if tag in _KEEP and not self.skipped:
            self._data().append(f"<{tag}>")

    def _begin(self, section: Section) -> None:
        self.section = section
        self.found.append(section)

    def end(self, tag: str) -> bool:
        """False where the parser would fail (a kept tag closed that it did not open)."""
        if not self.context or self.context[-1] != tag:
            return True
        if self.section.depth > len(self.context):
            for section in reversed(self.found):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")  # left, never to be entered again
                    self.section = section
                    break
        self.context.pop()
        self.open[tag] -= 1
        self.permalinks.pop()
        if tag in self.skip:
            self.skipped -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
                self.skipped -= self.open[tag]
            return True
        if tag in _KEEP and not self.skipped:
            data = self._data()
            try:
                index = data.index(f"<{tag}>")
            except ValueError:
                return False
            if any(not piece.isspace() for piece in data[index + 1 :]):
                data.append(f"</{tag}>")
            else:
                del data[index:]  # empty, or only white space
        return True

    def data(self, text: str) -> None:
        if self.skipped:
            return
        if not self.open.get("pre"):
            text = " " if text.isspace() else text.replace("\n", " ")
        self._preface()
        section = self.section
        if self.open.get(section.el.tag):
            if not any(self.permalinks):
                section.title.append(html.escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or self.open.get("pre"):
                section.text.append(text)
        else:
            section.text.append(html.escape(text, quote=False))


def material_index(config: Any) -> Any | None:
    """Material's search index, where its plugin indexes this build's pages."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin.search_index
    return None


def add_entries(index: Any, page: Any) -> bool:
    """Add `page`'s entries to Material's search `index` as its plugin would, from
    what search reads of the page (`page.content`); False, adding none, where the
    page is left to the plugin."""
    if (page.meta.get("search") or {}).get("exclude"):
        return True
    found = sections(page.content)
    if found is None:
        return False
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return True
