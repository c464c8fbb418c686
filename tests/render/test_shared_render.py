"""A large site rendered by two processes is the one a single process renders."""

from __future__ import annotations

import pytest
from helpers import synthetic_content

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.render import renderer, shared_out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    content = synthetic_content(tmp_path_factory.mktemp("shared"), 60)
    return check_corpus(load_content(content))


def test_pages_dealt_out_to_another_process_are_the_same(corpus, monkeypatch):
    monkeypatch.setattr(shared_out, "spare_cores", lambda: 1)  # another process on any machine
    monkeypatch.setattr(shared_out, "SMALLEST_SITE", 10**9)
    alone = renderer.render_site(corpus)
    monkeypatch.setattr(shared_out, "SMALLEST_SITE", 1)
    shared = renderer.render_site(corpus)
    assert list(shared.pages) == list(alone.pages) and shared.pages == alone.pages
    assert shared.html_pages == alone.html_pages and len(shared.html_pages) > 60


def test_a_page_that_fails_in_the_other_process_fails_the_render(corpus, monkeypatch):
    monkeypatch.setattr(shared_out, "spare_cores", lambda: 1)
    monkeypatch.setattr(shared_out, "SMALLEST_SITE", 1)
    render = renderer._Renderer._render

    def failing(self, page):
        if "/events/e0000" in page.uri:  # some in each process
            raise ValueError(f"cannot render {page.uri}")
        return render(self, page)

    monkeypatch.setattr(renderer._Renderer, "_render", failing)
    with pytest.raises((RuntimeError, ValueError), match="cannot render"):
        renderer.render_site(corpus)
