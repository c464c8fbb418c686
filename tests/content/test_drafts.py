"""Drafts: `draft: true` on an event or a timeline. What publishing needs is a
warning in a draft and stays an error in published content; the published site
leaves drafts out; a published event may not link to a draft."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO, SPEECH, TIMELINE, VOTE

from generator.content.drafts import draft_count, published

RUMOUR = "timelines/demo/events/rumour.yaml"
BARE = "title: A rumour of a cabinet reshuffle\ndate: 2021-08-18\n"


def _said(problems):
    return [(p.source_path, p.line, p.column, p.severity, p.message) for p in problems]


def test_a_draft_may_lack_a_summary_and_sources_and_is_told_what_it_needs(content_tree):
    content_tree.write(RUMOUR, BARE + "draft: true\n")
    corpus, problems = content_tree.validate()
    assert corpus is not None
    assert _said(problems) == [
        (RUMOUR, 1, 1, "warning", "this draft has no sources yet: before publishing, add "
         "sources: with at least one document that reports it (id, outlet, title, url)"),
        (RUMOUR, 1, 1, "warning", "this draft has no summary yet: before publishing, add "
         "summary: with one paragraph, in your own words, of what happened"),
    ]  # fmt: skip
    assert draft_count(corpus) == (0, 1)
    rumour = next(e for e in corpus.timelines["demo"].events if e.id == "rumour")
    assert rumour.draft and rumour.event.summary.startswith("(No summary yet")


def test_published_content_still_needs_them(content_tree):
    content_tree.write(RUMOUR, BARE)
    corpus, problems = content_tree.validate()
    assert corpus is None
    assert {(p.severity, p.code) for p in problems} == {("error", "missing")}
    assert len(problems) == 2


def test_a_draft_is_checked_like_the_rest(content_tree):
    content_tree.write(RUMOUR, BARE + "draft: true\nimportance: huge\n")
    corpus, problems = content_tree.validate()
    assert corpus is None
    assert [p.severity for p in problems].count("error") == 1


def test_a_published_event_may_not_link_to_a_draft(content_tree):
    content_tree.replace(VOTE, "\ntitle:", "\ndraft: true\ntitle:")
    corpus, problems = content_tree.validate()
    assert corpus is None
    errors = [p for p in problems if p.is_error]
    assert [(p.source_path, p.code) for p in errors] == [
        ("timelines/demo/events/aftermath.yaml", "links-to-draft"),
        (SPEECH, "links-to-draft"),
    ]
    assert errors[1].message == (
        "'vote' is a draft: a published event cannot link to it; publish it (take out its "
        "draft: true) or take it out of related"
    )
    assert (errors[1].line, errors[1].column) == (52, 5)


def test_a_draft_timeline_makes_drafts_of_its_events_and_its_periods(content_tree):
    content_tree.replace(TIMELINE, "\ntitle:", "\ndraft: true\ntitle:")
    content_tree.write(RUMOUR, BARE)  # no draft: true of its own
    text = content_tree.read(TIMELINE) + (
        "periods:\n  - id: budget-week\n    title: The budget week\n"
        "    start: 2021-08-15\n    end: 2021-08-20\n"
    )
    content_tree.write(TIMELINE, text)
    corpus, problems = content_tree.validate()
    assert corpus is not None and all(p.severity == "warning" for p in problems)
    assert any(
        p.source_path == TIMELINE and p.message.startswith("period 'budget-week' has no sources")
        for p in problems
    ), _said(problems)
    assert draft_count(corpus) == (1, 0)
    assert all(e.draft for e in corpus.timelines["demo"].events)
    assert published(corpus).timelines == {}
    assert published(corpus).pictures == {}  # the draft's pictures are not published


def test_the_published_corpus_leaves_draft_events_out(content_tree):
    content_tree.write(RUMOUR, BARE + "draft: true\n")
    corpus, _ = content_tree.validate()
    kept = published(corpus)
    assert [e.id for e in kept.timelines["demo"].events] == ["speech", "vote", "aftermath"]
    assert "chamber.jpg" in kept.pictures  # a published event's picture stays


def _timeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=REPO)  # fmt: skip


def test_check_says_how_many_drafts_and_build_leaves_them_out_unless_asked(content_tree, tmp_path):
    content_tree.write(RUMOUR, BARE + "draft: true\n")
    root = str(content_tree.root)
    checked = _timeline("check", "--content", root)
    assert checked.returncode == 0, checked.stderr
    assert f"{RUMOUR}:1:1: warning: this draft has no summary yet" in checked.stdout
    assert checked.stderr.splitlines()[-1] == (
        "1 draft event(s) in published timelines: the preview shows them, `timeline build` "
        "leaves them out; the 2 warning(s) above say what they still need"
    )
    for flags, there, said in (
        ([], False, "left out of the site: 1 draft event(s) in published timelines; "
                    "`timeline build --drafts` builds them too"),
        (["--drafts"], True, "this site includes 1 draft event(s) in published timelines: "
                             "a preview to share, not to publish"),
    ):  # fmt: skip
        site = tmp_path / f"site{len(flags)}"
        built = _timeline("build", "--content", root, "--site-dir", str(site),
                          "--docs-dir", str(tmp_path / f"docs{len(flags)}"), *flags)  # fmt: skip
        assert built.returncode == 0, built.stderr
        assert built.stderr.splitlines()[-1] == said
        page = site / "demo/events/rumour/index.html"
        assert page.exists() is there
        if there:
            html = page.read_text(encoding="utf-8")
            assert '<p class="tl-draft-banner" role="note"><strong>Draft</strong>' in html
            assert "No sources yet: this draft needs at least one before it is published." in html
