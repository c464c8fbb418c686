"""Translated timelines: translation files checked against their originals
(stale at `file:line:col`, with what changed), started by `timeline translate`,
and published under `/<lang>/` with the original where a translation is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import RUFUS, SPEECH, VALID_CONTENT, locate

from generator.cli import main
from generator.content.load import load_content
from generator.content.validate import check_corpus, validate_content
from generator.render.renderer import render_site

SPEECH_ZH = "timelines/demo/events/speech.zh-Hans.yaml"
TIMELINE_ZH = "timelines/demo/timeline.zh-Hans.yaml"
TRANSLATED = """\
title:
  original: Firefly addresses the nation
  text: 费尔法莱向全国发表讲话
summary:
  original: >
    The new leader spoke on national radio about the
    coming vote.
  text: 新领导人在全国广播中谈到即将举行的投票。
quotes:
  - original: If you think this country's bad off now, just wait till I get through with it.
    text: 如果你觉得这个国家现在很糟，等我收拾完再说。
"""


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, folder)
    (folder / SPEECH_ZH).write_text(TRANSLATED, encoding="utf-8")
    return folder


def _problems(content: Path):
    return validate_content(load_content(content))[1]


def test_a_translation_is_checked_and_kept_with_its_timeline(content):
    corpus = check_corpus(load_content(content))
    (language,) = corpus.timelines["demo"].translations
    assert language.language == "zh-Hans" and set(language.events) == {"speech"}
    assert language.events["speech"].title.text == "费尔法莱向全国发表讲话"


def test_a_stale_translation_is_reported_where_its_original_is_with_what_changed(content):
    """The original's summary was corrected after the translation: a warning at
    the translation's `original`, saying what the original reads now; the site
    shows the original there, not the translation of what it no longer says."""
    event = content / "timelines/demo/events/speech.yaml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("the\n  coming vote.", "the\n  coming budget."), encoding="utf-8")
    problems = _problems(content)
    (stale,) = [p for p in problems if p.code == "stale-translation"]
    line, column = locate(TRANSLATED, "original: >", nth=1)
    assert (stale.source_path, stale.line, stale.column) == (SPEECH_ZH, line, column + 10)
    assert stale.severity == "warning"
    assert "the original's summary changed after it was translated" in stale.message
    assert "'The new leader spoke on national radio about the coming budget.'" in stale.message
    corpus = check_corpus(load_content(content))  # a warning fails nothing
    site = render_site(corpus)
    page = site.pages["zh-Hans/demo/events/speech.md"]
    assert "coming budget" in page and "即将举行的投票" not in page
    assert "费尔法莱向全国发表讲话" in page  # the fields still true are shown translated


def test_a_quote_no_longer_in_the_original_is_stale(content):
    event = content / "timelines/demo/events/speech.yaml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("just wait till", "wait until"), encoding="utf-8")
    (stale,) = [p for p in _problems(content) if p.code == "stale-translation"]
    assert stale.source_path == SPEECH_ZH and stale.line == 10
    assert "no quote of the original reads like this any more" in stale.message
    assert "wait until I get through with it" in stale.message  # the closest, as it reads now


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [("timelines/demo/events/speach.zh-Hans.yaml", TRANSLATED,
      "no event 'speach' in timelines/demo/events/ to translate (did you mean 'speech'?)"),
     ("timelines/demo/events/vote.en.yaml", "title:\n  original: x\n  text: z\n",
      "this translation is into en, the timeline's own language"),
     (SPEECH_ZH, "place:\n  original: New York, United States\n  text: 纽约\n"
      "date_note:\n  original: x\n  text: z\n", "the original has no date_note to translate")],
)  # fmt: skip
def test_a_translation_of_nothing_is_an_error(content, path, text, message):
    (content / path).write_text(text, encoding="utf-8")
    errors = [p for p in _problems(content) if p.is_error]
    assert [(p.source_path, message in p.message) for p in errors] == [(path, True)], errors


def test_a_translated_timeline_is_published_under_its_language(content):
    """Under /zh-Hans/: the interface and dates in Chinese, the translated
    fields, the original where there is no translation (and it says so), a
    quote's original beside its translation, and the page in every language."""
    site = render_site(check_corpus(load_content(content)))
    speech = site.pages["zh-Hans/demo/events/speech.md"]
    assert "<h1" in speech and "费尔法莱向全国发表讲话" in speech
    assert "“如果你觉得这个国家现在很糟，等我收拾完再说。”" in speech
    assert re.search(r'<q lang="en">If you think this country&#39;s bad off now', speech)
    assert "2021年8月15日" in speech  # the dates in the translation's language
    vote = site.pages["zh-Hans/demo/events/vote.md"]
    assert "尚未翻译" in vote and 'role="note" lang="zh-Hans"' in vote
    timeline = site.pages["zh-Hans/demo/timeline.md"]
    assert '<article class="tl-event tl-normal" id="vote" lang="en"' in timeline
    assert 'id="speech" lang=' not in timeline
    front = speech.split("\n---\n")[0]
    assert 'lang: "zh-Hans"' in front and 'dir: "ltr"' in front
    assert '"lang": "en"' in front and '"path": "demo/events/speech/"' in front
    assert '"path": "zh-Hans/demo/events/speech/", "current": "true"' in front
    original = site.pages["demo/events/speech.md"].split("\n---\n")[0]
    assert '"path": "zh-Hans/demo/events/speech/", "current": ""' in original
    assert "zh-Hans/demo/index.md" in site.pages and "zh-Hans/demo/data/timeline.ics" in site.pages
    # The site's own pages in the language too, those its people follow to.
    assert {"zh-Hans/index.md", "zh-Hans/actors/index.md", "zh-Hans/corrections.md",
            "zh-Hans/actors/rufus-firefly.md"} <= set(site.pages)  # fmt: skip
    assert 'href="../../../actors/rufus-firefly/"' in speech
    actor = site.pages["zh-Hans/actors/rufus-firefly.md"]
    assert 'lang: "zh-Hans"' in actor and "费尔法莱向全国发表讲话" in actor
    assert '"path": "actors/rufus-firefly/", "current": ""' in actor  # its menu
    assert (
        '"path": "zh-Hans/actors/rufus-firefly/", "current": ""'
        in (site.pages["actors/rufus-firefly.md"])
    )
    # The script's words in the page's language, after the theme's (in the site's).
    assert site.pages["zh-Hans/demo/timeline.md"].endswith('data-zoom-to="缩放至"></div>\n')
    assert 'class="tl-words"' not in site.pages["demo/timeline.md"]


def test_timeline_translate_starts_every_file_and_check_asks_for_each_text(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    runner = CliRunner()
    made = runner.invoke(main, ["translate", "--content", str(content), "--timeline", "demo",
                                "--language", "fa"])  # fmt: skip
    assert made.exit_code == 0, made.output
    written = sorted(Path(line).name for line in made.output.split())
    assert written == [
        "aftermath.fa.yaml", "freedonia-gazette.fa.yaml", "freedonia.fa.yaml",
        "rufus-firefly.fa.yaml", "speech.fa.yaml", "timeline.fa.yaml", "vote.fa.yaml",
    ]  # the actors and outlets the timeline names too  # fmt: skip
    stub = (content / "timelines/demo/events/speech.fa.yaml").read_text(encoding="utf-8")
    assert 'original: "Firefly addresses the nation"\n  text: ""' in stub
    checked = runner.invoke(main, ["check", "--content", str(content), "--cache", ""])
    assert checked.exit_code == 1
    assert "speech.fa.yaml:7:9: title.text: must not be empty" in checked.output
    again = runner.invoke(main, ["translate", "--content", str(content), "--timeline", "demo",
                                 "--language", "fa"])  # fmt: skip
    assert again.exit_code == 0 and again.output == ""  # what exists is left as it is
    wrong = runner.invoke(main, ["translate", "--content", str(content), "--timeline", "demo",
                                 "--language", "Persian"])  # fmt: skip
    assert wrong.exit_code == 2 and "not a language tag" in wrong.output


def _pseudo(text: str) -> str:
    """`text` "translated": each Latin letter a Cyrillic one, the length and the
    Markdown (link targets included) as they were."""

    def letter(c: str) -> str:
        if "a" <= c <= "w":
            return chr(0x430 + ord(c) - 97)
        return chr(0x410 + ord(c) - 65) if "A" <= c <= "W" else c

    def shift(part: str) -> str:
        return "".join(map(letter, part))

    pieces = re.split(r"(\]\([^)]*\)|https?://\S+)", text)
    return "".join(p if i % 2 else shift(p) for i, p in enumerate(pieces))


def _translate_all(data):
    """Every `text` of a started translation file written, from its `original`."""
    if isinstance(data, list):
        return [_translate_all(item) for item in data]
    if isinstance(data, dict):
        done = {k: _translate_all(v) for k, v in data.items()}
        if "original" in done and done.get("text") == "":
            done["text"] = _pseudo(done["original"])
        return done
    return data


def _originals(data):
    if isinstance(data, list):
        for item in data:
            yield from _originals(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from [value] if key == "original" else _originals(value)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{4,}", text))


@pytest.mark.parametrize("source", ["fixture", "demo"])
def test_a_whole_translation_leaves_nothing_an_editor_wrote_in_the_original(tmp_path, source):
    """Every field `timeline translate` starts, once written, replaces the
    original's text on the translated pages: the timeline's, the events', and
    the names of the people and outlets they show. What stays in the original's
    words is what is not translated on purpose: the quotes' verbatim originals
    and the sources' own titles."""
    import yaml
    from helpers import REPO

    from generator.content.yaml_writer import dump_mapping

    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT if source == "fixture" else REPO / "content", content)
    for old in content.rglob("*.fa.yaml"):
        old.unlink()
    slug = "demo" if source == "fixture" else "kabul-calls"
    made = CliRunner().invoke(main, ["translate", "--content", str(content), "--timeline", slug,
                                     "--language", "fa"])  # fmt: skip
    assert made.exit_code == 0, made.output
    originals: set[str] = set()
    for path in content.rglob("*.fa.yaml"):
        text = path.read_text(encoding="utf-8")
        head = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        data = yaml.safe_load(text)
        originals |= set(_originals(data))
        path.write_text(head + dump_mapping(_translate_all(data)), encoding="utf-8")
    corpus = check_corpus(load_content(content))
    kept = set()  # what the pages show in the original's words on purpose
    for e in corpus.timelines[slug].events:
        kept |= {q.text for q in e.event.quotes}
        kept |= {f"{s.title} {s.url}" for s in e.event.sources}
        kept |= {f"{m.credit} {m.url}" for m in e.event.media}
    kept |= {s.title for p in corpus.timelines[slug].timeline.periods for s in p.sources}
    untranslatable = set().union(*map(_words, kept))
    words = set().union(*map(_words, originals)) - untranslatable
    assert len(words) > (40 if source == "fixture" else 250)
    site = render_site(corpus)
    pages = {
        u: t for u, t in site.pages.items() if u.startswith(f"fa/{slug}/") and u.endswith(".md")
    }
    assert len(pages) > 5
    for uri, page in pages.items():
        body = re.sub(r"<[^>]+>|&\w+;|https?://\S+", " ", page.split("\n---\n", 1)[1])
        left = _words(body) & words
        assert not left, (uri, sorted(left)[:20])


RUFUS_ZH = "actors/rufus-firefly.zh-Hans.yaml"
RUFUS_TRANSLATED = """\
name:
  original: Rufus T. Firefly
  text: 鲁弗斯·T·费尔法莱
role:
  original: Leader of Freedonia
  text: 自由尼亚领导人
"""


def test_an_actors_names_are_translated_for_every_timeline_in_that_language(content):
    (content / RUFUS_ZH).write_text(RUFUS_TRANSLATED, encoding="utf-8")
    corpus = check_corpus(load_content(content))
    assert corpus.names["zh-Hans"].actors["rufus-firefly"].role.text == "自由尼亚领导人"
    site = render_site(corpus)
    speech = site.pages["zh-Hans/demo/events/speech.md"]
    assert "鲁弗斯·T·费尔法莱" in speech and "Rufus T. Firefly" not in speech
    assert "Rufus T. Firefly" in site.pages["demo/events/speech.md"]  # the original's own


def test_a_stale_name_or_a_quotes_stale_context_is_reported_where_it_is(content):
    (content / RUFUS_ZH).write_text(RUFUS_TRANSLATED, encoding="utf-8")
    (content / SPEECH_ZH).write_text(
        TRANSLATED + "    context:\n      original: Opening remarks.\n      text: 开场白。\n",
        encoding="utf-8",
    )
    changes = ((RUFUS, "Leader of Freedonia", "President of Freedonia"),
               (SPEECH, "context: Opening remarks.", "context: Closing remarks."))  # fmt: skip
    for rel, old, new in changes:
        path = content / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stale = sorted((p.source_path, p.line, p.column, p.message) for p in _problems(content)
                   if p.code == "stale-translation")  # fmt: skip
    assert [s[:3] for s in stale] == [(RUFUS_ZH, 5, 13), (SPEECH_ZH, 13, 17)]
    assert "it now reads 'President of Freedonia'" in stale[0][3]
    assert "the original's context changed" in stale[1][3]
    site = render_site(check_corpus(load_content(content)))
    speech = site.pages["zh-Hans/demo/events/speech.md"]
    assert "Closing remarks." in speech and "开场白" not in speech
    assert "President of Freedonia" in speech and "鲁弗斯·T·费尔法莱" in speech


def test_a_translation_of_an_actor_that_does_not_exist_is_an_error(content):
    (content / "actors/rufus-fireflly.zh-Hans.yaml").write_text(RUFUS_TRANSLATED, encoding="utf-8")
    (error,) = [p for p in _problems(content) if p.is_error]
    assert error.source_path == "actors/rufus-fireflly.zh-Hans.yaml"
    assert "no actors/rufus-fireflly.yaml to translate (did you mean 'rufus-firefly'?)" in (
        error.message
    )


def test_a_new_translation_puts_its_language_in_the_menus_of_kept_pages(tmp_path):
    """A preview keeps the pages whose events did not change; the original's
    pages still gain the new language in their menu when a translation is added."""
    from generator.render.renderer import PageCache

    content = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, content)
    kept = PageCache()
    before = render_site(check_corpus(load_content(content)), kept=kept)
    assert "alternates" not in before.pages["demo/events/vote.md"].split("\n---\n")[0]
    (content / SPEECH_ZH).write_text(TRANSLATED, encoding="utf-8")
    after = render_site(check_corpus(load_content(content)), kept=kept)
    assert '"path": "zh-Hans/demo/events/vote/"' in after.pages["demo/events/vote.md"]


def test_a_preview_keeps_a_translations_pages_that_did_not_change(content):
    """An edit to one translated event renders that page again, and keeps the
    translation's other pages as the last render made them (renderer.PageCache)."""
    from generator.render.renderer import PageCache

    kept = PageCache()
    before = render_site(check_corpus(load_content(content)), kept=kept)
    path = content / SPEECH_ZH
    edited = path.read_text(encoding="utf-8").replace(
        "费尔法莱向全国发表讲话", "费尔法莱发表全国讲话"
    )
    path.write_text(edited, encoding="utf-8")
    after = render_site(check_corpus(load_content(content)), kept=kept)
    assert "费尔法莱发表全国讲话" in after.pages["zh-Hans/demo/events/speech.md"]
    far = "zh-Hans/demo/events/aftermath.md"  # not next to the speech: nothing of it shown
    assert after.pages[far] is before.pages[far]  # not rendered again
    assert after.pages["zh-Hans/demo/timeline.md"] is not before.pages["zh-Hans/demo/timeline.md"]
