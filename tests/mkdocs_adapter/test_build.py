"""Full builds with MkDocs + Material (`--strict`) in tmp_path.

Checks what the reader gets: every page exists, search finds each event, the
HTML holds no script or event handler that editors' text could have smuggled
in, builds are reproducible, and a failed build leaves the old site in place.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import REPO, SPEECH, TIMELINE, VALID_CONTENT, VOTE, ContentTree

from generator.mkdocs_adapter import engine
from generator.mkdocs_adapter.engine import BuildFailed, build_site
from generator.site_checks.links import check_links
from generator.views import addresses

CONFIG = REPO / "mkdocs.yml"
EVENTS = ["speech", "vote", "aftermath"]


def _build(content: Path, out: Path) -> Path:
    build_site(CONFIG, content, out / "site", docs_dir=out / "docs")
    return out / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _build(VALID_CONTENT, tmp_path_factory.mktemp("build"))


def test_every_page_is_built(site):
    for page in [
        "index.html",
        "demo/index.html",
        "demo/timeline/index.html",
        *[f"demo/events/{event}/index.html" for event in EVENTS],
        "demo/topics/index.html",
        "demo/topics/diplomacy/index.html",
        "demo/sources/index.html",
        "demo/quotes/index.html",
        "actors/index.html",
        "actors/rufus-firefly/index.html",
        "corrections/index.html",
        "about/index.html",
        "methodology/index.html",
        "sitemap.xml",
    ]:
        assert (site / page).is_file(), page


def test_search_index_holds_each_event(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    for event in EVENTS:
        assert f"demo/events/{event}/" in docs
    speech = " ".join(
        d["title"] + " " + d["text"]
        for loc, d in docs.items()
        if loc.startswith("demo/events/speech/")
    )
    for words in ["Firefly addresses the nation", "national radio", "just wait till I get through"]:
        assert words in speech
    # Names joined by dashes are split into words by the search separator
    # (a JavaScript regular expression that Python reads the same way).
    separator = index["config"]["separator"]
    for joined in ["Blinken–Lavrov", "Blinken—Lavrov", "Blinken-Lavrov"]:
        words = [w for w in re.split(separator, f"the {joined} call") if w]
        assert "Blinken" in words and "Lavrov" in words, (joined, words)


_FETCHING_LINKS = {"stylesheet", "preconnect", "preload", "modulepreload", "icon", "dns-prefetch"}


def test_no_request_to_another_host(site):
    """Nothing the browser fetches by itself (scripts, styles, fonts, images,
    frames) comes from another host; links to sources are followed only on a click."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|img|iframe|link|source|video|audio)\b[^>]*>", html):
            rel = re.search(r'rel="([^"]*)"', tag)
            if tag.startswith("<link") and not (rel and _FETCHING_LINKS & set(rel[1].split())):
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (path, tag)
        assert "@import" not in html and "url(http" not in html


def test_every_page_has_description_and_open_graph_meta(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for needle in ['<meta name="description" content="', '<meta property="og:title" content="',
                       '<meta property="og:description" content="']:  # fmt: skip
            assert needle in html, (path, needle)


def test_pages_have_description_and_open_graph_meta(site):
    html = (site / "demo/events/speech/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="The new leader spoke on national radio' in html
    assert '<meta property="og:title" content="Firefly addresses the nation">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:url" content="https://timelines.example.org/demo/events/speech/">'
        in html
    )
    assert "<loc>https://timelines.example.org/demo/events/speech/</loc>" in (
        site / "sitemap.xml"
    ).read_text(encoding="utf-8")


class _Scripts(HTMLParser):
    """Every <script> and every on* attribute in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []  # (src, inline text)
        self.data: list[str] = []  # the text of JSON-LD scripts
        self.handlers: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.lower().startswith("on")]
        if tag in ("script", "title"):
            self._in = tag
            if tag == "script" and values.get("type") == "application/ld+json":
                self._in = "data"
                self.data.append("")
            elif tag == "script":
                self.scripts.append((values.get("src") or "", ""))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            src, text = self.scripts[-1]
            self.scripts[-1] = (src, text + data)
        elif self._in == "data":
            self.data[-1] += data
        elif self._in == "title":
            self.title += data


def _scripts(path: Path) -> _Scripts:
    parser = _Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


HOSTILE = {
    SPEECH: [
        (
            "title: Firefly addresses the nation",
            'title: "<img src=x onerror=alert(1)> *Hi* </title><script>alert(2)</script>"',
        ),
        (
            "  The new leader spoke on national radio about the\n  coming vote.",
            "  <script>alert(3)</script> [x](javascript:alert(4))"
            ' {: onclick="alert(5)"} # <b onmouseover=alert(6)>b</b>',
        ),
    ],
    TIMELINE: [
        ("title: A week in Freedonia", 'title: "</title><script>alert(7)</script>"'),
        ("dek: How a speech", 'dek: X "><svg onload=alert(8)> How a speech'),
    ],
    VOTE: [
        ("title: Parliament votes on the budget", 'title: "\'><iframe src=javascript:alert(9)>"')
    ],
    "actors/rufus-firefly.yaml": [
        ("name: Rufus T. Firefly", 'name: "Rufus <b onmouseover=alert(10)>T.</b>"')
    ],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    tree = ContentTree(out / "content")
    import shutil

    shutil.copytree(VALID_CONTENT, tree.root)
    for rel, changes in HOSTILE.items():
        for old, new in changes:
            tree.replace(rel, old, new)
    assert tree.problems() == []
    return _build(tree.root, out)


def test_editor_text_never_becomes_script_or_handler(hostile_site, site):
    theme_scripts = {src for p in site.rglob("*.html") for src, _ in _scripts(p).scripts}
    for path in hostile_site.rglob("*.html"):
        found = _scripts(path)
        assert found.handlers == [], (path, found.handlers)
        for src, text in found.scripts:
            assert "alert" not in text, (path, text)
            assert src in theme_scripts, (path, src)
        for data in found.data:  # structured data stays data: valid JSON, no markup
            assert "<" not in data and ">" not in data, (path, data)
            json.loads(data)
        assert "alert" not in "".join(t for _, t in found.scripts)


def test_hostile_titles_stay_text_in_title_and_meta(hostile_site):
    page = _scripts(hostile_site / "demo/timeline/index.html")
    assert page.title.startswith("Timeline: </title><script>alert(7)</script> - ")
    event = hostile_site / "demo/events/speech/index.html"
    parsed = _scripts(event)
    assert parsed.title.startswith(
        "<img src=x onerror=alert(1)> *Hi* </title><script>alert(2)</script>"
    )
    html = event.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; *Hi*" in html  # shown as typed, not as Markdown


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    first, second = _files(site), _files(_build(VALID_CONTENT, tmp_path))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_failed_build_leaves_the_old_site(tmp_path, monkeypatch):
    site = _build(VALID_CONTENT, tmp_path)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    def broken_build(config, **kwargs):
        Path(config.site_dir, "half-written.html").write_text("partial", encoding="utf-8")
        from mkdocs.exceptions import Abort

        raise Abort("Aborted with 1 warnings in strict mode!")

    monkeypatch.setattr(engine, "build", broken_build)
    with pytest.raises(BuildFailed, match="strict mode"):
        build_site(CONFIG, VALID_CONTENT, site, docs_dir=tmp_path / "docs")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]
    assert leftovers == [".site.lock"]  # kept: removing it would race with the next build


def test_timeline_build_refuses_invalid_content_and_keeps_the_site(tmp_path):
    import subprocess
    import sys

    tree_root = tmp_path / "content"
    import shutil

    shutil.copytree(VALID_CONTENT, tree_root)
    site = _build(tree_root, tmp_path)
    stamp = (site / "index.html").read_bytes()
    (tree_root / VOTE).write_text(
        (tree_root / VOTE).read_text().replace("date: 2021-08-16", "date: 2021-02-30")
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(tree_root),
         "--site-dir", str(site), "--docs-dir", str(tmp_path / "docs")],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "is not a real date: February 2021 has 28 days" in result.stdout
    assert (site / "index.html").read_bytes() == stamp


def _jsonld(path: Path) -> dict:
    (data,) = _scripts(path).data
    return json.loads(data)


def test_structured_data_for_events_and_the_explainer(site):
    speech = _jsonld(site / "demo/events/speech/index.html")
    assert speech["@type"] == "Event"
    assert speech["startDate"] == "2021-08-15T20:00:00-04:00"  # an offset timestamp
    assert speech["location"] == {"@type": "Place", "name": "New York, United States"}
    vote = _jsonld(site / "demo/events/vote/index.html")
    assert (vote["startDate"], vote["endDate"]) == ("2021-08-16", "2021-08-17")
    article = _jsonld(site / "demo/index.html")
    assert article["@type"] == "NewsArticle"
    assert (article["datePublished"], article["dateModified"]) == (
        "2021-08-17T00:00:00+02:00",
        "2021-08-20T09:00:00+02:00",
    )
    base = "https://timelines.example.org/"
    publisher = {"@type": "NewsMediaOrganization", "name": "Explainer timelines",
                 "url": "https://timelines.example.org/",
                 "correctionsPolicy": "https://timelines.example.org/corrections/",
                 "logo": {"@type": "ImageObject", "url": f"{base}{addresses.LOGO}"}}  # fmt: skip
    assert article["publisher"] == publisher and article["author"] == publisher
    # The logo is the masthead's, the theme's icon, served from the site.
    logo = (site / "assets/images/publisher-logo.svg").read_text("utf-8")
    assert logo.startswith("<svg") and "newspaper" not in logo  # the drawing, not a name
    assert article["image"] == ["https://timelines.example.org/assets/share/timelines/demo.png"]
    assert vote["image"] == ["https://timelines.example.org/media/chamber-1200.jpg"]
    assert "image" not in speech  # no picture of its own
    assert article["correction"][0]["@type"] == "CorrectionComment"
    assert "took one day" in article["correction"][0]["text"]
    html = (site / "demo/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="article:published_time" content="2021-08-17T00:00:00+02:00">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert '<meta property="article:author" content="https://timelines.example.org/">' in html


def test_data_files_and_embed_page_are_in_the_site(site):
    for path in ["demo/data/timeline.json", "demo/data/timeline.csv", "demo/data/timeline.ics",
                 "demo/data/timelinejs.json", "demo/feed.xml", "feed.xml",
                 "schemas/explainer-timeline-v1.schema.json"]:  # fmt: skip
        assert (site / path).is_file(), path
    embed = (site / "demo/embed/index.html").read_text(encoding="utf-8")
    assert "md-header" not in embed and "<script" not in embed  # no site chrome, no scripts
    assert '<base target="_top">' in embed and "Firefly addresses the nation" in embed
    timeline = (site / "demo/timeline/index.html").read_text(encoding="utf-8")
    assert '&lt;iframe src="https://timelines.example.org/demo/embed/"' in timeline


def test_every_internal_link_and_anchor_resolves(site, hostile_site):
    for built in (site, hostile_site):
        broken, pages = check_links(built, "https://timelines.example.org/")
        assert broken == []
        assert pages > 10


def test_timeline_build_validates_the_content_once(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator import checking
    from generator.cli.commands import main

    calls = []
    real = checking.checked_content  # what the CLI calls, and the pipeline too
    monkeypatch.setattr(
        checking, "checked_content", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    result = CliRunner().invoke(
        main,
        ["build", "--content", str(VALID_CONTENT), "--site-dir", str(tmp_path / "site"),
         "--docs-dir", str(tmp_path / "docs"), "--config-file", str(CONFIG)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert calls == [1]  # the plugin rendered the corpus `timeline build` had checked
    assert (tmp_path / "site" / "demo" / "events" / "speech" / "index.html").is_file()


@pytest.mark.slow  # three builds in fresh interpreters
def test_builds_are_identical_whatever_the_hash_seed_zone_and_locale(tmp_path):
    import subprocess
    import sys

    sites = []
    for n, (seed, zone, locale) in enumerate(
        [
            ("1", "UTC", "C"),
            ("4242", "Asia/Kabul", "C.UTF-8"),
            ("random", "America/New_York", "POSIX"),
        ]
    ):
        out = tmp_path / f"build-{n}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": locale, "LANG": locale}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "--content", str(VALID_CONTENT),
             "--site-dir", str(out / "site"), "--docs-dir", str(out / "docs")],
            check=True, capture_output=True, cwd=REPO, env=env,
        )  # fmt: skip
        sites.append(_files(out / "site"))
    first = sites[0]
    for other in sites[1:]:
        assert sorted(other) == sorted(first)
        assert [name for name in first if first[name] != other[name]] == []


def test_an_outside_source_date_epoch_is_honoured(tmp_path):
    """The build date (the sitemap's lastmod) is the content's own, unless
    SOURCE_DATE_EPOCH is set outside, as reproducible-build tools do."""
    import subprocess
    import sys

    def lastmods(out: Path, epoch: str | None) -> set[str]:
        env = {**os.environ}
        env.pop("SOURCE_DATE_EPOCH", None)
        if epoch is not None:
            env["SOURCE_DATE_EPOCH"] = epoch
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "--content", str(VALID_CONTENT),
             "--site-dir", str(out / "site"), "--docs-dir", str(out / "docs")],
            check=True, capture_output=True, cwd=REPO, env=env,
        )  # fmt: skip
        sitemap = (out / "site" / "sitemap.xml").read_text(encoding="utf-8")
        return set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))

    assert lastmods(tmp_path / "outside", "1000000000") == {"2001-09-09"}
    assert 'updated: "2021-08-20T09:00"' in (VALID_CONTENT / TIMELINE).read_text("utf-8")
    assert lastmods(tmp_path / "own", None) == {"2021-08-20"}  # 07:00 UTC that day


def test_plain_configuration_values_are_read_past_mkdocs_tags(tmp_path):
    """The CLI reads site_url, and a fresh repository's build docs_dir, without MkDocs."""
    from generator.mkdocs_adapter.config_values import configured

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: https://news.example.org/\ndocs_dir: pages-built\n"
        "extra:\n  key: !ENV [SECRET, none]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    assert configured(config, "site_url") == "https://news.example.org/"
    assert configured(config, "docs_dir") == "pages-built"
    assert configured(config, "extra") == {"key": None}
    assert configured(tmp_path / "missing.yml", "site_url") is None


def test_a_configuration_without_the_plugin_is_told_how_to_add_it(tmp_path):
    from generator.mkdocs_adapter.engine import NoPlugin

    ours = ("- timeline:", "content: content", "pages: pages")
    lines = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    config = tmp_path / "mkdocs.yml"
    config.write_text("\n".join(x for x in lines if x.strip() not in ours) + "\n", "utf-8")
    with pytest.raises(NoPlugin, match="add `- timeline` under `plugins:`"):
        build_site(config, VALID_CONTENT, tmp_path / "site", tmp_path / "docs")
    assert not (tmp_path / "site").exists()


def test_a_plain_mkdocs_build_that_the_audit_refuses_leaves_no_pages(tmp_path):
    """`mkdocs build` writes straight into site_dir (it empties it first); when the
    audit refuses a page, the build fails and what it wrote is removed."""
    import subprocess
    import sys

    from helpers import site_project

    evil = "# Notes\n\n<script>document.title = 'pwned'</script>\n"
    config = site_project(tmp_path / "project", {"notes.md": evil})
    site = tmp_path / "project" / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    said = run.stdout + run.stderr  # MkDocs prints its abort on standard output
    assert run.returncode == 1, said
    assert "notes/index.html:" in said and "script the theme does not run" in said
    assert "removed the failed build's pages" in said
    assert not any(site.rglob("*.html")), sorted(site.rglob("*"))[:5]
    (tmp_path / "project/pages/notes.md").write_text("# Notes\n\nPlain text.\n")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
                   check=True, capture_output=True)  # fmt: skip
    assert (site / "notes/index.html").is_file()


def test_each_quote_is_a_figure_with_who_said_it_and_who_reported_it(site):
    """Quotes as quotes: one figure each, in quotation marks, never run together
    into one blockquote; the speaker and the outlet said once, beneath."""
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((site / "demo/events/speech/index.html").read_text("utf-8"))
    (figure,) = page.css("figure.tl-quote")
    (quote,) = figure.css("blockquote")
    assert quote.text(strip=True).startswith("“If you think this country's bad off now")
    assert quote.text(strip=True).endswith("through with it.”")
    caption = " ".join(figure.css_first("figcaption").text().split())
    assert caption == "Rufus T. Firefly, quoted by The Freedonia Gazette. Opening remarks."
    assert figure.css_first("figcaption a").attributes["href"] == "../../../actors/rufus-firefly/"


def test_a_date_names_no_clock_zone_and_a_time_does(site):
    from selectolax.lexbor import LexborHTMLParser

    def when(event: str) -> str:
        page = (site / f"demo/events/{event}/index.html").read_text("utf-8")
        return " ".join(LexborHTMLParser(page).css_first("p.tl-when").text().split())

    # Dates: no "Paris time (UTC+02:00)".
    assert when("vote") == "About Monday 16 August 2021 – Tuesday 17 August 2021"
    assert when("speech") == "Sunday 15 August 2021, 20:00 Eastern Daylight Time (UTC−04:00)"


def _with_colours(folder: Path, colours: str) -> Path:
    from helpers import site_project

    config = site_project(folder)
    text = config.read_text(encoding="utf-8")
    ours = "      pages: pages\n"
    assert text.count(ours) == 1
    config.write_text(text.replace(ours, ours + colours), encoding="utf-8")
    return config


def test_the_diagrams_colours_are_set_in_mkdocs_yml(tmp_path):
    from PIL import Image

    config = _with_colours(tmp_path / "project", (
        "      colours:\n"
        "        light: {marks: '#004d40', highlights: '#b71c1c'}\n"
    ))  # fmt: skip
    site = tmp_path / "site"
    build_site(config, tmp_path / "project/content", site, tmp_path / "docs")
    css = (site / "assets/stylesheets/colours.css").read_text(encoding="utf-8")
    light, dark = css.split('[data-md-color-scheme="slate"]')
    assert "--tl-marks: #004d40;" in light and "--tl-highlights: #b71c1c;" in light
    assert "--tl-marks: #9fa8da;" in dark  # the dark scheme keeps its defaults
    links = re.findall(r'href="([^"]*stylesheets/[^"]*)"', (site / "index.html").read_text())
    assert links[-1].endswith("assets/stylesheets/colours.css")  # after the theme's
    with Image.open(site / "assets/share/timelines/demo.png") as card:
        assert card.getpixel((2, 2)) == (0x00, 0x4D, 0x40)  # drawn on the light marks


def test_colours_that_fail_contrast_stop_the_build_at_their_line(tmp_path):
    import subprocess
    import sys

    config = _with_colours(tmp_path / "project", (
        "      colours:\n"
        "        dark:\n"
        "          marks: '#222222'\n"
    ))  # fmt: skip
    line = config.read_text(encoding="utf-8").splitlines().index("          marks: '#222222'") + 1
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config-file", str(config),
         "--content", str(tmp_path / "project/content"), "--site-dir", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=tmp_path / "project",
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert (
        f"mkdocs.yml:{line}:18: plugins.timeline.colours.dark.marks: #222222 stands 1.0:1 "
        "against the dark page (#1e2129)"
    ) in said
    assert "Traceback" not in said and not (tmp_path / "site").exists()


def test_reader_pages_keep_no_table_of_contents_but_the_skip_link(site):
    """A reader's page shows no contents list, on a phone's drawer or beside the
    page, so it carries none for the theme's script to track; the skip link still
    leads past the masthead to the headline."""
    from selectolax.lexbor import LexborHTMLParser

    reader_pages = [
        "index.html",
        "demo/timeline/index.html",
        "demo/events/speech/index.html",
        "actors/rufus-firefly/index.html",
        "demo/topics/diplomacy/index.html",
    ]
    for path in reader_pages:
        page = LexborHTMLParser((site / path).read_text("utf-8"))
        assert page.css("h2"), path  # sections a contents list would have named
        assert not page.css('[data-md-component="toc"], label[for="__toc"]'), path
        headline_id = page.css_first("article h1").attributes["id"]
        assert page.css_first("a.md-skip").attributes["href"] == f"#{headline_id}", path
