"""The time axis: proportional time with breaks, crowded days spread, periods as
bands, a density when the events are too many; and `periods:` checked like events."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from helpers import REPO, TIMELINE
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.dates import parse_when
from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.render import time_scale
from generator.render.axis_drawings import AxisDrawings
from generator.render.renderer import render_site
from generator.render.time_axis import NARROW, SIZES, WIDE, AxisEvent, is_dense, render_axis
from generator.views.dates_shown import ENGLISH
from generator.views.interface import Interface
from generator.views.site_view import build_views

SLUG = "kabul-calls"
DAY = 86400
PERIOD = """
periods:
  - id: the-week
    title: The week
    start: "2021-08-15"
    end: "2021-08-20"
    sources:
      - id: gazette
        outlet: freedonia-gazette
        title: The week in review
        url: https://gazette.example.org/week
        published: "2021-08-21"
"""


@pytest.fixture(scope="module")
def kabul():
    corpus = check_corpus(load_content(REPO / "content"))
    return corpus, render_site(corpus).pages


def _marks(svg: str) -> list[tuple[str, float, str, str]]:
    """(href, x, data-at, data-id) of each mark, in document order."""
    found = re.findall(
        r'<a class="tl-mark[^"]*" href="([^"]+)" aria-label="[^"]*" data-id="([^"]+)" '
        r'data-t="[^"]+" data-at="([^"]+)">.*?<circle cx="([\d.]+)"',
        svg,
    )
    return [(href, float(x), start, i) for href, i, start, x in found]


def _drawings(page: str) -> dict[str, str]:
    return {s.name: re.search(rf'<svg class="tl-axis-svg {s.name}".*?</svg>', page).group(0)
            for s in SIZES}  # fmt: skip


def test_every_mark_links_to_its_card_in_reading_order(kabul):
    _, pages = kabul
    page = pages[f"{SLUG}/timeline.md"]
    cards = re.findall(r'<article class="tl-event [^"]*" id="([^"]+)"', page)
    for svg in _drawings(page).values():
        marks = _marks(svg)
        assert [m[3] for m in marks] == cards
        assert [m[0] for m in marks] == [f"#{c}" for c in cards]
        xs = [m[1] for m in marks]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)  # none on another
        starts = [m[2] for m in marks]
        assert starts == sorted(starts)  # by UTC instant


def test_the_explainer_links_each_mark_to_the_event_page(kabul):
    _, pages = kabul
    svg = _drawings(pages[f"{SLUG}/index.md"])[WIDE.name]
    for href, _, _, event_id in _marks(svg):
        assert href == f"events/{event_id}/"
        assert f"{SLUG}/events/{event_id}.md" in pages


def test_long_empty_stretches_are_breaks_and_say_what_they_skip(kabul):
    _, pages = kabul
    for svg in _drawings(pages[f"{SLUG}/timeline.md"]).values():
        marks = {m[3]: m[1] for m in _marks(svg)}
        breaks = [
            float(x) for x in re.findall(r'<g class="tl-break"><polyline points="([\d.]+)', svg)
        ]
        saigon, etim = marks["fall-of-saigon"], marks["us-drops-etim-from-terror-list"]
        assert any(saigon < b < etim for b in breaks)  # 45 years cut out
        assert re.search(r">46<tspan[^>]*>(years|yrs)</tspan>", svg)
        # No break inside the days the story happens on.
        first, last = marks["taliban-take-kabul"], marks["india-withdraws-ambassador"]
        assert not any(first < b < last for b in breaks)


def test_breaks_take_the_long_gaps_only():
    start = datetime(2021, 8, 15, tzinfo=UTC).timestamp()
    moments = [0.0, start, start + 3600, start + DAY, start + 1.5 * DAY, start + 30 * DAY]
    knots = time_scale.knots_of(moments)
    cut = time_scale.cut_gaps(knots, 5)
    assert 0 in cut  # 1970 to 2021
    assert 4 in cut  # a month of nothing after the story's two days
    assert not {1, 2, 3} & cut  # hours apart: shown in proportion
    even = time_scale.knots_of([n * DAY * 10.0 for n in range(30)])
    assert time_scale.cut_gaps(even, 5) == set()  # evenly spread: no break at all


def test_a_crowded_day_is_spread_out_and_shaded(kabul):
    corpus, pages = kabul
    svg = _drawings(pages[f"{SLUG}/timeline.md"])[NARROW.name]
    day = re.search(r'<rect x="([\d.]+)" [^>]*width="([\d.]+)"[^>]*data-day="2021-08-16"', svg)
    assert day
    view = build_views(corpus).timelines[0]
    on_the_day = [v.id for v in view.events if v.when.day_key == "2021-08-16"]
    xs = [x for _, x, _, i in _marks(svg) if i in on_the_day]
    assert len(xs) >= 5
    assert min(b - a for a, b in pairwise(xs)) >= NARROW.sep - 0.1
    left, width = float(day.group(1)), float(day.group(2))
    assert left <= xs[0] and xs[-1] <= left + width


def test_key_events_are_labelled_with_their_short_titles(kabul):
    _, pages = kabul
    svg = _drawings(pages[f"{SLUG}/timeline.md"])[WIDE.name]
    labels = re.findall(
        r'<text x="[\d.]+" y="[\d.]+" text-anchor="(?:start|end)">([^<]+)</text>', svg
    )
    assert {"Taliban take Kabul", "Ghani leaves", "Wang–Lavrov call"} <= set(labels)


def test_periods_are_bands_linked_to_their_note_and_sources(kabul):
    _, pages = kabul
    page = pages[f"{SLUG}/timeline.md"]
    bands = re.findall(r'<a class="tl-period" href="#(period_[a-z0-9-]+)"', page)
    assert set(bands) == {"period_us-war-in-afghanistan", "period_kabul-airlift"}
    for anchor in bands:
        item = re.search(rf'<dt id="{anchor}">.*?</dd>', page).group(0)
        assert "wikipedia.org" in item
    assert "7 October 2001 – 30 August 2021" in page


def test_ten_thousand_events_are_a_density_of_at_most_60_kb():
    start = datetime(2015, 1, 1, tzinfo=UTC)
    events = []
    for n in range(10_000):
        when = start + timedelta(hours=n * 7 + (n % 13) * 3)
        day, href = f"{when:%Y-%m-%d}", f"p{n // 150}/#e{n}"
        events.append(
            AxisEvent(
                f"e{n}",
                f"Event {n}",
                None,
                day,
                ENGLISH.brief(parse_when(day)),
                when.timestamp(),
                day,
                n % 50 == 0,
                href,
            )
        )
    drawn = "".join(
        render_axis(events, [], "Europe/Paris", "t", size, Interface()) for size in SIZES
    )
    assert len(drawn.encode()) <= 60_000
    assert "tl-mark" not in drawn and drawn.count('class="tl-bin"') > 50
    hrefs = set(re.findall(r'class="tl-bin" href="([^"]+)"', drawn))
    assert hrefs <= {e.href for e in events}
    counts = [int(n) for n in re.findall(r': (\d+) events?"', drawn)]
    assert sum(counts) == 2 * len(events)  # every event in a bar of each drawing


BRIEFS = [ENGLISH.brief(parse_when(d)) for d in ("2020-08-01", "2020-08")]


@st.composite
def _axis_events(draw, count: int) -> list[AxisEvent]:
    """`count` events at random on a few days (the first, maybe, on its own long
    before), in reading order."""
    text = st.text(st.sampled_from('ab <&"é'), max_size=6)
    events = []
    for n in range(count):
        at = 1_600_000_000 + draw(st.integers(0, 40)) * 3 * 3600
        if n == 0 and draw(st.booleans()):
            at -= 2 * 365 * DAY  # a moment alone, past a break, labelled with its date
        title = draw(text)
        events.append(AxisEvent(
            f"e{n}{title}", title, draw(st.none() | text), draw(text),
            draw(st.sampled_from(BRIEFS)), float(at), f"d{at // 86400}",
            draw(st.booleans()), draw(st.sampled_from(["#a", "#b", "p/#c"])),
        ))  # fmt: skip
    return sorted(events, key=lambda e: e.at)


def _with(events: list[AxisEvent], others: list[AxisEvent], fields: tuple[str, ...]):
    """`events` with these fields of `others`, in reading order."""
    mixed = [
        replace(e, **{f: getattr(o, f) for f in fields})
        for e, o in zip(events, others, strict=True)
    ]
    return sorted(mixed, key=lambda e: e.at)


UNREAD = ("id", "title", "label", "when", "day", "key")  # by a density drawing


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 300))
def test_a_kept_drawing_is_the_drawing_of_what_it_read(data, count):
    """axis_drawings keeps a drawing by what it reads: a density reads of each
    event only its place, short date and link. Events that read the same are
    drawn the same; events that read anything else are drawn again."""
    events, others = data.draw(_axis_events(count)), data.draw(_axis_events(count))
    kept = AxisDrawings()

    def drawing(of: list[AxisEvent], size) -> str:
        return kept.drawing(of, [], "Asia/Kabul", "t", size, Interface())

    def drawn(of: list[AxisEvent], size) -> str:
        return render_axis(of, [], "Asia/Kabul", "t", size, Interface())

    for size in SIZES:
        assert drawing(events, size) == drawn(events, size)
    kept.start()  # the next render
    for size in SIZES:
        if is_dense(count, size):  # the same drawing, whatever the titles and ids
            unread = _with(events, others, UNREAD)
            assert drawn(unread, size) == drawing(events, size)
            assert drawing(unread, size) == drawing(events, size)
        for read in ("at", "brief", "href", *UNREAD):
            changed = _with(events, others, (read,))
            assert drawing(changed, size) == drawn(changed, size)


def test_a_period_ending_before_it_starts_is_refused_at_its_line(content_tree):
    wrong = PERIOD.replace('end: "2021-08-20"', 'end: "2021-08-10"')
    wrong = wrong.replace("outlet: freedonia-gazette", "outlet: gazete")
    content_tree.write(TIMELINE, content_tree.read(TIMELINE) + wrong)
    problems = content_tree.problems()
    messages = {(p.line, p.message.split(":")[0]) for p in problems}
    line = content_tree.locate(TIMELINE, 'end: "2021-08-10"')[0]
    assert (line, "periods[0].end") in messages
    assert any("unknown outlet 'gazete'" in p.message and p.source_path == TIMELINE
               for p in problems)  # fmt: skip


def test_periods_go_out_as_eras_and_come_back(kabul, tmp_path, content_tree):
    content_tree.write(TIMELINE, content_tree.read(TIMELINE) + PERIOD)
    corpus, problems = content_tree.validate()
    assert problems == []
    exported = json.loads(render_site(corpus).pages["demo/data/timelinejs.json"])
    (era,) = exported["eras"]
    assert era["text"]["headline"] == "The week"
    assert era["start_date"]["day"] == 15 and era["end_date"]["day"] == 20
    from generator.authoring.timelinejs_import import import_timelinejs

    source = tmp_path / "demo.json"
    source.write_text(json.dumps(exported), encoding="utf-8")
    other = tmp_path / "again"
    for folder in ("actors", "outlets"):
        (other / folder).mkdir(parents=True)
        for f in (content_tree.root / folder).glob("*.yaml"):
            (other / folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    imported = import_timelinejs(source, other, "again", "Europe/Paris", "2021-08-17")
    assert imported.file_notes == []
    back = check_corpus(load_content(other)).timelines["again"].timeline.periods
    assert [p.model_dump() for p in back] == [
        p.model_dump() for p in corpus.timelines["demo"].timeline.periods
    ]


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [("en", "30 Apr", "Apr", "1975"), ("en-US", "Apr 30", "Apr", "1975"),
     ("de", "30. Apr.", "Apr", "1975"), ("zh-Hans", "4月30日", "4月", "1975年"),
     ("fa", "۳۰ آوریل", "آوریل", "۱۹۷۵")],
)  # fmt: skip
def test_a_lone_dates_two_lines_are_its_day_over_its_year_in_any_language(
    language, day, month, year
):
    """A lone moment's date is two lines, its day and month (or its month, on the
    narrow drawing) over its year, each as the language writes it alone: never
    cut out of the whole date, whose order differs ("Apr 30, 1975", "1975年4月30日")."""
    words = Interface(language)
    dates = words.dates
    start = datetime(2021, 8, 15, 12, tzinfo=UTC).timestamp()
    lone = AxisEvent("a", "A", None, "w", dates.brief(parse_when("1975-04-30")),
                     start - 46 * 365 * DAY, "d1", False, "#a")  # fmt: skip
    later = dates.brief(parse_when("2021-08-15"))
    events = [lone, *(AxisEvent(f"e{n}", "E", None, "w", later, start + n * 3600, "d2", False,
                                f"#e{n}") for n in range(5))]  # fmt: skip
    for size, head in ((WIDE, day), (NARROW, month)):
        drawn = render_axis(events, [], "Asia/Kabul", "t", size, words)
        assert re.search(rf">{re.escape(head)}<tspan [^>]*>{re.escape(year)}</tspan>", drawn), (
            size.name
        )
