"""The reader's experience in a real browser: Playwright driving Debian's Chromium
against the built Kabul explainer, served on 127.0.0.1.

Skipped on a machine without /usr/bin/chromium, except in CI (CI=true), where a
missing browser is a failure. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import (
    CONSUMERS_CONTENT,
    NODE_PROGRAMS,
    REPO,
    SPEECH,
    VALID_CONTENT,
    needs_node_programs,
)

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.mkdocs_adapter.engine import build_site
from generator.render.renderer import render_site
from generator.views.site_view import build_views

pytestmark = pytest.mark.browser  # Debian's Chromium, through Playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = REPO / "tests" / "artifacts"
CONTENT = REPO / "content"
SLUG = "kabul-calls"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Base URLs of the built Kabul explainer and of the small fixture site."""
    out = tmp_path_factory.mktemp("browser")
    servers, urls = [], {}
    for name, content in (("kabul", CONTENT), ("demo", VALID_CONTENT)):
        build_site(REPO / "mkdocs.yml", content, out / name / "site", out / name / "docs")
        handler = functools.partial(_Quiet, directory=str(out / name / "site"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
        urls[f"{name} folder"] = str(out / name / "site")
    # A page of "another site" that embeds the Kabul timeline in an iframe.
    embed = urls["kabul"] + f"{SLUG}/embed/"
    (out / "demo" / "site" / "host-page.html").write_text(
        f'<!doctype html><title>Host</title><link rel="icon" href="data:,">'
        f'<iframe src="{embed}" title="t" width="600" '
        'height="400"></iframe>',
        encoding="utf-8",
    )
    urls["host_page"] = urls["demo"] + "host-page.html"
    yield urls
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: install Debian's chromium")
        pytest.skip("no /usr/bin/chromium on this machine")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page that remembers console errors, page errors and every request's host."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.hosts.add(urlsplit(r.url).netloc))


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(url: str, **options) -> Watched:
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(url)
        return watched

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def story():
    return build_views(check_corpus(load_content(CONTENT))).timelines[0]


def _search(page, query: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)  # fill() does not trigger Material's search
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    return results


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Lavrov", "Wang Yi and Sergey Lavrov agree to coordinate on Afghanistan"),
        ("ETIM", "The US drops ETIM from a terrorism list"),
        ("India", "India pulls its ambassador and staff out of Kabul"),
        ("Tianjin", "Wang Yi meets a Taliban delegation in Tianjin"),  # a place
        ("breeding ground", "Blinken and Wang Yi discuss a “soft landing” for Afghanistan"),
    ],
)
def test_search_finds_the_event_and_lands_on_it(served, open_page, query, title):
    watched = open_page(served["kabul"])
    page = watched.page
    _search(page, query)
    # The result for the event's page itself, headed by the event's title.
    match = page.locator(".md-search-result__link", has=page.locator("h1", has_text=title)).first
    match.wait_for()
    assert re.search(r"\b(19|20)\d\d\b", match.inner_text()), "results show the event's date"
    match.click()
    watched.page.wait_for_load_state()
    assert f"/{SLUG}/events/" in watched.page.url
    assert watched.page.title().startswith(title)


def _visible_events(page) -> list[str]:
    return page.eval_on_selector_all(
        "article.tl-event", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )


def test_filters_narrow_the_timeline_and_live_in_the_url(served, open_page, story):
    watched = open_page(served["kabul"] + f"{SLUG}/timeline/")
    page = watched.page
    everything = [v.id for v in story.events]
    assert _visible_events(page) == everything
    # The filters are folded: the box says how many events are shown.
    assert page.locator("form.tl-filters").is_hidden()
    assert page.locator(".tl-filter-count").inner_text() == "Showing all 15 events"
    page.locator(".tl-filter-box summary").click()

    page.select_option("select[name=actor]", "sergey-lavrov")
    lavrov = [v.id for v in story.events if "sergey-lavrov" in v.actors]
    assert lavrov and len(lavrov) < len(everything)
    assert _visible_events(page) == lavrov
    assert page.url.endswith("?actor=sergey-lavrov")

    page.select_option("select[name=party]", "united-states")
    both = [
        v.id for v in story.events if "sergey-lavrov" in v.actors and "united-states" in v.parties
    ]
    assert _visible_events(page) == both and len(both) < len(lavrov)
    assert "actor=sergey-lavrov" in page.url and "party=united-states" in page.url
    assert page.locator(".tl-filter-count").inner_text() == (
        f"Showing {len(both)} of {len(everything)} events"
    )

    page.go_back()
    assert page.url.endswith("?actor=sergey-lavrov")
    assert _visible_events(page) == lavrov

    # Arrowing through a list's options makes one history entry, not one each:
    # one Back undoes the whole filter.
    page.focus("select[name=topic]")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert "topic=" in page.url
    page.go_back()
    assert page.url.endswith("?actor=sergey-lavrov")

    # The URL is shareable: opened afresh, it shows the same events, the filters open.
    shared = open_page(page.url).page
    assert shared.locator("form.tl-filters").is_visible()
    assert shared.locator("select[name=actor]").input_value() == "sergey-lavrov"
    assert _visible_events(shared) == lavrov

    topic = open_page(served["kabul"] + f"{SLUG}/timeline/?topic=terrorism&importance=key").page
    expected = [
        v.id for v in story.events if "terrorism" in v.event.topics and v.event.importance == "key"
    ]
    assert _visible_events(topic) == expected


def test_without_javascript_every_event_is_listed(served, open_page, story):
    page = open_page(
        served["kabul"] + f"{SLUG}/timeline/?actor=sergey-lavrov", java_script_enabled=False
    ).page
    assert _visible_ids_static(page) == [v.id for v in story.events]
    assert page.locator("form.tl-filters").is_hidden()
    page.locator(".tl-filter-box summary").click()  # says why there are no filters
    assert "Filtering needs JavaScript" in page.locator(".tl-filter-box").inner_text()


def _visible_ids_static(page) -> list[str]:
    return [a.get_attribute("id") for a in page.locator("article.tl-event").all() if a.is_visible()]


def test_network_has_one_linked_node_per_actor(served, open_page, story):
    page = open_page(served["kabul"] + f"{SLUG}/network/").page
    expected = {a for inter, _ in story.interactions for a in (inter.by, *inter.with_)}
    nodes = page.locator("svg.tl-network:visible a.tl-node")
    assert sorted(nodes.evaluate_all("els => els.map(e => e.dataset.actor)")) == sorted(expected)
    # SVG links: resolve each href against the page, as the browser does on a click.
    for href in nodes.evaluate_all(
        "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"
    ):
        response = page.request.get(href)
        assert response.status == 200, href
    nodes.filter(has_text="Lavrov").first.click()
    page.wait_for_url("**/actors/sergey-lavrov/")
    assert page.title().startswith("Sergey Lavrov - ")
    # The same data as a table, for screen readers and print.
    page.go_back()
    rows = page.locator("table tbody tr")
    assert rows.count() == sum(len(inter.with_) for inter, _ in story.interactions)


@pytest.mark.parametrize(
    ("path", "most"),
    [(f"{SLUG}/network/", None), (f"{SLUG}/events/blinken-lavrov-call/", 80)],
)
def test_diagrams_fit_their_content_with_labels_readable_on_a_phone(served, open_page, path, most):
    page = open_page(served["kabul"] + path, viewport={"width": 375, "height": 800}).page
    drawing = page.locator("svg.tl-network:visible")
    assert drawing.count() == 1
    box = drawing.bounding_box()
    assert box["width"] <= 375 - 32 + 0.5  # inside the column, no sideways scroll
    if most:  # a call between two is a line, not a square of white
        assert box["height"] <= most
    heights = drawing.locator("a.tl-node text").evaluate_all(
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * "
        "t.ownerSVGElement.getScreenCTM().a)"
    )
    assert heights and min(heights) >= 12


def test_event_with_interactions_has_a_mini_network(served, open_page):
    page = open_page(served["kabul"] + f"{SLUG}/events/blinken-calls-european-counterparts/").page
    actors = page.locator("svg.tl-network a.tl-node").evaluate_all(
        "els => els.map(e => e.dataset.actor)"
    )
    assert sorted(actors) == sorted(
        ["antony-blinken", "jens-stoltenberg", "josep-borrell", "dominic-raab", "mevlut-cavusoglu"]
    )


def test_accounts_side_by_side_on_desktop_stacked_on_phones(served, open_page):
    url = served["kabul"] + f"{SLUG}/events/blinken-wang-call/"
    for width, side_by_side in ((1280, True), (375, False)):
        page = open_page(url, viewport={"width": width, "height": 900}).page
        boxes = [b.bounding_box() for b in page.locator(".tl-account").all()]
        assert len(boxes) == 2
        assert (abs(boxes[0]["y"] - boxes[1]["y"]) < 1) is side_by_side, width
        labels = page.locator(".tl-account").all_inner_texts()
        assert "US State Department" in labels[0] and "GOVERNMENT" in labels[0].upper()
        assert "Xinhua" in labels[1] and "STATE MEDIA" in labels[1].upper()


def test_readers_local_time_appears_beside_the_events(served, open_page):
    page = open_page(served["demo"] + "demo/events/speech/", timezone_id="Asia/Tokyo").page
    when = page.locator(".tl-when").first.inner_text()
    assert "Sunday 15 August 2021, 20:00" in when and "Eastern Daylight Time (UTC−04:00)" in when
    assert re.search(r"Your time: .*16.*09:00", when), when
    static = open_page(served["demo"] + "demo/events/speech/", java_script_enabled=False).page
    assert "Your time" not in static.locator(".tl-when").first.inner_text()


def test_print_shows_source_addresses_and_hides_filters(served, open_page):
    page = open_page(served["kabul"] + f"{SLUG}/timeline/").page
    page.emulate_media(media="print")
    assert page.locator("form.tl-filters").is_hidden()
    after = page.eval_on_selector(
        "article.tl-event a[href^='http']", "a => getComputedStyle(a, '::after').content"
    )
    assert "http" in after
    # The time axis is printed once, in its wide drawing, without the zoom.
    assert page.locator("svg.tl-axis-svg:visible").count() == 1
    assert page.locator("svg.tl-axis-wide").is_visible()
    assert page.locator(".tl-axis-zoom").is_hidden()


PAGES = [
    "",
    f"{SLUG}/",
    f"{SLUG}/timeline/",
    f"{SLUG}/events/blinken-wang-call/",
    f"{SLUG}/network/",
    f"{SLUG}/topics/",
    f"{SLUG}/topics/diplomacy/",
    f"{SLUG}/sources/",
    f"{SLUG}/quotes/",
    "actors/",
    "actors/wang-yi/",
    "corrections/",
    "about/",
]


def test_no_console_errors_and_no_other_hosts(served, open_page):
    host = urlsplit(served["kabul"]).netloc
    for path in PAGES:
        watched = open_page(served["kabul"] + path)
        watched.page.wait_for_load_state("networkidle")
        assert watched.errors == [], path
        assert watched.hosts == {host}, (path, watched.hosts)


def test_no_horizontal_scroll_at_320_pixels(served, open_page):
    every_event = [
        f"{SLUG}/events/{p.stem}/"
        for p in sorted((CONTENT / "timelines" / SLUG / "events").glob("*.yaml"))
        if "." not in p.stem  # not a translation
    ]
    for path in PAGES + every_event:
        page = open_page(served["kabul"] + path, viewport={"width": 320, "height": 640}).page
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)


def _violations(page) -> list[str]:
    """What axe-core finds, at every level of impact, minor ones included."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]


@pytest.mark.parametrize(
    ("site", "path"), [*(("kabul", p) for p in PAGES), ("demo", "demo/events/vote/")]
)  # every kind of page, and one with a picture and a media card
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_no_accessibility_violations(served, open_page, site, path, scheme, width):
    page = open_page(served[site] + path, color_scheme=scheme,
                     viewport={"width": width, "height": 900}).page  # fmt: skip
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert _violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_in_search(served, open_page, scheme):
    page = open_page(served["kabul"], color_scheme=scheme).page
    _search(page, "Lavrov")
    assert _violations(page) == []


def test_the_reader_can_switch_between_light_and_dark(served, open_page):
    page = open_page(served["kabul"] + f"{SLUG}/timeline/", color_scheme="light").page
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()  # the choice is kept
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(color_scheme="light")  # a choice outlasts the system's
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.get_by_title("Switch to light mode").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


def test_the_scheme_follows_the_system_until_the_reader_chooses(served, open_page):
    page = open_page(served["kabul"], color_scheme="dark").page
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "slate"
    assert page.get_by_title("Switch to light mode").is_visible()
    page.emulate_media(color_scheme="light")
    page.get_by_title("Switch to dark mode").wait_for()
    assert page.evaluate(scheme) == "default"
    # By keyboard: the switch is a radio group, its arrow keys choose.
    page.locator("input.md-option:checked").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate(scheme) == "slate"
    page.emulate_media(color_scheme="light")
    page.reload()
    assert page.evaluate(scheme) == "slate"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", ""),
        ("timeline", f"{SLUG}/timeline/"),
        ("event", f"{SLUG}/events/blinken-wang-call/"),
    ],
)
def test_screenshots_for_the_readme(served, open_page, name, path):
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page = open_page(served["kabul"] + path, viewport={"width": width, "height": 1000}).page
        shot = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000


def test_the_embed_works_inside_an_iframe_on_another_page(served, open_page):
    """Another site (the other server's origin) frames the embed page."""
    watched = open_page(served["host_page"])
    frame = watched.page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    assert "After the fall of Kabul" in frame.locator("h1").inner_text()
    assert frame.locator(".tl-embed-event").count() == 15
    assert watched.errors == []


_RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def test_the_content_security_policy_holds_and_blocks_injected_script(served, open_page):
    base = served["kabul"]
    for path in ["", f"{SLUG}/timeline/", f"{SLUG}/events/blinken-wang-call/", f"{SLUG}/network/",
                 f"{SLUG}/embed/", "actors/wang-yi/"]:  # fmt: skip
        watched = open_page(base + path)
        watched.page.add_init_script(_RECORD_VIOLATIONS)
        watched.page.reload()
        policy = watched.page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert "script-src 'self'" in policy.get_attribute("content")
        if path == "":
            _search(watched.page, "Lavrov")  # the search worker runs under the policy
        assert watched.page.evaluate("window.__violations") == [], path
        assert [e for e in watched.errors if "Refused" in e or "Security Policy" in e] == []
    # A script that got into the page anyway is refused by the browser.
    ran = watched.page.evaluate(
        """() => { window.__ran = false;
             const s = document.createElement("script");
             s.textContent = "window.__ran = true";
             document.body.appendChild(s);
             return window.__ran; }"""
    )
    assert ran is False
    watched.page.wait_for_function("window.__violations.length > 0")
    assert watched.page.evaluate("window.__violations")[0].startswith("script-src")


def test_no_page_of_either_site_violates_the_policy(served, browser):
    """Every page, each kind and each instance: a page's own inline scripts
    must all be hashed in its policy, or the browser refuses them."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(_RECORD_VIOLATIONS)
    errors: list[str] = []

    def console(message) -> None:
        # Paging this fast, Chromium sometimes probes /favicon.ico before it has
        # read the page's own icon link: the browser's request, not the page's.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(f"{message.text} {message.location['url']}")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    opened = 0
    for name in ("kabul", "demo"):
        folder = Path(served[f"{name} folder"])
        for html in sorted(folder.rglob("*.html")):
            rel = html.relative_to(folder).as_posix()
            if rel == "host-page.html":
                continue
            page.goto(served[name] + rel)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__violations") == [], rel
            assert errors == [], rel
            opened += 1
    context.close()
    assert opened > 60


def test_a_script_in_a_page_is_hashed_by_nothing_and_never_runs(served, open_page):
    """A page whose own HTML carries a script and styles (as if they had slipped
    past escaping and the audit): the policy, made from the theme's scripts alone,
    allows the theme's and refuses these, and no inline style applies."""
    folder = Path(served["kabul folder"])
    page = (folder / SLUG / "events/blinken-wang-call/index.html").read_text(encoding="utf-8")
    evil = (
        "<script>window.__pwned = true</script><style>body{display:none}</style>"
        '<a id="cover" href="https://evil.example/" style="position:fixed;inset:0">x</a>'
    )
    injected = page.replace("</article>", evil + "</article>", 1)
    (folder / SLUG / "events/blinken-wang-call/injected.html").write_text(injected, "utf-8")
    watched = open_page(served["kabul"] + f"{SLUG}/events/blinken-wang-call/injected.html")
    watched.page.add_init_script(_RECORD_VIOLATIONS)
    watched.page.reload()
    watched.page.wait_for_load_state("load")
    assert watched.page.evaluate("window.__pwned") is None
    assert watched.page.evaluate("typeof __md_get") == "function"  # the theme's inline script ran
    assert watched.page.locator("h1").is_visible()  # the <style> did not hide the page
    position = watched.page.evaluate("getComputedStyle(document.getElementById('cover')).position")
    assert position != "fixed"
    violations = sorted(watched.page.evaluate("window.__violations"))
    assert violations == ["script-src-elem inline", "style-src-attr inline",
                          "style-src-elem inline"], violations  # fmt: skip


@contextlib.contextmanager
def _preview(config: Path, tmp_path: Path):
    """`timeline serve` on the project of `config`: its address, once it answers."""
    import subprocess
    import sys

    from helpers import fetch, free_port, wait_for

    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--config-file", str(config),
         "--content", str(config.parent / "content"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=config.parent, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base), "the preview to start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_the_preview_shows_the_problem_instead_of_a_page_that_runs_script(browser, tmp_path):
    """`timeline serve` on a site whose hand-written page carries a script: the
    preview serves what is wrong instead of the page, and the page once fixed."""
    from helpers import site_project

    evil = "# Notes\n\n<script>window.__pwned = true; document.title = 'pwned'</script>\n"
    config = site_project(tmp_path / "project", {"notes.md": evil})
    with _preview(config, tmp_path) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "notes/")
        assert page.locator("h1").inner_text() == "This page was not served"
        assert "script the theme does not run" in page.locator("li").first.inner_text()
        assert page.evaluate("window.__pwned") is None and page.title() != "pwned"
        (config.parent / "pages/notes.md").write_text("# Notes\n\nNothing to run here.\n")
        # The preview reloads the page by itself once the fix is built.
        page.locator("h1", has_text="Notes").wait_for(timeout=30_000)
        assert "Nothing to run here." in page.content()
        context.close()


def test_the_preview_reloads_after_an_edit_and_recovers_after_a_broken_one(browser, tmp_path):
    """The open page follows the editor's edits by itself, under the pages' own
    Content Security Policy: a valid edit shows without a reload by hand; a broken
    one shows its problems above the last good page; the fix takes them away."""
    import time

    from helpers import site_project

    config = site_project(tmp_path / "project")
    event = config.parent / "content" / SPEECH
    with _preview(config, tmp_path) as base:
        context = browser.new_context()
        page = Watched(context.new_page())
        page.page.goto(base + "demo/events/speech/")
        heading = page.page.locator("h1")
        assert heading.inner_text().startswith("Firefly addresses the nation")
        banner = page.page.locator(".tl-preview-problems")

        saved = time.monotonic()
        event.write_text(event.read_text().replace("addresses the nation", "talks to the nation"))
        # How soon is measured, not asserted (bench/RESULTS.md: about 1 s here).
        page.page.locator("h1", has_text="Firefly talks to the nation").wait_for(timeout=15_000)
        print(f"the open page showed the edit {time.monotonic() - saved:.2f} s after the save")

        event.write_text(event.read_text().replace("\ntitle:", "\ntitel:"))
        banner.wait_for(timeout=5_000)
        assert "unknown field 'titel' (did you mean 'title'?)" in banner.inner_text()
        assert heading.inner_text().startswith("Firefly talks to the nation")  # the last good

        event.write_text(event.read_text().replace("\ntitel:", "\ntitle:"))
        banner.wait_for(state="detached", timeout=5_000)
        assert heading.inner_text().startswith("Firefly talks to the nation")
        assert page.errors == []  # nothing refused by the policy, nothing failed
        context.close()


def test_the_accounts_are_compared_point_by_point(served, open_page, story):
    """A row per point, a column per account, "Not mentioned" where an account is
    silent; on a phone, each point stacks its accounts, each named."""
    event = next(v for v in story.events if v.id == "blinken-wang-call").event
    abouts = list(dict.fromkeys(p.about for a in event.accounts for p in a.points))
    assert len(abouts) > 3
    for width in (1280, 375):
        watched = open_page(served["kabul"] + f"{SLUG}/events/blinken-wang-call/",
                            viewport={"width": width, "height": 900})  # fmt: skip
        table = watched.page.locator(".tl-points table")
        headers = table.locator("thead th").all_inner_texts()
        assert headers == ["Point", "US State Department", "Xinhua"]
        assert table.locator("tbody th[scope=row]").all_inner_texts() == abouts
        for row, about in enumerate(abouts):
            cells = table.locator("tbody tr").nth(row).locator("td").all_inner_texts()
            said = [{p.about: p.says for p in a.points}.get(about) for a in event.accounts]
            assert cells == [" ".join(s.split()) if s else "Not mentioned" for s in said]
        display = table.locator("td").first.evaluate("e => getComputedStyle(e).display")
        assert display == ("block" if width == 375 else "table-cell")


# Where the focused element is, and whether a reader can see all of it: on the
# screen, not under the sticky header (unless it is in the header), not 0×0.
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // Material's light/dark switch is a visually hidden radio shown by its label.
  const shown = e.matches("input.md-option") ? e.nextElementSibling : e;
  const r = shown.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const tabs = document.querySelector(".md-tabs");
  const covered = tabs && getComputedStyle(tabs).position === "sticky"
    ? Math.max(header, tabs.getBoundingClientRect().bottom) : header;
  const seen = r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1
    && r.bottom <= innerHeight + 1
    && (e.closest(".md-header, .md-tabs, .md-skip") !== null || r.top >= covered - 1);
  const name = e.innerText || e.getAttribute("aria-label") || "";
  return {seen, what: e.tagName + " " + name.slice(0, 40)};
}"""


@pytest.mark.parametrize("path", [f"{SLUG}/timeline/", f"{SLUG}/events/blinken-wang-call/"])
@pytest.mark.parametrize("width", [1280, 375])
def test_every_tab_stop_is_fully_visible(served, open_page, path, width):
    watched = open_page(served["kabul"] + path, viewport={"width": width, "height": 800})
    watched.page.wait_for_load_state("networkidle")
    hidden, stops = [], 0
    for _ in range(400):
        watched.page.keyboard.press("Tab")
        focused = watched.page.evaluate(_FOCUSED)
        if focused is None:
            break
        stops += 1
        if not focused["seen"]:
            hidden.append(focused["what"])
    assert stops > 20 and hidden == [], hidden


@pytest.mark.parametrize("width", [1280, 375])
def test_the_time_axis_links_every_mark_to_its_event_in_order(served, open_page, width):
    watched = open_page(served["kabul"] + f"{SLUG}/timeline/", viewport={"width": width,
                        "height": 900})  # fmt: skip
    page = watched.page
    axis = page.locator("svg.tl-axis-svg:visible")
    assert axis.count() == 1  # one drawing for this width
    marks = axis.locator("a.tl-mark")
    ids = page.eval_on_selector_all("article.tl-event", "els => els.map(e => e.id)")
    seen = marks.evaluate_all(
        """ms => ms.map(m => [m.getAttribute('href'), m.dataset.at,
                 m.querySelector('circle').getBoundingClientRect().x])"""
    )
    assert [href for href, _, _ in seen] == [f"#{i}" for i in ids]  # each card, once
    assert [s for _, s, _ in seen] == sorted(s for _, s, _ in seen)  # by UTC instant
    xs = [x for _, _, x in seen]
    assert xs == sorted(xs)
    # The 45 years between Saigon and the ETIM listing are a break, not a blank.
    breaks = axis.locator(".tl-break polyline").evaluate_all(
        "ps => ps.map(p => p.getBoundingClientRect().x)"
    )
    assert any(xs[0] < b < xs[1] for b in breaks)
    # A mark is a link to its card; zooming to a day keeps only that day's marks.
    axis.locator('a.tl-mark[data-id="blinken-wang-call"]').click()
    assert page.evaluate("location.hash") == "#blinken-wang-call"
    page.get_by_label("Zoom to").select_option(label="Monday 16 August 2021")
    shown = axis.locator("a.tl-mark:not(.tl-out)").evaluate_all("ms => ms.map(m => m.dataset.id)")
    assert "blinken-wang-call" in shown and "fall-of-saigon" not in shown
    page.get_by_label("Zoom to").select_option(label="Whole timeline")
    assert axis.locator("a.tl-mark.tl-out").count() == 0
    assert watched.errors == []


def test_without_javascript_the_axis_reads_completely(served, open_page):
    page = open_page(served["kabul"] + f"{SLUG}/", java_script_enabled=False).page
    axis = page.locator("svg.tl-axis-svg:visible")
    assert axis.count() == 1 and axis.locator("a.tl-mark").count() == 15
    column = page.locator("article.md-content__inner").bounding_box()["width"]
    assert axis.bounding_box()["width"] >= column - 40  # the column's width, not a thumbnail
    assert axis.locator("a.tl-period").count() == 2
    assert page.locator(".tl-axis-zoom select").count() == 0  # the script's controls only


@pytest.mark.parametrize(("width", "wanted"), [(375, 480), (1280, 960)])
def test_a_picture_loads_in_the_size_the_screen_needs_without_shifting(
    served, open_page, width, wanted
):
    watched = open_page(served["demo"] + "demo/events/vote/",
                        viewport={"width": width, "height": 800})  # fmt: skip
    page = watched.page
    page.evaluate(
        """() => { window.shifts = 0; new PerformanceObserver(list => list.getEntries()
             .forEach(e => { if (!e.hadRecentInput) window.shifts += e.value; }))
             .observe({type: 'layout-shift', buffered: true}); }"""
    )
    image = page.locator("figure.tl-picture img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('figure.tl-picture img').complete")
    loaded = image.evaluate("i => [i.currentSrc, i.naturalWidth, i.getBoundingClientRect().width]")
    assert loaded[0].endswith(f"/media/chamber-{wanted}.jpg") and loaded[1] > 0
    assert loaded[2] <= width
    assert page.locator("figure.tl-picture figcaption").inner_text().endswith("GAZETTE PHOTO DESK")
    # Media elsewhere is a link: nothing is fetched from its host.
    card = page.locator("figure.tl-media-card a")
    assert card.get_attribute("href") == "https://video.gazette.example.org/vote"
    assert watched.hosts == {urlsplit(served["demo"]).netloc}
    assert page.evaluate("window.shifts") <= 0.02


def test_on_a_phone_the_first_event_is_on_the_first_screen_and_nothing_shifts(served, open_page):
    page = open_page(served["kabul"] + f"{SLUG}/timeline/",
                     viewport={"width": 375, "height": 812}).page  # fmt: skip
    page.evaluate(
        """() => { window.shifts = 0; new PerformanceObserver(list => list.getEntries()
             .forEach(e => { if (!e.hadRecentInput) window.shifts += e.value; }))
             .observe({type: 'layout-shift', buffered: true}); }"""
    )
    first = page.locator("article.tl-event").first.bounding_box()
    assert first["y"] + 60 < 812  # its headline, at least, without scrolling
    page.wait_for_timeout(300)
    assert page.evaluate("window.shifts") <= 0.02


def test_readers_local_time_waits_for_a_time_far_down_the_page(served, open_page):
    # Biden's remarks are the one timed event on the Kabul timeline, screens
    # below its top: its "your time" is made when the reader comes near it.
    page = open_page(
        served["kabul"] + f"{SLUG}/timeline/", viewport={"width": 375, "height": 700},
        timezone_id="Asia/Tokyo",
    ).page  # fmt: skip
    biden = page.locator("#biden-defends-withdrawal .tl-when")
    assert page.locator(".tl-yours").count() == 0
    biden.scroll_into_view_if_needed()
    biden.locator(".tl-yours").wait_for()
    assert re.search(r"Your time: .*17.*04:45", biden.inner_text()), biden.inner_text()


def test_clock_times_stand_in_a_rail_beside_the_cards_on_wide_screens(served, open_page):
    url = served["kabul"] + f"{SLUG}/timeline/"
    for width, in_rail in ((1280, True), (375, False)):
        page = open_page(url, viewport={"width": width, "height": 900}).page
        card = page.locator("#biden-defends-withdrawal").bounding_box()
        clock = page.locator("#biden-defends-withdrawal .tl-when time").bounding_box()
        title = page.locator("#biden-defends-withdrawal h3").bounding_box()
        assert (clock["x"] + clock["width"] < card["x"]) is in_rail, width
        # In the rail the time is level with the card's top; above, under its headline.
        assert (clock["y"] < title["y"] + title["height"]) is in_rail, width


# A page of a newsroom's that shows a TimelineJS file with TimelineJS itself (npm
# @knight-lab/timelinejs, served from here; no web fonts from another host).
_TIMELINEJS_PAGE = """<!doctype html><meta charset="utf-8"><title>TimelineJS</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="tl/css/timeline.css">
<script src="tl/js/timeline.js"></script><div id="tl" style="width:1000px;height:600px"></div>
<script>new TL.Timeline("tl", "{name}.json",
  {{script_path: new URL("tl/js/", location.href).href, font: ""}});</script>"""


@needs_node_programs()
@pytest.mark.parametrize(("content", "slug"), [(CONSUMERS_CONTENT, "world"), (CONTENT, SLUG)])
def test_timelinejs_shows_our_export_in_our_order_with_its_dates(
    open_page, tmp_path, content, slug
):
    corpus = check_corpus(load_content(content))
    exported = render_site(corpus, base_url="https://news.example.org/").pages
    folder = tmp_path / "newsroom"
    shutil.copytree(NODE_PROGRAMS / "node_modules/@knight-lab/timelinejs/dist", folder / "tl")
    (folder / f"{slug}.json").write_text(exported[f"{slug}/data/timelinejs.json"], "utf-8")
    (folder / "index.html").write_text(_TIMELINEJS_PAGE.format(name=slug), "utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host = f"127.0.0.1:{server.server_address[1]}"
        watched = open_page(f"http://{host}/", viewport={"width": 1100, "height": 700})
        slides = watched.page.locator(".tl-slide")
        events = corpus.timelines[slug].events
        slides.nth(len(events)).wait_for(state="attached")
        shown = slides.evaluate_all(
            "all => all.map(s => [s.id, (s.querySelector('.tl-headline-date') || {}).textContent"
            " || '', (s.querySelector('.tl-headline') || {}).textContent || '',"
            " s.textContent])"
        )
    finally:
        server.shutdown()
    assert [s[0] for s in shown] == [slug] + [e.id for e in events]  # ours, by instant
    assert watched.errors == [] and watched.hosts == {host}
    dates = {s[0]: s[1] for s in shown}
    assert not any("((" in d or "))" in d for d in dates.values())
    if slug == "world":  # in UTC Kabul's evening comes before New York's afternoon
        assert dates["new-york-summer"] == (
            "Sunday 15 August 2021, 15:00 — 16:30 Eastern Daylight Time (UTC−04:00)"
        )
        assert dates["formula"] == "Monday 16 August 2021 — Wednesday 18 August 2021"
        assert dates["talks-in-september"] == "About September 2021"
        assert dates["london-1960-summer"].endswith("12:00 British Summer Time (UTC+01:00)")
        texts = {s[0]: s[3] for s in shown}
        assert "On the date: The Gazette says only that the talks" in texts["talks-in-september"]
        titles = {s[0]: s[2] for s in shown}
        assert titles["formula"] == '=HYPERLINK("https://evil.example/","Click")'


@pytest.fixture(scope="module")
def served_rtl(tmp_path_factory):
    """The Kabul explainer built with `theme.language: fa`: Persian, right to left."""
    yield from _served_in(tmp_path_factory, "fa")


@pytest.fixture(scope="module")
def served_zh(tmp_path_factory):
    """The Kabul explainer built with `theme.language: zh`: Simplified Chinese."""
    yield from _served_in(tmp_path_factory, "zh")


def _served_in(tmp_path_factory, language: str):
    """The Kabul explainer built with `theme.language: <language>`, served."""
    from helpers import site_project

    out = tmp_path_factory.mktemp(language)
    config = site_project(out / "project")
    shutil.rmtree(config.parent / "content")
    shutil.copytree(CONTENT, config.parent / "content")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"),
                      encoding="utf-8")  # fmt: skip
    build_site(config, None, out / "site", out / "docs")
    handler = functools.partial(_Quiet, directory=str(out / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_right_to_left_site_reads_its_time_axis_from_right_to_left(served_rtl, open_page,
                                                                     width):  # fmt: skip
    """Time runs from right to left, each label reads forwards (not mirrored)
    and in its own language's order, and the page fits a phone."""
    watched = open_page(served_rtl + f"{SLUG}/timeline/",
                        viewport={"width": width, "height": 900})  # fmt: skip
    page = watched.page
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    drawing = page.locator("figure.tl-axis svg.tl-axis-svg:visible").first
    marks = drawing.locator("a.tl-mark circle")
    first, last = marks.first.bounding_box(), marks.last.bounding_box()
    assert first["x"] > last["x"]  # the earliest event on the right
    box = drawing.bounding_box()
    readable = drawing.evaluate("""svg => [...svg.querySelectorAll('text')].map(t => {
        const m = new DOMMatrix(getComputedStyle(svg).transform)
          .multiply(new DOMMatrix(getComputedStyle(t).transform));
        const r = t.getBoundingClientRect();
        return [t.textContent, m.a, r.left, r.right];
    })""")
    assert readable and all(a > 0 for _, a, _, _ in readable), readable  # not mirrored
    assert all(box["x"] - 8 <= left and right <= box["x"] + box["width"] + 8
               for _, _, left, right in readable), (box, readable)  # fmt: skip
    texts = [t for t, *_ in readable]
    assert any(re.search("[۰-۹]", t) for t in texts), texts  # the calendar in Persian digits
    assert not [t for t in texts if re.search("[0-9]", t)], texts
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The cards mirror too: their rule on the right, where a line of them starts.
    rule = page.locator(".tl-event").first.evaluate("""card => { const s = getComputedStyle(card);
        return [parseFloat(s.borderRightWidth), parseFloat(s.borderLeftWidth)]; }""")
    assert rule[0] > 0 and rule[1] == 0, rule
    assert _violations(page) == []
    assert watched.errors == []


def test_a_right_to_left_site_fits_320_px(served_rtl, open_page):
    for path in (f"{SLUG}/timeline/", f"{SLUG}/", f"{SLUG}/network/", ""):
        page = open_page(served_rtl + path, viewport={"width": 320, "height": 640}).page
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_a_persian_sites_script_speaks_persian_in_persian_digits(served_rtl, open_page):
    """The filters' count, the zoom and its count, from the catalogue through
    the page (theme/main.html): no English, and the page's own digits."""
    from generator.views.interface import Interface

    words = Interface("fa")
    watched = open_page(served_rtl + f"{SLUG}/timeline/", viewport={"width": 1280, "height": 900})
    page = watched.page
    count = page.locator(".tl-filter-count").inner_text()
    assert count == words.gettext("Showing all %(num)s events") % {"num": "۱۵"}
    page.locator(".tl-filter-box summary").click()
    page.select_option("select[name=actor]", "sergey-lavrov")
    count = page.locator(".tl-filter-count").inner_text()
    assert re.search("[۰-۹]", count) and not re.search("[0-9A-Za-z]", count), count
    zoom = page.get_by_label(words.gettext("Zoom to"))
    options = zoom.locator("option").all_inner_texts()
    assert options[0] == words.gettext("Whole timeline")
    zoom.select_option(index=len(options) - 1)  # a crowded day
    status = page.locator(".tl-zoom-status").inner_text().strip()
    assert re.search("[۰-۹]", status) and not re.search("[0-9A-Za-z]", status), status
    assert watched.errors == []


def test_a_chinese_site_finds_a_chinese_word_inside_a_phrase(served_zh, open_page):
    """Search in Chinese: jieba's words at build time and the separator that
    splits at them (mkdocs.yml), so that "说法" finds the heading "各方说法"
    (Competing accounts) of the events that compare accounts."""
    from generator.views.interface import Interface

    heading = Interface("zh").gettext("Competing accounts")
    assert heading == "各方说法"  # the shipped catalogue's: the query is a word inside it
    watched = open_page(served_zh)
    page = watched.page
    results = _search(page, "说法 ")  # the space: a key after the characters, as an IME ends
    assert results.count() >= 1
    texts = page.locator(".md-search-result__link").all_inner_texts()
    assert any("说法" in t for t in texts), texts
    assert watched.errors == []


def test_the_language_menu_reaches_the_same_event_in_each_language(served, open_page):
    """From the English event to its Chinese translation and back: the same
    event, its page in that language (lang, headline, interface, dates)."""
    event = "blinken-wang-call"
    watched = open_page(served["kabul"] + f"{SLUG}/events/{event}/")
    page = watched.page
    english = page.locator("h1").inner_text()
    menu = page.locator("nav.tl-languages")
    assert menu.locator("[aria-current=page]").inner_text() == "English"
    menu.get_by_role("link", name="中文 (简体)").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/zh-Hans/{SLUG}/events/{event}/")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    chinese = page.locator("h1").inner_text()
    assert chinese != english and re.search("[\u4e00-\u9fff]", chinese)
    assert "2021年8月16日" in page.locator(".tl-when").first.inner_text()
    assert page.locator("nav.tl-languages [aria-current=page]").inner_text() == "中文 (简体)"
    page.locator("nav.tl-languages").get_by_role("link", name="فارسی").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/fa/{SLUG}/events/{event}/")
    assert page.evaluate("[document.documentElement.lang, document.body.dir]") == ["fa", "rtl"]
    page.locator("nav.tl-languages").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{SLUG}/events/{event}/") and "/fa/" not in page.url
    assert page.locator("h1").inner_text() == english
    assert watched.errors == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_persian_translation_reads_right_to_left(served, open_page, width):
    """The Persian timeline on an English site: right to left, its axis from
    right to left, no sideways scroll, nothing axe finds."""
    watched = open_page(served["kabul"] + f"fa/{SLUG}/timeline/",
                        viewport={"width": width, "height": 900})  # fmt: skip
    page = watched.page
    assert page.evaluate("[document.documentElement.lang, document.body.dir]") == ["fa", "rtl"]
    axis = page.locator("svg.tl-axis-svg:visible")
    marks = axis.locator("a.tl-mark").evaluate_all(
        "ms => ms.map(m => [m.dataset.id, m.getBoundingClientRect().x])"
    )
    xs = dict(marks)
    assert xs["fall-of-saigon"] > xs["kabul-airport-deaths"]  # the earliest on the right
    from generator.views.interface import Interface

    zoom = page.locator(".tl-axis-zoom label").first.inner_text().strip()
    assert zoom.startswith(Interface("fa").gettext("Zoom to"))  # the page's words, not the site's
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _violations(page) == []
    assert watched.errors == []


def test_a_reader_following_a_person_from_the_persian_translation_stays_in_persian(
    served, open_page
):
    """The names on a translated page are in its language, and a person's link
    leads to their page in it: its menus, its search box, its quotes (with the
    words as reported) in Persian; axe finds nothing."""
    watched = open_page(served["kabul"] + f"fa/{SLUG}/events/blinken-wang-call/")
    page = watched.page
    page.locator("article, .md-content").get_by_role("link", name="وانگ یی").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/fa/actors/wang-yi/")
    assert page.evaluate("[document.documentElement.lang, document.body.dir]") == ["fa", "rtl"]
    assert page.locator("h1").inner_text().strip().rstrip("¶") == "وانگ یی"
    assert page.get_attribute("input[data-md-component=search-query]", "placeholder") == "جستجو"
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs][-2:] == ["اشخاص و نهادها", "اصلاحیه‌ها و به‌روزرسانی‌ها"]
    quote = page.locator(".tl-quote").first
    assert quote.locator("blockquote").inner_text().startswith("«")
    assert "China is willing to communicate" in quote.locator(".tl-quote-original").inner_text()
    assert _violations(page) == []
    assert watched.errors == []


def test_the_persian_translation_fits_320_px(served, open_page):
    for path in (f"fa/{SLUG}/timeline/", f"fa/{SLUG}/", f"fa/{SLUG}/events/blinken-wang-call/",
                 "fa/actors/wang-yi/", "fa/"):  # fmt: skip
        page = open_page(served["kabul"] + path, viewport={"width": 320, "height": 640}).page
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
