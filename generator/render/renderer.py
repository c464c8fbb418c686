"""Stage 3, render: the site's view as a tree of pages, plus the data files.

The output is `{page_uri: Markdown}` plus the site navigation, as plain data:
any Material-compatible engine can build it. Nothing here imports MkDocs. A
generated page is front matter and a body of HTML, which is Markdown that every
engine passes through as it is: the engine that knows (the MkDocs adapter) need
not convert it at all. Only the hand-written pages are Markdown to convert.
Which pages there are, and what each reads, is the page table (`page_table`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any, get_args

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..content.dates import When
from ..content.editor_markdown import render_markdown
from ..content.model import Importance, Media, Timeline
from ..content.validate import Corpus
from ..errors import UserError
from ..exports import jsonld
from ..exports.formats import FORMATS, site_files, timeline_files
from ..exports.json_data import SCHEMA_URI
from ..exports.pieces import Pieces
from ..gc_pauses import without_gc_pauses
from ..hand_written import hand_written_uris
from ..views import addresses
from ..views.kinds_named import IMPORTANCE, KINDS
from ..views.site_view import (
    EventView,
    KeptMoments,
    Publication,
    SiteView,
    TimelineView,
    build_views,
)
from ..views.translated_site import (
    Alternate,
    direction,
    languages,
    page_versions,
    translated_corpus,
)
from . import escape
from .axis_drawings import AxisDrawings
from .axis_figure import axis_figure
from .colours_css import STYLESHEET, colours_css
from .headings import Headings
from .network_svg import MINI as NETWORK_MINI
from .network_svg import NARROW as NETWORK_NARROW
from .network_svg import WIDE as NETWORK_WIDE
from .network_svg import render_network
from .page_images import ImageFiles, PageImages
from .page_table import NavItem, Page, menu_entries, navigation, pages_of
from .render_store import RenderStore, StoredPieces
from .shared_out import Job, render_shared
from .snippets import PageMarkup
from .theme_words import script_words, theme_words

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Site:
    """The page tree: Markdown by page URI (relative to the docs folder), and the nav."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    # When the content last changed (UTC seconds): the build date of a
    # reproducible build, so that the same content builds the same bytes.
    updated: int = 0
    # The footer's links, (title, site-relative URL): where readers see what was
    # corrected, the hand-written pages on how the site works, and the feed.
    colophon: list[tuple[str, str]] = field(default_factory=list)
    # Files that are not pages, by file URI: pictures in their sizes, share cards.
    files: dict[str, bytes] = field(default_factory=dict)
    # The pages (URIs) whose body is HTML, with no Markdown to convert.
    html_pages: frozenset[str] = frozenset()
    # The words the theme and its script show, in the site's language (theme_words.py).
    words: dict[str, str] = field(default_factory=dict)


@dataclass
class PageCache:
    """The pages of the last render, kept while previewing, so that the next render
    reuses every page whose events are unchanged (one edit touches few pages):
    what the site as a whole was rendered from, and by page URI what the page
    read of the events with its Markdown."""

    inputs: tuple[Any, ...] = ()
    pages: dict[str, tuple[tuple[Any, ...], str]] = field(default_factory=dict)
    images: ImageFiles = field(default_factory=ImageFiles)
    pieces: Pieces = field(default_factory=Pieces)  # each event's part of the data files
    axes: AxisDrawings = field(default_factory=AxisDrawings)  # the time axes' drawings
    # Each translation's own, by language: its pages are kept as the site's are.
    translations: dict[str, PageCache] = field(default_factory=dict)
    moments: KeptMoments = field(default_factory=KeptMoments)  # the events' dates shown


def _prose(text: str) -> Markup:
    """Editor Markdown as HTML from an allow-list (the one Markdown engine)."""
    return Markup(render_markdown(text))


def _one_block(value: Any) -> Any:
    """What a template prints: with no blank line (see escape.one_block), whether
    plain text or HTML that holds editor text (joined with `~`, say)."""
    if not isinstance(value, str) or "\n" not in value:
        return value
    cleaned = escape.one_block(value)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


def _yaml(text: str | list[dict[str, Any]]) -> Markup:
    """Plain text as a YAML scalar for front matter, where HTML escaping is wrong;
    a list of mappings of text (a page's languages) as JSON, which is YAML too."""
    if isinstance(text, list):
        return Markup(json.dumps(text, ensure_ascii=False))
    return Markup(escape.yaml(text))


@pass_context
def _day(context: Context, when: When) -> str:
    """A date as the site's language writes it, without the weekday."""
    return context["site"].dates.short_label(when)


@cache  # one per process: its templates are compiled once, not on every render
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=True,  # the body is HTML: any text not marked safe is escaped
        finalize=_one_block,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],  # `{% trans %}`; each render brings its language's words
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # placeholders by name, escaped
    env.filters.update(url=escape.url, yaml=_yaml, day=_day, prose=_prose)
    env.globals.update(
        address=addresses, schema_uri=SCHEMA_URI, formats=FORMATS,
        importance=[(value, IMPORTANCE[value]) for value in get_args(Importance)],
    )  # fmt: skip
    return env


class _Renderer:
    def __init__(
        self, view: SiteView, hand_written: dict[str, str], base_url: str,
        kept: PageCache | None, store: RenderStore | None = None,
        versions: dict[str, tuple[Alternate, ...]] | None = None,
        footer_pages: dict[str, str] | None = None,
    ):  # fmt: skip
        self.view = view
        # Each page published in several languages -> it in each (its language menu).
        self.versions = versions or {}
        self.own_words: str = ""  # the script's words, on a page not in the site's language
        self.nav: list[NavItem] = []
        self.footer: list[dict[str, str]] = []  # a translation's footer, in its language
        # The hand-written pages the footer lists (a translation's, the site's).
        self.footer_pages = hand_written if footer_pages is None else footer_pages
        self.base_url = base_url
        self.hand_written = hand_written
        self.env = _environment()
        self.site = Site(pages=dict(hand_written))
        # Everything a page may read besides its own events: when any of it
        # changed, no page of the last render is reused.
        self.inputs = (base_url, view.publication, view.actors, view.outlets, hand_written,
                       tuple(t.timeline.timeline for t in view.timelines),
                       view.corpus.pictures, view.words.text,
                       tuple(sorted(self.versions.items())))  # fmt: skip
        self.images = PageImages(view, base_url, kept.images if kept is not None else None)
        self.cache = kept
        self.store = store
        self.previous = kept.pages if kept is not None and kept.inputs == self.inputs else {}
        self.kept: dict[str, tuple[tuple[Any, ...], str]] = {}

    def page(self, page: Page) -> None:
        """Render `page`, unless it reads the same as last time."""
        if page.reads is None:
            self.site.pages[page.uri] = self._render(page)
            return
        key = (page.template, page.reads)
        kept = self.previous.get(page.uri)
        self.site.pages[page.uri] = kept[1] if kept is not None and kept[0] == key else (
            self._render(page))  # fmt: skip
        self.kept[page.uri] = (key, self.site.pages[page.uri])

    def _restored(self, page: Page, store: RenderStore) -> bool:
        """Whether `page` is the store's (then it is in the site)."""
        text = store.page(page.uri, page.template, page.reads) if page.reads is not None else None
        if text is not None:
            self.site.pages[page.uri] = text
        return text is not None

    def _page_job(self, page: Page) -> Job:
        return lambda: {page.uri: self._render(page)}

    def _render(self, page: Page) -> str:
        uri = page.uri

        def link(to_uri: str) -> str:
            return addresses.link(uri, to_uri)

        def network(
            interactions: list[Any], title: str, page: bool = False, ev: EventView | None = None
        ) -> Markup:
            """The network of these interactions, each with its event (or all of `ev`):
            one drawing for an event's page; on the network page, one for wide screens
            and one for phones."""
            if ev is not None:
                interactions = [(i, ev) for i in interactions]

            def href(actor_id: str) -> str:
                return addresses.page_url(uri, self.view.site_page(addresses.actor(actor_id)))

            dated = [(i, self.view.dates.brief(ev.event.date)) for i, ev in interactions]
            drawings = (NETWORK_WIDE, NETWORK_NARROW) if page else (NETWORK_MINI,)
            return Markup("".join(render_network(dated, self.view.actors, href, title,
                                                 self.view.words, d)
                                  for d in drawings))  # fmt: skip

        def url(to_uri: str) -> str:
            return addresses.absolute(self.base_url, to_uri)

        def axis(
            tl: TimelineView, events: list[EventView], to: str, part: bool = False,
            alone: bool = False,
        ) -> Markup:  # fmt: skip
            """The time axis of `events`, its marks linking to each event's card on
            this page (`to="here"`), on the timeline page that lists it ("listed"),
            or to its own page ("page"). `alone`: without the notes on its periods,
            which it links to on the explainer (the front page's)."""

            def href(ev: EventView) -> str:
                if to == "here":
                    return "#" + ev.id
                target = tl.timeline_uri(ev) if to == "listed" else ev.uri
                return addresses.page_url(uri, target) + ("#" + ev.id if to == "listed" else "")

            zone = tl.timeline.timeline.timezone
            listed = addresses.page_url(uri, addresses.explainer(tl.slug)) if alone else None
            kept = None if self.cache is None else self.cache.axes  # a preview's drawings
            drawn = axis_figure(self.view, events, tl.timeline.periods, zone, href, part, listed,
                                kept)  # fmt: skip
            return Markup(drawn)

        markup = PageMarkup(self.view, link)
        tl, ev = page.context.get("tl"), page.context.get("ev")

        def figure(media: Media, lead: bool = False) -> Markup:
            return Markup(self.images.figure(media, uri, lead))

        share = self.images.share(tl, ev)  # og:image, and the structured data's image
        words = self.view.words

        language = _language_of(self.view, page)

        def stamp(when: When) -> Markup:
            """A date of publication, as a <time>."""
            shown = self.view.dates.short_label(when)
            return Markup('<time datetime="{}">{}</time>').format(when.text, shown)

        return self.env.get_template(page.template).render(
            site=self.view, page_uri=uri, link=link, network=network, url=url, axis=axis,
            h=Headings(words.gettext("Permanent link")), **words.jinja(), stamp=stamp,
            kind=lambda value: words.gettext(KINDS[value]), number=self.view.dates.number,
            meta=partial(self.meta, image=share["og_image"]), actor_link=markup.actor_link,
            actor_list=markup.actor_list, topic_list=markup.topic_list,
            actor_names=markup.actor_names, topic_names=markup.topic_names,
            source_links=markup.source_links,
            outlet_label=markup.outlet_label, when=markup.when, figure=figure, a=markup.a,
            source_item=markup.source_item,
            share=share | {"og_locale": jsonld.og_locale(language)} | self.languages(uri, language),
            **page.context,
        ) + self.own_words  # fmt: skip

    def meta(
        self, tl: TimelineView, uri: str, ev: EventView | None = None, *, image: str
    ) -> dict[str, Any]:
        """Front matter for article pages: structured data and dates, and the
        page in each language its timeline is in; `image` is the page's share image."""
        t = tl.timeline.timeline
        if ev:  # an event's own picture, where it has one
            own = any(m.file for m in ev.event.media)
            data = jsonld.event_jsonld(ev, self.base_url, image if own else None)
        else:
            data = jsonld.article_jsonld(self.view, tl, uri, self.base_url, image)
        found = {
            "jsonld": data,
            "published_time": jsonld.stamp(t.published, t.timezone),
            "modified_time": jsonld.stamp(t.updated or t.published, t.timezone),
            # Open Graph's author: a profile page, the publication's own.
            "article_author": addresses.absolute(self.base_url, ""),
        }
        if tl.timeline.draft or (ev and ev.entry.draft):
            found["draft"] = "true"  # main.html says so above the headline
        explainer = addresses.explainer(tl.slug)
        if uri != explainer:  # the section line above the headline: the story it is part of
            kicker = t.short_title or t.title
            found |= {"kicker": kicker, "kicker_url": addresses.page_path(explainer)}
        return found

    def colophon(self) -> list[tuple[str, str]]:
        """The footer's links, in the view's language: its corrections, the site's
        hand-written pages (in the site's language) and the feed of the whole site."""
        words, view = self.view.words, self.view
        hand_written = [(_title_of(text, uri), uri) for uri, text in self.footer_pages.items()]
        return [
            (title, addresses.page_path(uri))
            for title, uri in [
                (words.gettext("Corrections and updates"), view.site_page(addresses.CORRECTIONS)),
                *hand_written,
            ]
        ] + [(words.gettext("Feed of every event"), addresses.FEED)]

    def languages(self, uri: str, language: str) -> dict[str, Any]:
        """Front matter of a page in several languages: the theme's language menu
        and hreflang links; and a translation's page's own language, not the site's."""
        found: dict[str, Any] = {}
        if versions := self.versions.get(uri):
            found["alternates"] = [
                {"lang": alt.language, "name": alt.name,
                 "url": addresses.absolute(self.base_url, alt.uri),
                 "path": addresses.page_path(alt.uri), "current": "true" if alt.uri == uri else ""}
                for alt in versions
            ]  # fmt: skip
            found["languages_label"] = self.view.words.gettext("This page in other languages")
        if self.own_words:
            found |= {"lang": language, "dir": direction(language),
                      "menu": menu_entries(self.nav, uri), "footer": self.footer,
                      "footer_label": self.view.words.gettext("About this site")}  # fmt: skip
        return found

    def render(self, translation: bool = False) -> Site:
        """The site; a `translation`'s pages and its timelines' files, beside the
        site in its own language (its pages under the language's folder)."""
        view = self.view
        self.own_words = str(script_words(view.words)) if translation else ""
        self.nav = navigation(view)
        # A translation's footer; a hand-written page's title is in the site's language.
        site_pages = {addresses.page_path(uri) for uri in self.footer_pages}
        self.footer = [{"title": t, "path": p, "site": "true" if p in site_pages else ""}
                       for t, p in self.colophon()] if translation else []  # fmt: skip
        pages = list(pages_of(view))
        pieces: Pieces | None = None
        store = self.store if self.cache is None else None  # a preview keeps its own
        if self.cache is not None:
            pieces = self.cache.pieces
            pieces.start(self.inputs)
            self.cache.axes.start()
        elif store is not None and store.start(self.inputs):
            pieces = StoredPieces(store=store)
        else:
            store = None
        files: list[Job] = [partial(timeline_files, view, t, self.base_url, pieces)
                            for t in view.timelines]  # fmt: skip
        if not translation:
            files.append(partial(site_files, view, self.base_url, pieces))
        if store is not None:  # the pages kept by the last build, the rest shared out
            todo = [page for page in pages if not self._restored(page, store)]
            done = render_shared(list(map(self._page_job, todo)), first=files)
            for page in todo:
                store.keep_page(page.uri, done[page.uri])
            self.site.pages.update(done)
            store.save()
        elif self.cache is None:  # a one-off build: the work may be shared out to other cores
            self.site.pages.update(render_shared([*files, *map(self._page_job, pages)]))
        else:
            for page in pages:
                self.page(page)
            for job in files:
                self.site.pages.update(job())
        self.site.html_pages = frozenset(page.uri for page in pages)
        self.site.files = self.images.files()
        if translation:
            if self.cache is not None:
                self.cache.inputs, self.cache.pages = self.inputs, self.kept
            return self.site
        self.site.files[STYLESHEET] = colours_css(view.publication.colours).encode("utf-8")
        if view.publication.logo:
            self.site.files[addresses.LOGO] = view.publication.logo
        # The masthead's sections; the hand-written pages are in the footer.
        self.site.nav = self.nav
        self.site.colophon = self.colophon()
        self.site.words = theme_words(view.words)
        # A hand-written page that a generated one replaced would be lost silently
        # (check refuses timelines named like hand-written pages; this is the other way).
        if clashes := [
            uri for uri, text in self.hand_written.items() if self.site.pages[uri] is not text
        ]:
            raise UserError(
                f"pages/{clashes[0]} has the address of a page made from the content, "
                "which would replace it: rename or move it"
            )
        self.site.pages = dict(sorted(self.site.pages.items()))
        self.site.updated = max(
            (_last_change(t.timeline.timeline) for t in view.timelines), default=0
        )
        if self.cache is not None:
            self.cache.inputs, self.cache.pages = self.inputs, self.kept
        return self.site


def _language_of(view: SiteView, page: Page) -> str:
    """A page's language: its timeline's, or the site's for the site's own pages."""
    tl = page.context.get("tl")
    return tl.timeline.timeline.language if tl else view.publication.language


def _last_change(timeline: Timeline) -> int:
    stamp = timeline.updated or timeline.published
    return int(stamp.utc_range(timeline.timezone)[0].timestamp())


def _title_of(markdown: str, uri: str) -> str:
    """A hand-written page's first heading, for the navigation."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return uri.rsplit("/", 1)[-1].removesuffix(".md").capitalize()


def read_hand_written(folder: Path | None) -> dict[str, str]:
    """The hand-written pages under `folder`, by page URI."""
    return {uri: (folder / uri).read_text(encoding="utf-8") for uri in hand_written_uris(folder)}


@without_gc_pauses
def render_site(
    corpus: Corpus,
    hand_written: dict[str, str] | None = None,
    base_url: str = addresses.DEFAULT_BASE_URL,
    kept: PageCache | None = None,
    publication: Publication | None = None,
    store: RenderStore | None = None,
) -> Site:
    """Every page of the site, and every data file, with the navigation.

    `base_url` is the site's address, for the formats read outside it (feeds,
    calendars, structured data); `kept`, while previewing, the last render's pages;
    `publication`, the site's name and description; `store`, for a build, the
    last build's render kept on disk (render_store.py). A timeline translated into
    another language is rendered in it too, under that language's folder, with
    the interface and the dates in that language (views/translated_site.py)."""
    publication = publication or Publication()
    own = {language: None if kept is None else kept.translations.setdefault(language, PageCache())
           for language in languages(corpus)}  # fmt: skip
    view = build_views(corpus, publication, moments=None if kept is None else kept.moments)
    variants = {language: build_views(translated_corpus(corpus, language),
                                      replace(publication, language=language), f"{language}/",
                                      None if cache is None else cache.moments)
                for language, cache in own.items()}  # fmt: skip
    versions = {}
    if variants:  # the same page in each language: its language menu
        versions = page_versions({v.root: [(p.uri, _language_of(v, p)) for p in pages_of(v)]
                                  for v in (view, *variants.values())})  # fmt: skip
    site = _Renderer(view, hand_written or {}, base_url, kept, store, versions).render()
    for variant in variants.values():
        language = variant.publication.language
        part = _Renderer(
            variant, {}, base_url, own[language], None, versions, hand_written or {}
        ).render(translation=True)
        site.pages = dict(sorted((site.pages | part.pages).items()))
        site.files |= part.files
        site.html_pages |= part.html_pages
    return site
