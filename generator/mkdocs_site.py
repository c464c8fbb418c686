"""The MkDocs adapter for the command line: build into a temporary folder and
swap it in, or serve with live reload. The page tree itself is made by the hook
(`mkdocs_hooks.py`), so `mkdocs build` and `timeline build` give the same site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .mkdocs_glue import use_polling
from .render import PAGES


class BuildFailed(Exception):
    """MkDocs could not build the site; the previous site is untouched."""


@contextmanager
def _environment(content: Path) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("TIMELINE_CONTENT", "NO_MKDOCS_2_WARNING")}
    os.environ["TIMELINE_CONTENT"] = str(content.resolve())
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner: known, see README
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _docs_dir(docs_dir: Path | None) -> dict[str, str]:
    """load_config's override for docs_dir, which must exist before MkDocs checks it."""
    if docs_dir is None:
        return {}
    docs_dir.mkdir(parents=True, exist_ok=True)
    return {"docs_dir": str(docs_dir.resolve())}


def _swap_in(new: Path, target: Path) -> None:
    """Put `new` where `target` is, replacing it; the old one goes only once the new is in."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def build_site(
    config_file: Path, content: Path, site_dir: Path, docs_dir: Path | None = None
) -> None:
    """Build with --strict into a fresh folder beside `site_dir`, then swap it in.

    `docs_dir` overrides where the Markdown page tree is written (mkdocs.yml's
    docs_dir, timeline/, by default)."""
    overrides = _docs_dir(docs_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        with _environment(content):
            config = load_config(str(config_file), site_dir=str(fresh), strict=True, **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(str(exc)) from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap_in(fresh, site_dir)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def serve_site(
    config_file: Path,
    content: Path,
    dev_addr: str,
    docs_dir: Path | None = None,
    poll: bool = False,
) -> None:
    """Serve with live reload; content edits rebuild, invalid ones keep the last good site.

    The content folder, the hand-written pages and mkdocs.yml are watched (see
    mkdocs_glue.on_serve), by file events, or by polling with `poll`. Rebuilds
    are MkDocs' dirty builds: only pages whose Markdown changed are rebuilt,
    which is exact here because the hook rewrites a page's Markdown only when
    its bytes change (an edited event, and the lists that show it)."""
    # MkDocs warns on every dirty build that links may go stale, and strict mode
    # turns that warning into a failure; here no page can go stale (see above).
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    use_polling(poll)
    with _environment(content):
        serve(
            str(config_file), livereload=True, build_type="dirty", dev_addr=dev_addr,
            watch=[str(p) for p in (content, PAGES) if p.is_dir()], **_docs_dir(docs_dir),
        )  # fmt: skip
