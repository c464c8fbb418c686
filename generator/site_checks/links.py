"""Check a built site's internal links and anchors (`timeline links`).

Every `href`/`src` that stays on the site must name a file that exists and, when
it has a fragment, an element with that id in the page it points to. Links to
other hosts are not followed (the check runs offline); addresses under the
site's own `site_url` count as internal, so a wrong canonical URL is caught too.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the page's path under the site folder
    line: int
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.reason}: {self.target}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and _is_hint(attrs)):
                self.links.append((self.getpos()[0], value))


def _is_hint(attrs: list[tuple[str, str | None]]) -> bool:
    """<link rel=preconnect/dns-prefetch> names a host, not a document."""
    rel = dict(attrs).get("rel") or ""
    return bool({"preconnect", "dns-prefetch"} & set(rel.split()))


@dataclass
class _Page:
    ids: set[str]
    links: list[tuple[int, str]]


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return _Page(parser.ids, parser.links)


def _target(site: Path, page: str, url: str, site_url: str) -> tuple[str, str] | None:
    """(path under the site, fragment) of an internal link; None for another host."""
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, parts.fragment
    base = PurePosixPath("/") if parts.path.startswith("/") else PurePosixPath("/" + page).parent
    resolved = PurePosixPath(_normalise(str(base / unquote(parts.path))))
    rel = str(resolved).lstrip("/")
    if parts.path.endswith("/") or (site / rel).is_dir():
        rel = f"{rel}/index.html".lstrip("/")
    return rel, parts.fragment


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if len(out) > 1:
                out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out) or "/"


def check_links(site: Path, site_url: str = "") -> tuple[list[BrokenLink], int]:
    """Every broken internal link in the site, and how many pages were checked."""
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    pages = {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*.html"))}
    parsed: dict[str, _Page] = {}

    def page(rel: str) -> _Page:
        if rel not in parsed:
            parsed[rel] = _parse(pages[rel])
        return parsed[rel]

    broken = []
    for rel in pages:
        for line, url in page(rel).links:
            target = _target(site, rel, url, site_url)
            if target is None:
                continue
            path, fragment = target
            if path.startswith("..") or not (site / path).is_file():
                broken.append(BrokenLink(rel, line, url, "no such file"))
            elif fragment and path in pages and unquote(fragment) not in page(path).ids:
                broken.append(BrokenLink(rel, line, url, f"no anchor '#{fragment}' in {path}"))
    return sorted(broken), len(pages)
