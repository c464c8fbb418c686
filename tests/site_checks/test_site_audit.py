"""The audit after every build: a page may run only what the theme itself runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, VALID_CONTENT, split_pages

from generator import pipeline
from generator.mkdocs_adapter.engine import BuildFailed, build_site
from generator.site_checks.audit import audit_page, audit_site, theme_of

CONFIG = REPO / "mkdocs.yml"
PAGE = "demo/events/speech/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audited")
    build_site(CONFIG, VALID_CONTENT, out / "site", out / "docs")
    return out / "site"


def test_a_built_site_runs_only_the_theme(site):
    findings, pages = audit_site(site)
    assert findings == [] and pages > 10


# (what lands in a page, what the audit says)
TAMPERED = [
    ('<a href="javascript:alert(1)">x</a>', "javascript: link in href of <a>"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "javascript: link in href of <a>"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: link in href of <a>"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: link in href of <a>"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: link in href of <a>"),
    ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="">', "data: link in src"),
    ('<img srcset="a.png 1x, data:image/png;base64,AAAA 2x" alt="">', "data: link in srcset"),
    ('<div onclick="alert(1)">x</div>', "event handler onclick on <div>"),
    ("<svg onload=alert(1)></svg>", "event handler onload on <svg>"),
    ('<p title="a>b" onmouseover="alert(1)">x</p>', "event handler onmouseover on <p>"),
    ("<IMG SRC=x ONERROR=alert(1)>", "event handler onerror on <img>"),
    # Attributes as a browser separates them: by a slash, by nothing after a
    # quoted value, by a form feed.
    ("<svg/onload=alert(1)></svg>", "event handler onload on <svg>"),
    ("<img/onerror=alert(1)/src=x>", "event handler onerror on <img>"),
    ('<img src="x"onerror=alert(1)>', "event handler onerror on <img>"),
    ("<p\x0conclick=alert(1)>x</p>", "event handler onclick on <p>"),
    ("<a/href=javascript:alert(1)>x</a>", "javascript: link in href of <a>"),
    ("<iframe/src=https://evil.example/></iframe>", "<iframe> element"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe> element"),
    ('<object data="https://evil.example/x.swf"></object>', "<object> element"),
    ('<embed src="https://evil.example/x.swf">', "<embed> element"),
    ("<script>alert(1)</script>", "script the theme does not run"),
    ('<script type="module">alert(1)</script>', "script the theme does not run"),
    ('<script src="https://evil.example/x.js"></script>', "script from outside the theme"),
    (
        '<script src="//evil.example/assets/javascripts/timeline.js"></script>',
        "script from outside",
    ),
    ('<script src="../../../../../x/timeline.js"></script>', "script from outside the theme"),
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', "http-equiv=refresh"),
    ('<form action="https://evil.example/"><input name="q"></form>', "a form that is not"),
    ('<form class="md-search__form" action="https://evil.example/"></form>', "a form that is not"),
    ('<base href="https://evil.example/">', "<base href> element"),
    ('<script type="application/ld+json">{"a": "x</b>"}</script>', "structured data holding '<'"),
    ('<script type="application/ld+json">{"a": </script>', "structured data that is not JSON"),
    ('<a href="file:///etc/passwd">x</a>', "file: link in href of <a>"),
    # What hides or takes over the page without a script.
    ("<style>body{display:none}</style>", "<style> element the theme does not have"),
    ("<svg><style>*{display:none}</style></svg>", "<style> element the theme does not have"),
    (
        '<a href="https://evil.example/login" style="position:fixed;inset:0">Sign in</a>',
        "style attribute on <a>",
    ),
    ("<plaintext>", "<plaintext> element"),
    ("<xmp><p>x</p></xmp>", "<xmp> element"),
    ("<template><script>alert(1)</script></template>", "<template> element"),
    ('<input type="password" name="pw">', "<input> outside the theme's forms"),
    ("<button>Sign in</button>", "<button> outside the theme's forms"),
    ("<textarea>x</textarea>", "<textarea> outside the theme's forms"),
    ('<input type="checkbox" id="__drawer2">', "<input> outside the theme's forms"),
    ('<base target="_blank" href="https://evil.example/">', "<base href> element"),
    ('<base target="_blank">', "<base> element"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc attribute"),
    ('<a href="https://example.org/" ping="https://evil.example/">x</a>', "ping attribute"),
    # Anything loaded from another host.
    ('<img src="https://evil.example/pixel.gif" alt="">', "loads https://evil.example/pixel"),
    ('<img src="//evil.example/pixel.gif" alt="">', "from another host"),
    ('<img src="/\\evil.example/pixel.gif" alt="">', "from another host"),
    ('<img srcset="https://evil.example/a.png 2x" alt="">', "from another host"),
    ('<video poster="https://evil.example/p.png"></video>', "from another host"),
    ('<audio src="https://evil.example/a.mp3"></audio>', "from another host"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link rel=stylesheet> loads"),
    ('<link rel="preconnect" href="https://evil.example/">', "<link rel=preconnect> loads"),
    ('<svg><image href="https://evil.example/x.svg"/></svg>', "<image> loads from another host"),
    ('<table background="https://evil.example/bg.png"></table>', "from another host"),
    # Read as a browser reads it: a comment does not hide what follows it.
    ("<!-- x --!><script>alert(1)</script>", "script the theme does not run"),
]


@pytest.mark.parametrize(("snippet", "says"), TAMPERED)
def test_anything_else_active_is_found(site, snippet, says):
    theme = theme_of((site / "404.html").read_text(encoding="utf-8"))
    page = (site / PAGE).read_text(encoding="utf-8")
    article = page.index("<article")
    tampered = page[:article] + "\n" + snippet + "\n" + page[article:]
    findings = [f for f in audit_page(PAGE, tampered, site, theme) if says in str(f)]
    assert findings, (snippet, audit_page(PAGE, tampered, site, theme))
    assert findings[0].line == page[:article].count("\n") + 2  # the snippet's own line


def test_an_injected_script_is_hashed_by_no_policy(site):
    """The policy trusts the theme's inline scripts, read off the 404 page, never
    the page's own: an injected script is refused by the browser too."""
    from generator.site_checks.csp import policy_for

    theme = theme_of((site / "404.html").read_text(encoding="utf-8"))
    page = (site / PAGE).read_text(encoding="utf-8")
    article = page.index("<article")
    tampered = page[:article] + "<script>alert(1)</script>" + page[article:]
    assert policy_for(tampered, theme) == policy_for(page, theme)
    assert policy_for(page, None).split("script-src ")[1].startswith("'self';")


def test_safe_links_and_the_themes_own_scripts_pass(site):
    theme = theme_of((site / "404.html").read_text(encoding="utf-8"))
    page = (site / PAGE).read_text(encoding="utf-8")
    article = page.index("<article")
    fine = (
        '<a href="https://example.org/?q=javascript:x">a</a>'
        ' <a href="mailto:desk@example.org">b</a> <a href="../vote/#top">c</a>'
        ' <p>onclick="x" in text is only text</p>'
    )
    assert audit_page(PAGE, page[:article] + fine + page[article:], site, theme) == []


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_a_page_that_runs_script_fails_the_build_and_keeps_the_site(
    tmp_path, monkeypatch, processes
):
    # Several: the pages dealt out to other processes too, as a large site's are.
    made = split_pages(monkeypatch, processes) if processes > 1 else []
    site = tmp_path / "site"
    build_site(CONFIG, VALID_CONTENT, site, tmp_path / "docs")
    before = (site / "index.html").read_bytes()
    real = pipeline.read_hand_written
    evil = "# Notes\n\n<script>alert(document.cookie)</script>\n"
    monkeypatch.setattr(pipeline, "read_hand_written", lambda *a: {**real(*a), "notes.md": evil})
    with pytest.raises(BuildFailed) as failed:
        build_site(CONFIG, VALID_CONTENT, site, tmp_path / "docs")
    assert "notes/index.html:" in str(failed.value)
    assert "script the theme does not run" in str(failed.value)
    assert (site / "index.html").read_bytes() == before
    assert not (site / "notes").exists()
    if made:  # one of the counts has the page built by another process
        assert [split.processes for split in made] == [processes] * 2
        assert processes == 2 or not made[-1].mine("notes.md")


def test_every_page_carries_its_policy_before_any_script(site):
    import base64
    import hashlib
    import re

    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert meta, path
        assert meta.start() < page.index("<script") if "<script" in page else True
        inline = re.findall(r"<script>(.*?)</script>", page, re.S)
        expected = {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in inline
        }
        scripts = meta.group(1).split("script-src ", 1)[1].split(";", 1)[0].split()
        assert scripts[0] == "'self'" and set(scripts[1:]) == expected, path
        assert "object-src 'none'" in meta.group(1) and "base-uri 'none'" in meta.group(1)


def test_the_policy_allows_the_themes_own_styles_and_no_other():
    """A theme whose pages carry a <style> (a site's custom_dir may add one) keeps
    it, by hash; a style a page adds is allowed by nothing."""
    import base64
    import hashlib

    from generator.site_checks.csp import policy_for

    own = "a{color:red}"
    theme = theme_of(f"<html><head><style>{own}</style></head><body></body></html>")
    page = f"<html><head><style>{own}</style></head><body><style>*{{display:none}}</style>"
    styles = policy_for(page, theme).split("style-src ")[1].split(";")[0].split()
    digest = base64.b64encode(hashlib.sha256(own.encode()).digest()).decode()
    assert styles == ["'self'", f"'sha256-{digest}'"]
    assert policy_for("<html><head></head></html>", theme_of("<html></html>")).count(
        "style-src 'self';"
    )
