"""Every page's and file's address, in one place.

A page URI is a Markdown file's path under the docs folder (`kabul-calls/timeline.md`),
as MkDocs names its `src_uri`; a file URI is any other file the build writes there
(`kabul-calls/feed.xml`). The renderer, the templates, the views, the exports and the
network drawing all ask this module; none of them spells an address itself.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from ..content.load import MEDIA
from ..content.pictures import Picture

# Where the site is served when nothing says otherwise (MkDocs' own preview address).
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"

HOME = "index.md"
ACTORS = "actors/index.md"
CORRECTIONS = "corrections.md"
FEED = "feed.xml"  # the site's feed, and each timeline's under its folder
LOGO = "assets/images/publisher-logo.svg"  # the masthead's logo, for structured data


def actor(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def explainer(slug: str) -> str:
    """A timeline's home: its headline, introduction and key moments."""
    return f"{slug}/index.md"


def timeline(slug: str) -> str:
    """The timeline page (an index of months when the timeline is split)."""
    return f"{slug}/timeline.md"


def event(slug: str, event_id: str) -> str:
    return f"{slug}/events/{event_id}.md"


def topics(slug: str) -> str:
    return f"{slug}/topics/index.md"


def topic(slug: str, topic_id: str) -> str:
    return f"{slug}/topics/{topic_id}.md"


def sources(slug: str) -> str:
    return f"{slug}/sources.md"


def quotes(slug: str) -> str:
    return f"{slug}/quotes.md"


def network(slug: str) -> str:
    return f"{slug}/network.md"


def embed(slug: str) -> str:
    return f"{slug}/embed.md"


def timeline_file(slug: str, name: str) -> str:
    """A file under a timeline's folder: its feed, its data files."""
    return f"{slug}/{name}"


def data_schema(data_format: str, version: int) -> str:
    """The published JSON Schema of a data format's version."""
    return f"schemas/{data_format}-v{version}.schema.json"


def part_page(index: str, part_key: str) -> str:
    """The page of one part of a list whose index page is `index`:
    ("long/sources.md", "2021-08") -> "long/sources/2021-08.md"."""
    return f"{index.removesuffix('.md')}/{part_key}.md"


WIDTHS = (480, 960, 1600)  # a phone, a column at twice its pixels, a wide screen


@dataclass(frozen=True)
class Variant:
    uri: str  # a file URI under the docs folder: "media/kabul-airport-960.jpg"
    width: int
    height: int


def variants(picture: Picture) -> list[Variant]:
    """The widths the site makes of `picture`, never wider than the picture itself."""
    widths = sorted({w for w in WIDTHS if w < picture.width} | {min(picture.width, WIDTHS[-1])})
    stem, ext = picture.path.rsplit(".", 1)
    return [
        Variant(f"{MEDIA}/{stem}-{w}.{ext}", w, max(round(picture.height * w / picture.width), 1))
        for w in widths
    ]


@lru_cache(maxsize=1 << 16)  # every link asks for its target's and its page's
def page_path(uri: str) -> str:
    """The folder URL path of a page: 'kabul-calls/events/x.md' -> 'kabul-calls/events/x/'."""
    stem = uri.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def absolute(base_url: str, uri: str) -> str:
    """The full URL of a page (`.md`) or a file under the site's base URL."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + (page_path(uri) if uri.endswith(".md") else uri)


@lru_cache(maxsize=1 << 16)  # pages of one folder link to the same pages
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two paths relative to the same root, without its
    calls to the file system (it was a tenth of the render time)."""
    to = [p for p in path.split("/") if p not in ("", ".")]
    base = [p for p in start.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def file_url(from_uri: str, file_uri: str) -> str:
    """An HTML link from a page to a file (a picture): relative to the page's folder."""
    return _relpath(file_uri, page_path(from_uri))


def page_url(from_uri: str, to_uri: str) -> str:
    """An HTML link from one page to another: pages are served as folders
    (`use_directory_urls`)."""
    target = _relpath(page_path(to_uri), page_path(from_uri))
    return "./" if target == "." else target + "/"


def link(from_uri: str, to_uri: str) -> str:
    """An HTML link from a page to a page (`.md`) or to a file."""
    return page_url(from_uri, to_uri) if to_uri.endswith(".md") else file_url(from_uri, to_uri)
