"""The exports read by the programs people read them with, on a site made for
them (tests/fixtures/consumers: four zones in summer and winter, 1960 and 2040, a
month, a year, a formula) and on the Kabul explainer: ical.js (behind many web
calendars, under Node) and Python's icalendar for the calendar, each event's
instant compared with our JSON export."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers import CONSUMERS_CONTENT, REPO, needs_node_programs, run_node

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.render.renderer import render_site
from generator.views.site_view import Publication

BASE = "https://news.example.org/explainers/"
SITES = {"world": CONSUMERS_CONTENT, "kabul-calls": REPO / "content"}


@pytest.fixture(scope="module", params=sorted(SITES))
def exported(request, tmp_path_factory):
    """One timeline's exports, written to files as the site serves them."""
    slug = request.param
    pages = render_site(check_corpus(load_content(SITES[slug])), base_url=BASE).pages
    folder = tmp_path_factory.mktemp(slug)
    for name in ("timeline.ics", "timeline.json"):
        (folder / name).write_bytes(pages[f"{slug}/data/{name}"].encode("utf-8"))
    return slug, folder


def _instant(wall: str, zone: str) -> str:
    """A wall-clock time in `zone` as the UTC instant a calendar should show."""
    local = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone))
    return f"{local.astimezone(UTC):%Y-%m-%dT%H:%M:%S}.000Z"


def _day_after(value: str) -> str:
    """The exclusive end of an all-day span ending on `value` (a day or a month)."""
    if len(value) == 7:  # a month: the first of the next
        year, month = map(int, value.split("-"))
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
    return (date.fromisoformat(value[:10]) + timedelta(days=1)).isoformat()


def _expected(event: dict, timeline_zone: str) -> dict:
    """Where a calendar must put an event of our JSON export."""
    zone = event.get("timezone", timeline_zone)
    if event["precision"] in ("minute", "second"):
        end = event.get("end")
        return {"allDay": False, "start": event["starts_at"].replace("Z", ".000Z"),
                "end": _instant(end, zone) if end and "T" in end else None}  # fmt: skip
    first = event["date"] if event["precision"] == "day" else f"{event['date']}-01"
    return {"allDay": True, "start": first, "end": _day_after(event.get("end") or event["date"])}


@needs_node_programs()
def test_ical_js_puts_every_event_where_our_json_does(exported):
    slug, folder = exported
    data = json.loads((folder / "timeline.json").read_text("utf-8"))
    read = json.loads(run_node("ics_instants.mjs", str(folder / "timeline.ics")))
    found = {e["uid"].split("/")[1].split("@")[0]: e for e in read["events"]}
    by_year_only = [e for e in data["events"] if e["precision"] == "year"]
    assert set(found) == {e["id"] for e in data["events"]} - {e["id"] for e in by_year_only}
    for event in data["events"]:
        if event in by_year_only:  # not in the calendar, and the calendar says so
            assert f"{event['date']}: {event['title']}" in read["description"]
            continue
        shown = found[event["id"]]
        expected = _expected(event, data["timeline"]["timezone"])
        assert {k: shown[k] for k in expected} == expected, event["id"]
        assert shown["summary"] == event["title"]
        if event["approximate"]:
            assert "The date is approximate" in shown["description"]
    if slug == "world":  # what the fixture is for: zones, years and spans all met
        zones = {e["zone"] for e in read["events"] if not e["allDay"]}
        assert zones == {"America/New_York", "Europe/London", "Asia/Kabul", "Australia/Sydney"}
        assert found["talks-in-september"]["description"].startswith(
            "Known to the month only: September 2021. The date is approximate: The Gazette"
        )
        assert found["london-1960-summer"]["start"] == "1960-07-01T11:00:00.000Z"
        assert found["new-york-spring-forward"]["start"] == "2021-03-14T07:30:00.000Z"
        assert found["sydney-2040-summer"]["start"] == "2040-01-09T22:00:00.000Z"
        assert found["sydney-2040-winter"]["start"] == "2040-07-04T05:00:00.000Z"


def test_python_icalendar_reads_the_same_instants(exported):
    _, folder = exported
    data = json.loads((folder / "timeline.json").read_text("utf-8"))
    calendar = icalendar.Calendar.from_ical((folder / "timeline.ics").read_bytes())
    found = {str(e["uid"]).split("/")[1].split("@")[0]: e for e in calendar.walk("VEVENT")}
    for event in data["events"]:
        if event["precision"] == "year":
            assert event["id"] not in found
            continue
        expected = _expected(event, data["timeline"]["timezone"])
        start = found[event["id"]].decoded("dtstart")
        if expected["allDay"]:
            assert start == date.fromisoformat(expected["start"]), event["id"]
            assert found[event["id"]].decoded("dtend") == date.fromisoformat(expected["end"])
        else:
            got = f"{start.astimezone(UTC):%Y-%m-%dT%H:%M:%S}.000Z"
            assert got == expected["start"], event["id"]


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("slug", sorted(SITES))
def test_atom_feeds_hold_what_rfc_4287_requires_and_each_entry_its_own_dates(slug):
    """Read with ElementTree for RFC 4287's required elements (4.1.1, 4.1.2) and
    with feedparser as a feed reader does: every entry dated by its own history,
    an event added later published on its own day, a corrected one updated."""
    from xml.etree import ElementTree

    import feedparser

    pages = render_site(check_corpus(load_content(SITES[slug])), base_url=BASE).pages
    for path in (f"{slug}/feed.xml", "feed.xml"):
        root = ElementTree.fromstring(pages[path])
        for name in ("id", "title", "updated", "author/name"):
            assert root.findtext(f"{ATOM}{name.replace('/', '/' + ATOM)}"), (path, name)
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated", "published", "summary"):
                assert entry.findtext(f"{ATOM}{name}"), (path, name)
            (alternate,) = [k for k in entry.findall(f"{ATOM}link")
                            if k.get("rel", "alternate") == "alternate"]  # fmt: skip
            assert alternate.get("href", "").startswith(BASE)
        feed = feedparser.parse(pages[path])
        assert not feed.bozo, feed.bozo_exception
        assert max(e.updated for e in feed.entries) <= feed.feed.updated
        if slug != "world":
            continue
        dates = {e.link.rsplit("/", 2)[-2]: (e.published, e.updated) for e in feed.entries}
        # The timeline is in London: its days start at 23:00 UTC in summer.
        assert dates["kabul-evening"] == ("2021-08-17T23:00:00+00:00",) * 2  # added a day later
        assert dates["formula"] == ("2021-08-16T23:00:00+00:00", "2021-08-18T23:00:00+00:00")
        assert dates["founding"] == ("2021-08-16T23:00:00+00:00",) * 2  # with its timeline
        assert next(iter(dates)) == "formula"  # the latest change first


def _structured_data(content) -> dict[str, dict]:
    """Each page's schema.org JSON-LD, by page, as the pages' front matter carries it."""
    import yaml

    publication = Publication(logo=b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    pages = render_site(check_corpus(load_content(content)), base_url=BASE,
                        publication=publication).pages  # fmt: skip
    found = {}
    for uri, text in pages.items():
        if uri.endswith(".md") and text.startswith("---\n"):
            meta = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
            if meta.get("jsonld"):
                found[uri] = json.loads(meta["jsonld"])
    return found


FULL_STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"


@needs_node_programs()
def test_structured_data_uses_only_schema_orgs_vocabulary_and_what_search_engines_require(
    tmp_path,
):
    """TypeScript checks every object against schema.org's own types (schema-dts,
    made from the vocabulary): an unknown type or property, or a value of the wrong
    type, fails. Then the properties search engines' Article guidelines want, and
    Event's name, start and (where the content names a place) location."""
    import re

    data = _structured_data(CONSUMERS_CONTENT) | _structured_data(REPO / "content")
    lines = ['import type { Event, NewsArticle, WithContext } from "schema-dts";']
    for i, (uri, item) in enumerate(sorted(data.items())):
        kind = {"NewsArticle": "NewsArticle", "Event": "Event"}[item["@type"]]
        lines.append(f"// {uri}\nexport const item{i}: WithContext<{kind}> = {json.dumps(item)};")
    (tmp_path / "structured.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
    modules = str(REPO / "tests/js/node_modules")
    run_node("node_modules/typescript/bin/tsc", "--noEmit", "--strict",
             "--typeRoots", str(tmp_path), "--moduleResolution", "node",
             "--baseUrl", modules, str(tmp_path / "structured.ts"))  # fmt: skip
    articles = [d for d in data.values() if d["@type"] == "NewsArticle"]
    events = [d for d in data.values() if d["@type"] == "Event"]
    assert len(articles) >= 2 and len(events) > 20
    for article in articles:
        for name in ("headline", "image", "datePublished", "dateModified", "author", "publisher"):
            assert article.get(name), name
        assert re.fullmatch(FULL_STAMP, article["datePublished"])
        assert re.fullmatch(FULL_STAMP, article["dateModified"])
        assert article["publisher"]["@type"] == "NewsMediaOrganization"
        assert article["publisher"]["logo"]["url"].endswith(".svg")
        assert article["author"]["name"] and article["author"]["url"].startswith(BASE)
    for event in events:
        assert event["name"] and event["startDate"]
    with_picture = {d["url"].rsplit("/", 2)[-2]: d for d in events if "image" in d}
    assert set(with_picture) == {"new-york-summer"}  # the fixture's one event with a picture
    assert with_picture["new-york-summer"]["location"]["name"] == "New York, United States"


@pytest.mark.parametrize("slug", sorted(SITES))
def test_no_spreadsheet_runs_a_cell_of_the_csv_as_a_formula(slug):
    """OWASP's rule for CSV: no cell begins with =, +, -, @, a tab or a carriage
    return; the editor's text keeps a leading apostrophe instead. Excel's copy is
    the same table behind a UTF-8 byte-order mark."""
    import csv
    import io

    pages = render_site(check_corpus(load_content(SITES[slug])), base_url=BASE).pages
    plain, excel = pages[f"{slug}/data/timeline.csv"], pages[f"{slug}/data/timeline-excel.csv"]
    assert excel == "\ufeff" + plain
    rows = list(csv.DictReader(io.StringIO(plain, newline="")))
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    if slug == "world":
        formula = next(r for r in rows if r["id"] == "formula")
        assert formula["title"] == '\'=HYPERLINK("https://evil.example/","Click")'
        assert formula["summary"] == "'+1 for the budget, said @everyone; -2 against."
