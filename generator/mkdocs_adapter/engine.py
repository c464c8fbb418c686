"""The MkDocs adapter for the command line: build into a temporary folder and
swap it in, or serve with live reload. The page tree itself is made by the
plugin (`plugin.py`), so `mkdocs build` and `timeline build` give the same site.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..content.validate import Corpus
from ..errors import UserError
from ..site_folder import fresh_folder, recover, shown, site_lock, swap_in
from .config_values import PLUGIN, configured
from .plugin import HandOver, TimelinePlugin


class BuildFailed(UserError):
    """MkDocs could not build the site; the previous site is untouched."""

    def __init__(self, site_dir: Path, reason: str):
        super().__init__(f"build failed, {shown(site_dir)} left as it was: {reason}")


class NoPlugin(UserError):
    """The MkDocs configuration does not use this project's plugin."""


@contextmanager
def _quiet_end_of_life() -> Iterator[None]:
    saved = os.environ.get("NO_MKDOCS_2_WARNING")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner: known, see README
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("NO_MKDOCS_2_WARNING", None)
        else:
            os.environ["NO_MKDOCS_2_WARNING"] = saved


def _plugin(config: MkDocsConfig, config_file: Path) -> TimelinePlugin:
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, TimelinePlugin):
        raise NoPlugin(
            f"{config_file}: the site does not use the timeline plugin: "
            f"add `- {PLUGIN}` under `plugins:`"
        )
    return plugin


def _docs_dir(config_file: Path, docs_dir: Path | None) -> dict[str, str]:
    """load_config's override for docs_dir; the folder (given, or mkdocs.yml's) must
    exist before MkDocs checks it, and a fresh checkout has none: it is generated."""
    if docs_dir is None:
        _configured_docs_dir(config_file).mkdir(parents=True, exist_ok=True)
        return {}
    docs_dir.mkdir(parents=True, exist_ok=True)
    return {"docs_dir": str(docs_dir.resolve())}


def _configured_docs_dir(config_file: Path) -> Path:
    """mkdocs.yml's docs_dir (MkDocs' default, docs/, if it names none), beside it."""
    named = configured(config_file, "docs_dir")
    return config_file.resolve().parent / (named if isinstance(named, str) else "docs")


def build_site(
    config_file: Path,
    content: Path | None,
    site_dir: Path,
    docs_dir: Path | None = None,
    corpus: Corpus | None = None,
    drafts: bool = False,
    page_cache: Path | None = None,
) -> None:
    """Build with --strict into a fresh folder beside `site_dir`, then swap it in.

    `content` overrides the plugin's content folder; `corpus` is that content,
    when the caller has just checked it; `docs_dir` overrides where the Markdown
    page tree is written (mkdocs.yml's docs_dir, timeline/, by default); `drafts`
    builds the drafts too (a preview to share), which a published site leaves out;
    `page_cache` a folder where built pages and their conversions are kept between builds."""
    target = site_dir.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with site_lock(target):
            recover(target)
            fresh = fresh_folder(target)
            try:
                handed = HandOver(content, corpus, drafts=drafts, page_cache=page_cache)
                _build_into(fresh, config_file, docs_dir, handed)
                swap_in(fresh, target)
            finally:
                shutil.rmtree(fresh, ignore_errors=True)  # gone already, unless it failed
    except (MkDocsException, SystemExit) as exc:
        raise BuildFailed(site_dir, str(exc)) from None
    except OSError as exc:
        raise BuildFailed(site_dir, _disk_problem(exc)) from None


def _build_into(fresh: Path, config_file: Path, docs_dir: Path | None, handed: HandOver) -> None:
    overrides = _docs_dir(config_file, docs_dir)
    with _quiet_end_of_life():
        config = load_config(str(config_file), site_dir=str(fresh), strict=True, **overrides)
        _plugin(config, config_file).hand_over(handed)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


def _disk_problem(exc: OSError) -> str:
    """What the system refused, and what to do, for a read-only or full disk."""
    where = f" {shown(Path(exc.filename))}" if exc.filename else ""
    hint = {
        errno.ENOSPC: "free some space on that disk, then build again",
        errno.EDQUOT: "free some space on that disk, then build again",
        errno.EROFS: "build on a disk you can write to (--site-dir, --docs-dir)",
        errno.EACCES: "build in a folder you may write to (--site-dir, --docs-dir)",
        errno.EPERM: "build in a folder you may write to (--site-dir, --docs-dir)",
    }.get(exc.errno or 0, "check the disk and the folder's permissions")
    return f"could not write{where}: {exc.strerror or exc}; {hint}"


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _serve_config(
    config_file: Path, dev_addr: str, overrides: dict[str, str], site_dir: str
) -> MkDocsConfig:
    """mkdocs.yml loaded as MkDocs' `serve` loads it for each rebuild."""
    return load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr, **overrides)


def serve_site(
    config_file: Path,
    content: Path,
    dev_addr: str,
    docs_dir: Path | None = None,
    poll: bool = False,
) -> None:
    """Serve with live reload; content edits rebuild, invalid ones keep the last good site.

    The content folder, the hand-written pages and mkdocs.yml are watched (see
    TimelinePlugin.on_serve), by file events, or by polling with `poll`. Rebuilds
    are dirty builds: only pages whose Markdown changed are rebuilt, which is
    exact here because the plugin rewrites a page's Markdown only when its bytes
    change (an edited event, and the lists that show it); while no file comes or
    goes, only those are even looked at (preview_build.py)."""
    # MkDocs warns on every dirty build that links may go stale, and strict mode
    # turns that warning into a failure; here no page can go stale (see above).
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    overrides = _docs_dir(config_file, docs_dir)
    with _quiet_end_of_life():
        # MkDocs loads the configuration again, and keeps this same plugin instance
        # for the whole preview: it takes what is handed over when serving starts.
        config = load_config(str(config_file), **overrides)
        reload = partial(_serve_config, config_file, dev_addr, overrides)
        _plugin(config, config_file).hand_over(HandOver(content, poll=poll, reload=reload))
        serve(str(config_file), livereload=True, build_type="dirty", dev_addr=dev_addr,
              **overrides)  # fmt: skip
