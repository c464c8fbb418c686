"""The check alone: a content folder in, the validated corpus and every problem out.

Kept apart from the rest of the pipeline so that `timeline check`, which the
pre-commit hook runs on every commit, loads none of the render and export code
it never uses (about 0.13 s, a quarter of a small site's check)."""

from __future__ import annotations

from pathlib import Path

from .content.load import ParseCache, load_content
from .content.problems import ContentError, Problem
from .content.validate import Corpus, ModelCache, validate_content
from .errors import UsageError
from .gc_pauses import without_gc_pauses
from .hand_written import hand_written_names


def require_folder(content: Path) -> Path:
    """`content`, which must be a folder."""
    if not content.is_dir():
        raise UsageError(f"'{content}' is not a folder", option="--content")
    return content


@without_gc_pauses
def check_content(
    content: Path,
    pages: Path | None = None,
    parses: ParseCache | None = None,
    models: ModelCache | None = None,
    cache: Path | None = None,
) -> tuple[Corpus | None, list[Problem]]:
    """The validated corpus (None if any problem) and every problem found;
    `pages`, the hand-written pages, whose addresses no timeline may take;
    `parses` and `models`, what a live preview keeps from its last check;
    `cache`, a folder where each file's check is kept for the next one."""
    require_folder(content)
    kept = None
    if cache is not None:
        from .content.check_cache import CheckCache  # only when asked for

        kept = CheckCache.load(cache, content)
        parses, models = kept.parses, kept.models
    loaded = load_content(content, parses)
    found = validate_content(loaded, models, hand_written_names(pages))
    if kept is not None:
        kept.save()
    return found


def check_originals(content: Path) -> tuple[Corpus | None, list[Problem]]:
    """The content as `check_content` validates it, without its translations:
    what a translation is started from, whatever state the translations are in."""
    require_folder(content)
    loaded = load_content(content)
    translations = {d.source_path for d in loaded.documents if d.language is not None}
    loaded.documents = [d for d in loaded.documents if d.language is None]
    loaded.problems = [p for p in loaded.problems if p.source_path not in translations]
    return validate_content(loaded)


def checked_content(
    content: Path,
    pages: Path | None = None,
    parses: ParseCache | None = None,
    models: ModelCache | None = None,
    cache: Path | None = None,
) -> Corpus:
    """The validated corpus; ContentError with every problem."""
    corpus, problems = check_content(content, pages, parses, models, cache)
    if corpus is None:
        raise ContentError(problems)
    return corpus
