"""`timeline import`: real TimelineJS files, edge cases, and the round trip
content -> TimelineJS JSON -> import -> content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import REPO, SHARED, needs_shared

from generator.authoring.timelinejs_import import ImportFailed, import_timelinejs, when_text
from generator.content.load import load_content
from generator.content.validate import check_corpus, validate_content
from generator.render.renderer import render_site

INTEROP = SHARED / "interop" / "timelinejs"
needs_interop = needs_shared("interop/timelinejs")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for folder in ("actors", "outlets"):
        shutil.copytree(REPO / "content" / folder, root / folder)
    return root


def _events(content: Path, slug: str) -> dict[str, dict]:
    import yaml

    folder = content / "timelines" / slug / "events"
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))
    }


def _messages(imported) -> list[str]:
    return [f"{p.source_path}: {p.message}" for p in imported.notes] + imported.file_notes


@needs_interop
def test_houston_json_with_string_dates_and_html_credits(content):
    imported = import_timelinejs(
        INTEROP / "houston_timeline3.json", content, "houston", published="2026-01-01"
    )
    events = _events(content, "houston")
    source = json.loads((INTEROP / "houston_timeline3.json").read_text())
    assert len(events) == len(source["events"])
    heritage = events["a-musical-heritage"]
    assert heritage["date"] == "1963-08-09"
    assert "Born in New Jersey on August 9th, 1963" in heritage["summary"] + heritage.get(
        "body", ""
    )
    # A relative media address cannot be carried over: reported, not dropped silently.
    assert any(
        "a-musical-heritage" in m and "/static/img/examples/houston/family.jpg" in m
        for m in _messages(imported)
    )
    with_media = [e for e in events.values() if e.get("media")]
    assert with_media and all(
        m["url"].startswith(("http://", "https://")) for e in with_media for m in e["media"]
    )
    credits = [m.get("credit", "") for e in with_media for m in e["media"]]
    assert any(c and "<" not in c for c in credits)  # HTML credits become text
    timeline = (content / "timelines/houston/timeline.yaml").read_text(encoding="utf-8")
    assert '"Whitney Houston 1963 - 2012"' in timeline


@needs_interop
def test_twain_json_with_empty_unique_ids_and_numbers_as_strings(content):
    imported = import_timelinejs(
        INTEROP / "twain_marktwain.json", content, "twain", published="2026-01-01"
    )
    events = _events(content, "twain")
    # Three of the 17 slides are empty: reported, not imported.
    assert len(events) == 14
    assert imported.file_notes == [
        f"slide {n}: no headline and no text: not imported" for n in (4, 5, 6)
    ]
    assert all(Path(f"{e}.yaml").stem == e for e in events)
    dates = sorted(e["date"] for e in events.values())
    assert "1908-05-13" in dates  # "05" and "13" given as strings
    again = content.parent / "again"
    shutil.copytree(content / "actors", again / "actors")
    import_timelinejs(INTEROP / "twain_marktwain.json", again, "twain", published="2026-01-01")
    assert sorted(_events(again, "twain")) == sorted(events)  # ids are stable


@needs_interop
def test_eras_become_periods_and_slides_without_media_import(content):
    imported = import_timelinejs(INTEROP / "eras.json", content, "eras", published="2026-01-01")
    assert imported.written
    # Eras have no sources: the draft's check names each for an editor to source.
    _, problems = validate_content(load_content(content))
    needs = [
        p.message for p in problems if "has no sources yet" in p.message and "period" in p.message
    ]
    assert len(needs) == 3 and all(p.severity == "warning" for p in problems)
    import yaml

    timeline = yaml.safe_load((content / "timelines/eras/timeline.yaml").read_text("utf-8"))
    assert [(p["title"], p["start"], p["end"]) for p in timeline["periods"]] == [
        ("Era Test 650-700", "0650", "0700"),
        ("Era Test 600-650", "0600", "0650"),
        ("Era Test 700-720", "0700", "0720"),
    ]
    events = _events(content, "eras")
    assert len(events) == 20
    assert any(e["date"] == "0602" and e.get("end") == "0629" for e in events.values())


@needs_interop
def test_google_sheets_csv_export(content):
    imported = import_timelinejs(
        INTEROP / "women_in_computing.csv", content, "women", published="2026-01-01"
    )
    events = _events(content, "women")
    ada = events["ada-lovelace"]
    assert (ada["date"], ada["end"]) == ("1815-12-10", "1852-11-27")
    # No space before the colon the link was followed by; said once, not again in body.
    assert "Take Ada Lovelace: Daughter of Lord Byron" in ada["summary"]
    assert "Ada Lovelace" not in ada["body"]
    assert any(
        m.startswith("timelines/women/events/ada-lovelace.yaml: the summary is plain text, "
                     "without the first paragraph's links (https://en.wikipedia.org/wiki/Ada_")
        for m in _messages(imported)
    )  # fmt: skip
    assert ada["media"][0]["credit"] == "Wikimedia Commons"
    assert ada["media"][0]["caption"] == "Portrait by Alfred Edward Chalon"
    timeline = (content / "timelines/women/timeline.yaml").read_text(encoding="utf-8")
    assert '"Women in Computing"' in timeline
    assert any("HTML snippet" in m for m in _messages(imported))
    # A draft: what publishing still needs is a warning, and nothing else is wrong.
    corpus, problems = validate_content(load_content(content))
    assert corpus is not None and corpus.timelines["women"].draft
    assert problems and {p.code for p in problems} == {"draft-needs-sources"}, problems[:3]


@pytest.mark.parametrize("time", ["25h99", "25:99", "13:00 pm", "9:05:61"])
def test_a_sheet_time_that_is_no_time_is_reported_as_such(tmp_path, content, time):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Year,Month,Day,Time,Headline,Text\n"
        f"2021,8,15,{time},Kabul falls,The Taliban enter the city.\n"
        "2021,8,16,9:30 pm,The airport,Crowds on the tarmac.\n",
        encoding="utf-8",
    )
    imported = import_timelinejs(sheet, content, "sheet", published="2026-01-01")
    assert imported.file_notes == [
        f"slide 1 ('Kabul falls'): time '{time}' is not a time of day: write HH:MM, "
        "e.g. 14:30: not imported"
    ]
    assert _events(content, "sheet")["the-airport"]["date"] == "2021-08-16T21:30"


def test_empty_file_is_a_clear_error(tmp_path, content):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(ImportFailed, match="the file is empty"):
        import_timelinejs(empty, content, "x")
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [')
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_timelinejs(broken, content, "x")


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ({"year": 1975}, "1975"),
        ({"year": "2021", "month": "8"}, "2021-08"),
        ({"year": 2021, "month": 8, "day": 16, "hour": 21, "minute": 30}, "2021-08-16T21:30"),
        ({"year": "2021", "month": "08", "day": "16", "hour": "9"}, "2021-08-16T09:00"),
        ({"year": 602.0}, "0602"),
    ],
)
def test_dates_as_strings_or_numbers_keep_their_precision(raw, text):
    assert when_text(raw) == text


def test_dates_that_content_cannot_hold_are_reported(tmp_path, content):
    source = tmp_path / "bc.json"
    source.write_text(json.dumps({"events": [
        {"start_date": {"year": "-500"}, "text": {"headline": "Old", "text": "<p>Long ago.</p>"}},
        {"start_date": {"year": "1999"}, "text": {"headline": "New", "text": "<p>Recent.</p>"}},
    ]}))  # fmt: skip
    imported = import_timelinejs(source, content, "bc", published="2026-01-01")
    assert imported.file_notes == [
        "slide 1 ('Old'): year -500 is outside the years 1 to 9998 that content supports:"
        " not imported"
    ]
    assert list(_events(content, "bc")) == ["new"]


def test_round_trip_keeps_titles_dates_media_and_text(tmp_path, content):
    corpus = check_corpus(load_content(REPO / "content"))
    files = render_site(corpus, base_url="https://x.org/").pages
    exported = tmp_path / "kabul.json"
    exported.write_text(files["kabul-calls/data/timelinejs.json"], encoding="utf-8")
    data = json.loads(exported.read_text())
    imported = import_timelinejs(exported, content, "kabul-calls", "Asia/Kabul", "2026-11-27")
    assert imported.file_notes == []
    back = check_corpus(load_content(content)).timelines["kabul-calls"]
    original = corpus.timelines["kabul-calls"]
    assert [e.id for e in back.events] == [e.id for e in original.events]
    assert len(data["events"]) == len(original.events)
    for new, old in zip(back.events, original.events, strict=True):
        a, b = new.event, old.event
        assert (a.title, a.summary) == (b.title, b.summary)
        assert (str(a.date), str(a.end or "")) == (str(b.date), str(b.end or ""))
        assert new.timezone == old.timezone
        assert " ".join((a.body or "").split()) == " ".join((b.body or "").split())
        assert a.media == b.media
        assert [s.model_dump() for s in a.sources] == [s.model_dump() for s in b.sources]


def test_round_trip_keeps_several_media(tmp_path):
    """The fixture's vote shows a picture and media elsewhere: both come back, the
    picture as the address of its largest size on the published site."""
    fixture = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid" / "content", fixture)
    corpus = check_corpus(load_content(fixture))
    exported = tmp_path / "demo.json"
    pages = render_site(corpus, base_url="https://x.org/").pages
    exported.write_text(pages["demo/data/timelinejs.json"])
    target = tmp_path / "target"
    shutil.copytree(fixture / "actors", target / "actors")
    shutil.copytree(fixture / "outlets", target / "outlets")
    import_timelinejs(exported, target, "demo", "Europe/Paris", "2021-08-17")
    back = {e.id: e.event for e in check_corpus(load_content(target)).timelines["demo"].events}
    (vote_entry,) = [e for e in corpus.timelines["demo"].events if e.id == "vote"]
    picture, elsewhere = vote_entry.event.media
    published = "https://x.org/media/chamber-1200.jpg"
    assert back["vote"].media == [
        picture.model_copy(update={"file": None, "url": published}),
        elsewhere,
    ]


def test_the_kabul_explainer_survives_the_timelinejs_round_trip(tmp_path):
    """Our export carries each event whole under a key TimelineJS ignores: into a
    site with nothing of it, the import brings back the timeline, its events,
    and the actors and outlets they name, as they were."""
    from generator.exports.timelinejs import EXTENSION
    from generator.pipeline import export_timeline

    original = check_corpus(load_content(REPO / "content"))
    exported = export_timeline(original, "timelinejs", "kabul-calls", "https://x.org/")
    assert all(EXTENSION in slide for slide in json.loads(exported)["events"])
    source = tmp_path / "kabul.json"
    source.write_text(exported, encoding="utf-8")
    empty = tmp_path / "content"
    empty.mkdir()
    imported = import_timelinejs(source, empty, "kabul-calls")
    assert imported.notes == [] and imported.file_notes == [] and not imported.draft
    back = check_corpus(load_content(empty))
    assert export_timeline(back, "timelinejs", "kabul-calls", "https://x.org/") == exported
    before, after = original.timelines["kabul-calls"], back.timelines["kabul-calls"]
    assert after.timeline == before.timeline
    assert [(e.id, e.event) for e in after.events] == [(e.id, e.event) for e in before.events]
    assert back.actors == {a: original.actors[a] for a in back.actors}
    assert set(back.outlets) <= set(original.outlets) and back.outlets


def test_a_sheet_may_give_each_row_its_own_source(tmp_path, content):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Year,Month,Day,Headline,Text,Source URL,Source Title,Source Outlet,Source Published\n"
        "2021,8,16,A call,<p>They spoke.</p>,https://www.reuters.com/a,The call,reuters,"
        "2021-08-16\n"
        "2021,8,17,A visit,<p>She went.</p>,https://www.reuters.com/b,,,\n",
        encoding="utf-8",
    )
    imported = import_timelinejs(sheet, content, "calls")
    events = _events(content, "calls")
    assert events["a-call"]["sources"] == [{
        "id": "source", "outlet": "reuters", "title": "The call",
        "url": "https://www.reuters.com/a", "published": "2021-08-16",
    }]  # fmt: skip
    assert "sources" not in events["a-visit"]  # no outlet to give it
    assert any("a-visit.yaml: the row's Source URL has no Source Outlet" in m
               for m in _messages(imported))  # fmt: skip


def test_our_export_without_its_extension_keeps_dates_zones_and_notes(tmp_path):
    """TimelineJS's dates are in UTC (its order is then ours); a file that has lost
    our EXTENSION key (edited by hand, or by another tool) still comes back with each
    event's own wall clock, zone, approximate mark and note, read from its markup."""
    from generator.exports.timelinejs import EXTENSION

    fixture = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid" / "content", fixture)
    corpus = check_corpus(load_content(fixture))
    data = json.loads(
        render_site(corpus, base_url="https://x.org/").pages["demo/data/timelinejs.json"]
    )
    for slide in [data["title"], *data["events"]]:
        del slide[EXTENSION]
    exported = tmp_path / "plain.json"
    exported.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target"
    shutil.copytree(fixture / "actors", target / "actors")
    shutil.copytree(fixture / "outlets", target / "outlets")
    import_timelinejs(exported, target, "demo", "Europe/Paris", "2021-08-17")
    back = {e.id: e for e in check_corpus(load_content(target)).timelines["demo"].events}
    for entry in corpus.timelines["demo"].events:
        old, new = entry.event, back[entry.id].event
        assert (str(new.date), str(new.end or "")) == (str(old.date), str(old.end or ""))
        assert back[entry.id].timezone == entry.timezone
        assert (new.approximate, new.date_note) == (old.approximate, old.date_note)
        assert "On the date" not in (new.body or "")
