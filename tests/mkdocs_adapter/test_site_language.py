"""The site's language, set as a Material user sets it (`theme.language` in
mkdocs.yml): the generator's dates follow it, and Material's strings and the
pages' direction with them, the embed's included."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import site_project

from generator.cli import main
from generator.mkdocs_adapter.engine import BuildFailed, build_site
from generator.views.dates_shown import MONTHS, WEEKDAYS

# English's names of days and months, but those German spells alike (August).
NAMES = (*WEEKDAYS, *(m for m in MONTHS if m not in ("April", "August", "September", "November")))
ENGLISH_NAMES = re.compile(rf"\b({'|'.join(NAMES)})\b")


def _site(tmp_path: Path, language: str) -> Path:
    config = site_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"),
                      encoding="utf-8")  # fmt: skip
    build_site(config, None, tmp_path / "site", tmp_path / "docs")
    return tmp_path / "site"


def _dates(page: str) -> list[str]:
    """What the page shows as dates: its <time> elements, the timeline's day
    headings and the time axis's calendar, with the lengths of time its breaks skip."""
    shown = re.findall(r"<time[^>]*>(.*?)</time>", page)
    shown += re.findall(r'<section class="tl-day[^"]*">\s*<h2 id="[^"]*">(.*?)<a', page)
    shown += re.findall(r'<g class="tl-axis-scale tl-axis-dates".*?</g>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", " ", s)) for s in shown]


@pytest.mark.parametrize(
    ("language", "day", "own_digits", "direction"),
    [("de", "Sonntag, 15. August 2021", False, "ltr"),
     ("fa", "یکشنبه ۱۵ اوت ۲۰۲۱", True, "rtl"),
     ("zh", "2021年8月15日星期日", False, "ltr")],
)  # fmt: skip
def test_theme_language_sets_the_dates_of_every_page(
    tmp_path, language, day, own_digits, direction
):
    site = _site(tmp_path, language)
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
             for p in site.rglob("*.html")}  # fmt: skip
    timeline = pages["demo/timeline/index.html"]
    assert f'<html lang="{language}"' in timeline  # Material's, from the same line
    assert f'<body dir="{direction}"' in timeline
    assert f'<html lang="{language}" dir="{direction}">' in pages["demo/embed/index.html"]
    dates = [d for page in pages.values() for d in _dates(page)]
    assert any(day in d for d in _dates(timeline)), _dates(timeline)
    assert not own_digits or not [d for d in dates if re.search("[0-9]", d)]
    english = [d for d in dates if ENGLISH_NAMES.search(d) or re.search(r"\b(years|days)\b", d)]
    assert not english, english[:5]


def test_theme_language_sets_the_generators_own_words_and_the_themes(tmp_path):
    """The menus, the footer and the script's words in Persian; a heading's
    anchor still its English."""
    site = _site(tmp_path, "fa")
    timeline = (site / "demo/timeline/index.html").read_text(encoding="utf-8")
    words = re.search(r'<div class="tl-words" hidden([^>]*)>', timeline)[1]
    assert 'data-zoom-to="' in words and "Zoom" not in words
    assert 'data-event-one="' in words and 'data-event-other="' in words  # Persian's categories
    assert "About this site" not in timeline and "Permanent link" not in timeline
    assert "Filter events" not in timeline and 'id="embed-this-timeline"' in timeline


def test_a_newsrooms_catalogue_with_markup_stops_the_build_at_its_line(tmp_path):
    config = site_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8").replace("\n  language: en\n", "\n  language: fa\n")
    config.write_text(text, encoding="utf-8")
    po = tmp_path / "project/locale/fa/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Filter events"\nmsgstr "<script>x</script>"\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as stopped:
        build_site(config, None, tmp_path / "site", tmp_path / "docs")
    assert f"{po}:1:1: the translation of 'Filter events' holds markup" in str(stopped.value)
    assert not (tmp_path / "site").exists()  # nothing built, nothing half-translated


def test_check_reports_a_broken_catalogue_of_a_language_a_timeline_is_translated_into(
    tmp_path, monkeypatch
):
    """Content that passes `check` must build: a newsroom's Persian catalogue that
    the build would refuse fails the check too, at its line, though the site is
    English (a timeline is translated into Persian)."""
    site_project(tmp_path / "project")
    speech = tmp_path / "project/content/timelines/demo/events/speech.fa.yaml"
    speech.write_text("title:\n  original: Firefly addresses the nation\n  text: سخنرانی\n",
                      encoding="utf-8")  # fmt: skip
    po = tmp_path / "project/locale/fa/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Filter events"\nmsgstr "%(count)s"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "project")
    checked = CliRunner().invoke(main, ["check", "--content", "content", "--cache", ""])
    assert checked.exit_code == 1
    assert (
        "locale/fa/LC_MESSAGES/messages.po:1:1: the translation of 'Filter events' has count"
        in (checked.output)
    )
    assert "1 problem(s) in the interface catalogues" in checked.output
    po.write_text('msgid "Filter events"\nmsgstr "پالایش رویدادها"\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--content", "content", "--cache", ""]).exit_code == 0


def test_a_translated_timelines_pages_say_their_language_and_their_alternates(tmp_path):
    """A page of the Chinese translation says `lang="zh-Hans"` on an English
    site; the sitemap gives each page's alternates (hreflang), the page itself
    no <link rel="alternate">, which Material would fetch a sitemap from."""
    config = site_project(tmp_path / "project")
    speech = tmp_path / "project/content/timelines/demo/events/speech.zh-Hans.yaml"
    speech.write_text(
        "title:\n  original: Firefly addresses the nation\n  text: 费尔法莱向全国发表讲话\n",
        encoding="utf-8",
    )
    build_site(config, None, tmp_path / "site", tmp_path / "docs")
    page = (tmp_path / "site/zh-Hans/demo/events/speech/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in page and '<body dir="ltr"' in page
    assert "费尔法莱向全国发表讲话" in page and 'rel="alternate" hreflang' not in page
    menu = re.search(r'<nav class="tl-languages".*?</nav>', page, re.S)[0]
    assert 'href="../../../../demo/events/speech/" hreflang="en" lang="en">English</a>' in menu
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>[^<]*/zh-Hans/demo/events/speech/</loc>.*?</url>",
                      sitemap, re.S)[0]  # fmt: skip
    assert re.findall(r'hreflang="([^"]+)" href="https?://[^/"]+/([^"]*)"',
                      entry) == [("en", "demo/events/speech/"),
                                 ("zh-Hans", "zh-Hans/demo/events/speech/")]  # fmt: skip
    original = (tmp_path / "site/demo/events/speech/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in original
    for other in ("quotes", "network", "sources", "timeline", "topics"):  # every page of it
        text = (tmp_path / f"site/zh-Hans/demo/{other}/index.html").read_text(encoding="utf-8")
        assert '<html lang="zh-Hans"' in text and 'placeholder="搜索"' in text, other
    # Material's own words in the page's language too (its Chinese, zh.html).
    assert 'placeholder="搜索"' in page and "跳转至" in page
    # Its menus (the tabs, the phone's drawer) in Chinese, leading to the site's
    # own pages in Chinese: its front page, its people.
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', page, re.S)[0]
    assert re.findall(r'href="([^"]+)" class="md-tabs__link">([^<]+)<', tabs) == [
        ("../../../", "首页"), ("../../", "A week in Freedonia"),
        ("../../../actors/", "人物与机构"), ("../../../corrections/", "更正与更新"),
    ]  # fmt: skip
    drawer = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>', page, re.S)[0]
    assert "人物与机构" in drawer and "People and organisations" not in drawer
    footer = re.search(r'<div class="md-copyright tl-colophon">.*?</div>', page, re.S)[0]
    assert 'href="../../../corrections/">更正与更新</a>' in footer and "Corrections" not in footer
    people = (tmp_path / "site/zh-Hans/actors/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in people and "People and organisations" not in people
    assert 'placeholder="Search"' in original and "Skip to content" in original
