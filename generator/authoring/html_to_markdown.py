"""HTML from other tools (TimelineJS slides) into our safe Markdown subset.

Paragraphs, links (http/https), emphasis, lists, quotes and line breaks are
carried over; everything else is reported by name, never dropped silently:
images and frames (media go in `media`), scripts and styles (with their
content), tables, and any other element (whose text is kept).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..content.editor_markdown import is_web_url

_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "figure", "figcaption"}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "video", "audio", "svg"}
_DROP = {"img", "source", "track", "hr", "input", "button"}
_TRANSPARENT = {"span", "small", "sup", "sub", "u", "cite", "abbr", "time", "font", "mark", "html",
                "body", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Markdown's special characters, escaped so that text stays text.
_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")


def _text(data: str) -> str:
    return _SPECIAL.sub(r"\\\1", data).replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Converted:
    markdown: str
    dropped: list[str] = field(default_factory=list)  # what could not be carried over


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line = ""
        self.lists: list[str] = []  # "ul"/"ol" nesting
        self.quote = 0
        self.skip = 0
        self.links: list[str | None] = []
        self.dropped: list[str] = []

    def flush(self) -> None:
        text = " ".join(self.line.split())
        if text:
            prefix = "> " * self.quote
            self.blocks.append(prefix + text)
        self.line = ""

    def drop(self, what: str) -> None:
        if what not in self.dropped:
            self.dropped.append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag in _DROP_WITH_CONTENT:
                self.skip += 1
            return
        values = dict(attrs)
        if tag in _DROP_WITH_CONTENT:
            self.skip = 1
            self.drop(f"<{tag}>")
        elif tag in _DROP:
            if tag == "img":
                self.drop("image in text (put media in `media`)")
            elif tag != "hr":
                self.drop(f"<{tag}>")
        elif tag in _BLOCKS or tag in _HEADINGS:
            self.flush()
            if tag in _HEADINGS:
                self.line += "**"
                self.drop(f"heading <{tag}> (made bold)")
        elif tag == "br":
            self.flush()  # a line break starts a new paragraph
        elif tag in ("b", "strong"):
            self.line += "**"
        elif tag in ("i", "em"):
            self.line += "*"
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag == "li":
            self.flush()
            self.line = "1. " if self.lists and self.lists[-1] == "ol" else "- "
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag == "a":
            href = values.get("href") or ""
            if is_web_url(href):
                self.links.append(href)
                self.line += "["
            else:
                self.links.append(None)
                if href:
                    self.drop(f"link to '{href}' (only http(s) links are kept; its text is)")
        elif tag == "code":
            self.line += "`"
        elif tag not in _TRANSPARENT:
            self.drop(f"<{tag}> (its text is kept)")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in _DROP_WITH_CONTENT:
                self.skip -= 1
            return
        if tag in _BLOCKS or tag == "li":
            self.flush()
        elif tag in _HEADINGS:
            self.line = self.line.rstrip() + "**"
            self.flush()
        elif tag in ("b", "strong"):
            self.line = self.line.rstrip() + "**"
        elif tag in ("i", "em"):
            self.line = self.line.rstrip() + "*"
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote":
            self.flush()
            self.quote = max(0, self.quote - 1)
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.line = self.line.rstrip() + f"]({href})"
        elif tag == "code":
            self.line += "`"

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line += _text(data)
            if self.lasttag in ("td", "th"):
                self.line += " "

    def result(self) -> str:
        self.flush()
        paragraphs, previous_item = [], False
        for block in self.blocks:
            item = block.startswith(("- ", "1. "))
            sep = "\n" if (item and previous_item) else "\n\n"
            paragraphs.append((sep if paragraphs else "") + block)
            previous_item = item
        return "".join(paragraphs).strip()


def html_to_markdown(fragment: str) -> Converted:
    converter = _Converter()
    converter.feed(fragment or "")
    converter.close()
    return Converted(converter.result(), converter.dropped)


# Tags that end a line of text; any other tag (a link, emphasis) sits inside a
# sentence and leaves no space behind ("<a>Ada Lovelace</a>: ..." is not "Ada Lovelace :").
_BREAKS = re.compile(
    r"<br\s*/?>|</?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|pre|hr|"
    r"section|article|header|footer|figure|figcaption)\b[^>]*>",
    re.I,
)


def html_to_text(fragment: str) -> str:
    """Plain text from an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    text = _BREAKS.sub(" ", fragment or "")
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join(html.unescape(text).split())
