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
from dataclasses import dataclass
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from helpers import REPO, SPEECH, TIMELINE, VALID_CONTENT, ContentTree
from selectolax.lexbor import LexborHTMLParser

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
    (("title",), '=HYPERLINK("https://evil.example/","Click")'),
    (("summary",), "@SUM(1+1)*cmd|' /C calc'!A0"),
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
    (("media", 0, "title"), "<script>alert(1)</script>"),
    (("media", 0, "alt"), "<svg/onload=alert(1)>"),
    (("media", 0, "caption"), "<img src=x onerror=alert(1)>"),
    (("media", 0, "credit"), '" onmouseover="alert(1)'),
]

# (body, the text a reader sees): editors' Markdown that passes `check` and is
# rendered by the same parser, from an allow-list; each must read as this text,
# and the body may hold nothing but the subset's elements.
MARKDOWN_SHOWN = [
    ("[Editor's note]: unconfirmed", "[Editor's note]: unconfirmed"),  # not a definition
    ("[TOC]", "[TOC]"),  # no table of contents
    ("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b | |---|---| | 1 | 2 |"),  # no table
    ("1975\\. The war ended in Saigon.", "1975. The war ended in Saigon."),
    ("In 1975. The war ended.", "In 1975. The war ended."),
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
    ("`<script>alert(1)</script>`", "<script>alert(1)</script>"),
    ("\\<b>bold\\</b>", "<b>bold</b>"),
    ("Text {: onclick=alert(1) }", "Text {: onclick=alert(1) }"),
    ("Text\n\n[x]: https://evil.example/", "Text [x]: https://evil.example/"),
    ("x [a][b] y", "x [a][b] y"),  # a reference with no definition stays text
    ("~~struck~~ ==marked== ^sup^ :smile: $x$", "~~struck~~ ==marked== ^sup^ :smile: $x$"),
    ("- [ ] a task", "[ ] a task"),
    ("A footnote[^1].", "A footnote[^1]."),
    ("*[HTML]: HyperText", "*[HTML]: HyperText"),
    ("!!! note\n    admonition", "!!! note admonition"),
    ('--8<-- "/etc/passwd"', '--8<-- "/etc/passwd"'),
    ("{{ config.site_name }} {% raw %}", "{{ config.site_name }} {% raw %}"),
    ('[x](https://example.org/ "t\\" onclick=\\"alert(1)")', "x"),
    ("[x](https://example.org/?q=<script>)", "x"),  # the address percent-encoded
    ("[x](<https://example.org/a b>)", "x"),
    ("**bold** *em* `code` [link](https://example.org/)", "bold em code link"),
    ("> quoted [link](https://example.org/)\n>\n> - item", "quoted link item"),
    ("Line one\\\nLine two", "Line one Line two"),
    ("&#0; null", "\ufffd null"),
]
MARKDOWN_ELEMENTS = {"div", "p", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "br"}
MARKDOWN_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "div": {"class", "data-search-exclude"},
}

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
    ("timeline", "short_title", "<script>alert(1)</script>", "hostile-{n}/timeline/index.html"),
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
    # Markdown that the site's former engine published, now refused by the one
    # that checks and renders it.
    (("body",), "<style>body{display:none}</style>", "raw HTML is not allowed"),
    (
        ("body",),
        '<a href="https://evil.example/login" style="position:fixed;inset:0">Session expired: '
        "sign in again</a>",
        "raw HTML is not allowed",
    ),
    (("body",), "<plaintext>", "raw HTML is not allowed"),
    (("body",), "Password: <input type=password>", "raw HTML is not allowed"),
    (("body",), "<svg onload=alert(1)>", "raw HTML is not allowed"),
    (("body",), "<?php echo 1; ?>", "raw HTML is not allowed"),
    (("body",), "<![CDATA[x]]>", "raw HTML is not allowed"),
    (("body",), '<div markdown="1">*x*</div>', "raw HTML is not allowed"),
    (("body",), "1975. The war ended in Saigon.", "makes a numbered list from 1975"),
    (("body",), "Hidden &#x202E; reversal", "invisible text-direction character U+202E"),
    (("body",), "Hidden &#8238; reversal", "invisible text-direction character U+202E"),
    (("body",), "Odd &#x2028; break", "unusual line break U+2028"),
    (("body",), "Byte order &#xFEFF; mark", "control character U+FEFF"),
    (("body",), "A title\n=====", "headings are not allowed"),
    (("body",), "Above\n\n***\n\nBelow", "horizontal rules are not allowed"),
    (("body",), "Text\n\n    indented code", "indented code blocks are not allowed"),
    (("body",), "~~~\ncode\n~~~", "code blocks are not allowed"),
    (("body",), "[x](javascript&colon;alert(1))", "must be a full http:// or https:// URL"),
    (("body",), "[x](data:text/html;base64,PHNjcmlwdD4=)", "must be a full http:// or https://"),
    (("body",), "[x](//evil.example/)", "must be a full http:// or https:// URL"),
    (("body",), "[x](/relative)", "must be a full http:// or https:// URL"),
    (("body",), "<desk@example.org>", "must be a full http:// or https:// URL"),
    (("body",), "![](https://evil.example/pixel.gif)", "images are not allowed"),
    (("title",), "Two\nlines", "must be one line"),
    (("title",), "Hidden \u202e reversal", "invisible text-direction character"),
    (("title",), "Nul \x00 byte", "control character U+0000"),
    (("title",), "Line \u2028 separator", "unusual line break U+2028"),
    (("title",), "x" * 900_000, "characters long: shorten it"),  # within the file size limit
]


# (file, text in it, replaced by, what check says, where: the text it points at).
# YAML an editor writes that would lose text or crash a build.
UPDATE = '\nupdates:\n  - date: "{date}"\n    kind: correction\n    note: Fixed.\nrelated:'
REFUSED_AS_WRITTEN = [
    (SPEECH, "title: Firefly addresses the nation", "title: Blinken calls Lavrov #breaking",
     "' #' starts a YAML comment", "#breaking"),
    (SPEECH, "place: New York, United States", "place: New York #NYC",
     "'#NYC' is lost", "#NYC"),
    (SPEECH, "date: 2021-08-15T20:00", 'date: "٢٠٢١-٠٨-١٥"',
     "digits other than 0-9 ('٢'): write the date with 0-9, as '2021-08-15'", '"٢'),
    (SPEECH, "date: 2021-08-15T20:00", 'date: "２０２１-08-15"', "digits other than 0-9", '"２'),
    (SPEECH, "    published: 2021-08-16\n", '    published: "۲۰۲۱-08-16"\n',
     "digits other than 0-9", '"۲'),
    (TIMELINE, 'updated: "2021-08-20T09:00"', 'updated: "2106-03-01"',
     "updated: years 1970 to 2105 only", '"2106'),
    (TIMELINE, "published: 2021-08-17", 'published: "0001-01-01"',
     "published: years 1970 to 2105 only", '"0001'),
    (SPEECH, '    published: "2021-08-16T08:00"', '    published: "2021-03-14T02:30"',
     "sources[1].published: 2021-03-14T02:30 does not exist in America/New_York", '"2021-03-14'),
    (SPEECH, "\nrelated:", UPDATE.format(date="2021-03-28T02:30"),
     "updates.0.date: 2021-03-28T02:30 does not exist in Europe/Paris", '"2021-03-28'),
    (SPEECH, "\nrelated:", UPDATE.format(date="2021-10-31T02:30"),
     "updates.0.date: 2021-10-31T02:30 happens twice in Europe/Paris", '"2021-10-31'),
    (SPEECH, "\nrelated:", UPDATE.format(date="0001-01-01"),
     "updates.0.date: 0001-01-01 in Europe/Paris falls before year 1 in UTC", '"0001'),
]  # fmt: skip


def _set(data: dict, path: tuple, value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _speech() -> dict:
    """The speech, with media elsewhere (a card) for the rows that fill its fields."""
    data = yaml.safe_load((VALID_CONTENT / SPEECH).read_text(encoding="utf-8"))
    data["media"] = [{"url": "https://video.example.org/watch/1", "alt": "A video"}]
    return data


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


def _visible(html: str) -> str:
    """The text a reader sees (scripts, styles and the head left out), read by an
    HTML5 parser as a browser reads it, entities decoded."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template"])
    return " ".join((tree.body.text(separator="") if tree.body else "").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(VALID_CONTENT, root / "content")
    for n, (path, value) in enumerate(AS_TEXT):
        data = _speech()
        data.pop("related")
        _set(data, path, value)
        (root / "content" / _event_file(n)).write_text(dump_content("event", data), "utf-8")
    for n, (body, _) in enumerate(MARKDOWN_SHOWN):
        data = _speech()
        data.pop("related")
        data["body"] = body
        (root / "content" / f"timelines/demo/events/markdown-{n:02d}.yaml").write_text(
            dump_content("event", data), "utf-8"
        )
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


@pytest.mark.parametrize(("n", "case"), list(enumerate(MARKDOWN_SHOWN)), ids=lambda v: repr(v)[:40])
def test_markdown_renders_as_its_text_from_the_subset_alone(site, n, case):
    _, shown = case
    page = (site / f"demo/events/markdown-{n:02d}/index.html").read_text(encoding="utf-8")
    (body,) = LexborHTMLParser(page).css("div.tl-body")
    assert " ".join(body.text(separator="").split()) == " ".join(shown.split())
    for element in body.traverse():
        if element.tag.startswith("-"):
            continue
        assert element.tag in MARKDOWN_ELEMENTS, element.html
        assert set(element.attributes) <= MARKDOWN_ATTRIBUTES.get(element.tag, set()), element.html
        if element.tag == "a":
            assert element.attributes["href"].startswith("https://example.org/"), element.html


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


@pytest.mark.parametrize(
    ("rel", "old", "new", "says", "at"), REFUSED_AS_WRITTEN, ids=lambda v: repr(v)[:40]
)
def test_yaml_that_would_lose_text_or_break_a_build_is_refused_where_written(
    content_tree: ContentTree, rel, old, new, says, at
):
    content_tree.replace(rel, old, new)
    problems = [p for p in content_tree.problems() if says in p.message]
    assert problems, [str(p) for p in content_tree.problems()]
    assert (problems[0].source_path, problems[0].line, problems[0].column) == (
        rel,
        *content_tree.locate(rel, at),
    )


@dataclass
class _Head:
    """What a page says of itself outside its text: the <title>, the meta tags
    and the structured data, read by an HTML5 parser, entities decoded."""

    title: str
    meta: dict[str, str]
    jsonld: list[str]


def _head(page: Path) -> _Head:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    meta = {
        (m.attributes.get("property") or m.attributes.get("name") or ""): m.attributes["content"]
        or ""
        for m in tree.css("head meta[content]")
    }
    scripts = [s.text() for s in tree.css('script[type="application/ld+json"]')]
    return _Head(tree.css_first("head title").text(), meta, scripts)


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
        assert _same(_as_a_spreadsheet_shows(read)) == _same(value), path


def _as_a_spreadsheet_shows(text: str) -> str:
    """A CSV cell as a spreadsheet shows it: the apostrophe that keeps a formula
    from running is not part of the text (exports/csv_table.py)."""
    from generator.exports.csv_table import FORMULA_STARTS

    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def test_the_table_has_at_least_forty_rows():
    rows = AS_TEXT + ELSEWHERE + REFUSED + MARKDOWN_SHOWN + REFUSED_AS_WRITTEN
    assert len(rows) >= 100
