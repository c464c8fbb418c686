"""The generator's own words in the site's language: every one of them is in the
template catalogue, no English is left in a site in another language, and the
shipped catalogues translate every message."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from helpers import REPO, synthetic_content

from generator.content.editor_markdown import render_markdown
from generator.content.load import load_content
from generator.content.validate import Corpus, check_corpus
from generator.render.renderer import Site, render_site
from generator.views.interface import LOCALE, TEMPLATE, read_catalogue
from generator.views.site_view import Publication

SHIPPED = ["fa", "zh_Hans"]  # with English, the source language
KEYWORDS = {"say": None, "plural": (1, 2)}  # ours, besides gettext's (babel.cfg)
# Names that every language writes as they are: formats, programs, the offset's UTC.
KEPT = {"JSON", "CSV", "Excel", "iCalendar", "Atom", "TimelineJS", "JavaScript", "UTC"}
MARK = re.compile(r"⟪[^⟪⟫]*⟫")  # a pseudo-translated message, innermost first


def _template_ids() -> set[str]:
    """The messages a fresh `pybabel extract` finds, as babel.cfg says."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    from babel.messages.extract import DEFAULT_KEYWORDS

    found = extract_from_dir(REPO / "generator", method_map, options_map,
                             keywords=DEFAULT_KEYWORDS | KEYWORDS)  # fmt: skip
    return {message if isinstance(message, str) else message[0]
            for _, _, message, _, _ in found}  # fmt: skip


def _ids(catalogue) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}


def test_the_template_catalogue_is_what_the_code_says():
    """A message added or changed in a template or in Python and not extracted
    again (`pybabel extract`, README) fails here."""
    with TEMPLATE.open("rb") as f:
        committed = _ids(read_po(f))
    assert _template_ids() == committed


@pytest.mark.parametrize("language", SHIPPED)
def test_a_shipped_catalogue_translates_every_message(language):
    path = LOCALE / language / "LC_MESSAGES" / "messages.po"
    catalogue = read_catalogue(path)  # refused with markup or a foreign placeholder
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        assert found is not None and not found.fuzzy, (language, message.id)
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        assert all(strings), (language, message.id)
    assert _ids(catalogue) == _ids(template), "pybabel update the catalogue (README)"


def _pseudo(folder: Path, language: str) -> Path:
    """A catalogue for `language` that writes each message between ⟪ ⟫."""
    with TEMPLATE.open("rb") as f:
        catalogue = read_po(f, locale=language)
    for message in catalogue:
        if isinstance(message.id, tuple):
            message.string = tuple(f"⟪{message.id[min(n, 1)]}⟫"
                                   for n in range(catalogue.num_plurals))  # fmt: skip
        elif message.id:
            message.string = f"⟪{message.id}⟫"
    path = folder / language / "LC_MESSAGES"
    path.mkdir(parents=True)
    with (path / "messages.po").open("wb") as f:
        write_po(f, catalogue)
    return folder


def _content_text(corpus: Corpus, publication: Publication) -> list[str]:
    """Every text an editor (or the site's configuration) wrote, as pages show it,
    longest first."""
    found: set[str] = {publication.name, publication.description}

    def walk(value):
        if isinstance(value, str):
            found.add(value)
            if "\n" in value or "*" in value or "[" in value:  # Markdown, as it reads
                found.add(re.sub(r"<[^>]+>", "", html.unescape(render_markdown(value))))
        elif isinstance(value, dict):
            [walk(v) for v in value.values()]
        elif isinstance(value, (list, tuple)):
            [walk(v) for v in value]
        elif hasattr(value, "model_dump"):
            walk(value.model_dump())
        elif dataclasses.is_dataclass(value):  # translations (their text is the editors')
            walk(vars(value))

    walk([corpus.actors, corpus.outlets, corpus.names])
    for entry in corpus.timelines.values():
        walk([entry.timeline, entry.translations])
        walk([e.event for e in entry.events])
    return sorted({" ".join(s.split()) for s in found if len(s) > 1}, key=len, reverse=True)


def _page_text(text: str) -> str:
    """What a reader reads of a page: its title and description, its text, and
    the text of its labels (what a screen reader or a tooltip says); not code."""
    front, _, body = text.partition("\n---\n")
    meta = yaml.safe_load(front.removeprefix("---\n")) or {}
    labels = re.findall(r'(?:aria-label|title|alt|data-label|data-account)="([^"]*)"', body)
    body = re.sub(r"<textarea.*?</textarea>|<code>.*?</code>", " ", body, flags=re.S)
    said = [meta.get("title", ""), meta.get("description", ""), re.sub(r"<[^>]+>", " ", body)]
    return html.unescape(" ".join([*said, *labels]))


def _calendar_text(text: str) -> str:
    unfolded = text.replace("\r\n ", "")
    values = re.findall(r"^(?:SUMMARY|DESCRIPTION|LOCATION|X-WR-CALNAME|X-WR-CALDESC):(.*)$",
                        unfolded, re.M)  # fmt: skip
    return " ".join(v.replace("\\n", " ").replace("\\", "") for v in values)


def _timelinejs_text(text: str) -> str:
    said: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            [walk(v, k) for k, v in value.items()]
        elif isinstance(value, list):
            [walk(v, key) for v in value]
        elif isinstance(value, str) and key in {"headline", "text", "display_date"}:
            said.append(re.sub(r"<[^>]+>", " ", value))

    walk({k: v for k, v in json.loads(text).items() if k != "extension"})
    return html.unescape(" ".join(said))


def _english_left(site: Site, corpus: Corpus, publication: Publication) -> dict[str, set[str]]:
    """Each Latin word of what readers read that neither an editor wrote nor a
    catalogue gave, with the files it is in."""
    # What editors wrote; a short one ("UN", a timeline's `language: en`) as a
    # word of its own, not the "en" of another word.
    written = _content_text(corpus, publication)
    content = [t for t in written if len(t) > 3]
    short = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in written if len(t) <= 3))
    texts = {uri: _page_text(site.pages[uri]) for uri in site.html_pages}
    for uri, text in site.pages.items():
        if uri.endswith(".ics"):
            texts[uri] = _calendar_text(text)
        elif uri.endswith("timelinejs.json"):
            texts[uri] = _timelinejs_text(text)
    texts["theme"] = re.sub(r"%\(\w+\)s", " ", " ".join(site.words.values()))  # filled later
    texts["navigation"] = " ".join(_nav_labels(site.nav))
    texts["footer"] = " ".join(title for title, _ in site.colophon)
    left: dict[str, set[str]] = {}
    for uri, text in texts.items():
        text = " ".join(text.split())
        for said in content:
            text = text.replace(said, " ")
        text = short.sub(" ", text)
        while MARK.search(text):
            text = MARK.sub(" ", text)
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", text):
            if word not in KEPT:
                left.setdefault(word, set()).add(uri)
    return left


def _nav_labels(items) -> list[str]:
    """The navigation's labels (not its addresses)."""
    found = []
    for item in items:
        for label, target in item.items():
            found.append(label)
            if isinstance(target, list):
                found += _nav_labels(target)
    return found


@pytest.fixture(scope="module")
def demo() -> Corpus:
    return check_corpus(load_content(REPO / "content"))


@pytest.fixture(scope="module")
def long_story(tmp_path_factory) -> Corpus:
    """450 events: a density axis, a timeline by month, topics by month."""
    return check_corpus(load_content(synthetic_content(tmp_path_factory.mktemp("long"), 450)))


@pytest.mark.parametrize("which", ["demo", "long_story"])
def test_every_word_the_generator_writes_comes_from_the_catalogue(which, request, tmp_path):
    """A site in Russian from a catalogue that marks each message (⟪…⟫): all
    that is left once the editors' text and the marked messages are taken out
    is dates in Russian, digits and punctuation. A word written in the code
    rather than through the catalogue is left over, and named here."""
    corpus = request.getfixturevalue(which)
    publication = Publication(language="ru", catalogues=(_pseudo(tmp_path, "ru"),))
    site = render_site(corpus, publication=publication)
    assert _english_left(site, corpus, publication) == {}
    assert "⟪Times are given" in site.pages[f"{next(iter(corpus.timelines))}/timeline.md"]


@pytest.mark.parametrize("language", ["fa", "zh-Hans", "zh"])
def test_a_site_in_a_shipped_language_has_no_english_left(language, demo):
    """Material's tags ("zh") find the catalogue CLDR's names ("zh_Hans")."""
    publication = Publication(language=language)
    site = render_site(demo, publication=publication)
    assert _english_left(site, demo, publication) == {}


def test_a_heading_keeps_its_english_anchor_in_every_language(demo):
    """Links into a page (#embed-this-timeline, #data-and-feeds) are the same
    in every language: a heading's id is its message's English."""
    site = render_site(demo, publication=Publication(language="fa"))
    timeline = site.pages["kabul-calls/timeline.md"]
    explainer = site.pages["kabul-calls/index.md"]
    assert '<h2 id="embed-this-timeline">' in timeline
    assert '<h2 id="data-and-feeds" data-search-exclude>' in explainer
    assert 'href="timeline/#embed-this-timeline"' in explainer
    assert "Permanent link" not in timeline


def test_a_heading_in_another_script_is_anchored_by_its_words(demo):
    """A day or a title in Persian or Chinese is its own anchor, as an English
    one is (an ASCII slug of it would be empty: `_1`, `_2`, `_3`...)."""
    site = render_site(demo, publication=Publication(language="fa"))
    persian = re.findall(r'<h[23] id="([^"]*)"', site.pages["fa/kabul-calls/timeline.md"])
    chinese = re.findall(r'<h[23] id="([^"]*)"', site.pages["zh-Hans/kabul-calls/timeline.md"])
    assert "یکشنبه-۱۵-اوت-۲۰۲۱" in persian and "2021年8月15日星期日" in chinese
    assert not [a for a in persian + chinese if re.fullmatch(r"_\d+", a)]
    english = re.findall(r'<h[23] id="([^"]*)"', render_site(demo).pages["kabul-calls/timeline.md"])
    assert "sunday-15-august-2021" in english and "saigon-falls-to-north-vietnam" in english


def test_the_script_has_no_words_of_its_own():
    """timeline.js says what the page gives it (theme/main.html, `data-*`): no
    string of its code is words for readers."""
    script = (REPO / "generator/mkdocs_adapter/theme/assets/javascripts/timeline.js").read_text()
    tokens = re.finditer(r'/\*.*?\*/|//[^\n]*|"((?:[^"\\\n]|\\.)*)"', script, re.S)
    literals = [t[1] for t in tokens if t[1] is not None]
    assert "showingAll" in literals  # the names of its words, which it reads
    words = [s for s in literals if re.fullmatch(r"[A-Za-z]+( [A-Za-z]+)+[.:!?]? ?", s)]
    assert words == ["use strict"]


# Punctuation a list or a sentence of the generator's left in English after a
# word in the script: "王毅, 美国", "引述. 摘自" (Persian writes its own full
# stop and colon as English does, but its own comma).
ENGLISH_PUNCTUATION = {
    "zh-Hans": re.compile(r"[\u3000-\u9fff\uff00-\uffef》」）](?:</[a-z]+>)?[,.:] "),
    "fa": re.compile(r"[\u0600-\u06ff»](?:</[a-z]+>)?, "),
}


def test_a_translation_punctuates_in_its_language(demo):
    """Lists of names, topics and sources, a quote's context, a source's note,
    an event's date on the axis and in the feed: each through the catalogue."""
    site = render_site(demo)
    for language, english in ENGLISH_PUNCTUATION.items():
        pages = {
            uri: text
            for uri, text in site.pages.items()
            if uri.startswith(f"{language}/") and "/data/" not in uri
        }  # not the CSV's "; "
        assert len(pages) > 20
        left = {uri: english.findall(text) for uri, text in pages.items()}
        assert {uri: found for uri, found in left.items() if found} == {}, language
    chinese = site.pages["zh-Hans/kabul-calls/events/blinken-wang-call.md"]
    assert "安东尼·布林肯、王毅、美国" in chinese and "引述。摘自新华社" in chinese
