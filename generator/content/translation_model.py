"""What a translation file may hold: an event's or a timeline's text in another
language, beside the original (`events/<id>.<lang>.yaml`,
`timeline.<lang>.yaml`; the language is the file name's).

Each translated field holds the text it translates (`original`) and its
translation (`text`): the translator reads the original where they write, and
`timeline check` finds the translations whose original has changed since
(stale). Only the fields translated are written; the others show the original.
A quote's translation keeps the verbatim original beside it on the page.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model

from .fields import Label, Markdown, Name, Note, Paragraph, Title
from .model import Strict

ORIGINAL = "The original's text as it read when translated, copied exactly."


def _translated(
    name: str, text: Any, what: str, said: str, original: str, translation: str, **more: Any
) -> type[Strict]:
    """A translated field's model: `original` beside `text` of type `text`, and
    `more` fields of an item translated with it (a quote's context)."""
    return create_model(
        name, __base__=Strict, __doc__=f"{what} in another language, with what it translates.",
        original=(str, Field(examples=[original], description=ORIGINAL)),
        text=(text, Field(examples=[translation], description=f"The translation: {said}.")),
        **more,
    )  # fmt: skip


def _also(model: Any, description: str) -> Any:
    """An optional field of a translated item: `model`, or None."""
    return (model | None, Field(default=None, description=description))


def _each(model: Any, description: str) -> Any:
    """A list of translated items, each saying by its `original` which it translates."""
    return (list[model], Field(default_factory=list, description=description))


TranslatedTitle = _translated(
    "TranslatedTitle",
    Title,
    "A title",
    "one line of plain text",
    "Blinken and Wang Yi speak by phone",
    "布林肯与王毅通电话",
)
TranslatedLabel = _translated(
    "TranslatedLabel",
    Label,
    "A short title",
    "at most 32 characters",
    "Blinken–Wang call",
    "布林肯与王毅通话",
)
TranslatedParagraph = _translated(
    "TranslatedParagraph",
    Paragraph,
    "A paragraph",
    "plain text",
    "The top US and Chinese diplomats discussed Afghanistan.",
    "中美两国最高外交官讨论了阿富汗问题。",
)
TranslatedNote = _translated(
    "TranslatedNote",
    Note,
    "A note",
    "plain text",
    "Reuters gives 16 August; Xinhua reports it on the 17th.",
    "路透社报道为8月16日，新华社报道为17日。",
)
TranslatedMarkdown = _translated(
    "TranslatedMarkdown",
    Markdown,
    "Markdown",
    "in the same Markdown as the original",
    "What happened, and why it matters...",
    "发生了什么，为何重要……",
)
TranslatedName = _translated(
    "TranslatedName", Name, "A name", "a name", "Kabul, Afghanistan", "阿富汗喀布尔"
)
TranslatedQuote = _translated(
    "TranslatedQuote",
    Paragraph,
    "A quote's words (the page shows the verbatim original too)",
    "the quote's words, without quotation marks; its original says which quote this is",
    "A regime cannot hold on without the support of the people.",
    "没有人民的支持，任何政权都无法维持。",
    context=_also(TranslatedParagraph, "The quote's context line."),
)
TranslatedPoint = _translated(
    "TranslatedPoint",
    Title,
    "A point an account makes",
    "what the point is about; its original says which point this is",
    "Citizens' safety",
    "公民安全",
    says=_also(TranslatedParagraph, "What the account says on that point."),
)
TranslatedAccount = _translated(
    "TranslatedAccount",
    Note,
    "An account's summary",
    "the summary; its original says which account this is",
    "A brief statement about the security situation.",
    "关于安全形势的简短声明。",
    points=_each(TranslatedPoint, "The account's points, each by what it is about."),
)
TranslatedPicture = _translated(
    "TranslatedPicture",
    Paragraph,
    "A picture's description for those who cannot see it (alt)",
    "the alt text; its original says which picture this is",
    "Crowds on the tarmac of Kabul airport",
    "喀布尔机场停机坪上的人群",
    title=_also(TranslatedTitle, "The picture's title."),
    caption=_also(TranslatedParagraph, "The picture's caption."),
)
TranslatedTopic = _translated(
    "TranslatedTopic",
    Name,
    "A topic's name",
    "the name; its original says which topic this is",
    "Terrorism and ETIM",
    "恐怖主义与“东伊运”",
    description=_also(TranslatedParagraph, "The topic's description."),
)
TranslatedPeriod = _translated(
    "TranslatedPeriod",
    Title,
    "A period's title",
    "the title; its original says which period this is",
    "The US war in Afghanistan",
    "美国阿富汗战争",
    note=_also(TranslatedParagraph, "The period's note."),
)


class EventTranslation(Strict):
    """An event in another language (`events/<id>.<lang>.yaml`): its translated fields."""

    title: TranslatedTitle | None = None
    """The event's title."""
    short_title: TranslatedLabel | None = None
    """The event's short title, for the time axis."""
    summary: TranslatedParagraph | None = None
    """The event's summary."""
    body: TranslatedMarkdown | None = None
    """The event's longer text."""
    date_note: TranslatedNote | None = None
    """What the event's date note says."""
    place: TranslatedName | None = None
    """Where it happened."""
    accounts: list[TranslatedAccount] = Field(default_factory=list)
    """Accounts' summaries, each with the summary it translates (which says which
    account), and their points."""
    quotes: list[TranslatedQuote] = Field(default_factory=list)
    """Quotes, each with the original quote (which says which quote) and its context."""
    interactions: list[TranslatedParagraph] = Field(default_factory=list)
    """Calls' and meetings' notes, each with the note it translates."""
    media: list[TranslatedPicture] = Field(default_factory=list)
    """Pictures' alt text, titles and captions, each by the alt text it translates."""
    sources: list[TranslatedNote] = Field(default_factory=list)
    """Sources' notes, each with the note it translates."""
    updates: list[TranslatedNote] = Field(default_factory=list)
    """Corrections' and updates' notes, each with the note it translates."""


class TimelineTranslation(Strict):
    """A timeline in another language (`timeline.<lang>.yaml`): its translated fields."""

    title: TranslatedTitle | None = None
    """The explainer's headline."""
    short_title: TranslatedLabel | None = None
    """Its short title, for menus and the section line."""
    dek: TranslatedParagraph | None = None
    """The line under the headline."""
    introduction: TranslatedMarkdown | None = None
    """What happened and why it matters."""
    dateline: TranslatedName | None = None
    """Where the story is told from."""
    topics: list[TranslatedTopic] = Field(default_factory=list)
    """Topics' names and descriptions, each by the name it translates."""
    periods: list[TranslatedPeriod] = Field(default_factory=list)
    """Periods' titles and notes, each by the title it translates."""
    image: TranslatedPicture | None = None
    """The explainer's picture: its alt text, title and caption."""


class ActorTranslation(Strict):
    """A person's or group's names in another language (`actors/<id>.<lang>.yaml`),
    used by every timeline translated into that language."""

    name: TranslatedName | None = None
    """Their name."""
    short_name: TranslatedName | None = None
    """Their short name."""
    role: TranslatedName | None = None
    """Their role."""
    description: TranslatedParagraph | None = None
    """Who they are."""


class OutletTranslation(Strict):
    """A news outlet's or publisher's name in another language
    (`outlets/<id>.<lang>.yaml`), used by every timeline translated into it."""

    name: TranslatedName | None = None
    """Its name."""
    description: TranslatedParagraph | None = None
    """What it is."""


TRANSLATIONS: dict[str, type[Strict]] = {
    "event-translation": EventTranslation,
    "timeline-translation": TimelineTranslation,
    "actor-translation": ActorTranslation,
    "outlet-translation": OutletTranslation,
}
