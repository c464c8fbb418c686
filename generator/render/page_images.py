"""What pages show of pictures and media: figures with their sizes, captions and
credits; cards for media elsewhere, which load nothing from that host; and the
picture each page offers to social media (`og:image`): its own, its story's lead
picture, or a card made with its story's headline."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..content.dates import When
from ..content.model import Media
from ..views import addresses
from ..views.addresses import Variant, variants
from ..views.dates_shown import DateStyle
from ..views.site_view import EventView, SiteView, TimelineView
from .escape import attr, url
from .pictures import render_variants
from .share_card import SIZE, share_card

# The story column is 46rem wide at most: no screen needs a picture wider than that.
SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2.4rem)"


def card_uri(slug: str | None) -> str:
    return f"assets/share/{'timelines/' + slug if slug else 'site'}.png"


@dataclass
class ImageFiles:
    """The files made last time, kept while previewing: a picture is resized and a
    card drawn again only when what they are made from changed."""

    made: dict[tuple[str, ...], dict[str, bytes]] = field(default_factory=dict)


class PageImages:
    def __init__(self, view: SiteView, base_url: str, kept: ImageFiles | None = None):
        self.view = view
        self.base_url = base_url
        self.kept = kept if kept is not None else ImageFiles()
        self.pictures = view.corpus.pictures

    def _variants(self, media: Media) -> list[Variant]:
        return variants(self.pictures[media.file]) if media.file else []

    def figure(self, media: Media, page_uri: str, lead: bool = False) -> str:
        """A picture as a figure, every size listed for the browser to choose; or a
        card for media elsewhere. `lead`: the story's first picture, loaded at once."""
        caption = [attr(media.caption)] if media.caption else []
        if media.credit:
            credit = attr(media.credit)
            if media.file and media.url:  # the credit links to where it was first published
                credit = f'<a href="{url(media.url)}">{credit}</a>'
            caption.append(f'<span class="tl-credit">{credit}</span>')
        figcaption = f"<figcaption>{' '.join(caption)}</figcaption>" if caption else ""
        if not media.file:
            host = urlsplit(media.url or "").hostname or ""
            # The link says the title; the text alternative then says what it shows.
            what = f"<p>{attr(media.alt)}</p>" if media.title and media.title != media.alt else ""
            return (
                f'<figure class="tl-media-card"><p class="tl-media-host">{attr(host)}</p>'
                f'<p class="tl-media-title"><a href="{url(media.url or "")}">'
                f"{attr(media.title or media.alt)}</a></p>{what}{figcaption}</figure>"
            )
        sizes = self._variants(media)
        largest = sizes[-1]
        middle = sizes[min(1, len(sizes) - 1)]

        def src(variant: Variant) -> str:
            return addresses.file_url(page_uri, variant.uri)

        srcset = ", ".join(f"{src(v)} {v.width}w" for v in sizes)
        loading = 'fetchpriority="high"' if lead else 'loading="lazy"'
        return (
            f'<figure class="tl-picture"><img src="{src(middle)}" srcset="{srcset}" '
            f'sizes="{SIZES}" width="{largest.width}" height="{largest.height}" '
            f'alt="{attr(media.alt)}" decoding="async" {loading}>{figcaption}</figure>'
        )

    def files(self) -> dict[str, bytes]:
        """Every size of every picture content shows, and every share card."""
        files: dict[str, bytes] = {}
        made: dict[tuple[str, ...], dict[str, bytes]] = {}
        for picture in self.pictures.values():
            key = ("picture", picture.path, picture.digest)
            made[key] = self.kept.made.get(key) or render_variants(picture)
        publisher, colours = self.view.publication.name, self.view.publication.colours
        cards = [(None, self.view.publication.description, "")]
        cards += [(t.slug, t.timeline.timeline.title, _span(t)) for t in self.view.timelines]
        for slug, title, dates in cards:
            key = ("card", card_uri(slug), title, dates, publisher, repr(colours))
            made[key] = self.kept.made.get(key) or {
                card_uri(slug): share_card(title, dates, publisher, colours)
            }
        for produced in made.values():
            files.update(produced)
        self.kept.made = made
        return dict(sorted(files.items()))

    def share(self, tl: TimelineView | None, ev: EventView | None) -> dict[str, str]:
        """The page's `og:image`, with its size and its text alternative."""
        own = [m for m in (ev.event.media if ev else []) if m.file]
        lead = tl.timeline.timeline.image if tl else None
        picture = own[0] if own else lead if lead and lead.file else None
        if picture:
            largest = self._variants(picture)[-1]
            uri, width, height, alt = largest.uri, largest.width, largest.height, picture.alt
        else:
            uri, (width, height) = card_uri(tl.slug if tl else None), SIZE
            # Not the dates it shows: they change with other events than this page's.
            publisher = self.view.publication.name
            alt = f"{publisher}: {tl.timeline.timeline.title}" if tl else publisher
        return {
            "og_image": addresses.absolute(self.base_url, uri),
            "og_image_width": str(width),
            "og_image_height": str(height),
            "og_image_alt": alt,
        }


def _span(tl: TimelineView) -> str:
    """The dates a story covers, for its card: '30 April 1975 – 17 August 2021'."""
    if not tl.events:
        return ""
    first, last = (_day(tl.events[i].event.date, tl.dates) for i in (0, -1))
    return first if first == last else f"{first} – {last}"


def _day(when: When, dates: DateStyle) -> str:
    """A date without its time of day."""
    return dates.short_label(replace(when, text=when.text[:10], hour=None, minute=None, second=None,
                               offset=None))  # fmt: skip
