"""How times read: zone names a reader recognises, true of the moment they name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.content.dates import parse_when
from generator.views.dates_shown import ENGLISH, DateStyle


@pytest.mark.parametrize(
    ("date", "zone", "place", "named"),
    [
        ("2021-08-16T15:45", "America/New_York", None, "Eastern Daylight Time (UTC−04:00)"),
        ("2021-01-16T15:45", "America/New_York", None, "Eastern Standard Time (UTC−05:00)"),
        ("2021-08-16T12:00", "Asia/Shanghai", None, "China Standard Time (UTC+08:00)"),
        ("2021-08-17T09:00", "Asia/Kolkata", "New Delhi", "India Standard Time (UTC+05:30)"),
        ("2021-08-15T18:00", "Asia/Kabul", None, "Afghanistan Time (UTC+04:30)"),
        ("1960-01-10T12:00", "Europe/London", None, "Greenwich Mean Time (UTC+00:00)"),
        # Saigon in 1975 kept Beijing's offset, not today's Indochina Time: the
        # place is named rather than a zone name that was not true then.
        (
            "1975-04-30T10:00",
            "Asia/Ho_Chi_Minh",
            "Saigon, South Vietnam",
            "Saigon time (UTC+08:00)",
        ),
        ("1975-04-30T10:00", "Asia/Ho_Chi_Minh", None, "Ho Chi Minh time (UTC+08:00)"),
    ],
)
def test_zone_names_are_cldrs_where_they_are_true(date, zone, place, named):
    assert ENGLISH.moment(parse_when(date), zone, place).zone == named


def test_a_date_names_no_zone():
    assert ENGLISH.moment(parse_when("2021-08-16"), "America/New_York").zone == ""


@pytest.mark.parametrize(
    ("language", "day", "brief", "published", "zone"),
    [
        # The house style (`en`), unchanged by CLDR's English.
        ("en", "Monday 16 August 2021, 21:30", "16 Aug 2021", "17 August 2021, 06:20 (UTC+04:30)",
         "Afghanistan Time (UTC+04:30)"),
        ("en-US", "Monday, August 16, 2021, 9:30\u202fPM", "Aug 16, 2021",
         "August 17, 2021, 6:20\u202fAM (UTC+04:30)", "Afghanistan Time (UTC+04:30)"),
        ("de", "Montag, 16. August 2021, 21:30", "16. Aug. 2021",
         "17. August 2021, 06:20 (UTC+04:30)", "Afghanistan-Zeit (UTC+04:30)"),
        ("fr", "lundi 16 août 2021, 21:30", "16 août 2021", "17 août 2021, 06:20 (UTC+04:30)",
         "heure de l’Afghanistan (UTC+04:30)"),
        ("zh-Hans", "2021年8月16日星期一 21:30", "2021年8月16日", "2021年8月17日 06:20 (UTC+04:30)",
         "阿富汗时间 (UTC+04:30)"),
        # Persian in its own digits; Arabic as CLDR writes it, in Western digits.
        ("fa", "دوشنبه ۱۶ اوت ۲۰۲۱،\u200f ۲۱:۳۰", "۱۶ اوت ۲۰۲۱",
         "۱۷ اوت ۲۰۲۱،\u200f ۶:۲۰ (UTC+۰۴:۳۰)", "وقت افغانستان (UTC+۰۴:۳۰)"),
        ("ar", "الاثنين، 16 أغسطس 2021، 9:30 م", "16 أغسطس 2021",
         "17 أغسطس 2021، 6:20 ص (UTC+04:30)", "توقيت أفغانستان (UTC+04:30)"),
    ],
)  # fmt: skip
def test_dates_read_in_the_sites_language(language, day, brief, published, zone):
    """CLDR's forms (Babel) for every language but the house style's English."""
    dates = DateStyle(language)
    shown = dates.moment(parse_when("2021-08-16T21:30"), "Asia/Kabul")
    assert (shown.label, shown.zone) == (day, zone)
    assert shown.iso == "2021-08-16T21:30+04:30"  # for machines, in every language
    assert dates.brief(parse_when("2021-08-16")).whole == brief
    assert dates.short_label(parse_when("2021-08-17T06:20+04:30")) == published


def test_a_zone_that_cldr_cannot_name_is_its_places_time_in_the_language():
    saigon = parse_when("1975-04-30T10:00")
    assert DateStyle("de").moment(saigon, "Asia/Ho_Chi_Minh", "Saigon").zone == (
        "Saigon (Ortszeit) (UTC+08:00)"
    )
    assert DateStyle("fa").moment(saigon, "Asia/Ho_Chi_Minh", "Saigon").zone == (
        "وقت Saigon (UTC+۰۸:۰۰)"
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", [("46", "years"), ("9", "mos"), ("2", "days")]),
     ("de", [("46", "Jahre"), ("9", "Mon."), ("2", "Tage")]),
     ("fa", [("۴۶", "سال"), ("۹", "ماه"), ("۲", "روز")]),
     ("ar", [("46", "سنة"), ("9", "أشهر"), ("يومان", "")])],  # two days: one word
)  # fmt: skip
def test_a_length_of_time_is_a_number_and_its_unit_in_the_language(language, said):
    dates = DateStyle(language)
    assert [dates.duration(46, "year"), dates.duration(9, "month", short=True),
            dates.duration(2, "day")] == said  # fmt: skip


def test_a_language_cldr_knows_by_another_name_or_not_at_all():
    """Material's `sh` is CLDR's Serbian in Latin script; a tag CLDR does not
    know reads in the house style, as Material's strings fall back to English."""
    day = parse_when("2021-08-16")
    assert DateStyle.of("sh").brief(day).whole == "16. avg 2021."
    assert DateStyle.of("xx") == ENGLISH
    assert DateStyle.of("zh-Hant").brief(day).whole == "2021年8月16日"


def test_every_language_material_ships_reads_its_dates_in_cldrs_forms():
    """No tag of Material's falls back to CLDR's root forms ("2021 M08 16")."""
    from pathlib import Path

    import material

    languages = Path(material.__file__).parent / "templates/partials/languages"
    day = parse_when("2021-08-16")
    tags = sorted(p.stem for p in languages.glob("*.html") if p.stem != "custom")
    assert len(tags) > 50
    for tag in tags:
        label = DateStyle.of(tag).date_label(day)
        assert "M08" not in label and "2021-08" not in label, (tag, label)


def test_zone_names_do_not_depend_on_the_machine_that_builds():
    """The same content builds the same pages on a machine set to any zone
    (Babel reads the machine's zone when it starts, hence a process each)."""
    script = (
        "from generator.content.dates import parse_when as w\n"
        "from generator.views.dates_shown import ENGLISH, DateStyle\n"
        "print(ENGLISH.moment(w('2021-08-15T18:00'), 'Asia/Kabul').zone)\n"
        "print(DateStyle('de').moment(w('2021-01-16T15:45'), 'America/New_York').zone)\n"
    )
    for machine in ("Asia/Kabul", "America/New_York", "UTC"):
        shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               check=True, env={**os.environ, "TZ": machine}).stdout  # fmt: skip
        assert shown.splitlines() == [
            "Afghanistan Time (UTC+04:30)",
            "Nordamerikanische Ostküsten-Normalzeit (UTC−05:00)",
        ], machine


@pytest.mark.parametrize(
    ("language", "when", "parts"),
    [("en", "1975-04-30", ("30 Apr 1975", "30 Apr", "Apr", "1975")),
     ("en", "2021-08", ("Aug 2021", "Aug", "Aug", "2021")),
     ("en", "1975", ("1975", "", "", "1975")),
     ("en-US", "1975-04-30", ("Apr 30, 1975", "Apr 30", "Apr", "1975")),
     ("hu", "1975-04-30", ("1975. ápr. 30.", "ápr. 30.", "ápr.", "1975.")),
     ("zh-Hans", "1975-04-30", ("1975年4月30日", "4月30日", "4月", "1975年")),
     ("fa", "1975-04", ("آوریل ۱۹۷۵", "آوریل", "آوریل", "۱۹۷۵"))],
)  # fmt: skip
def test_a_short_dates_parts_are_each_as_the_language_writes_it_alone(language, when, parts):
    """The axis's two lines and the network's year said once use these parts,
    which no cut of the whole date at its spaces gives in every language."""
    brief = DateStyle(language).brief(parse_when(when))
    assert (brief.whole, brief.day, brief.month, brief.year) == parts


def test_kept_dates_are_shown_again_only_for_the_same_entry_and_style(monkeypatch):
    """A preview's views reuse an event's dates while the check kept its entry
    (the same object) and the date style is the same; any other entry, or another
    language, has its dates made again, and every view reads as a fresh one."""
    from dataclasses import replace

    from helpers import REPO

    from generator.content.load import load_content
    from generator.content.validate import check_corpus
    from generator.views.site_view import KeptMoments, Publication, build_views

    corpus = check_corpus(load_content(REPO / "content"))

    def shown(view) -> list[tuple]:
        return [(e.entry.id, e.when, e.until) for t in view.timelines for e in t.events]

    made: list[str] = []
    real = DateStyle.moment
    monkeypatch.setattr(DateStyle, "moment", lambda s, w, *a: made.append(w.text) or real(s, w, *a))
    kept = KeptMoments()
    first = shown(build_views(corpus, moments=kept))
    count = len(made)
    assert count >= len(first)
    assert shown(build_views(corpus, moments=kept)) == first and len(made) == count
    # An entry checked afresh (another object, as after an edit) is shown afresh.
    timeline = next(iter(corpus.timelines.values()))
    fresh = replace(timeline.events[0])
    edited = replace(
        corpus, timelines={timeline.slug: replace(timeline, events=(fresh, *timeline.events[1:]))}
    )
    assert shown(build_views(edited, moments=kept)) == first
    assert made[count:] == [fresh.event.date.text] + (
        [fresh.event.end.text] if fresh.event.end else []
    )
    # Another language's dates are never the English ones kept.
    persian = Publication(language="fa")
    assert shown(build_views(edited, persian, moments=kept)) == shown(build_views(edited, persian))
