"""The shipped Kabul explainer: valid, complete against the content brief, and faithful.

These tests read the real `content/` folder. The quote test also reads the seed
article from `../shared/seed/` (beside the checkout, as on every developer's
machine and in CI) to prove each quote is verbatim.
"""

from __future__ import annotations

import re

import pytest
from helpers import REPO, SHARED, needs_shared

from generator.content.load import load_content
from generator.content.modeline import modeline
from generator.content.validate import check_corpus

ROOT = REPO
CONTENT = ROOT / "content"
ARTICLE = SHARED / "seed" / "kabul-calls-article.txt"
SLUG = "kabul-calls"


@pytest.fixture(scope="module")
def corpus():
    return check_corpus(load_content(CONTENT))


@pytest.fixture(scope="module")
def events(corpus):
    return {e.id: e.event for e in corpus.timelines[SLUG].events}


def test_shipped_content_has_no_problems(corpus):
    assert list(corpus.timelines) == [SLUG]
    assert len(corpus.timelines[SLUG].events) >= 15


def test_every_actor_the_brief_names_exists(corpus):
    names = {a.name for a in corpus.actors.values()}
    for name in [
        "Antony Blinken", "Wang Yi", "Sergey Lavrov", "Jens Stoltenberg", "Josep Borrell",
        "Joe Biden", "Geng Shuang", "Arindam Bagchi", "The Taliban",
        "Eastern Turkestan Islamic Movement", "United States", "China", "Russia", "India",
        "Pakistan", "United Kingdom", "Turkey", "NATO", "European Union", "United Nations",
        "Xinhua", "US State Department",
    ]:  # fmt: skip
        assert name in names


def _calls(events):
    return {
        (i.by, other)
        for event in events.values()
        for i in event.interactions
        if i.kind == "call"
        for other in i.with_
    }


def test_every_call_in_the_article_is_an_interaction(events):
    calls = _calls(events)
    for pair in [
        ("sergey-lavrov", "wang-yi"),
        ("antony-blinken", "wang-yi"),
        ("antony-blinken", "sergey-lavrov"),
        ("antony-blinken", "jens-stoltenberg"),
        ("antony-blinken", "josep-borrell"),
        ("antony-blinken", "shah-mahmood-qureshi"),
        ("antony-blinken", "dominic-raab"),
        ("antony-blinken", "mevlut-cavusoglu"),
    ]:
        assert pair in calls


def test_blinken_wang_call_has_both_accounts(corpus, events):
    event = events["blinken-wang-call"]
    sources = {s.id: s for s in event.sources}
    relayed = {sources[a.source].relays or sources[a.source].outlet for a in event.accounts}
    assert relayed == {"us-state-department", "xinhua"}
    assert corpus.outlets["xinhua"].kind == "state-media"
    assert corpus.outlets["us-state-department"].kind == "government"


def test_brief_events_are_dated_in_their_zones(events):
    expected = {
        "taliban-take-kabul": ("2021-08-15", "Asia/Kabul"),
        "kabul-airport-deaths": ("2021-08-16", "Asia/Kabul"),
        "wang-lavrov-call": ("2021-08-16", "Asia/Shanghai"),
        "blinken-wang-call": ("2021-08-16", "America/New_York"),
        "biden-defends-withdrawal": ("2021-08-16T15:45", "America/New_York"),
        "geng-shuang-at-the-un": ("2021-08-16", "America/New_York"),
        "india-withdraws-ambassador": ("2021-08-17", "Asia/Kolkata"),
        "us-drops-etim-from-terror-list": ("2020-11-05", "America/New_York"),
        "wang-yi-meets-taliban-in-tianjin": ("2021-07-28", "Asia/Shanghai"),
        "fall-of-saigon": ("1975-04-30", "Asia/Ho_Chi_Minh"),
    }
    for event_id, (date, zone) in expected.items():
        assert (str(events[event_id].date), events[event_id].timezone) == (date, zone)
    # The disputed day of the takeover is shown as two accounts, not silently chosen.
    assert len(events["taliban-take-kabul"].accounts) == 2


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@needs_shared("seed/kabul-calls-article.txt")
def test_every_quote_is_verbatim_from_the_article(events):
    article = _normalise(ARTICLE.read_text(encoding="utf-8"))
    quotes = [q for e in events.values() for q in e.quotes]
    assert len(quotes) >= 8
    for quote in quotes:
        assert _normalise(quote.text) in article, quote.text


def test_every_content_file_points_at_its_schema():
    kinds = {"actors": "actor", "outlets": "outlet", "timeline.yaml": "timeline", "events": "event"}
    files = sorted(CONTENT.rglob("*.yaml"))
    assert files
    for path in files:
        translation = path.stem.count(".") == 1  # <id>.<lang>.yaml, timeline.<lang>.yaml
        original = "timeline.yaml" if path.stem.startswith("timeline.") else path.name
        kind = kinds[original] if original in kinds else kinds[path.parent.name]
        kind += "-translation" if translation else ""
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first + "\n" == modeline(kind), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path
