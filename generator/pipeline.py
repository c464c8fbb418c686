"""The core pipeline, in the calls the command line and the MkDocs adapter make:
content folder in, checked corpus, page tree and exports out.

load -> validate -> (views) -> render -> write. Neither caller does any of the
work itself; while previewing, both hand in the one `BuildCache` they keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import checking
from .content.drafts import published
from .content.load import ParseCache
from .content.validate import Corpus, ModelCache
from .errors import UsageError
from .exports.formats import FORMATS
from .render.render_store import RenderStore
from .render.renderer import PageCache, Site, read_hand_written, render_site
from .views.addresses import DEFAULT_BASE_URL
from .views.site_view import Publication, build_views
from .write import WriteCache, Written, write_pages


@dataclass
class BuildCache:
    """What a live preview keeps from one build to the next, so that a rebuild
    redoes only what an edit changed: the parsed files, the validated models, the
    rendered pages. A one-off build keeps none (None wherever one is taken)."""

    parses: ParseCache = field(default_factory=ParseCache)
    models: ModelCache = field(default_factory=ModelCache)
    pages: PageCache = field(default_factory=PageCache)
    written: WriteCache = field(default_factory=WriteCache)


def checked_content(
    content: Path, cache: BuildCache | None = None, pages: Path | None = None
) -> Corpus:
    """checking.checked_content, with what a live preview keeps in `cache`."""
    return checking.checked_content(content, pages, cache and cache.parses, cache and cache.models)


def compile_site(
    content: Path,
    pages: Path | None = None,
    base_url: str = DEFAULT_BASE_URL,
    corpus: Corpus | None = None,
    cache: BuildCache | None = None,
    publication: Publication | None = None,
    drafts: bool = False,
    store: RenderStore | None = None,
) -> Site:
    """The rendered site; raises ContentError listing every content problem.
    `pages` is the folder of hand-written pages, if any; `corpus` the content
    already validated, when the caller has just done so; `publication` the site's
    name and description; `store` the last build's render, kept on disk."""
    corpus = corpus or checked_content(content, cache, pages)
    if not drafts:
        corpus = published(corpus)
    hand_written = read_hand_written(pages)
    return render_site(corpus, hand_written, base_url, cache and cache.pages, publication, store)


def generate(
    content: Path,
    docs_dir: Path,
    pages: Path | None = None,
    base_url: str = DEFAULT_BASE_URL,
    corpus: Corpus | None = None,
    cache: BuildCache | None = None,
    publication: Publication | None = None,
    drafts: bool = False,
    store: RenderStore | None = None,
) -> tuple[Site, Written]:
    """Render the content and write it into `docs_dir` (the MkDocs docs folder);
    with `drafts`, the drafts too (a preview), else the published content alone."""
    site = compile_site(content, pages, base_url, corpus, cache, publication, drafts, store)
    return site, write_pages(site, docs_dir, cache and cache.written)


def export_timeline(corpus: Corpus, fmt: str, slug: str | None, base_url: str) -> str:
    """One timeline in one export format (see exports.formats.FORMATS)."""
    if slug is None and len(corpus.timelines) == 1:
        slug = next(iter(corpus.timelines))
    view = build_views(corpus)
    timeline = next((t for t in view.timelines if t.slug == slug), None)
    if timeline is None:
        raise UsageError(f"choose one of: {', '.join(corpus.timelines)}", option="--timeline")
    return FORMATS[fmt][1](view, timeline, base_url)
