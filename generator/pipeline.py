"""The whole core pipeline in one call: content folder in, page tree out.

load -> validate -> render -> write. Both the command line and the MkDocs
hook call this; neither does any of the work itself.
"""

from __future__ import annotations

from pathlib import Path

from .load import keep_parses, load_content
from .render import DEFAULT_URL, PAGES, Site, keep_pages, render_site
from .validate import Corpus, check_corpus, keep_models
from .write import Written, write_pages


def keep_between_builds(keep: bool = True) -> None:
    """While previewing, keep each build's parsed files, models and pages, so
    that the next build redoes only what an edit changed; off, nothing is kept."""
    keep_parses(keep)
    keep_models(keep)
    keep_pages(keep)


def compile_site(
    content: Path, pages: Path = PAGES, base_url: str = DEFAULT_URL, corpus: Corpus | None = None
) -> Site:
    """The rendered site; raises ContentError listing every content problem.
    `corpus` is the content already validated, when the caller has just done so."""
    return render_site(corpus or check_corpus(load_content(content)), pages, base_url)


def generate(
    content: Path,
    docs_dir: Path,
    pages: Path = PAGES,
    base_url: str = DEFAULT_URL,
    corpus: Corpus | None = None,
) -> tuple[Site, Written]:
    """Render the content and write it into `docs_dir` (the MkDocs docs folder)."""
    site = compile_site(content, pages, base_url, corpus)
    return site, write_pages(site, docs_dir)
