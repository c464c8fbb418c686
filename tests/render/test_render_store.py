"""The render a build keeps on disk for the next (render/render_store.py): read
back, it makes the site a render without it makes, shared out over two processes
too, and what is damaged or made by other code is rendered again."""

from __future__ import annotations

import json

import pytest
from helpers import synthetic_content

from generator.content.load import load_content
from generator.content.validate import check_corpus
from generator.render import render_store, renderer, shared_out
from generator.render.render_store import RenderStore


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    content = synthetic_content(tmp_path_factory.mktemp("stored"), 60)
    return check_corpus(load_content(content))


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    uris: list[str] = []
    real = renderer._Renderer._render
    monkeypatch.setattr(renderer._Renderer, "_render",
                        lambda self, page: uris.append(page.uri) or real(self, page))  # fmt: skip
    return uris


def _site(site: renderer.Site) -> tuple:
    return list(site.pages.items()), site.files, site.nav, site.html_pages


def test_a_stored_render_shared_out_is_the_render_without_it(
    corpus, tmp_path, monkeypatch, rendered
):
    monkeypatch.setattr(shared_out, "spare_cores", lambda: 1)  # another process on any machine
    monkeypatch.setattr(shared_out, "SMALLEST_SITE", 1)
    plain = _site(renderer.render_site(corpus))
    everything = len(plain[3])
    rendered.clear()
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    assert len(rendered) < everything  # only this process's: the others' came back as text
    rendered.clear()
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    # Only the pages that read the whole site, every time.
    assert 0 < len(rendered) < everything / 4


def test_a_damaged_or_missing_page_is_rendered_again(corpus, tmp_path, rendered):
    plain = _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path)))
    kept = sorted(tmp_path.glob("*.md"))
    kept[0].write_text(kept[0].read_text(encoding="utf-8") + "<script>x()</script>\n")
    kept[1].unlink()
    rendered.clear()
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    rendered.clear()
    renderer.render_site(corpus, store=RenderStore.load(tmp_path))
    repaired = len(rendered)
    (tmp_path / render_store.PIECES).write_text("{not json", encoding="utf-8")
    rendered.clear()
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    assert len(rendered) > repaired  # an unreadable store is no store


def test_other_code_renders_everything_again(corpus, tmp_path, monkeypatch, rendered):
    renderer.render_site(corpus, store=RenderStore.load(tmp_path))
    everything = len(rendered)
    monkeypatch.setattr(render_store, "code_digest", lambda: "another version")
    rendered.clear()
    renderer.render_site(corpus, store=RenderStore.load(tmp_path))
    assert len(rendered) == everything


def test_a_damaged_data_file_part_is_made_again(corpus, tmp_path, monkeypatch):
    plain = _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path)))
    pieces = tmp_path / render_store.PIECES
    lines = pieces.read_text(encoding="utf-8").splitlines()
    made: list[str] = []
    real = RenderStore.piece
    monkeypatch.setattr(RenderStore, "piece", lambda self, where, read, make: real(
        self, where, read, lambda: made.append(where) or make()))  # fmt: skip
    broken_part = lines[1].partition("\t")[0] + '\t{"dict": [[1'
    pieces.write_text("\n".join([lines[0], broken_part, "not a line", *lines[2:]]) + "\n")
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    assert made == [json.loads(lines[1].partition("\t")[0])[0]]  # that part alone
    made.clear()
    assert _site(renderer.render_site(corpus, store=RenderStore.load(tmp_path))) == plain
    assert made == []  # and kept again
