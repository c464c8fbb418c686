"""The small pieces of HTML that many pages repeat, in Python.

A Jinja macro call costs several times a Python call, and these run tens of
thousands of times in a build of a thousand events (an actor's link, a list of
topics, when an event happened). Each escapes editor text, and returns Markup
so that the templates' autoescaping leaves it as it is. The renderer hands each
page a `PageMarkup` with that page's own links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from ..content.model import Source, Topic
from ..views import addresses
from ..views.kinds_named import KINDS
from ..views.site_view import EventView, SiteView, TimelineView
from .escape import attr, url


class PageMarkup:
    def __init__(self, site: SiteView, link: Callable[[str], str]):
        self.site = site
        self.link = link  # a page URI to a link relative to this page

    def a(self, to_uri: str, text: str, anchor: str = "") -> Markup:
        """A link to one of the site's pages or files; `text` is escaped unless
        it is Markup already, `anchor` an id on that page ("#sources")."""
        shown = text if isinstance(text, Markup) else attr(text)
        return Markup(f'<a href="{attr(self.link(to_uri))}{anchor}">{shown}</a>')

    def source_item(self, source: Source) -> Markup:
        """A cited document: its title linked, who published it (and whose
        statement it carries), when, and the editor's note."""
        words, dates = self.site.words, self.site.dates
        parts = [attr(words.gettext("%(name)s: %(about)s")) % {
            "name": f'<a href="{attr(url(source.url))}">{attr(source.title)}</a>',
            "about": self.outlet_label(source.outlet)}]  # fmt: skip
        if source.relays:
            parts.append(attr(words.gettext(", carrying %(outlet)s")) % {
                "outlet": self.outlet_label(source.relays)})  # fmt: skip
        if source.published:
            parts.append(attr(words.say(", published %(date)s",
                                        date=dates.short_label(source.published))))  # fmt: skip
        if source.accessed:
            parts.append(
                attr(words.say(", read %(date)s", date=dates.short_label(source.accessed)))
            )
        if source.note:
            parts.append(attr(words.say(". %(note)s", note=source.note)))
        return Markup("".join(parts))

    def source_links(self, sources: Iterable[Source]) -> Markup:
        """Each document's outlet, linked to the document."""
        return Markup(self.site.words.listed(Markup(
            f'<a href="{attr(url(s.url))}">{attr(self.site.outlets[s.outlet].name)}</a>')
            for s in sources))  # fmt: skip

    def actor_link(self, actor_id: str) -> Markup:
        return self.a(
            self.site.site_page(addresses.actor(actor_id)), self.site.actors[actor_id].name
        )

    def actor_list(self, ids: Iterable[str]) -> Markup:
        return Markup(self.site.words.listed(self.actor_link(actor_id) for actor_id in ids))

    def actor_names(self, ids: Iterable[str]) -> Markup:
        return Markup(self.site.words.listed(attr(self.site.actors[i].name) for i in ids))

    def topic_list(self, tl: TimelineView, ids: Iterable[str]) -> Markup:
        """The timeline's topics among `ids`, in the timeline's order, linked."""
        return Markup(self.site.words.listed(
            self.a(addresses.topic(tl.slug, topic.id), topic.name)
            for topic in _topics(tl, ids)))  # fmt: skip

    def topic_names(self, tl: TimelineView, ids: Iterable[str]) -> Markup:
        return Markup(self.site.words.listed(attr(topic.name) for topic in _topics(tl, ids)))

    def outlet_label(self, outlet_id: str) -> Markup:
        outlet = self.site.outlets[outlet_id]
        kind = self.site.words.gettext(KINDS[outlet.kind])
        return Markup(f'{attr(outlet.name)} <span class="tl-kind">{attr(kind)}</span>')

    def when(self, ev: EventView, searched: bool = True, under_day: bool = False) -> Markup:
        """When the event happened, as a machine-readable <time>; searched=False
        keeps the line out of search (where the title already has the date).
        `under_day`: the event is listed under its day's heading, which says the
        date once for all of them: only a clock time is left to say."""
        event = ev.event
        label = ev.when.label
        if under_day and not event.approximate and not ev.until:
            if not ev.when.clock:
                return Markup("")  # a date alone: the heading has said it
            label = ev.when.clock
        parts = ['<p class="tl-when"', "" if searched else " data-search-exclude", ">"]
        if event.approximate:
            about = self.site.words.gettext("About")
            parts.append(f'<span class="tl-approx">{attr(about)}</span> ')
        instant = " data-instant" if event.date.has_time else ""
        parts.append(f'<time datetime="{ev.when.iso}"{instant}>{attr(label)}</time>')
        if ev.until:
            parts.append(f' – <time datetime="{ev.until.iso}">{attr(ev.until.label)}</time>')
        if ev.when.zone:  # a clock time names its zone; a date names none
            parts.append(f' <span class="tl-zone">{attr(ev.when.zone)}</span>')
        parts.append("</p>")
        return Markup("".join(parts))


def _topics(tl: TimelineView, ids: Iterable[str]) -> Iterable[Topic]:
    """The timeline's topics among `ids`, in the timeline's order."""
    wanted = set(ids)
    return (topic for topic in tl.timeline.timeline.topics if topic.id in wanted)
