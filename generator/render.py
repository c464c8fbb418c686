"""Stage 3, render: the validated corpus as a tree of Markdown pages.

The output is `{page_uri: Markdown}` plus the site navigation, as plain data:
any Material-compatible engine can build it. Nothing here imports MkDocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import escape
from .batch import without_gc_pauses
from .formats import jsonld
from .formats.exports import FORMATS, site_files, timeline_files
from .formats.urls import absolute, page_path
from .markup import PageMarkup
from .model import Interaction, Timeline
from .network import render_network
from .present import short_label
from .validate import Corpus, EventEntry
from .views import EventView, Part, SiteView, TimelineView, build_views, part_page

TEMPLATES = Path(__file__).parent / "templates"
# Pages written by hand (about, methodology) and copied into the page tree.
PAGES = Path(__file__).resolve().parents[1] / "pages"

DEFAULT_URL = "http://127.0.0.1:8000/"
NavItem = dict[str, Any]  # {title: page_uri} or {title: [NavItem, ...]}, as in mkdocs.yml


@dataclass
class Site:
    """The page tree: Markdown by page URI (relative to the docs folder), and the nav."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    # When the content last changed (UTC seconds): the build date of a
    # reproducible build, so that the same content builds the same bytes.
    updated: int = 0


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


def relative(from_uri: str, to_uri: str) -> str:
    """A Markdown link from one page to another (the engine turns it into a URL)."""
    return _relpath(to_uri, posixpath.dirname(from_uri))


def page_url(from_uri: str, to_uri: str) -> str:
    """An HTML link from one page to another, for raw HTML that the engine does not
    rewrite (the SVG network): pages are served as folders (`use_directory_urls`)."""
    target = _relpath(page_path(to_uri), page_path(from_uri))
    return "./" if target == "." else target + "/"


# The pages of the last render, kept while previewing (see keep_pages): what
# the site as a whole was rendered from, and by page URI the events the page
# was rendered from with its Markdown.
_KeptPages = tuple[tuple[Any, ...], dict[str, tuple[tuple[Any, ...], str]]]
_last_pages: _KeptPages | None = None


def keep_pages(keep: bool = True) -> None:
    """Keep each render's pages, so that the next render reuses every page whose
    events are unchanged (for a live preview, where one edit touches few pages)."""
    global _last_pages
    _last_pages = ((), {}) if keep else None


def _entries(views: Any) -> tuple[EventEntry, ...]:
    return tuple(v.entry for v in views)


def _layout(parts: list[Part]) -> tuple[tuple[str, str, int], ...]:
    """What a page shows of a list's parts: their links, headings and counts."""
    return tuple((p.key, p.heading, len(p.events)) for p in parts)


@cache  # one per process: its templates are compiled once, not on every render
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,  # the output is Markdown: each template escapes explicitly
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape.md, attr=escape.attr, url=escape.url, yaml=escape.yaml)
    env.filters["day"] = short_label
    env.globals["part_page"] = part_page
    return env


class _Renderer:
    def __init__(self, view: SiteView, hand_written: dict[str, str], base_url: str):
        self.view = view
        self.base_url = base_url
        self.env = _environment()
        self.hand_written = hand_written
        self.site = Site(pages=dict(hand_written))
        # Everything a page may read besides its own events: when any of it
        # changed, no page of the last render is reused.
        self.inputs = (base_url, view.actors, view.outlets, hand_written,
                       tuple(t.timeline.timeline for t in view.timelines))  # fmt: skip
        kept_inputs, kept_pages = _last_pages or ((), {})
        self.previous = kept_pages if kept_inputs == self.inputs else {}
        self.kept: dict[str, tuple[tuple[Any, ...], str]] = {}

    def page(self, template: str, uri: str, reads: tuple[Any, ...] | None = None,
             **context: Any) -> None:  # fmt: skip
        """Render `template` as page `uri`. `reads` is everything the page shows
        of the events (entries, parts, addresses), when it does not show all of
        them: a page reading the same as last time is not rendered again."""
        if reads is not None:
            kept = self.previous.get(uri)
            if kept is not None and kept[0] == (template, reads):
                self.site.pages[uri] = kept[1]
            else:
                self._render(template, uri, **context)
            self.kept[uri] = ((template, reads), self.site.pages[uri])
        else:
            self._render(template, uri, **context)

    def _render(self, template: str, uri: str, **context: Any) -> None:
        def link(to_uri: str) -> str:
            return relative(uri, to_uri)

        def network(interactions: list[Interaction], title: str) -> str:
            def href(actor_id: str) -> str:
                return page_url(uri, f"actors/{actor_id}.md")

            return render_network(interactions, self.view.actors, href, title)

        def url(to_uri: str) -> str:
            return absolute(self.base_url, to_uri)

        markup = PageMarkup(self.view, link)
        self.site.pages[uri] = self.env.get_template(template).render(
            site=self.view, page_uri=uri, link=link, network=network, url=url,
            meta=self.meta, formats=FORMATS, actor_link=markup.actor_link,
            actor_list=markup.actor_list, topic_list=markup.topic_list,
            outlet_label=markup.outlet_label, when=markup.when, **context,
        )  # fmt: skip

    def meta(self, tl: TimelineView, uri: str, ev: EventView | None = None) -> dict[str, str]:
        """Front matter for article pages: structured data and dates."""
        t = tl.timeline.timeline
        data = ev and jsonld.event_jsonld(ev, self.base_url)
        return {
            "jsonld": data or jsonld.article_jsonld(self.view, tl, uri, self.base_url),
            "published_time": jsonld.iso(t.published, t.timezone),
            "modified_time": jsonld.iso(t.updated or t.published, t.timezone),
        }

    def render(self) -> Site:
        view = self.view
        self.page("home.md.jinja", "index.md")
        nav: list[NavItem] = [{"Home": "index.md"}]
        for tview in view.timelines:
            slug = tview.slug
            self.page("explainer.md.jinja", f"{slug}/index.md", tl=tview)
            if tview.parts:  # too long for one page: an index, and a page per month
                self.page("timeline_index.md.jinja", f"{slug}/timeline.md", tl=tview)
                layout = _layout(tview.parts)
                for part in tview.parts:
                    uri = tview.part_uri(part)
                    reads = (layout, _entries(part.events))
                    self.page("timeline.md.jinja", uri, reads, tl=tview, part=part)
            else:
                self.page("timeline.md.jinja", f"{slug}/timeline.md", tl=tview, part=None)
            for ev in tview.events:
                reads = (ev.entry, ev.previous, ev.next, _entries(tview.related_to(ev)),
                         tview.timeline_uri(ev))  # fmt: skip
                self.page("event.md.jinja", ev.uri, reads, tl=tview, ev=ev)
            self.page("topics.md.jinja", f"{slug}/topics/index.md", tl=tview)
            for topic in tview.timeline.timeline.topics:
                uri = f"{slug}/topics/{topic.id}.md"
                parts = tview.topic_parts(topic.id)
                reads = (_layout(parts), _entries(tview.topic_events(topic.id)))
                context = dict(tl=tview, topic=topic, parts=parts)
                self.page("topic.md.jinja", uri, reads, part=None, **context)
                for part in parts:
                    self.page("topic.md.jinja", part_page(uri, part), reads, part=part, **context)
            for kind in ("sources", "quotes"):  # by month too, when the timeline is
                index = f"{slug}/{kind}.md"
                self.page(f"{kind}.md.jinja", index, tl=tview, part=None)
                for part in tview.parts:
                    reads = (_layout(tview.parts), _entries(part.events))
                    uri = part_page(index, part)
                    self.page(f"{kind}.md.jinja", uri, reads, tl=tview, part=part)
            self.page("network.md.jinja", f"{slug}/network.md", tl=tview)
            self.page("embed.md.jinja", f"{slug}/embed.md", tl=tview)
            self.site.pages.update(timeline_files(view, tview, self.base_url))
            nav.append(
                {
                    tview.timeline.timeline.title: [
                        {"The story": f"{slug}/index.md"},
                        {"Timeline": f"{slug}/timeline.md"},
                        {"Topics": f"{slug}/topics/index.md"},
                        {"Sources": f"{slug}/sources.md"},
                        {"Quotes": f"{slug}/quotes.md"},
                        {"Who talked to whom": f"{slug}/network.md"},
                    ]
                }
            )
        self.page("actors.md.jinja", "actors/index.md")
        for actor_id, actor in view.actors.items():
            reads = (_entries(view.actor_events.get(actor_id, ())),)
            uri = f"actors/{actor_id}.md"
            self.page("actor.md.jinja", uri, reads, actor_id=actor_id, actor=actor)
        self.page("corrections.md.jinja", "corrections.md")
        self.site.pages.update(site_files(view, self.base_url))
        nav += [
            {"People and organisations": "actors/index.md"},
            {"Corrections and updates": "corrections.md"},
        ]
        nav += [{_title_of(text, uri): uri} for uri, text in self.hand_written.items()]
        self.site.nav = nav
        self.site.pages = dict(sorted(self.site.pages.items()))
        self.site.updated = max(
            (_last_change(t.timeline.timeline) for t in view.timelines), default=0
        )
        global _last_pages
        if _last_pages is not None:
            _last_pages = (self.inputs, self.kept)
        return self.site


def _last_change(timeline: Timeline) -> int:
    stamp = timeline.updated or timeline.published
    return int(stamp.utc_range(timeline.timezone)[0].timestamp())


def _title_of(markdown: str, uri: str) -> str:
    """A hand-written page's first heading, for the navigation."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return posixpath.splitext(posixpath.basename(uri))[0].capitalize()


def read_hand_written(folder: Path = PAGES) -> dict[str, str]:
    """The hand-written pages, by page URI."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md"))
    }


@without_gc_pauses
def render_site(corpus: Corpus, pages: Path = PAGES, base_url: str = DEFAULT_URL) -> Site:
    """Every page of the site, as Markdown, and every data file, with the navigation.

    `base_url` is the site's address, for the formats read outside it (feeds,
    calendars, structured data)."""
    return _Renderer(build_views(corpus), read_hand_written(pages), base_url).render()
