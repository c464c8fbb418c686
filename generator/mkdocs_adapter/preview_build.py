"""A preview's rebuild: MkDocs' dirty build, without its work on every file.

After each edit, MkDocs' dirty build lists the docs folder again, makes a `File`
and a `Page` for each of its files, and stats each file twice to find the few
that changed: at 10,000 events, 1.5 s of every rebuild, for one event edited.
The generator knows what it wrote. So while the docs folder holds the same files
as at the last build, the navigation and mkdocs.yml are the same, and the last
build went through, a rebuild keeps that build's `Files` and navigation, and
reads, builds and copies only the files the generator wrote. Otherwise it does
what MkDocs' dirty build does.

Either way the steps and the plugins' events are those of MkDocs' own `build`
(mkdocs/commands/build.py, MkDocs 1.6), in its order. One difference: a kept
build writes no sitemap. Its list of pages is the same, and building it reads
every page: the preview keeps the one its last full build wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation

from ..write import Written

_SITEMAP = ("sitemap.xml",)


@dataclass
class Kept:
    """What the last build left that a rebuild may build on."""

    files: Files
    nav: Navigation
    config_nav: Any  # the navigation as the plugin handed it over
    config_text: bytes  # mkdocs.yml


def config_text(config: Any) -> bytes:
    path = config.config_file_path
    return Path(path).read_bytes() if path else b""


def keeping(kept: Kept | None, config: Any, written: Written) -> bool:
    """Whether a rebuild can build on `kept`: the same files, navigation and
    mkdocs.yml, only some files' contents written again."""
    if kept is None or written.deleted:
        return False
    if kept.config_nav != config.nav or kept.config_text != config_text(config):
        return False
    return all(kept.files.get_file_from_path(uri) is not None for uri in written.changed)


class PreviewBuild:
    """The preview server's builder (LiveReloadServer.builder), for each rebuild
    after the first, which MkDocs' own `serve` builds.

    `load` loads mkdocs.yml as `serve` loads it for each rebuild. `session` is the
    plugin's: its `written` says what the generator wrote in this build (None if
    it wrote nothing), its `kept` what the last build left (the plugin keeps it,
    the first build's too, and forgets it when a build fails)."""

    def __init__(self, load: Callable[[], Any], session: Any) -> None:
        self.load, self.session = load, session

    def __call__(self) -> None:
        kept = self.session.kept
        if kept is not None:
            let_go(kept.files)
        config = self.load()
        counter = utils.CountHandler()  # strict mode, as MkDocs' build counts
        counter.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        if config.strict:
            logger.addHandler(counter)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            written = self.session.written or Written()
            if kept is not None and keeping(kept, config, written):
                self._build_kept(config, kept, written)
            else:
                self._build_listed(config)
            config.plugins.on_post_build(config=config)
            if counts := counter.get_counts():
                found = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
                raise Abort(f"Aborted with {found} in strict mode!")
        except Exception as exc:
            config.plugins.on_build_error(error=exc)
            if isinstance(exc, BuildError):
                raise Abort("Aborted with a BuildError!") from exc
            raise
        finally:
            logger.removeHandler(counter)

    def _build_listed(self, config: Any) -> None:
        """MkDocs' dirty build: the docs folder listed, the files modified since
        they were last built (their sources newer than what they built) built."""
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)  # of the files plugins added
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        inclusion = InclusionLevel.is_in_serve
        for file in files.documentation_pages(inclusion=inclusion):
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files, dirty=True)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=True, inclusion=inclusion)
        self._build(config, env, files, nav, config.theme.static_templates, dirty=True)

    def _build_kept(self, config: Any, kept: Kept, written: Written) -> None:
        """The kept files and navigation; only what the generator wrote read,
        built or copied."""
        files, nav = kept.files, kept.nav
        env = config.theme.get_env()
        changed = [kept.files.get_file_from_path(uri) for uri in written.changed]
        for file in changed:
            if file.page is not None:
                for replaced in ("read_source", "render"):  # as the plugin set them last time
                    vars(file.page).pop(replaced, None)
                mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        for file in changed:
            if not file.is_documentation_page():
                file.copy_file()
        templates = [t for t in config.theme.static_templates if t not in _SITEMAP]
        self._build(config, env, files, nav, templates, built=changed)

    def _build(
        self,
        config: Any,
        env: Any,
        files: Files,
        nav: Navigation,
        templates: list[str],
        dirty: bool = False,
        built: list[Any] | None = None,
    ) -> None:
        """The theme's templates, the extra templates, then the pages, each page's
        anchor links checked."""
        for template in templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        pages = doc_files if built is None else [f for f in built if f.page is not None]
        for file in pages:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env, dirty,
                                     excluded=file.inclusion.is_excluded())  # fmt: skip
        log_level = config.validation.links.anchors
        for file in pages:
            file.page.validate_anchor_links(files=files, log_level=log_level)


def let_go(files: Files) -> None:
    """What the kept pages hold from being built (their HTML, twice): only an
    edited page is read again, and built from what it reads."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.markdown = file.page.content = None
