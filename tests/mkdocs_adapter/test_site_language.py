"""The site's language, set as a Material user sets it (`theme.language` in
mkdocs.yml): the generator's dates follow it, and Material's strings and the
pages' direction with them, the embed's included."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import site_project

from generator.mkdocs_adapter.engine import build_site
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
