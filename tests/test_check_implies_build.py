"""Content that passes `check` must build: generated content, through check and
then through the whole render (every page and export), and, for fewer examples,
through MkDocs itself (sitemap, search index, audit).

The generator varies what has broken builds before: dates at the edges of the
calendar and of the outputs, in zones east and west of Greenwich, inside
daylight-saving gaps and folds; the timeline's own dates and its updates; and
editor text and Markdown from an alphabet of the characters that mean something.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import REPO, SPEECH, TIMELINE, VALID_CONTENT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import checking, pipeline
from generator.content.yaml_writer import dump_content
from generator.mkdocs_adapter.engine import build_site

ZONES = ["UTC", "Asia/Kabul", "Pacific/Kiritimati", "Pacific/Niue", "Europe/Paris",
         "America/New_York", "Australia/Lord_Howe", "America/Santiago"]  # fmt: skip
YEARS = st.sampled_from([1, 2, 1969, 1970, 1980, 2021, 2038, 2105, 2106, 9998, 9999])


@st.composite
def dates(draw, year=None) -> str:
    year = draw(st.one_of(YEARS, st.integers(1, 9999))) if year is None else year
    text = f"{year:04d}"
    if draw(st.booleans()):
        text += f"-{draw(st.integers(1, 12)):02d}"
        if draw(st.booleans()):
            text += f"-{draw(st.integers(1, 28)):02d}"
            if draw(st.booleans()):
                # Hours around 02:00-03:00, where clocks jump and fall back.
                hour = draw(st.one_of(st.integers(0, 23), st.sampled_from([0, 1, 2, 3])))
                text += f"T{hour:02d}:{draw(st.sampled_from([0, 30, 59])):02d}"
                if draw(st.integers(0, 4)) == 0:
                    text += draw(st.sampled_from(["Z", "+01:00", "+02:00", "-04:00", "+14:00"]))
    return text


# Editor text: mostly prose, with the characters that mean something to YAML,
# Markdown or HTML, and now and then anything at all.
PROSE = st.text(
    st.sampled_from(list("abcdefghij XYZ.,;:'\"?!()-éü中ا*_`[]<>{}#\\|~&=+\n")),
    min_size=1,
    max_size=40,
)
TEXT = st.one_of(
    PROSE, PROSE, PROSE, st.text(st.characters(codec="utf-8"), min_size=1, max_size=20)
)


@st.composite
def contents(draw) -> dict:
    """Changes to the fixture: the speech event's fields and the timeline's dates."""
    event = yaml.safe_load((VALID_CONTENT / SPEECH).read_text(encoding="utf-8"))
    timeline = yaml.safe_load((VALID_CONTENT / TIMELINE).read_text(encoding="utf-8"))
    event["date"] = draw(dates())
    if draw(st.booleans()):
        event["end"] = draw(dates())
    event["timezone"] = draw(st.sampled_from(ZONES))
    for field in ("title", "summary", "body", "place"):
        if draw(st.booleans()):
            event[field] = draw(TEXT)
    event["sources"][0]["published"] = draw(dates())
    # The timeline's dates in order (else check says so), at any year.
    # (The fixture logs an update in 2021: an older timeline is stale.)
    year = draw(st.one_of(st.sampled_from([2021, 2038, 2105]), YEARS))
    timeline["published"] = f"{year:04d}"
    timeline["updated"] = draw(dates(year=year))
    if draw(st.booleans()):
        event["updates"] = [{"date": timeline["updated"], "kind": "update", "note": "Fixed."}]
    timeline["timezone"] = draw(st.sampled_from(ZONES))
    return {"event": event, "timeline": timeline}


def _checked(root: Path, change: dict):
    """The fixture with `change` written in, and its checked corpus (None when
    check refuses it, with every problem at a real position)."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(VALID_CONTENT, content)
    (content / SPEECH).write_text(dump_content("event", change["event"]), encoding="utf-8")
    (content / TIMELINE).write_text(dump_content("timeline", change["timeline"]), "utf-8")
    corpus, problems = checking.check_content(content)
    event("refused" if corpus is None else "checked")
    assert all(p.line >= 1 and p.column >= 1 for p in problems)
    return content, corpus


# Hypothesis runs each example in the same tmp_path: _checked starts afresh.
EXAMPLES = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@settings(max_examples=250, **EXAMPLES)
@given(change=contents())
def test_content_that_checks_renders_every_page_and_export(tmp_path, change):
    content, corpus = _checked(tmp_path, change)
    if corpus is not None:
        site = pipeline.compile_site(content, corpus=corpus)  # raises nothing
        assert site.pages and 0 <= site.updated < 2**32


@pytest.mark.slow  # a full MkDocs build for each example
@settings(max_examples=30, **EXAMPLES)
@given(change=contents())
def test_content_that_checks_builds_with_mkdocs(tmp_path, change):
    content, corpus = _checked(tmp_path, change)
    if corpus is not None:
        build_site(REPO / "mkdocs.yml", content, tmp_path / "site", tmp_path / "docs", corpus)
        assert (tmp_path / "site" / "sitemap.xml.gz").is_file()
