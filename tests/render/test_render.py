"""The render stage: golden Markdown for the valid fixture, and escaping rules.

The goldens under tests/fixtures/rendered/ are the exact page tree the fixture
renders to (without hand-written pages); refresh them with --update-goldens.
"""

from __future__ import annotations

from pathlib import Path

from helpers import FIXTURES, REPO, SPEECH, TIMELINE, VALID_CONTENT

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.render.escape import url
from generator.render.renderer import read_hand_written, render_site
from generator.views.addresses import link

RENDERED = FIXTURES / "rendered"


def _render(content: Path, tmp_path: Path):
    return render_site(check_corpus(load_content(content)))


def test_rendered_pages_match_goldens(tmp_path, update_goldens):
    site = _render(VALID_CONTENT, tmp_path)
    if update_goldens:
        for old in [p for p in RENDERED.rglob("*") if p.is_file()]:
            old.unlink()
        for uri, text in site.pages.items():
            (RENDERED / uri).parent.mkdir(parents=True, exist_ok=True)
            (RENDERED / uri).write_bytes(text.encode("utf-8"))
    expected = {
        p.relative_to(RENDERED).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(RENDERED.rglob("*"))
        if p.is_file()
    }
    assert sorted(site.pages) == sorted(expected), "run pytest --update-goldens"
    for uri, text in site.pages.items():
        assert text == expected[uri], f"{uri} differs from its golden; run pytest --update-goldens"


def test_the_page_tree_has_every_kind_of_page(tmp_path):
    pages = _render(VALID_CONTENT, tmp_path).pages
    for uri in [
        "index.md",
        "demo/index.md",
        "demo/timeline.md",
        "demo/events/speech.md",
        "demo/events/vote.md",
        "demo/events/aftermath.md",
        "demo/topics/index.md",
        "demo/topics/diplomacy.md",
        "demo/sources.md",
        "demo/quotes.md",
        "actors/index.md",
        "actors/rufus-firefly.md",
        "corrections.md",
    ]:
        assert uri in pages


def test_navigation_does_not_list_events(tmp_path):
    site = _render(VALID_CONTENT, tmp_path)
    assert "events/" not in repr(site.nav)
    assert site.nav[0] == {"Home": "index.md"}


def test_rendering_is_deterministic(tmp_path):
    assert _render(VALID_CONTENT, tmp_path).pages == _render(VALID_CONTENT, tmp_path).pages


def test_hand_written_pages_are_copied_and_listed(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "about.md").write_text("# About us\n\nHello.\n", encoding="utf-8")
    site = render_site(check_corpus(load_content(VALID_CONTENT)), read_hand_written(pages))
    assert site.pages["about.md"] == "# About us\n\nHello.\n"
    # In the footer, with the corrections and the feed; the masthead holds the sections.
    assert site.colophon == [
        ("Corrections and updates", "corrections/"), ("About us", "about/"),
        ("Feed of every event", "feed.xml"),
    ]  # fmt: skip
    assert {"About us": "about.md"} not in site.nav


def test_timeline_page_groups_by_day_with_local_times(tmp_path):
    page = _render(VALID_CONTENT, tmp_path).pages["demo/timeline.md"]
    # The speech is 20:00 in New York, the next day in Paris: it keeps its own zone,
    # and under its day's heading says only its clock time.
    assert '<h2 id="sunday-15-august-2021">Sunday 15 August 2021<a class="headerlink"' in page
    assert '<time datetime="2021-08-15T20:00-04:00" data-instant>20:00</time>' in page
    assert "Eastern Daylight Time (UTC−04:00)" in page
    # A date-only event under its day says no date again.
    aftermath = page[page.index(' id="aftermath"') :].split("</article>")[0]
    assert "tl-when" not in aftermath
    assert (
        '<article class="tl-event tl-key" id="speech" data-actor="rufus-firefly freedonia"' in page
    )
    assert '<h2 id="monday-16-august-2021">Monday 16 August 2021<a' in page
    # Importance in words, not the card's colour alone.
    speech = page[page.index(' id="speech"') :].split("</article>")[0]
    assert '<p class="tl-importance">Key moment</p>' in speech
    assert '<p class="tl-importance">Background</p>' in aftermath
    # The vote is approximate: it says so.
    assert '<span class="tl-approx">About</span>' in page


def test_urls_cannot_break_out_of_a_link():
    assert url('https://x.org/a_(b) "c"<d>') == "https://x.org/a_%28b%29%20%22c%22%3Cd%3E"


def test_relative_links():
    """Pages are served as folders; files are where they are."""
    assert (
        link("demo/events/speech.md", "actors/rufus-firefly.md") == "../../../actors/rufus-firefly/"
    )
    assert link("index.md", "demo/index.md") == "demo/"
    assert link("demo/index.md", "index.md") == "../"
    assert link("demo/timeline.md", "demo/feed.xml") == "../feed.xml"
    assert link("demo/index.md", "demo/feed.xml") == "feed.xml"


def test_hostile_text_stays_text_in_the_page(content_tree, tmp_path):
    content_tree.replace(
        SPEECH, "title: Firefly addresses the nation", 'title: "<img src=x onerror=alert(1)> *Hi*"'
    )
    content_tree.replace(
        TIMELINE, "title: A week in Freedonia", 'title: "</title><script>x</script>"'
    )
    pages = _render(content_tree.root, tmp_path).pages
    event = pages["demo/events/speech.md"]
    assert '">&lt;img src=x onerror=alert(1)&gt; *Hi*<span class="tl-search-date"' in event
    assert 'title: "<img src=x onerror=alert(1)> *Hi*"' in event  # front matter: JSON-quoted
    assert "<script>" not in pages["demo/timeline.md"].split("---", 2)[2]


def test_the_core_does_not_import_mkdocs():
    """Another Material-compatible engine must be able to build the same tree."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from generator.pipeline import compile_site; "
        "compile_site(Path('tests/fixtures/valid/content')); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_a_quote_fragment_keeps_its_context_wherever_it_is_shown():
    pages = render_site(check_corpus(load_content(REPO / "content"))).pages
    context = "On the previous US administration&#39;s removal of ETIM from its terror list."
    plain = context.replace("&#39;", "'")
    for uri in (
        "kabul-calls/quotes.md",
        "actors/wang-yi.md",
        "kabul-calls/events/blinken-wang-call.md",
    ):
        page = pages[uri]
        start = page.index("dangerous and mistaken")
        caption = page[start : page.index("</figcaption>", start)]
        assert context in caption or plain in caption, uri


def test_a_short_title_names_the_story_in_the_menu_and_above_headlines(content_tree, tmp_path):
    site = _render(VALID_CONTENT, tmp_path)
    full = "A week in Freedonia"
    assert {full: site.nav[1][full]} == site.nav[1] and 'kicker: "A week in Freedonia"' in (
        site.pages["demo/events/speech.md"]
    )
    content_tree.replace(TIMELINE, "title: A week in Freedonia\n",
                         "title: A week in Freedonia\nshort_title: Freedonia\n")  # fmt: skip
    site = _render(content_tree.root, tmp_path)
    assert list(site.nav[1]) == ["Freedonia"]
    for uri in ("demo/events/speech.md", "demo/timeline.md"):
        assert 'kicker: "Freedonia"' in site.pages[uri]
    assert '">A week in Freedonia<a class="headerlink"' in site.pages["demo/index.md"]  # whole


def test_the_network_says_a_year_once_in_any_language():
    """Calls all of 2021: the drawing's title names the year, each line its date
    without it, as the language writes that ("16 Aug", "Aug 16", "8月16日"),
    not a cut of the whole date ("Aug 16,")."""
    import re

    from generator.views.site_view import Publication

    corpus = check_corpus(load_content(REPO / "content"))
    for language, date, year in (("en", "16 Aug", "2021"), ("en-US", "Aug 16", "2021"),
                                 ("zh-Hans", "8月16日", "2021年")):  # fmt: skip
        page = render_site(corpus, publication=Publication(language=language)).pages[
            "kabul-calls/network.md"
        ]
        dates = re.findall(r'<text class="tl-edge-date"[^>]*>([^<]*)</text>', page)
        assert date in dates, (language, dates)
        assert not [d for d in dates if d.endswith(",") or year in d], dates
        assert re.search(rf'<svg class="tl-network[^>]* aria-label="[^"]*[,，] ?{year}"', page)
