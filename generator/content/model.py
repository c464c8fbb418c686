"""The content model: what editors may write in each kind of file.

Each model forbids unknown keys and coerces nothing (`strict`). The field
docstrings are the documentation: they become the JSON Schema descriptions that
editors see in their IDE, and the field reference.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    Date,
    Id,
    Label,
    LanguageTag,
    Markdown,
    MediaFile,
    Name,
    Note,
    Paragraph,
    Title,
    Unique,
    Verbatim,
    WebUrl,
    ZoneName,
)


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        str_strip_whitespace=True,
        str_min_length=1,
        use_attribute_docstrings=True,
        arbitrary_types_allowed=True,
    )


ActorKind = Literal["person", "state", "organisation", "group"]
OutletKind = Literal[
    "state-media",
    "government",
    "news",
    "news-agency",
    "intergovernmental",
    "social-media",
    "reference",
    "other",
]
Importance = Literal["key", "normal", "background"]
InteractionKind = Literal["call", "meeting", "statement", "message", "visit"]
UpdateKind = Literal["correction", "update", "clarification"]


class Actor(Strict):
    """A person, state, organisation or group, shared by all timelines (`actors/<id>.yaml`)."""

    name: Name = Field(examples=["Antony Blinken"])
    """Full name as readers know it."""
    kind: ActorKind = Field(examples=["person"])
    """person, state, organisation or group."""
    short_name: Name | None = Field(default=None, examples=["Blinken"])
    """Shorter name used in running text and call labels ("Blinken–Wang")."""
    role: Name | None = Field(default=None, examples=["US Secretary of State"])
    """For a person: their office at the time of the story."""
    country: Id | None = Field(default=None, examples=["united-states"])
    """Id of the state actor this actor belongs to or represents."""
    organisation: Id | None = Field(default=None, examples=["nato"])
    """Id of the organisation actor a person works for or speaks for."""
    aliases: Annotated[list[Name], Unique] = Field(
        default_factory=list, examples=[["Tony Blinken"]]
    )
    """Other spellings and names readers may search for."""
    description: Paragraph | None = Field(default=None, examples=["Led US diplomacy in 2021."])
    """One plain-text paragraph of background."""
    url: WebUrl | None = Field(
        default=None, examples=["https://en.wikipedia.org/wiki/Antony_Blinken"]
    )
    """A reference page about the actor."""


class Outlet(Strict):
    """Who publishes sources (`content/outlets/<id>.yaml`)."""

    name: Name = Field(examples=["Xinhua"])
    """The outlet's name."""
    kind: OutletKind = Field(examples=["state-media"])
    """What kind of publisher it is, shown beside every source it publishes."""
    country: Id | None = Field(default=None, examples=["china"])
    """Id of the state actor where it is based or which runs it."""
    url: WebUrl | None = Field(default=None, examples=["http://www.xinhuanet.com/english/"])
    """The outlet's home page."""
    description: Paragraph | None = Field(default=None, examples=["China's state news agency."])
    """One plain-text paragraph on who they are."""


class Topic(Strict):
    """A theme that events are tagged with."""

    id: Id = Field(examples=["terrorism"])
    """Stable id, used in events' `topics`."""
    name: Name = Field(examples=["Terrorism and ETIM"])
    """Label shown to readers."""
    description: Paragraph | None = Field(
        default=None, examples=["Why the US listing of ETIM matters to Beijing."]
    )
    """One paragraph shown on the topic's page."""


class Interaction(Strict):
    """Who dealt with whom: a call, a meeting, a statement."""

    kind: InteractionKind = Field(examples=["call"])
    """call, meeting, statement, message or visit."""
    by: Id = Field(examples=["antony-blinken"])
    """Id of the actor who made the call, held the meeting or made the statement."""
    with_: Annotated[list[Id], Unique] = Field(alias="with", min_length=1, examples=[["wang-yi"]])
    """Ids of the other actors."""
    sources: Annotated[list[Id], Unique] = Field(default_factory=list, examples=[["xinhua-report"]])
    """Ids of this event's sources that report this interaction."""
    note: Paragraph | None = Field(default=None, examples=["At the US side's request."])
    """Plain-text detail."""


class Source(Strict):
    """A document that reports the event."""

    id: Id = Field(examples=["xinhua-report"])
    """Id within this event, used by quotes and accounts."""
    outlet: Id = Field(examples=["reuters"])
    """Id of the outlet that published this document."""
    title: Title = Field(
        examples=["Chinese FM talks with U.S. secretary of state over Afghanistan"]
    )
    """The document's title as published."""
    url: WebUrl = Field(examples=["https://www.example.org/story"])
    """Where to read it (http or https)."""
    published: Date | None = Field(default=None, examples=["2021-08-16"])
    """When it was published, at the precision known (a time may carry its UTC offset)."""
    accessed: Date | None = Field(default=None, examples=["2026-11-27"])
    """When the editor read it; needed where a page has no publication date."""
    relays: Id | None = Field(default=None, examples=["us-state-department"])
    """Id of the outlet whose statement or readout this document carries, if not its own."""
    note: Note | None = Field(default=None, examples=["The copy read is the embassy's."])
    """Plain-text note on the source (e.g. which edition was read)."""

    @model_validator(mode="after")
    def _dated(self) -> Source:
        if self.published is None and self.accessed is None:
            raise PydanticCustomError(
                "undated_source",
                "give the source's publication date (published: YYYY-MM-DD), or, for a page "
                "with none, the date you read it (accessed: YYYY-MM-DD)",
            )
        return self


class Period(Strict):
    """A stretch of time the story is told against (an era, a war, an evacuation),
    drawn as a band on the time axis."""

    id: Id = Field(examples=["us-war-in-afghanistan"])
    """Stable id, in the period's address on the timeline page."""
    title: Title = Field(examples=["The US war in Afghanistan"])
    """Label shown on the band."""
    start: Date = Field(examples=["2001-10-07"])
    """When it began, local to the timeline's `timezone`, at the precision known."""
    end: Date = Field(examples=["2021-08-30"])
    """When it ended; same formats, not before `start`."""
    note: Paragraph | None = Field(
        default=None, examples=["From the first US strikes to the last flight out of Kabul."]
    )
    """One plain-text paragraph on what the period was."""
    sources: Annotated[list[Source], Unique] = Field(min_length=1)
    """Documents that give its dates; at least one."""


class Media(Strict):
    """A picture shown with the event (a file in `content/media/`), or something
    elsewhere (a video, a post, a map, a document) shown as a card with a link."""

    file: MediaFile | None = Field(default=None, examples=["kabul-airport.jpg"])
    """A picture in `content/media/` (JPEG, PNG or WebP), shown in sizes made for each screen."""
    url: WebUrl | None = Field(default=None, examples=["https://www.example.org/photo"])
    """Media elsewhere (http or https), shown as a card with a link; with a `file`,
    where the picture was first published."""
    title: Title | None = Field(default=None, examples=["The airport on 16 August"])
    """What the card's link says (the `alt` text otherwise)."""
    alt: Paragraph = Field(examples=["Crowds on the tarmac of Kabul airport"])
    """Text alternative for readers who cannot see it."""
    caption: Paragraph | None = Field(default=None, examples=["Kabul airport, 16 August 2021."])
    """Caption shown under it."""
    credit: Name | None = Field(default=None, examples=["AFP"])
    """Who made it."""

    @model_validator(mode="after")
    def _somewhere(self) -> Media:
        if self.file is None and self.url is None:
            raise PydanticCustomError(
                "media_place",
                "give file: (a picture in content/media/) or url: (media elsewhere)",
            )
        return self


class Timeline(Strict):
    """One explainer (`content/timelines/<slug>/timeline.yaml`)."""

    title: Title = Field(examples=["The fall of Kabul and the calls that followed"])
    """Headline of the explainer."""
    short_title: Label | None = Field(default=None, examples=["After the fall of Kabul"])
    """A few words naming the story where the headline is too long: in the site's
    menu and above each of its pages' headlines. At most 32 characters."""
    dek: Paragraph = Field(examples=["How Washington, Beijing and Moscow talked in 48 hours."])
    """One-paragraph standfirst under the headline."""
    introduction: Markdown = Field(examples=["What happened, and why it matters..."])
    """What happened and why it matters, in the safe Markdown subset."""
    published: Date = Field(examples=["2021-08-17"])
    """When the explainer was first published."""
    updated: Date | None = Field(default=None, examples=["2021-08-18T10:00"])
    """When it last changed; must not be older than any event's update."""
    timezone: ZoneName = Field(examples=["Asia/Kabul"])
    """Default IANA time zone for events that name none."""
    dateline: Name | None = Field(default=None, examples=["Kabul"])
    """Where the story is reported from, as in a news dateline."""
    language: LanguageTag = "en"
    """Language of the text, as a BCP 47 tag."""
    topics: Annotated[list[Topic], Unique] = Field(default_factory=list)
    """The topics events may be tagged with."""
    periods: Annotated[list[Period], Unique] = Field(default_factory=list)
    """Stretches of time drawn as bands on the time axis (eras, in TimelineJS)."""
    image: Media | None = None
    """The lead picture, at the top of the explainer and in links shared on social
    media (without one, a card with the headline is made)."""
    draft: bool = False
    """true while the explainer is being written: `timeline serve` shows it,
    `timeline build` leaves it out (unless `--drafts`), and what publishing needs
    (sources, summaries) is reported as a warning, not an error."""


class Point(Strict):
    """One point of an account, under a label the accounts share, so that readers
    can compare them point by point."""

    about: Title = Field(examples=["Citizens' safety"])
    """What the point is about, written the same way in every account that makes it."""
    says: Paragraph = Field(
        examples=["Blinken called on the Taliban to let everyone who wishes to leave do so."]
    )
    """What this source says on it, in the editor's own words."""


class Account(Strict):
    """What one source says happened, where sources disagree or differ."""

    source: Id = Field(examples=["xinhua-report"])
    """Id of the event's source that gives this account."""
    summary: Note = Field(examples=["A brief statement about the security situation."])
    """What this source says, in the editor's own words."""
    points: Annotated[list[Point], Unique] = Field(default_factory=list)
    """The account point by point, under `about` labels shared with the other accounts."""


class Quote(Strict):
    """Words someone said, verbatim as reported."""

    text: Verbatim = Field(examples=["A regime cannot hold on without the support of the people."])
    """The exact words, without surrounding quotation marks."""
    speaker: Id = Field(examples=["wang-yi"])
    """Id of the actor who said it."""
    source: Id = Field(examples=["xinhua-report"])
    """Id of the event's source that reported it."""
    context: Paragraph | None = Field(default=None, examples=["In a call with Antony Blinken."])
    """Plain-text context: where and to whom it was said."""


class Update(Strict):
    """An entry in the event's public log of corrections and updates."""

    date: Date = Field(examples=["2021-08-18"])
    """When the change was made."""
    kind: UpdateKind = Field(examples=["correction"])
    """correction, update or clarification."""
    note: Note = Field(examples=["An earlier version gave the wrong date for the call."])
    """What changed, for readers."""


class Event(Strict):
    """One event (`timelines/<slug>/events/<id>.yaml`); its id is the file name."""

    title: Title = Field(examples=["Blinken and Wang Yi speak by phone"])
    """One line of plain text."""
    short_title: Label | None = Field(default=None, examples=["Blinken–Wang call"])
    """A few words for the time axis, where a key event is labelled: at most 32 characters."""
    summary: Paragraph = Field(examples=["The top US and Chinese diplomats discussed Afghanistan."])
    """One paragraph of plain text, in your own words."""
    body: Markdown | None = Field(
        default=None, examples=['According to Xinhua, Wang called for a "soft landing".']
    )
    """Longer text in the safe Markdown subset."""
    date: Date = Field(examples=["2021-08-16"])
    """When it happened, local to `timezone`: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM."""
    end: Date | None = Field(default=None, examples=["2021-08-31"])
    """When it ended, for events that last; same formats, not before `date`."""
    timezone: ZoneName | None = Field(default=None, examples=["Asia/Shanghai"])
    """IANA time zone of `date` and `end`; defaults to the timeline's."""
    approximate: bool = False
    """true when the date is uncertain; explain in `date_note`."""
    date_note: Note | None = Field(
        default=None, examples=["Reuters gives 16 August; Xinhua reports it on the 17th."]
    )
    """Plain-text note on the date: which source gives which date."""
    order: int = 0
    """Breaks ties between events at the same time: lower comes first."""
    place: Name | None = Field(default=None, examples=["Kabul, Afghanistan"])
    """Where it happened."""
    importance: Importance = "normal"
    """key (a key moment), normal or background."""
    topics: Annotated[list[Id], Unique] = Field(default_factory=list, examples=[["diplomacy"]])
    """Ids of the timeline's topics."""
    actors: Annotated[list[Id], Unique] = Field(default_factory=list, examples=[["wang-yi"]])
    """Ids of the actors involved."""
    interactions: list[Interaction] = Field(default_factory=list)
    """Calls, meetings and statements between actors."""
    sources: Annotated[list[Source], Unique] = Field(min_length=1)
    """Documents that report the event; at least one."""
    accounts: list[Account] = Field(default_factory=list)
    """What each source says happened, where they differ; two or more."""
    quotes: list[Quote] = Field(default_factory=list)
    """Verbatim quotes, each attributed to a speaker and a source."""
    related: Annotated[list[Id], Unique] = Field(
        default_factory=list, examples=[["blinken-lavrov-call"]]
    )
    """Ids of related events in the same timeline."""
    media: list[Media] = Field(default_factory=list)
    """Pictures, video or documents."""
    updates: list[Update] = Field(default_factory=list)
    """The public log of corrections and updates to this event."""
    published: Date | None = Field(default=None, examples=["2021-08-20"])
    """When this event was added, for one added after its timeline was published (a
    developing story); feeds show it as new. Defaults to the timeline's `published`."""
    draft: bool = False
    """true while the event is being written: shown in the preview, left out of
    the published site; what publishing needs is reported as a warning."""


# Drafts (an event with `draft: true`, or in a draft timeline): what publishing
# needs may be missing, and `timeline check` warns of it instead of refusing it.
DRAFT_SUMMARY = "(No summary yet: this is a draft.)"


class DraftPeriod(Period):
    sources: Annotated[list[Source], Unique] = Field(default_factory=list)


class DraftTimeline(Timeline):
    periods: Annotated[list[DraftPeriod], Unique] = Field(default_factory=list)  # type: ignore[assignment]


class DraftEvent(Event):
    summary: Paragraph = DRAFT_SUMMARY
    sources: Annotated[list[Source], Unique] = Field(default_factory=list)


MODELS: dict[str, type[Strict]] = {
    "actor": Actor,
    "outlet": Outlet,
    "timeline": Timeline,
    "event": Event,
}
