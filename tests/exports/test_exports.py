"""Every export, read back with an independent reader: json + the published
schema, csv, icalendar, feedparser. The Kabul explainer's events must survive
with their dates, zones and sources; the fixture covers times and updates."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest
from helpers import REPO, SPEECH, VALID_CONTENT

from generator.content.dates import parse_when
from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.exports import ics_calendar as ical
from generator.exports.format_names import FORMAT_NAMES
from generator.exports.formats import FORMATS
from generator.exports.json_data import SCHEMA_URI, data_schema
from generator.render.renderer import render_site

BASE = "https://news.example.org/explainers/"


def _files(content):
    corpus = check_corpus(load_content(content))
    return corpus, render_site(corpus, base_url=BASE).pages


@pytest.fixture(scope="module")
def kabul():
    return _files(REPO / "content")


@pytest.fixture(scope="module")
def demo():
    return _files(VALID_CONTENT)


def test_json_validates_against_the_published_schema(kabul):
    corpus, files = kabul
    schema = json.loads(files[SCHEMA_URI])
    data = json.loads(files["kabul-calls/data/timeline.json"])
    jsonschema.Draft202012Validator(schema).validate(data)
    assert (data["format"], data["version"]) == ("explainer-timeline", 1)
    assert data["$schema"] == BASE + SCHEMA_URI
    entries = corpus.timelines["kabul-calls"].events
    assert [e["id"] for e in data["events"]] == [e.id for e in entries]
    call = next(e for e in data["events"] if e["id"] == "blinken-wang-call")
    assert (call["date"], call["timezone"], call["precision"]) == (
        "2021-08-16",
        "America/New_York",
        "day",
    )
    assert call["starts_at"] == "2021-08-16T04:00:00Z"
    assert call["url"] == BASE + "kabul-calls/events/blinken-wang-call/"
    assert {s["outlet"] for s in call["sources"]} == {
        "reuters",
        "ecns",
        "chinese-foreign-ministry",
        "scmp",
    }
    assert call["interactions"][0]["with"] == ["wang-yi"]
    assert data["outlets"]["xinhua"]["kind"] == "state-media"


def test_the_committed_schema_is_the_published_one():
    committed = REPO / "schemas" / "explainer-timeline-v1.schema.json"
    assert committed.read_text(encoding="utf-8") == data_schema(), "run `timeline schema`"


def test_json_schema_rejects_a_broken_export(kabul):
    _, files = kabul
    schema = json.loads(files[SCHEMA_URI])
    data = json.loads(files["kabul-calls/data/timeline.json"])
    del data["events"][0]["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_csv_has_one_row_per_event(kabul):
    corpus, files = kabul
    rows = list(csv.DictReader(io.StringIO(files["kabul-calls/data/timeline.csv"])))
    assert [r["id"] for r in rows] == [e.id for e in corpus.timelines["kabul-calls"].events]
    india = next(r for r in rows if r["id"] == "india-withdraws-ambassador")
    assert (india["date"], india["timezone"], india["precision"]) == (
        "2021-08-17",
        "Asia/Kolkata",
        "day",
    )
    assert india["starts_at_utc"] == "2021-08-16T18:30:00+00:00"
    assert "scmp.com" in india["sources"]


def test_icalendar_has_one_vevent_per_dated_event(kabul, demo):
    corpus, files = kabul
    calendar = icalendar.Calendar.from_ical(files["kabul-calls/data/timeline.ics"])
    events = {str(e["uid"]).split("@")[0].split("/")[1]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        e.id for e in corpus.timelines["kabul-calls"].events
    }  # all dated to the day
    call = events["blinken-wang-call"]
    assert call.decoded("dtstart") == date(2021, 8, 16)
    assert call.decoded("dtend") == date(2021, 8, 17)
    assert str(call["summary"]).startswith("Blinken and Wang Yi discuss")
    # A timed event keeps its zone, with the zone's definition in the file.
    _, demo_files = demo
    demo_cal = icalendar.Calendar.from_ical(demo_files["demo/data/timeline.ics"])
    speech = next(e for e in demo_cal.walk("VEVENT") if "speech" in str(e["uid"]))
    start = speech.decoded("dtstart")
    assert start == datetime(2021, 8, 15, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    assert start.utcoffset().total_seconds() == -4 * 3600
    assert {str(tz["tzid"]) for tz in demo_cal.walk("VTIMEZONE")} >= {"America/New_York"}


def test_atom_feed_entries_follow_updates(demo, kabul):
    _, files = demo
    feed = feedparser.parse(files["demo/feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 3
    vote = next(e for e in feed.entries if e.link.endswith("/demo/events/vote/"))
    speech = next(e for e in feed.entries if e.link.endswith("/demo/events/speech/"))
    assert vote.updated_parsed > speech.updated_parsed  # its correction made it newer
    assert "Correction, 19 August 2021: An earlier version" in vote.summary
    assert feed.entries[0].link == vote.link
    _, kabul_files = kabul
    site_feed = feedparser.parse(kabul_files["feed.xml"])
    assert not site_feed.bozo and len(site_feed.entries) == 15


def test_every_atom_entry_has_an_author_the_publication(demo):
    """RFC 4287 4.1.1: a feed without an author in every entry must name one itself."""
    from xml.etree import ElementTree

    _, files = demo
    atom = "{http://www.w3.org/2005/Atom}"
    for path in ("demo/feed.xml", "feed.xml"):
        root = ElementTree.fromstring(files[path])
        (author,) = root.findall(f"{atom}author")
        assert author.findtext(f"{atom}name") == "Explainer timelines"
        assert author.findtext(f"{atom}uri") == BASE
        assert feedparser.parse(files[path]).feed.author == "Explainer timelines"


def test_timelinejs_has_the_fields_timelinejs_reads(kabul, demo):
    corpus, files = kabul
    data = json.loads(files["kabul-calls/data/timelinejs.json"])
    assert data["title"]["text"]["headline"].startswith("After the fall of Kabul")
    ids = [e["unique_id"] for e in data["events"]]
    assert ids == [e.id for e in corpus.timelines["kabul-calls"].events] and len(set(ids)) == len(
        ids
    )
    saigon = next(e for e in data["events"] if e["unique_id"] == "fall-of-saigon")
    # TimelineJS reads dates as the reader's wall clock: ours are UTC, at the instant
    # the event sorts by (a day's middle: noon in Saigon, 04:00 UTC)...
    assert saigon["start_date"] == {"year": 1975, "month": 4, "day": 30, "hour": 4,
                                    "display_date": "Wednesday 30 April 1975"}  # fmt: skip
    assert "display_date" not in saigon  # (it would hide TimelineJS's "start — end")
    assert saigon["group"] == "Background"
    # ... and each says itself as the site does, local, the zone named once.
    _, demo_files = demo
    slides = {
        e["unique_id"]: e for e in json.loads(demo_files["demo/data/timelinejs.json"])["events"]
    }
    assert slides["speech"]["start_date"] == {"year": 2021, "month": 8, "day": 16, "display_date":
        "Sunday 15 August 2021, 20:00 Eastern Daylight Time (UTC−04:00)"}  # fmt: skip
    vote = slides["vote"]
    assert vote["start_date"]["display_date"] == "About Monday 16 August 2021"
    assert vote["end_date"]["display_date"] == "Tuesday 17 August 2021"
    assert (
        '<p class="tl-date-note"><strong>On the date:</strong> The Gazette gives'
        in (vote["text"]["text"])
    )


@pytest.mark.parametrize("name", ["timelinejs.json", "timeline.json"])
def test_json_is_written_as_json_dumps_writes_it(name, content_tree, kabul):
    # Encoded by pydantic's Rust encoder, for speed, and event by event: the
    # bytes of Python's json.dumps(ensure_ascii=False, indent=2) of the whole,
    # with text that needs escaping.
    title = 'title: "Quotes \\" and \\\\ back\\\\slashes, é, 中文, 🇦🇫, </script>"'
    content_tree.replace(SPEECH, "title: Firefly addresses the nation", title)
    ours = render_site(check_corpus(load_content(content_tree.root))).pages
    for text in (ours[f"demo/data/{name}"], kabul[1][f"kabul-calls/data/{name}"]):
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert "中文, 🇦🇫" in ours[f"demo/data/{name}"]


def test_every_format_is_listed_for_export():
    assert (
        set(FORMATS) == set(FORMAT_NAMES) == {"json", "csv", "excel", "ics", "atom", "timelinejs"}
    )


@pytest.mark.parametrize(
    ("written", "zone", "line"),
    [
        (
            "2021-08-15T10:00:00",
            "America/New_York",
            "DTSTART;TZID=America/New_York:20210815T100000",
        ),
        # 01:30 happens twice that night: the first is the zone's own reading,
        # the second can only be said in UTC.
        (
            "2021-11-07T01:30:00-04:00",
            "America/New_York",
            "DTSTART;TZID=America/New_York:20211107T013000",
        ),
        ("2021-11-07T01:30:00-05:00", "America/New_York", "DTSTART:20211107T063000Z"),
        ("2021-08-15T10:00:00", "UTC", "DTSTART:20210815T100000Z"),
        ("2021-08-15", "Asia/Kabul", "DTSTART;VALUE=DATE:20210815"),
    ],
)
def test_icalendar_start_keeps_the_instant(written, zone, line):
    when = parse_when(written)
    assert ical._moment("DTSTART", when, zone) == line
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    start = event.decoded("DTSTART")
    if when.has_time:  # (datetimes at a repeated time never equal one in another zone)
        assert start.timestamp() == when.local_instant(zone).timestamp()


def test_csv_cells_never_run_as_formulas_and_excel_gets_its_marked_copy(content_tree):
    content_tree.replace(SPEECH, "title: Firefly addresses the nation",
                         "title: '=HYPERLINK(\"https://evil.example/\",\"Click\")'")  # fmt: skip
    content_tree.replace(SPEECH, "place: New York", "place: +Çavuşoğlu – New York")
    files = render_site(check_corpus(load_content(content_tree.root))).pages
    plain, excel = files["demo/data/timeline.csv"], files["demo/data/timeline-excel.csv"]
    assert excel == "\ufeff" + plain  # what Excel needs to read UTF-8 as UTF-8
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(plain))}
    speech = rows["speech"]
    assert speech["title"] == '\'=HYPERLINK("https://evil.example/","Click")'
    assert speech["place"].startswith("'+Çavuşoğlu – ")
    assert (speech["actors"], speech["actor_ids"]) == (
        "Rufus T. Firefly; Freedonia",
        "rufus-firefly; freedonia",
    )
    assert speech["topic_ids"] == "diplomacy" and speech["topics"] != speech["topic_ids"]


def _by_its_vtimezone(calendar, tzid: str, local: datetime) -> datetime:
    """The UTC instant of a local time, by the file's own VTIMEZONE alone (as a
    calendar that does not know the zone reads it): the last change before it."""
    (zone,) = [z for z in calendar.walk("VTIMEZONE") if str(z["tzid"]) == tzid]
    parts = sorted(
        (p["dtstart"].dt.replace(tzinfo=None), p["tzoffsetto"].td)
        for p in zone.subcomponents
    )  # fmt: skip
    assert not any("RDATE" in p for p in zone.subcomponents)  # ical.js reads one value a line
    offset = [to for start, to in parts if start <= local][-1]
    return (local - offset).replace(tzinfo=UTC)


def test_calendar_zones_place_every_event_right_in_any_year(content_tree):
    """A 2040 New York summer event and 1960 London events in winter and summer
    (outside the 1970-2038 that zone definitions often cover), read by their
    calendar's own VTIMEZONE, fall at the instant our JSON gives."""
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", 'date: "2040-07-04T15:00"')
    speech = content_tree.read(SPEECH)
    for name, when in (("winter", "1960-01-15T12:00"), ("summer", "1960-07-01T12:00")):
        text = speech.replace('date: "2040-07-04T15:00"', f'date: "{when}"').replace(
            "timezone: America/New_York", "timezone: Europe/London"
        )
        text = text.split("\nrelated:")[0] + "\n" if "\nrelated:" in text else text
        content_tree.write(f"timelines/demo/events/london-{name}.yaml", text)
    files = render_site(check_corpus(load_content(content_tree.root))).pages
    calendar = icalendar.Calendar.from_ical(files["demo/data/timeline.ics"])
    data = {e["id"]: e for e in json.loads(files["demo/data/timeline.json"])["events"]}
    expected = {"speech": "2040-07-04T19:00:00Z", "london-winter": "1960-01-15T12:00:00Z",
                "london-summer": "1960-07-01T11:00:00Z"}  # fmt: skip
    for event in calendar.walk("VEVENT"):
        event_id = str(event["uid"]).split("/")[1].split("@")[0]
        if event_id not in expected:
            continue
        start = event["dtstart"]
        utc = _by_its_vtimezone(calendar, start.params["TZID"], start.dt.replace(tzinfo=None))
        assert f"{utc:%Y-%m-%dT%H:%M:%SZ}" == expected[event_id], event_id
        assert data[event_id]["starts_at"] == expected[event_id], event_id
