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
    name: str, text: Any, what: str, said: str, original: str, translation: str
) -> type[Strict]:
    """A translated field's model: `original` beside `text` of type `text`."""
    return create_model(
        name, __base__=Strict, __doc__=f"{what} in another language, with what it translates.",
        original=(str, Field(examples=[original], description=ORIGINAL)),
        text=(text, Field(examples=[translation], description=f"The translation: {said}.")),
    )  # fmt: skip


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
    "TranslatedName", Name, "A place's name", "a name", "Kabul, Afghanistan", "阿富汗喀布尔"
)
TranslatedQuote = _translated(
    "TranslatedQuote",
    Paragraph,
    "A quote's words (the page shows the verbatim original too)",
    "the quote's words, without quotation marks; its original says which quote this is",
    "A regime cannot hold on without the support of the people.",
    "没有人民的支持，任何政权都无法维持。",
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
    accounts: list[TranslatedNote] = Field(default_factory=list)
    """Accounts' summaries, each with the summary it translates (which says which account)."""
    quotes: list[TranslatedQuote] = Field(default_factory=list)
    """Quotes, each with the original quote (which says which quote)."""


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


TRANSLATIONS: dict[str, type[Strict]] = {
    "event-translation": EventTranslation,
    "timeline-translation": TimelineTranslation,
}
