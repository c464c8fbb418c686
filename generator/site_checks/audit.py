"""After a build, check that every page runs only what the theme itself runs.

Content is untrusted; the templates escape it. This audit is the second line:
it scans the built HTML for tags and attributes written any way HTML allows
(entities decoded, as a browser does) and refuses anything active that the
theme does not produce on a page with no content at all (the 404 page, which
Material renders from the theme alone):

- inline classic scripts other than the theme's (compared with the 404 page's,
  once the page's own base path is set aside);
- script elements of any other type than the theme's configuration and our
  JSON-LD, or JSON that does not parse, or JSON-LD that could close its element;
- external scripts that are not the theme's own files, on this site;
- event-handler attributes (`onclick=...`), iframes, objects, embeds, frames,
  `<meta http-equiv="refresh">`, `<base href>`;
- forms other than the search box and the timeline's filters, or with an action;
- links and sources whose scheme is not http(s) or mailto (javascript:,
  data:, vbscript:..., however spelt).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
FORMS = {"md-search__form", "tl-filters"}  # Material's search box, the timeline's filters
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet"}
_BASE = re.compile(r'new URL\("[^"]*",location\)')
_PATHS = ("base", "search", "version")  # config keys that hold the page's relative paths
# Browsers drop ASCII whitespace and controls inside a URL's scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, order=True)
class Finding:
    page: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.what}"


def _scheme(url: str) -> str | None:
    squeezed = _IGNORED_IN_SCHEME.sub("", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return match.group(1) if match else None


# A start tag and its attributes as a browser's tokenizer reads them (HTML's
# "before attribute name" state): attributes may be separated by whitespace or
# `/` (`<svg/onload=...>`), or by nothing after a quoted value
# (`src="x"onerror=...`); a quoted value may hold `>`; a name is anything up to
# whitespace, `/`, `>` or `=`. Possessive quantifiers keep a tag that never
# closes from backtracking. A regular-expression scan reads a page about ten
# times faster than html.parser; what it may over-read (a tag inside a comment
# or a script's text) can only add findings, never hide one.
_WS = "\t\n\f\r "
_NAME = f"[^{_WS}/>][^{_WS}/>=]*+"
_VALUE = f"""[{_WS}]*+=[{_WS}]*+(?:"([^"]*)"|'([^']*)'|([^{_WS}>]*+))"""
_TAG = re.compile(f"<([a-zA-Z][^{_WS}/>]*+)((?:[{_WS}/]*+{_NAME}(?:{_VALUE})?)*+)[{_WS}/]*+>")
_ATTRIBUTE = re.compile(f"({_NAME})(?:{_VALUE})?")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Only these attributes can make a tag active: a tag with none of them (most
# of a page: class, id, data-*, aria-*) needs no closer look.
_ACTIVE_NAME = re.compile(
    f"(?:^|[{_WS}/\"'])(?:on|(?:href|src|srcset|action|formaction|poster|data|xlink:href)"
    f"(?=[{_WS}/>=]|$))",
    re.IGNORECASE,
)
# Tags whose attributes matter whatever they are.
_CHECKED_TAGS = {"meta", "base", "form"}


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        # A browser decodes character references ("&#106;avascript:") and keeps
        # the first of two attributes with the same name.
        found.setdefault(name, html.unescape(value) if "&" in value else value)
    return found


@dataclass
class _Page:
    text: str
    elements: list[tuple[int, str, dict[str, str]]]  # (offset, tag, attributes)
    scripts: list[tuple[int, dict[str, str], str]]  # (offset, attributes, text)

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def _parse(page: str) -> _Page:
    # Offsets, not lines: a line number is only worked out for a finding.
    elements = []
    for m in _TAG.finditer(page):
        tag, text = m.group(1).lower(), m.group(2)
        active = tag in _CHECKED_TAGS or _ACTIVE_NAME.search(text)
        elements.append((m.start(), tag, _attributes(text) if active else {}))
    scripts = [(m.start(), _attributes(m.group(1)), m.group(2)) for m in _SCRIPT.finditer(page)]
    return _Page(page, elements, scripts)


def inline_scripts(page: str) -> list[str]:
    """The text of each inline script the browser runs: no src, no data type."""
    # Scripts only: the CSP needs this for every page, without the full tag scan.
    scripts = ((_attributes(m.group(1)), m.group(2)) for m in _SCRIPT.finditer(page))
    return [text for attrs, text in scripts if not {"src", "type"} & attrs.keys()]


def _config(text: str) -> object:
    data = json.loads(text)
    return {k: v for k, v in data.items() if k not in _PATHS} if isinstance(data, dict) else data


@dataclass(frozen=True)
class _Theme:
    """What the theme runs on every page."""

    inline: frozenset[str]  # classic scripts, base path set aside
    external: frozenset[str]  # file names of its scripts
    config: object


def theme_of(page_404: str) -> _Theme:
    """What the theme runs, from its 404 page: the one page with no content."""
    external, config = set(), None
    for _, attrs, text in _parse(page_404).scripts:
        if "src" in attrs:
            external.add(attrs["src"].rsplit("/", 1)[-1])
        elif attrs.get("type") == "application/json" and attrs.get("id") == "__config":
            config = _config(text)
    inline = frozenset(_BASE.sub("BASE", text) for text in inline_scripts(page_404))
    return _Theme(inline, frozenset(external), config)


def _script_findings(rel: str, site: Path, page: _Page, theme: _Theme) -> list[Finding]:
    found = []
    for at, attrs, text in page.scripts:
        kind = attrs.get("type", "")
        if "src" in attrs:
            src = attrs["src"]
            target = site / src.lstrip("/") if src.startswith("/") else (site / rel).parent / src
            if (
                _scheme(src)
                or src.startswith("//")
                or src.rsplit("/", 1)[-1] not in theme.external
                or not target.resolve().is_relative_to(site.resolve())
            ):
                found.append(Finding(rel, page.line(at), f"script from outside the theme: {src}"))
        elif kind == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                found.append(Finding(rel, page.line(at), "structured data that is not JSON"))
            if "<" in text:
                found.append(Finding(rel, page.line(at), "structured data holding '<'"))
        elif kind == "application/json" and attrs.get("id") == "__config":
            try:
                same = _config(text) == theme.config
            except ValueError:
                same = False
            if not same:
                found.append(
                    Finding(rel, page.line(at), "theme configuration differs from the theme's")
                )
        elif kind or _BASE.sub("BASE", text) not in theme.inline:
            found.append(
                Finding(rel, page.line(at), f"script the theme does not run: {text[:60]!r}")
            )
    return found


def _element_findings(rel: str, page: _Page) -> list[Finding]:
    found = []
    for at, tag, attrs in page.elements:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(Finding(rel, page.line(at), f"event handler {name} on <{tag}>"))
            elif name in URL_ATTRIBUTES:
                urls = (
                    [u.strip().split(" ")[0] for u in value.split(",")]
                    if name == "srcset"
                    else [value]
                )
                for url in urls:
                    scheme = _scheme(url)
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        found.append(
                            Finding(rel, page.line(at), f"{scheme}: link in {name} of <{tag}>")
                        )
        if tag in FORBIDDEN:
            found.append(Finding(rel, page.line(at), f"<{tag}> element"))
        elif tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append(Finding(rel, page.line(at), "<meta http-equiv=refresh>"))
        elif tag == "base" and "href" in attrs:  # <base target="_top"> (the embed) is fine
            found.append(Finding(rel, page.line(at), "<base href> element"))
        elif tag == "form" and (
            "action" in attrs or not FORMS & set(attrs.get("class", "").split())
        ):
            found.append(
                Finding(rel, page.line(at), "a form that is not the theme's or the filters'")
            )
    return found


def audit_page(rel: str, html: str, site: Path, theme: _Theme) -> list[Finding]:
    """Everything active in one built page (`rel` under `site`) that the theme
    does not produce."""
    page = _parse(html)
    return _script_findings(rel, site, page, theme) + _element_findings(rel, page)


def audit_site(site: Path) -> tuple[list[Finding], int]:
    """Everything active in a built site that the theme does not produce, and
    how many pages were read."""
    theme = theme_of(_read(site / "404.html"))
    findings: list[Finding] = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        findings += audit_page(path.relative_to(site).as_posix(), _read(path), site, theme)
    return sorted(findings), len(pages)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
