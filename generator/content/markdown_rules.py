"""The small, safe Markdown that editors may write in `body` and `introduction`.

Allowed: paragraphs, *emphasis*, **strong**, `code`, [links](https://...),
bullet and numbered lists, block quotes and line breaks. Refused, with a
reason: raw HTML, images (they would load from another host), headings (the
page owns its outline), tables, code blocks, rules, and Python-Markdown's
attribute lists (`{: onclick=...}`), which could smuggle attributes into the
page. Link targets must be http(s) URLs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": True})
# Let every link through the parser, so that we see (and refuse) javascript: and
# other schemes instead of letting them fall back to text that Python-Markdown,
# which renders the site, would still turn into a link.
_md.validateLink = lambda url: True

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
_ATTR_LIST = re.compile(r"\{\s*[:#.]")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:")


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
    found: list[tuple[int, str]] = []
    env: dict = {}
    tokens = _md.parse(text, env)
    # Reference definitions vanish from the page, taking their text with them.
    has_references = bool(env.get("references"))
    for line_no, line in enumerate(text.split("\n"), start=1):
        if _ATTR_LIST.search(line):
            found.append((line_no, "attribute lists like '{: ...}' are not allowed: remove them"))
        if has_references and _REFERENCE.match(line):
            found.append(
                (
                    line_no,
                    "link reference definitions are not allowed: "
                    "write the link inline, as [text](https://...)",
                )
            )
    for token in tokens:
        if token.nesting == -1:  # a closing tag: its opening one was checked
            continue
        line_no = token.map[0] + 1 if token.map else 1
        if token.type in _REFUSED:
            found.append((line_no, _REFUSED[token.type]))
        elif token.type != "inline" and token.type not in _ALLOWED_BLOCKS:
            found.append((line_no, f"'{token.type}' is not allowed in this text"))
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line_no += 1  # inline tokens carry no line of their own
            if child.nesting == -1:
                continue
            if child.type in _REFUSED:
                found.append((line_no, _REFUSED[child.type]))
            elif child.type not in _ALLOWED_INLINE:
                found.append((line_no, f"'{child.type}' is not allowed in this text"))
            elif child.type == "link_open" and not is_web_url(str(child.attrs.get("href", ""))):
                href = child.attrs.get("href", "")
                found.append(
                    (line_no, f"link target '{href}' must be a full http:// or https:// URL")
                )
    return sorted(set(found))
