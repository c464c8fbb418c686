"""After a build, check that every page runs, loads and styles only what the theme does.

Content is untrusted; the templates escape it and editors' Markdown is rendered
from an allow-list. This audit is the last line: it reads each built page with
a real HTML5 parser (Lexbor, through selectolax), so it sees the elements and
attributes a browser would, and refuses what the theme does not produce on a
page with no content at all (the 404 page, which Material renders from the
theme alone):

- inline classic scripts other than the theme's (compared with the 404 page's,
  once the page's own base path is set aside);
- script elements of any other type than the theme's configuration and our
  JSON-LD, or JSON that does not parse, or JSON-LD that could close its element;
- external scripts that are not the theme's own files, on this site;
- event-handler attributes (`onclick=...`), `srcdoc`, `ping`, and links whose
  scheme is not http(s) or mailto (javascript:, data:..., however spelt);
- iframes, objects, embeds, frames, `<template>`, `<plaintext>`, `<xmp>`,
  `<meta http-equiv="refresh">`, `<base>` (but the embed's `target="_top"`);
- `<style>` elements and `style` attributes the theme does not have (content
  could hide the page, or cover it with a link);
- forms other than the search box and the timeline's filters, or with an action,
  and form controls outside them that the theme does not have;
- anything loaded from another host: images, media, stylesheets, icons, fonts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Material's search box and light/dark toggle, the timeline's filters.
FORMS = {"md-search__form", "md-header__option", "tl-filters"}
FORBIDDEN = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe",
    "template", "plaintext", "xmp", "listing", "noembed",
}  # fmt: skip
CONTROLS = {"input", "button", "select", "textarea", "datalist", "output"}
# Our own control outside a form: the embed code, to copy (read-only).
OWN_CONTROLS = {("textarea", "tl-embed-code")}
# Material's toggles (CSS-only checkboxes): the drawer, the search, the table of
# contents and each section of the navigation, which only pages with them have.
_TOGGLE = re.compile(r"__(drawer|search|toc|nav(_\d+)*)")
# Attributes that make the browser fetch something as the page loads.
LOADING = {"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc"}
# <link> relations that fetch their target; others (canonical, alternate, next)
# only name it.
LOADING_LINKS = {
    "stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload",
    "preconnect", "dns-prefetch", "prerender", "manifest", "mask-icon",
}  # fmt: skip
_WATCHED = URL_ATTRIBUTES | LOADING | {"style", "srcdoc", "ping"}
# Tags checked whatever their attributes.
_CHECKED_TAGS = FORBIDDEN | CONTROLS | {
    "script", "style", "meta", "base", "form", "link", "image", "use", "feimage",
}  # fmt: skip
_BASE = re.compile(r'new URL\("[^"]*",location\)')
_PATHS = ("base", "search", "version")  # config keys that hold the page's relative paths
# Browsers drop ASCII whitespace and controls inside a URL's scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what browsers strip around a URL


@dataclass(frozen=True, order=True)
class Finding:
    page: str
    line: int  # 0 when the element's line could not be told
    what: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.what}" if self.line else f"{self.page}: {self.what}"


def _scheme(url: str) -> str | None:
    if ":" not in url:  # most links: relative, with no scheme to read
        return None
    squeezed = _IGNORED_IN_SCHEME.sub("", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return match.group(1) if match else None


def _other_host(url: str) -> bool:
    """Whether a URL written in a page leaves this site: absolute, or
    scheme-relative (browsers read a backslash as a slash: `/\\evil.example`)."""
    if _scheme(url) is not None:
        return True
    lead = url.lstrip(_C0_AND_SPACE)
    if lead[:1] not in ("/", "\\"):  # most links: "../x/", "#id"
        return False
    return _IGNORED_IN_SCHEME.sub("", lead).replace("\\", "/").startswith("//")


def _handler(name: str) -> bool:
    return name.startswith("on")


def _checked(node: LexborNode) -> bool:
    """Whether the checks need to look at this element."""
    if node.tag in _CHECKED_TAGS:
        return True
    attrs = node.attributes
    return bool(attrs) and (not _WATCHED.isdisjoint(attrs) or any(map(_handler, attrs)))


def _element(node: LexborNode) -> _Element:
    tag = node.tag
    text = node.text(deep=True) if tag in ("script", "style") else ""
    form = _form_of(node) if tag in CONTROLS else None  # only controls ask
    values = {k: v or "" for k, v in node.attributes.items()}
    return _Element(tag, values, text, form, node.mem_id)


@dataclass(frozen=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    text: str  # a script's or style's own text
    form: str | None  # the class of the form it is in, if any
    node: int  # the parser's own id of the element


class _Page:
    """A page as a browser's parser reads it, and how to tell an element's line."""

    def __init__(self, text: str):
        self.text = text
        self._tree = LexborHTMLParser(text)
        root = self._tree.root
        # The parser lowercases names, keeps the first of two attributes with the
        # same name and decodes character references ("&#106;avascript:"), as a
        # browser does.
        self.elements = [
            _element(node) for node in (root.traverse() if root else ()) if _checked(node)
        ]

    def line(self, element: _Element) -> int:
        """The line of the element's start tag, when the source has exactly as
        many start tags of its name as the parser made elements (else 0)."""
        nodes = [n.mem_id for n in self._tree.root.traverse() if n.tag == element.tag]
        starts = [
            m.start() for m in re.finditer(rf"<{re.escape(element.tag)}(?=[\s/>])", self.text, re.I)
        ]
        if len(starts) != len(nodes):
            return 0
        return self.text.count("\n", 0, starts[nodes.index(element.node)]) + 1

    def inline_scripts(self) -> list[str]:
        """The text of each inline script the browser runs: no src, no data type."""
        return [e.text for e in self.elements if _is_inline(e)]


def _form_of(node: LexborNode) -> str | None:
    parent = node.parent
    while parent is not None:
        if parent.tag == "form":
            return parent.attributes.get("class") or ""
        parent = parent.parent
    return None


def _config(text: str) -> object:
    data = json.loads(text)
    if not isinstance(data, dict):
        return data
    kept = {k: v for k, v in data.items() if k not in _PATHS}
    words = kept.get("translations")
    # A translated timeline's page has the theme's words in its own language
    # (theme_language.py): the same words, in plain text.
    if isinstance(words, dict) and all(isinstance(v, str) and "<" not in v for v in words.values()):
        kept["translations"] = sorted(words)
    return kept


def _is_inline(element: _Element) -> bool:
    return element.tag == "script" and not {"src", "type"} & element.attrs.keys()


@dataclass(frozen=True)
class Theme:
    """What the theme runs, styles and offers on every page."""

    inline: frozenset[str]  # classic scripts, base path set aside
    external: frozenset[str]  # file names of its scripts
    config: object
    styles: frozenset[str]  # the text of its <style> elements
    styled: frozenset[tuple[str, str]]  # (tag, style attribute)
    controls: frozenset[tuple[str, str, str]]  # (tag, id, type) outside a form

    def runs(self, script: str) -> bool:
        """Whether an inline script is one of the theme's."""
        return _BASE.sub("BASE", script) in self.inline


def _control(element: _Element) -> tuple[str, str, str]:
    return (element.tag, element.attrs.get("id", ""), element.attrs.get("type", ""))


def theme_of(page_404: str) -> Theme:
    """What the theme does, from its 404 page: the one page with no content."""
    page = _Page(page_404)
    external, config = set(), None
    for e in page.elements:
        if e.tag == "script" and "src" in e.attrs:
            external.add(e.attrs["src"].rsplit("/", 1)[-1])
        elif e.tag == "script" and e.attrs.get("id") == "__config":
            config = _config(e.text)
    return Theme(
        inline=frozenset(_BASE.sub("BASE", script) for script in page.inline_scripts()),
        external=frozenset(external),
        config=config,
        styles=frozenset(e.text for e in page.elements if e.tag == "style"),
        styled=frozenset((e.tag, e.attrs["style"]) for e in page.elements if "style" in e.attrs),
        controls=frozenset(_control(e) for e in page.elements if e.tag in CONTROLS and not e.form),
    )


def read_page(html: str) -> _Page:
    """A built page, parsed once for its policy and its audit."""
    return _Page(html)


def _script_problem(e: _Element, rel: str, site: Path, theme: Theme) -> str | None:
    kind = e.attrs.get("type", "")
    if "src" in e.attrs:
        src = e.attrs["src"]
        target = site / src.lstrip("/") if src.startswith("/") else (site / rel).parent / src
        if (
            _other_host(src)
            or src.rsplit("/", 1)[-1] not in theme.external
            or not target.resolve().is_relative_to(site.resolve())
        ):
            return f"script from outside the theme: {src}"
        return None
    if kind == "application/ld+json":
        try:
            json.loads(e.text)
        except ValueError:
            return "structured data that is not JSON"
        return "structured data holding '<'" if "<" in e.text else None
    if kind == "application/json" and e.attrs.get("id") == "__config":
        try:
            same = _config(e.text) == theme.config
        except ValueError:
            same = False
        return None if same else "theme configuration differs from the theme's"
    if kind or not theme.runs(e.text):
        return f"script the theme does not run: {e.text[:60]!r}"
    return None


def _attribute_problems(e: _Element, theme: Theme) -> list[str]:
    found = []
    for name, value in e.attrs.items():
        if name.startswith("on"):
            found.append(f"event handler {name} on <{e.tag}>")
        elif name in ("srcdoc", "ping"):
            found.append(f"{name} attribute on <{e.tag}>")
        elif name == "style" and (e.tag, value) not in theme.styled:
            found.append(f"style attribute on <{e.tag}>: {value[:60]!r}")
        if name in URL_ATTRIBUTES | LOADING:
            urls = (
                [u.strip().split(" ")[0] for u in value.split(",")]
                if name.endswith("srcset")
                else [value]
            )
            for url in urls:
                scheme = _scheme(url)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"{scheme}: link in {name} of <{e.tag}>")
                elif name in LOADING and e.tag != "script" and _other_host(url):
                    found.append(f"<{e.tag}> loads {url[:80]} from another host")
    return found


def _element_problem(e: _Element, theme: Theme) -> str | None:
    attrs = e.attrs
    if e.tag in FORBIDDEN:
        return f"<{e.tag}> element"
    if e.tag == "style" and e.text not in theme.styles:
        return f"<style> element the theme does not have: {e.text.strip()[:60]!r}"
    if e.tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        return "<meta http-equiv=refresh>"
    if e.tag == "base" and attrs != {"target": "_top"}:  # the embed's own, to leave the iframe
        return "<base href> element" if "href" in attrs else "<base> element"
    if e.tag == "form" and ("action" in attrs or not FORMS & set(attrs.get("class", "").split())):
        return "a form that is not the theme's or the filters'"
    classes = set(attrs.get("class", "").split())
    if (
        e.tag in CONTROLS
        and e.form is None
        and _control(e) not in theme.controls
        and not (attrs.get("type") == "checkbox" and _TOGGLE.fullmatch(attrs.get("id", "")))
        and not any(e.tag == tag and cls in classes for tag, cls in OWN_CONTROLS)
    ):
        return f"<{e.tag}> outside the theme's forms"
    rel = set(attrs.get("rel", "").lower().split())
    if e.tag == "link" and LOADING_LINKS & rel and _other_host(attrs.get("href", "")):
        return f"<link rel={attrs.get('rel')}> loads {attrs['href'][:80]} from another host"
    if e.tag in ("image", "use", "feimage") and _other_host(
        attrs.get("href", attrs.get("xlink:href", ""))
    ):
        return f"<{e.tag}> loads from another host"
    return None


def audit_page(rel: str, html: str | _Page, site: Path, theme: Theme) -> list[Finding]:
    """Everything in one built page (`rel` under `site`) that the theme does not do."""
    page = html if isinstance(html, _Page) else _Page(html)
    found = []
    for e in page.elements:
        problems = _attribute_problems(e, theme) if e.attrs else []
        if e.tag == "script":
            problems.append(_script_problem(e, rel, site, theme))
        else:
            problems.append(_element_problem(e, theme))
        found += [Finding(rel, page.line(e), what) for what in problems if what]
    return sorted(found)


def audit_site(site: Path) -> tuple[list[Finding], int]:
    """Everything in a built site that the theme does not do, and how many pages
    were read."""
    theme = theme_of(_read(site / "404.html"))
    findings: list[Finding] = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        findings += audit_page(path.relative_to(site).as_posix(), _read(path), site, theme)
    return sorted(findings), len(pages)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
