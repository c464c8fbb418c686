"""`timeline import`: TimelineJS3 JSON or a TimelineJS Google Sheets CSV export
into content YAML, one file per event.

TimelineJS slides carry HTML, naive dates and no sources; our content carries a
safe Markdown subset, zoned dates and a source for every event. What converts
is converted (eras become the timeline's periods); what does not (backgrounds,
thumbnails, images and tables inside text, links that are not http(s),
unsupported dates) is reported per slide, never dropped silently. The files are
then checked like `timeline check`
(an event without a source is reported there, for an editor to source).

Our own TimelineJS export marks up sources and extra media in each slide's
HTML; they are read back, so a round trip keeps them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..content.editor_markdown import render_markdown
from ..content.fields import id_problem, slugify
from ..content.problems import Problem
from ..content.suggest import did_you_mean
from ..content.yaml_writer import dump_content
from ..errors import UserError
from ..exports.timelinejs import EXTENSION, EXTENSION_VERSION
from .html_to_markdown import html_to_markdown, html_to_text

SUMMARY_LIMIT = 600
CSV_COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
               "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
               "Media Thumbnail", "Type", "Group", "Background"]  # fmt: skip


class ImportFailed(UserError):
    """The file cannot be read as a TimelineJS timeline at all."""


@dataclass
class Slide:
    number: int  # 1-based, as the editor counts slides
    kind: str  # "title", "event" or "era"
    start: dict[str, Any] | None = None
    end: dict[str, Any] | None = None
    headline: str = ""
    text: str = ""
    media: dict[str, Any] | None = None
    group: str = ""
    unique_id: str = ""
    display_date: str = ""
    background: Any = None
    date_error: str = ""  # why the slide's date could not be read, if it could not
    ours: dict[str, Any] | None = None  # our own export's whole content (EXTENSION)
    source: dict[str, str] | None = None  # a sheet's own source columns, if it has them


@dataclass
class Imported:
    written: list[str] = field(default_factory=list)  # paths under the content folder
    draft: bool = True  # what was written is a draft (not so for our own published export)
    notes: list[Problem] = field(default_factory=list)  # what was not carried over
    file_notes: list[str] = field(default_factory=list)  # slides not imported at all


# --- reading -------------------------------------------------------------------------------


def _from_json(text: str) -> list[Slide]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ImportFailed(f"not valid JSON ({where}): {exc.msg}") from None
    if not isinstance(data, dict):
        raise ImportFailed("not a TimelineJS3 file: expected an object with `events`")
    slides = []

    def slide(kind: str, raw: Any, number: int) -> Slide:
        raw = raw if isinstance(raw, dict) else {}
        text = raw.get("text") if isinstance(raw.get("text"), dict) else {}
        start = raw.get("start_date")
        return Slide(
            number, kind, start if isinstance(start, dict) else None,
            raw.get("end_date") if isinstance(raw.get("end_date"), dict) else None,
            str(text.get("headline") or ""), str(text.get("text") or ""),
            raw.get("media") if isinstance(raw.get("media"), dict) else None,
            str(raw.get("group") or ""), str(raw.get("unique_id") or ""),
            str(raw.get("display_date") or ""), raw.get("background"),
            ours=_extension(raw),
        )  # fmt: skip

    if data.get("title"):
        slides.append(slide("title", data["title"], 0))
    events = data.get("events")
    if not isinstance(events, list):
        raise ImportFailed("not a TimelineJS3 file: it has no `events` list")
    slides += [slide("event", raw, n) for n, raw in enumerate(events, start=1)]
    eras = data.get("eras") if isinstance(data.get("eras"), list) else []
    slides += [slide("era", raw, n) for n, raw in enumerate(eras, start=1)]
    return slides


def _extension(raw: dict[str, Any]) -> dict[str, Any] | None:
    """What our own export put under EXTENSION, when it is there and this version's."""
    ours = raw.get(EXTENSION)
    return ours if isinstance(ours, dict) and ours.get("version", 1) <= EXTENSION_VERSION else None


_TIME = re.compile(r"\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([AaPp][Mm])?\s*")


def _csv_date(row: dict[str, str], prefix: str, display: str = "") -> dict[str, Any] | None:
    year = (row.get(f"{prefix}Year") or "").strip()
    if not year:
        return None
    found: dict[str, Any] = {"year": year}
    for key in ("Month", "Day"):
        if (row.get(f"{prefix}{key}") or "").strip():
            found[key.lower()] = row[f"{prefix}{key}"].strip()
    clock = (row.get(f"{prefix}Time") or "").strip()
    if clock:
        match = _TIME.fullmatch(clock)
        hour, minute, second = (int(match[i] or 0) for i in (1, 2, 3)) if match else (0, 0, 0)
        if not match or hour > (12 if match[4] else 23) or minute > 59 or second > 59:
            raise ValueError(f"time '{clock}' is not a time of day: write HH:MM, e.g. 14:30")
        if match[4]:
            hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
        found |= {"hour": hour, "minute": minute}
        if match[3]:
            found["second"] = second
    if display:
        found["display_date"] = display
    return found


def _from_csv(text: str) -> list[Slide]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("Year", "Headline", "Text") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed(f"not a TimelineJS sheet: no column {', '.join(missing)}")
    slides = []
    for number, row in enumerate(reader, start=1):
        kind = (row.get("Type") or "").strip().lower()
        kind = kind if kind in ("title", "era") else "event"
        date_error = ""
        try:
            start, end = _csv_date(row, ""), _csv_date(row, "End ")
        except ValueError as exc:
            start = end = None
            date_error = str(exc)
        media = {k: row.get(c) or "" for k, c in (("url", "Media"), ("credit", "Media Credit"),
                 ("caption", "Media Caption"), ("thumbnail", "Media Thumbnail"))}  # fmt: skip
        slide = Slide(
            number, kind, start, end, row.get("Headline") or "", row.get("Text") or "",
            media if media["url"] else None, row.get("Group") or "", "",
            row.get("Display Date") or "", row.get("Background") or None, date_error,
            source=_sheet_source(row),
        )  # fmt: skip
        slides.append(slide)
    return slides


# A sheet may give each row its own source, in columns TimelineJS does not read.
SOURCE_COLUMNS = {"url": "Source URL", "title": "Source Title", "outlet": "Source Outlet",
                  "published": "Source Published"}  # fmt: skip


def _sheet_source(row: dict[str, str]) -> dict[str, str] | None:
    found = {k: (row.get(c) or "").strip() for k, c in SOURCE_COLUMNS.items()}
    return {k: v for k, v in found.items() if v} if found["url"] else None


def read_slides(path: Path) -> list[Slide]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read it: {exc.strerror}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise ImportFailed("the file is empty: export the timeline again")
    if path.suffix.lower() == ".csv" or (not text.lstrip().startswith("{") and "Headline" in text):
        slides = _from_csv(text)
    else:
        slides = _from_json(text)
    if not any(s.kind == "event" for s in slides):
        raise ImportFailed("it has no event slides")
    return slides


# --- converting ----------------------------------------------------------------------------


def _number(value: Any, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} '{value}' is not a number") from None
    if number != int(number):
        raise ValueError(f"{name} '{value}' is not a whole number")
    return int(number)


def when_text(raw: dict[str, Any]) -> str:
    """A TimelineJS date object as our date text, at the precision it was given."""
    year = _number(raw.get("year"), "year")
    if year is None:
        raise ValueError("the date has no year")
    if not 1 <= year <= 9998:
        raise ValueError(f"year {year} is outside the years 1 to 9998 that content supports")
    parts = [_number(raw.get(k), k) for k in ("month", "day", "hour", "minute", "second")]
    text = f"{year:04d}"
    month, day, hour, minute, second = parts
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
            if hour is not None:
                text += f"T{hour:02d}:{minute or 0:02d}" + (f":{second:02d}" if second else "")
    return text


class _Marked(HTMLParser):
    """The list items of our own export's markup: data attributes, link and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict[str, str]] = []
        self.lists: list[dict[str, str]] = []  # the data attributes of each list
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "ul":
            self.lists.append({k[5:]: v for k, v in values.items() if k.startswith("data-")})
        elif tag == "li":
            self.items.append({k[5:]: v for k, v in values.items() if k.startswith("data-")})
        elif tag == "a" and self.items:
            self.items[-1]["url"] = values.get("href", "")
            self._in_link = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._in_link and self.items:
            self.items[-1]["text"] = self.items[-1].get("text", "") + data


_MARKED = re.compile(r'<ul class="tl-(sources|media)"[^>]*>.*?</ul>', re.S)
_DATE_NOTE = re.compile(r'<p class="tl-date-note">.*?</p>\s*', re.S)


def _marked(text: str) -> tuple[str, dict[str, list[dict[str, str]]]]:
    """The slide's HTML without our markup, and what the markup held."""
    found: dict[str, list[dict[str, str]]] = {"sources": [], "media": [], "lists": []}
    for match in _MARKED.finditer(text):
        parser = _Marked()
        parser.feed(match.group(0))
        found[match.group(1)] += parser.items
        found["lists"] += parser.lists
    return _MARKED.sub("", text), found


def _url(value: str) -> str | None:
    value = (value or "").strip()
    if value.startswith("//"):
        value = "https:" + value
    return value if re.match(r"https?://[^/\s]+", value) else None


def _summary(paragraphs: list[str], notes: list[str]) -> tuple[str | None, list[str]]:
    """The first paragraph as plain text, and what goes into the body."""
    if not paragraphs:
        return None, []  # a draft without a summary: `timeline check` warns of it
    first, rest = paragraphs[0], paragraphs[1:]
    plain = html_to_text(render_markdown(first))
    if len(plain) > SUMMARY_LIMIT:
        cut = plain[:SUMMARY_LIMIT].rsplit(". ", 1)[0].rstrip(".")
        plain = cut + "." if cut else plain[: SUMMARY_LIMIT - 1] + "…"
        notes.append("summary shortened to its first sentences; the full paragraph is in body")
        return plain, [first, *rest]
    # The summary says the first paragraph once, as plain text; its links are named,
    # so that none is lost without a word.
    links = re.findall(r"\]\((https?://[^)\s]+)\)", first)
    if links:
        notes.append(
            f"the summary is plain text, without the first paragraph's links ({', '.join(links)}):"
            " add them to the body or the sources if they matter"
        )
    return plain, rest


@dataclass(frozen=True)
class GivenSource:
    """The one source `--source-url` and `--outlet` give every imported event."""

    outlet: str
    url: str
    title: str | None = None  # default: the timeline's title
    published: str | None = None  # default: read today (accessed)

    def entry(self, title: str, today: str, source_id: str = "timelinejs") -> dict[str, str]:
        dated = {"published": self.published} if self.published else {"accessed": today}
        return {"id": source_id, "outlet": self.outlet, "title": self.title or title,
                "url": self.url} | dated  # fmt: skip


@dataclass
class _Context:
    slug: str
    timezone: str
    imported: Imported
    source: dict[str, str] | None = None  # given to every event and period
    draft_events: bool = False  # into a published timeline: each event is a draft
    pictures: frozenset[str] = frozenset()  # the target's content/media/ files
    ids: set[str] = field(default_factory=set)
    topics: dict[str, str] = field(default_factory=dict)  # id -> name
    periods: set[str] = field(default_factory=set)  # ids given to eras


def _event_id(slide: Slide, title: str, ctx: _Context) -> str:
    candidates = [slugify(slide.unique_id), slugify(title, 60), f"event-{slide.number}"]
    base = next(c for c in candidates if c and id_problem(c) is None)
    event_id, n = base, 2
    while event_id in ctx.ids:
        event_id, n = f"{base}-{n}", n + 1
    ctx.ids.add(event_id)
    return event_id


def _media(slide: Slide, title: str, extra: list[dict[str, str]], notes: list[str]) -> list[dict]:
    items = []
    if slide.media:
        url = _url(str(slide.media.get("url") or ""))
        if url:
            caption = html_to_text(str(slide.media.get("caption") or ""))
            items.append({
                "url": url,
                "title": html_to_text(str(slide.media.get("title") or "")) or None,
                "alt": html_to_text(str(slide.media.get("alt") or "")) or caption or title,
                "caption": caption or None,
                "credit": html_to_text(str(slide.media.get("credit") or "")) or None,
            })  # fmt: skip
        elif str(slide.media.get("url")).lstrip().startswith("<"):
            notes.append(
                "media is an HTML snippet (a quote or an embed), not an address: not imported"
            )
        elif slide.media.get("url"):
            notes.append(f"media '{slide.media['url']}' is not an http(s) address: not imported")
        if slide.media.get("thumbnail"):
            notes.append("media thumbnail not imported (the site makes none)")
    for item in extra:
        if _url(item.get("url", "")):
            alt = item.get("alt") or item.get("text") or title
            items.append(
                {"url": item["url"], "title": item.get("title"), "alt": alt,
                 "caption": item.get("caption"), "credit": item.get("credit")}
            )  # fmt: skip
    return items


def _our_event(slide: Slide, ctx: _Context) -> tuple[str, dict[str, Any]] | None:
    """An event of our own export, as it was written (the HTML is only its copy)."""
    assert slide.ours is not None
    event, wanted = slide.ours.get("event"), str(slide.ours.get("id") or "")
    if not isinstance(event, dict):
        return None
    event_id = _event_id(Slide(slide.number, "event", unique_id=wanted), "", ctx)
    path = f"timelines/{ctx.slug}/events/{event_id}.yaml"
    if event_id != wanted:
        _note(ctx, path, f"an event '{wanted}' is in this timeline already: imported as "
              f"'{event_id}'")  # fmt: skip
    media = [dict(m) for m in event.get("media") or [] if isinstance(m, dict)]
    # Where the export published each picture: the slide's media, then its list.
    shown = [str((slide.media or {}).get("url") or "")]
    shown += [m.get("url", "") for m in _marked(slide.text)[1]["media"]]
    for item, address in zip(media, shown, strict=False):
        if item.get("file") and item["file"] not in ctx.pictures and _url(address):
            _note(ctx, path, f"picture {item['file']} is not in content/media/: imported as a "
                  "card that links its published copy; add the file to show it")  # fmt: skip
            item.pop("file")
            item["url"] = address
    if media:
        event = event | {"media": media}
    return event_id, event | ({"draft": True} if ctx.draft_events else {})


def _event(slide: Slide, ctx: _Context) -> tuple[str, dict[str, Any]] | None:
    if slide.ours is not None and isinstance(slide.ours.get("event"), dict):
        return _our_event(slide, ctx)
    notes: list[str] = []
    label = f"slide {slide.number}"
    title = html_to_text(slide.headline)
    text, marked = _marked(slide.text)
    text = _DATE_NOTE.sub("", text)  # our export's note, which its list's marks hold too
    marked_dates = next((ul for ul in marked["lists"] if ul.get("date")), {})
    converted = html_to_markdown(text)
    notes += [f"dropped from the text: {d}" for d in converted.dropped]
    paragraphs = [p for p in converted.markdown.split("\n\n") if p.strip()]
    if not title:
        if not paragraphs:
            _note(ctx, None, f"{label}: no headline and no text: not imported")
            return None
        title = html_to_text(render_markdown(paragraphs[0]))[:117].rsplit(" ", 1)[0] + "…"
        notes.append("no headline: the title was taken from the text; check it")
    try:
        if slide.date_error:
            raise ValueError(slide.date_error)
        if slide.start is None:
            raise ValueError("the slide has no start date")
        start = marked_dates.get("date") or when_text(slide.start)
        end = marked_dates.get("end") or (
            when_text(slide.end) if slide.end and slide.end.get("year") not in (None, "") else None
        )
    except ValueError as exc:
        _note(ctx, None, f"{label} ('{title}'): {exc}: not imported")
        return None
    summary, body = _summary(paragraphs, notes)
    if summary is None:  # a slide of a headline (and media) alone
        caption = html_to_text(str((slide.media or {}).get("caption") or ""))
        summary = caption or title
        notes.append(f"no text: the summary is the slide's {'caption' if caption else 'headline'}"
                     "; write one in your own words")  # fmt: skip
    event_id = _event_id(slide, title, ctx)
    topic = slugify(slide.group)
    if topic:
        ctx.topics.setdefault(topic, html_to_text(slide.group))
    if slide.background:
        notes.append("slide background not imported")
    display = slide.display_date or str((slide.start or {}).get("display_date") or "")
    media = _media(slide, title, marked["media"], notes)
    sources = _sources_of(marked) or _row_source(slide, title, event_id, ctx)
    data = {
        "draft": True if ctx.draft_events else None,
        "title": title,
        "summary": summary,
        "body": "\n\n".join(body) + "\n" if body else None,
        "date": start,
        "end": end,
        "timezone": next((ul["timezone"] for ul in marked["lists"] if ul.get("timezone")
                          and ul["timezone"] != ctx.timezone), None),
        "order": next((int(ul["order"]) for ul in marked["lists"]
                       if re.fullmatch(r"-?\d+", ul.get("order", ""))), None),
        "approximate": True if marked_dates.get("approximate") == "true" else None,
        "date_note": marked_dates.get("date-note") or (
            f"Shown in the original timeline as: {display}"
            if not marked_dates and _shows_more(display, start)
            else None
        ),
        "topics": [topic] if topic else [],
        "sources": sources,
        "media": [{k: v for k, v in m.items() if v} for m in media],
    }  # fmt: skip
    path = f"timelines/{ctx.slug}/events/{event_id}.yaml"
    for note in notes:
        _note(ctx, path, note)
    return event_id, data


def _row_source(slide: Slide, title: str, event_id: str, ctx: _Context) -> list[dict[str, str]]:
    """The sheet row's own source (its Source columns), else the one given to all."""
    if slide.source is None:
        return [ctx.source] if ctx.source else []
    given = ctx.source or {}
    outlet = slide.source.get("outlet") or given.get("outlet")
    if not outlet:
        path = f"timelines/{ctx.slug}/events/{event_id}.yaml"
        _note(ctx, path, "the row's Source URL has no Source Outlet: give the column, or "
              "--outlet, to keep it")  # fmt: skip
        return [ctx.source] if ctx.source else []
    own = GivenSource(outlet, slide.source["url"], slide.source.get("title"),
                      slide.source.get("published"))  # fmt: skip
    return [own.entry(title, date.today().isoformat(), source_id="source")]


def _sources_of(marked: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    """The sources our own export marked up in a slide's HTML."""
    fields = {"id": "source", "outlet": "outlet", "title": "text", "url": "url",
              "published": "published", "relays": "relays", "accessed": "accessed",
              "note": "note"}  # fmt: skip
    return [{k: s[v] for k, v in fields.items() if s.get(v)} for s in marked["sources"]]


def _period(slide: Slide, ctx: _Context) -> dict[str, Any] | None:
    """An era as a period of the timeline, or None (with a note) when it has no dates."""
    title = html_to_text(slide.headline) or f"Era {slide.number}"
    try:
        if slide.date_error:
            raise ValueError(slide.date_error)
        if slide.start is None or slide.end is None:
            raise ValueError("an era needs a start and an end date")
        start, end = when_text(slide.start), when_text(slide.end)
    except ValueError as exc:
        _note(ctx, None, f"era {slide.number} ('{title}'): {exc}: not imported")
        return None
    text, marked = _marked(slide.text)
    paragraphs = [p for p in html_to_markdown(text).markdown.split("\n\n") if p.strip()]
    note = html_to_text(render_markdown(paragraphs[0]))[:SUMMARY_LIMIT] if paragraphs else None
    period_id = slugify(title) or f"era-{slide.number}"
    while period_id in ctx.periods:
        period_id += "-2"
    ctx.periods.add(period_id)
    sources = _sources_of(marked) or ([ctx.source] if ctx.source else [])
    data = {"id": period_id, "title": title, "start": start, "end": end, "note": note,
            "sources": sources}  # fmt: skip
    return {k: v for k, v in data.items() if v}


def _shows_more(display: str, start: str) -> bool:
    """Whether a TimelineJS display date says something our date does not (our own
    export's display dates only restate the date and its zone)."""
    if not display.strip():
        return False
    return not re.search(r"\((.+ time)(.*)\)$", display) and start not in display


def _note(ctx: _Context, path: str | None, message: str) -> None:
    """A note on a written file (`path` under content/), or on the input file (None)."""
    if path is None:
        ctx.imported.file_notes.append(message)
    else:
        ctx.imported.notes.append(Problem(path, 1, 1, message, "import"))


def _timeline(title: Slide | None, ctx: _Context, published: str) -> dict[str, Any]:
    headline = html_to_text(title.headline) if title else ""
    converted = html_to_markdown(_marked(title.text)[0]) if title else None
    paragraphs = [p for p in (converted.markdown if converted else "").split("\n\n") if p.strip()]
    notes: list[str] = [
        f"dropped from the title slide: {d}" for d in (converted.dropped if converted else [])
    ]
    dek, intro = _summary(paragraphs, notes) if paragraphs else (None, [])
    if title and title.media:
        notes.append("title slide media not imported (timelines have no cover media)")
    path = f"timelines/{ctx.slug}/timeline.yaml"
    for note in notes:
        _note(ctx, path, note)
    return {
        "title": headline or ctx.slug.replace("-", " ").capitalize(),
        # A draft until an editor has read it: the preview shows it, the site does not.
        "draft": True,
        "dek": dek or headline or ctx.slug,
        "introduction": "\n\n".join(intro or paragraphs or [dek or headline or ctx.slug]) + "\n",
        "published": published,
        "timezone": ctx.timezone,
        "topics": [{"id": k, "name": v} for k, v in ctx.topics.items()],
    }


def import_timelinejs(
    path: Path, content: Path, slug: str, timezone: str = "UTC", published: str | None = None,
    source: GivenSource | None = None,
) -> Imported:  # fmt: skip
    """Write the timeline's files under `content`, as a draft (a new timeline is one;
    into an existing timeline, each event is); returns what was written and the notes.
    `source`, if given, is every event's and period's source."""
    try:
        if problem := id_problem(slug):
            raise ImportFailed(f"--timeline: {problem}")
        if source and not (content / "outlets" / f"{source.outlet}.yaml").is_file():
            known = sorted(p.stem for p in (content / "outlets").glob("*.yaml"))
            raise ImportFailed(
                f"--outlet: there is no outlet '{source.outlet}'"
                f"{did_you_mean(source.outlet, set(known))}: add "
                f"content/outlets/{source.outlet}.yaml first, or use one of: {', '.join(known)}"
            )
        slides = read_slides(path)
    except ImportFailed as exc:
        raise ImportFailed(f"{path}: {exc}") from None
    imported = Imported()
    folder = content / "timelines" / slug
    timeline_file = folder / "timeline.yaml"
    title_slide = next((s for s in slides if s.kind == "title"), None)
    today = date.today().isoformat()
    headline = html_to_text(title_slide.headline) if title_slide else ""
    given = source and source.entry(headline or slug.replace("-", " ").capitalize(), today)
    pictures = frozenset(p.name for p in (content / "media").glob("*") if p.is_file())
    ctx = _Context(slug, timezone, imported, given or None, timeline_file.exists(), pictures)
    ctx.ids.update(p.stem for p in (folder / "events").glob("*.yaml"))
    events = [e for s in slides if s.kind == "event" and (e := _event(s, ctx))]
    ours = title_slide.ours if title_slide else None
    # Our own export's periods are in its timeline; its eras are only their copy.
    periods = [] if ours else [p for s in slides if s.kind == "era" and (p := _period(s, ctx))]
    if timeline_file.exists():
        periods_named = ", ".join(p["id"] for p in periods) or "none"
        _note(ctx, f"timelines/{slug}/timeline.yaml", "exists already: left as it was; add any "
              f"missing topics ({', '.join(ctx.topics) or 'none'}) and the eras as periods "
              f"({periods_named}) by hand")  # fmt: skip
    elif ours and isinstance(ours.get("timeline"), dict):  # our own export, as it was
        imported.draft = ours["timeline"].get("draft") is True
        _write(content, f"timelines/{slug}/timeline.yaml",
               dump_content("timeline", ours["timeline"]), imported)  # fmt: skip
    else:
        data = _timeline(title_slide, ctx, published or today)
        if periods:
            data["periods"] = periods
        _write(content, f"timelines/{slug}/timeline.yaml", dump_content("timeline", data), imported)
    for kind, folder_name in (("actor", "actors"), ("outlet", "outlets")):
        for item_id, item in (ours.get(folder_name) or {}).items() if ours else ():
            rel = f"{folder_name}/{item_id}.yaml"
            if (
                isinstance(item, dict)
                and id_problem(item_id) is None
                and not (content / rel).exists()
            ):
                _write(content, rel, dump_content(kind, item), imported)
    for event_id, data in events:
        _write(
            content,
            f"timelines/{slug}/events/{event_id}.yaml",
            dump_content("event", data),
            imported,
        )
    return imported


def _write(content: Path, rel: str, text: str, imported: Imported) -> None:
    target = content / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    imported.written.append(rel)
