"""A long timeline: split into pages a phone handles, with nothing lost.

Uses the benchmark's synthesiser (bench/synth.py) for a valid timeline of a few
hundred events; the Kabul explainer is far below the split.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO, synthetic_content

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.mkdocs_adapter.engine import build_site
from generator.render.renderer import render_site
from generator.site_checks.links import check_links
from generator.views import site_view as views
from generator.views.interface import Interface
from generator.views.site_view import PAGE_EVENTS, build_views, split_by_month

EVENTS = 450
SLUG = "long-story"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return synthetic_content(tmp_path_factory.mktemp("long"), EVENTS)


@pytest.fixture(scope="module")
def corpus(content):
    return check_corpus(load_content(content))


@pytest.fixture(scope="module")
def pages(corpus) -> dict[str, str]:
    return render_site(corpus).pages


def events_on(text: str) -> list[str]:
    return re.findall(r'<article class="tl-event [^"]*" id="([^"]+)"', text)


def front(text: str) -> str:
    return text.split("\n---\n", 1)[0]


def test_a_short_list_is_one_page(corpus):
    timeline = build_views(corpus).timelines[0]
    assert split_by_month(timeline.events[:PAGE_EVENTS], Interface()) == []


def test_parts_are_months_and_crowded_months_are_split_by_days(corpus):
    events = build_views(corpus).timelines[0].events
    parts = split_by_month(events, Interface(), limit=20)
    assert [e for p in parts for e in p.events] == events  # all, once, in order
    assert all(len(p.events) <= 20 for p in parts)
    assert len({p.key for p in parts}) == len(parts)
    for part in parts:
        months = {e.when.day_key[:7] for e in part.events}
        assert len(months) == 1 and part.key.startswith(months.pop())
    crowded = [p for p in parts if "-" in p.key[5:]]
    assert crowded, "20 events a page must split some month"
    assert re.fullmatch(r"\w+ \d{4} \(\d+(–\d+)?\)", crowded[0].heading)


def test_the_timeline_page_becomes_an_index_of_months(pages, corpus):
    timeline = build_views(corpus).timelines[0]
    assert len(timeline.parts) > 1
    index = pages[f"{SLUG}/timeline.md"]
    assert events_on(index) == []
    for part in timeline.parts:
        assert f'<a href="{part.key}/">' in index
    assert '<h2 id="embed-this-timeline">Embed this timeline<a' in index
    listed = Counter()
    for part in timeline.parts:
        text = pages[f"{SLUG}/timeline/{part.key}.md"]
        on_page = events_on(text)
        assert 0 < len(on_page) <= PAGE_EVENTS
        listed.update(on_page)
        assert '<a href="../">All months</a>' in text
    assert sorted(listed) == sorted(e.id for e in timeline.events)
    assert set(listed.values()) == {1}


def test_an_event_links_to_its_month(pages, corpus):
    timeline = build_views(corpus).timelines[0]
    event = timeline.events[len(timeline.events) // 2]
    part = timeline.part_of(event)
    text = pages[event.uri]
    assert f'<a href="../../timeline/{part.key}/#{event.id}">See it on the timeline</a>' in text
    assert event.id in events_on(pages[f"{SLUG}/timeline/{part.key}.md"])


def test_sources_quotes_and_topics_are_split_too(pages, corpus):
    view = build_views(corpus).timelines[0]
    for kind in ("sources", "quotes"):
        index = pages[f"{SLUG}/{kind}.md"]
        for part in view.parts:
            assert f'<a href="{part.key}/">' in index
            assert f"{SLUG}/{kind}/{part.key}.md" in pages
    quoted = sum(len(p.quotes) for p in view.parts)
    assert quoted == len(view.quotes)
    big = [t for t in view.timeline.timeline.topics if len(view.topic_events(t.id)) > PAGE_EVENTS]
    for topic in big:
        parts = view.topic_parts(topic.id)
        assert parts and sum(len(p.events) for p in parts) == len(view.topic_events(topic.id))
        for part in parts:
            assert f"{SLUG}/topics/{topic.id}/{part.key}.md" in pages


def test_the_embed_shows_the_key_moments(pages, corpus):
    view = build_views(corpus).timelines[0]
    text = pages[f"{SLUG}/embed.md"]
    shown = re.findall(r"<p><strong><a href=[^>]+>(.+?)</a></strong></p>", text)
    assert len(shown) == len(view.key_moments[-PAGE_EVENTS:]) < len(view.events)
    assert f"Key moments of {len(view.events)}." in text


def test_lists_are_kept_out_of_search_and_event_pages_index_what_readers_look_for(pages):
    for uri in [f"{SLUG}/timeline.md", f"{SLUG}/sources.md", f"{SLUG}/quotes.md",
                f"{SLUG}/network.md", f"{SLUG}/embed.md", "corrections.md"]:  # fmt: skip
        assert "search:\n  exclude: true" in front(pages[uri]), uri
    event = next(u for u in pages if u.startswith(f"{SLUG}/events/"))
    assert '<h2 id="sources" data-search-exclude>' in pages[event]
    assert "search:" not in front(pages[event])


@pytest.fixture(scope="module")
def site(content, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("long-site")
    build_site(REPO / "mkdocs.yml", content, out / "site", out / "docs")
    return out / "site"


@pytest.mark.slow  # builds the long site (its setup is most of the time)
def test_the_built_site_has_no_page_over_500_kb_and_no_broken_link(site):
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] < 500 * 1024, biggest
    broken, pages = check_links(site, "https://timelines.example.org/")
    assert broken == [] and pages > EVENTS


@pytest.mark.slow  # builds the long site
def test_the_search_index_stays_under_1_kb_an_event_and_finds_events(site, corpus):
    index = site / "search" / "search_index.json"
    assert index.stat().st_size / EVENTS < 1024
    text = index.read_text(encoding="utf-8")
    event = build_views(corpus).timelines[0].events[7]
    assert f'"location":"{SLUG}/events/{event.id}/"' in text
    assert event.event.summary[:40] in text
    quoted = next(e for e in build_views(corpus).timelines[0].events if e.event.quotes)
    # A quote is indexed with its event, under the event's title.
    entry = text.split(f'"location":"{SLUG}/events/{quoted.id}/"', 1)[1].split("}", 1)[0]
    assert quoted.event.quotes[0].text[:30] in entry
    assert f'"location":"{SLUG}/timeline/' not in text  # lists are not indexed


def test_a_busy_network_draws_the_most_connected_and_lists_the_busiest_pairs(pages, corpus):
    view = build_views(corpus).timelines[0]
    assert view.network_is_large
    text = pages[f"{SLUG}/network.md"]
    assert '<h2 id="the-most-frequent-contacts">The most frequent contacts<a' in text
    rows = [line for line in text.splitlines() if line.startswith("<tr><td>")]
    assert len(rows) == min(len(view.contact_pairs), PAGE_EVENTS)
    counts = [int(row.split("<td>")[3].split("<")[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    drawn = set(
        re.findall(r"<a class=\"tl-node[^\"]*\" href=\"(?:\.\./)+actors/([a-z0-9-]+)/\"", text)
    )
    assert 2 <= len(drawn) <= 30


def test_a_busy_topic_lists_its_months_compactly(corpus, monkeypatch):
    monkeypatch.setattr(views, "PAGE_EVENTS", 30)  # these topics have about 70 events
    pages = render_site(corpus).pages
    view = build_views(corpus).timelines[0]
    topic = max(view.timeline.timeline.topics, key=lambda t: len(view.topic_events(t.id)))
    parts = view.topic_parts(topic.id)
    assert parts
    text = pages[f"{SLUG}/topics/{topic.id}/{parts[0].key}.md"]
    assert len(re.findall(r"^<li><strong>", text, re.M)) == len(parts[0].events)
    assert '<a href="../">All months</a>' in text
