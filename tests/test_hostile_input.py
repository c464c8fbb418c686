"""Hostile input, one case per row, through the whole pipeline to the built HTML.

Each plain-text row puts a hostile value into one field of a new event; the
whole set is built once (MkDocs --strict, with the site audit), and each value
must then read, character for character, as text on its event's page, with
nothing active added. Each refused row must be an error from `check`, at the
field, saying what to do.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from helpers import REPO, SPEECH, VALID_CONTENT, ContentTree

from generator.content.yaml_writer import dump_content
from generator.mkdocs_adapter.engine import build_site
from generator.site_checks.audit import audit_site

# (field path in an event, hostile value): each must be shown as exactly this text.
AS_TEXT = [
    (("title",), "<script>alert(1)</script>"),
    (("title",), "</title><script>alert(1)</script>"),
    (("title",), "{{ config.site_name }} {% raw %}"),
    (("title",), "**bold** _em_ [link](javascript:alert(1))"),
    (("title",), "&lt;b&gt; &amp; &#x3C;"),
    (("title",), "x {: onclick=alert(1) }"),
    (("title",), '--8<-- "/etc/passwd"'),
    (("title",), "| a | b |"),
    (("summary",), "<img src=x onerror=alert(1)>"),
    (("summary",), '" onmouseover="alert(1)'),
    (("summary",), "[x]: javascript:alert(1)"),
    (("summary",), "<!-- an unterminated comment"),
    (("summary",), "# Not a heading"),
    (("place",), "<svg/onload=alert(1)>"),
    (("place",), "1975. Saigon"),
    (("date_note",), "<a href=javascript:alert(1)>x</a>"),
    (("quotes", 0, "text"), "</blockquote><script>alert(1)</script>"),
    (("quotes", 0, "context"), "<iframe src=https://evil.example/></iframe>"),
    (("sources", 0, "title"), "<style>body{display:none}</style>"),
    (("sources", 1, "note"), "<meta http-equiv=refresh content=0;url=https://evil.example/>"),
    (("accounts", 0, "summary"), "<form action=https://evil.example/><button>Go</button></form>"),
    (("interactions", 0, "note"), "{: .x #y onclick=z }"),
    (("accounts", 1, "summary"), "> quoted\n> - list\n1. numbered"),
]

# (kind of file, field, hostile value, page it shows on): actors, outlets, topics
# and timelines, each written into a new file of its own (a new topic, a copy of
# the timeline) and read back from the page that shows it.
ELSEWHERE = [
    ("actor", "name", "<script>alert(1)</script>", "actors/hostile-{n}/index.html"),
    ("actor", "role", '" onmouseover="alert(1)', "actors/hostile-{n}/index.html"),
    ("actor", "description", "<img src=x onerror=alert(1)>", "actors/hostile-{n}/index.html"),
    ("actor", "aliases", "</p><iframe src=https://evil.example/>", "actors/hostile-{n}/index.html"),
    ("outlet", "name", "</title><script>alert(1)</script>", "demo/sources/index.html"),
    ("outlet", "description", "[x](javascript:alert(1))", "demo/sources/index.html"),
    ("topic", "name", "<b onclick=alert(1)>topic</b>", "demo/topics/hostile-{n}/index.html"),
    ("topic", "description", "{: onclick=alert(1) }", "demo/topics/hostile-{n}/index.html"),
    ("timeline", "title", "</title><script>alert(1)</script>", "hostile-{n}/timeline/index.html"),
    ("timeline", "dek", '<meta http-equiv="refresh" content="0">', "hostile-{n}/index.html"),
]

# (field path, hostile value, what check says): each is refused.
REFUSED = [
    (("sources", 0, "url"), "javascript:alert(1)", "is not a web address"),
    (("sources", 0, "url"), "JaVaScRiPt:alert(1)", "is not a web address"),
    (("sources", 0, "url"), "https:evil.example", "is not a web address"),
    (("sources", 0, "url"), "data:text/html,<script>alert(1)</script>", "is not a web address"),
    (("sources", 0, "url"), "vbscript:msgbox(1)", "is not a web address"),
    (("sources", 0, "url"), "//evil.example/x", "is not a web address"),
    (("sources", 0, "url"), "file:///etc/passwd", "is not a web address"),
    (("body",), "<!-- an unterminated comment", "raw HTML is not allowed"),
    (("body",), "<script>alert(1)</script>", "raw HTML is not allowed"),
    (("body",), "[x](javascript:alert(1))", "must be a full http:// or https:// URL"),
    (("body",), "<javascript:alert(1)>", "must be a full http:// or https:// URL"),
    (("body",), "![x](https://evil.example/x.png)", "images are not allowed"),
    (("body",), "# A heading", "headings are not allowed"),
    (("body",), "```\ncode\n```", "code blocks are not allowed"),
    (("title",), "Two\nlines", "must be one line"),
    (("title",), "Hidden \u202e reversal", "invisible text-direction character"),
    (("title",), "Nul \x00 byte", "control character U+0000"),
    (("title",), "Line \u2028 separator", "unusual line break U+2028"),
    (("title",), "x" * 900_000, "characters long: shorten it"),  # within the file size limit
]


def _set(data: dict, path: tuple, value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _speech() -> dict:
    return yaml.safe_load((VALID_CONTENT / SPEECH).read_text(encoding="utf-8"))


def _event_file(n: int) -> str:
    return f"timelines/demo/events/hostile-{n:02d}.yaml"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_elsewhere(content: Path) -> None:
    """Each ELSEWHERE row as a file of its own, named hostile-<n>."""
    topics = []
    for n, (kind, field, value, _) in enumerate(ELSEWHERE):
        value_or_list = [value] if field == "aliases" else value
        if kind == "actor":
            data = {**_load(content / "actors/rufus-firefly.yaml"), field: value_or_list}
            (content / f"actors/hostile-{n}.yaml").write_text(dump_content("actor", data), "utf-8")
        elif kind == "outlet":
            data = {**_load(content / "outlets/freedonia-gazette.yaml"), field: value}
            (content / f"outlets/hostile-{n}.yaml").write_text(
                dump_content("outlet", data), "utf-8"
            )
            event = _speech()
            event.pop("related")
            for source in event["sources"]:
                source["outlet"] = f"hostile-{n}"
            (content / f"timelines/demo/events/cites-{n}.yaml").write_text(
                dump_content("event", event), "utf-8"
            )
        elif kind == "topic":
            topics.append({"id": f"hostile-{n}", "name": "Hostile", field: value})
        else:
            copy = content / f"timelines/hostile-{n}"
            shutil.copytree(content / "timelines/demo", copy)
            shutil.rmtree(copy / "events")
            (copy / "events").mkdir()
            shutil.copy(content / SPEECH, copy / "events/speech.yaml")
            data = {**_load(copy / "timeline.yaml"), field: value}
            (copy / "timeline.yaml").write_text(dump_content("timeline", data), "utf-8")
            event = _load(copy / "events/speech.yaml")
            event.pop("related")
            (copy / "events/speech.yaml").write_text(dump_content("event", event), "utf-8")
    timeline = _load(content / "timelines/demo/timeline.yaml")
    timeline["topics"] += topics
    (content / "timelines/demo/timeline.yaml").write_text(
        dump_content("timeline", timeline), "utf-8"
    )


class _Text(HTMLParser):
    """The text a reader sees (scripts and styles left out), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(VALID_CONTENT, root / "content")
    for n, (path, value) in enumerate(AS_TEXT):
        data = _speech()
        data.pop("related")
        _set(data, path, value)
        (root / "content" / _event_file(n)).write_text(dump_content("event", data), "utf-8")
    _write_elsewhere(root / "content")
    build_site(REPO / "mkdocs.yml", root / "content", root / "site", root / "docs")
    return root / "site"


def test_the_built_site_runs_nothing_the_theme_does_not(site):
    assert audit_site(site)[0] == []


@pytest.mark.parametrize(("n", "case"), list(enumerate(AS_TEXT)), ids=lambda v: repr(v)[:40])
def test_hostile_text_is_shown_as_text(site, n, case):
    path, value = case
    page = (site / f"demo/events/hostile-{n:02d}/index.html").read_text(encoding="utf-8")
    assert " ".join(value.split()) in _visible(page), path


@pytest.mark.parametrize(("n", "case"), list(enumerate(ELSEWHERE)), ids=lambda v: repr(v)[:40])
def test_hostile_text_elsewhere_is_shown_as_text(site, n, case):
    kind, field, value, page = case
    text = _visible((site / page.format(n=n)).read_text(encoding="utf-8"))
    assert " ".join(value.split()) in text, (kind, field)


@pytest.mark.parametrize(("path", "value", "says"), REFUSED, ids=lambda v: repr(v)[:40])
def test_hostile_input_is_refused_with_a_clear_error(content_tree: ContentTree, path, value, says):
    data = _speech()
    _set(data, path, value)
    content_tree.write(SPEECH, dump_content("event", data))
    problems = content_tree.problems()
    assert problems, value
    assert any(says in p.message for p in problems), [p.message for p in problems]
    assert all(p.source_path == SPEECH for p in problems)


class _Head(HTMLParser):
    """What a page says of itself outside its text: the <title>, the meta
    tags and the structured data, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.jsonld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "content" in attributes:
            name = attributes.get("property") or attributes.get("name") or ""
            self.meta[name] = attributes["content"] or ""
        else:
            own_title = tag == "title" and not self.title  # not an SVG's, later on
            jsonld = tag == "script" and attributes.get("type") == "application/ld+json"
            self._in = tag if own_title or jsonld else self._in

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.jsonld.append(data)


def _head(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def _at(data, path: tuple):
    for step in path:
        data = data[step]
    return data


def _same(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def outputs(site):
    """The event records of each export that holds editor text, by event id."""
    data = json.loads((site / "demo/data/timeline.json").read_text(encoding="utf-8"))
    rows = csv.DictReader(io.StringIO((site / "demo/data/timeline.csv").read_text("utf-8")))
    calendar = icalendar.Calendar.from_ical((site / "demo/data/timeline.ics").read_bytes())
    feed = feedparser.parse((site / "demo/feed.xml").read_bytes())
    return {
        "json": {e["id"]: e for e in data["events"]},
        "csv": {row["id"]: row for row in rows},
        "ics": {str(e["uid"]).split("@")[0].split("/")[1]: e for e in calendar.walk("VEVENT")},
        "atom": {e.link.rstrip("/").rsplit("/", 1)[1]: e for e in feed.entries},
    }


@pytest.mark.parametrize(("n", "case"), list(enumerate(AS_TEXT)), ids=lambda v: repr(v)[:40])
def test_hostile_text_reads_back_exactly_from_every_output(site, outputs, n, case):
    """The same value, read by an independent reader of each format: the page's
    title, meta tags and JSON-LD, and the JSON, CSV, iCalendar and Atom exports."""
    path, value = case
    event_id = f"hostile-{n:02d}"
    assert _same(_at(outputs["json"][event_id], path)) == _same(value)
    head = _head(site / f"demo/events/{event_id}/index.html")
    (jsonld,) = [json.loads(script) for script in head.jsonld]
    calendar = outputs["ics"][event_id]
    shown = {
        ("title",): [head.title.removesuffix(" - Explainer timelines"), head.meta["og:title"],
                     jsonld["name"], outputs["csv"][event_id]["title"], str(calendar["summary"]),
                     outputs["atom"][event_id].title],
        ("summary",): [head.meta["og:description"], jsonld["description"],
                       outputs["csv"][event_id]["summary"], str(calendar["description"])],
        ("place",): [jsonld["location"]["name"], outputs["csv"][event_id]["place"],
                     str(calendar["location"])],
    }  # fmt: skip
    for read in shown.get(path, []):
        assert _same(read) == _same(value), path


def test_the_table_has_at_least_forty_rows():
    assert len(AS_TEXT) + len(ELSEWHERE) + len(REFUSED) >= 40
