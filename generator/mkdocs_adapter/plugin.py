"""The MkDocs plugin (`plugins: [search, timeline]` in mkdocs.yml): the only place
MkDocs calls into us.

It only calls the core: before each build (and each live-reload rebuild) it renders
the content into the docs folder and hands MkDocs the navigation. It also puts the
theme's overrides (shipped in this package) in front of Material's, escapes the
editor text that reaches Material's templates through page metadata (MkDocs renders
them without autoescape), gives each page its Content Security Policy, and audits
every built page.

MkDocs keeps one instance of a plugin that has `on_startup` for a whole `serve`,
so the state that outlives a rebuild (the build cache, the last good navigation)
lives on the instance, in the session that each command starts.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import clean_directory

from ..content.problems import ContentError, format_text
from ..content.validate import Corpus
from ..errors import UserError
from ..kept_values import code_digest
from ..pipeline import BuildCache, generate
from ..processes import forking, spare_cores
from ..render.colours_css import STYLESHEET
from ..render.render_store import RenderStore
from ..site_checks.audit import Finding, audit_page, read_page, theme_of
from ..site_checks.csp import with_policy
from ..views.addresses import DEFAULT_BASE_URL
from ..views.colours import ColourProblem, Colours, read_colours
from ..views.interface import CatalogueError
from ..views.site_view import Publication
from ..write import Written
from . import html_page, preview, search_sections
from .built_pages import BuiltPages, site_key
from .config_values import PLUGIN, plugin_option_position
from .kept_theme import KeptTheme
from .page_cache import PageCache, fingerprint
from .page_language import own_language
from .page_split import ELSEWHERE, SMALLEST_SITE, PageSplit
from .preview_build import Kept, PreviewBuild, config_text
from .refused_page import refused_page
from .theme_language import ThemeLanguages
from .theme_pieces import ThemePieces

THEME = Path(__file__).parent / "theme"
# Front-matter keys that hold editor text and that Material prints.
_TEXT_META = ("title", "description")
# Seconds without edits before a preview rebuilds (see on_serve).
_QUIET_AFTER_SAVE = 0.03


class TimelineConfig(base.Config):
    content = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    pages = c.Type(str, default="pages")
    """The hand-written pages (about, methodology), relative to mkdocs.yml."""
    colours = c.Type(dict, default={})
    """The diagrams' colours, `light` and `dark` (views/colours.py has the names)."""
    catalogues = c.Type(str, default="locale")
    """A newsroom's own interface catalogues (`<lang>/LC_MESSAGES/messages.po`),
    relative to mkdocs.yml, read before the generator's own."""


@dataclass
class HandOver:
    """What the command line gives the next command's builds."""

    content: Path | None = None  # instead of the plugin's `content` option
    corpus: Corpus | None = None  # the content, just checked: for the first build only
    poll: bool = False  # see on_serve
    drafts: bool = False  # build the drafts too (a preview always shows them)
    page_cache: Path | None = None  # where pages are kept between commands
    # While previewing with `timeline serve`: mkdocs.yml loaded again as `serve`
    # loads it, into the site folder given (see preview_build.py).
    reload: Callable[[str], Any] | None = None


@dataclass
class Session:
    """One `build` or `serve` command's state."""

    serving: bool = False
    handed: HandOver = field(default_factory=HandOver)
    cache: BuildCache | None = None  # kept between a preview's rebuilds
    pages: PageCache | None = None  # pages' conversions, kept between builds
    built: BuiltPages | None = None  # built pages, kept between builds
    code: str = ""  # kept_values.code_digest, when this build keeps what it makes
    nav: list[Any] = field(default_factory=list)  # of the last good build
    # The generated pages, whose body is HTML already (of the last good build).
    html_pages: frozenset[str] = frozenset()
    # SOURCE_DATE_EPOCH as it was before the command: set outside, it is kept.
    outside_epoch: str | None = None
    # The audit of this build: what the theme runs, and what pages ran beyond it.
    theme: Any = None
    findings: list[Finding] = field(default_factory=list)
    # A large build's pages, dealt out to the machine's cores (page_split.py).
    split: PageSplit | None = None
    # Material's search index, when its plugin indexes this build's pages: the
    # generated ones are indexed here (search_sections.py).
    search: Any = None
    # While previewing: the theme's Jinja environment, kept between rebuilds.
    theme_env: KeptTheme = field(default_factory=KeptTheme)
    # While previewing: what the generator wrote in this build (None until it
    # has), the files and navigation MkDocs listed, and what the last build that
    # went through left for the next to build on (preview_build.py).
    written: Written | None = None
    listed: tuple[Any, Any] | None = None
    kept: Kept | None = None
    # Whether this build has written pages into site_dir yet.
    wrote: bool = False
    site_dir: str | None = None
    # While previewing: what is wrong with the last edit (the preview's banner
    # says it), whether this build fixed it, and when this build started.
    problems: str = ""
    fixed: bool = False
    started: float = 0.0
    builds: int = 0


def _site_language(config: Any) -> str:
    """The site's language as a Material user sets it, `theme.language` ("de",
    "zh", "fa"); else MkDocs' own `theme.locale`."""
    return str(config.theme.get("language") or config.theme.locale or Publication().language)


def _publication(config: Any, colours: Colours, catalogues: Path | None = None) -> Publication:
    """The site's name, description, colours, language, catalogues and logo, from
    mkdocs.yml: the one place they are set."""
    default = Publication()
    return Publication(
        name=config.site_name or default.name,
        description=config.site_description or default.description,
        colours=colours,
        language=_site_language(config),
        logo=_logo_icon(config),
        catalogues=(catalogues,) if catalogues is not None and catalogues.is_dir() else (),
    )


def _logo_icon(config: Any) -> bytes | None:
    """The masthead's logo when it is one of the theme's icons (`theme.icon.logo`):
    the SVG the theme draws, found where the theme keeps its icons."""
    icon = (config.theme.get("icon") or {}).get("logo")
    for folder in config.theme.dirs if icon else []:
        svg = Path(folder, ".icons", f"{icon}.svg")
        if svg.is_file():
            return svg.read_bytes()
    return None


def _colour_report(config: Any, problems: list[ColourProblem]) -> str:
    """Each problem at its place in mkdocs.yml, as `file:line:col: message`."""
    path = Path(config.config_file_path or "mkdocs.yml")
    lines = []
    for problem in problems:
        keys = ("colours", *problem.path)
        at = plugin_option_position(path, PLUGIN, keys) or (1, 1)
        option = ".".join(("plugins", PLUGIN, *keys))
        lines.append(f"{_shown(path)}:{at[0]}:{at[1]}: {option}: {problem.message}")
    return "configuration problems:\n" + "\n".join(lines) + "\n"


def _say_built(session: Session, url: str) -> None:
    took = time.perf_counter() - session.started
    session.builds += 1
    if session.builds == 1:
        print(
            f"previewing at {url} (built in {took:.2f} s): each edit to the content "
            "rebuilds the site and reloads the open page; Ctrl+C stops",
            file=sys.stderr,
        )
    elif session.fixed:
        print(f"fixed: rebuilt in {took:.2f} s, the preview is up to date", file=sys.stderr)
    elif not session.problems:
        print(f"rebuilt in {took:.2f} s", file=sys.stderr)
    session.fixed = False


def _served(reload: Callable[[str], Any], site_dir: str, serve_url: str) -> Any:
    """mkdocs.yml as MkDocs' `serve` loads it for each rebuild."""
    config = reload(site_dir)
    config.site_url = serve_url
    return config


def _escaped_nav(items: list[Any]) -> list[Any]:
    out = []
    for item in items:
        ((title, target),) = item.items()
        value = _escaped_nav(target) if isinstance(target, list) else target
        out.append({Markup.escape(title): value})
    return out


def _headline_only(toc: TableOfContents) -> TableOfContents:
    """A reader's page shows no table of contents, and Material's script should not
    track one it cannot see (it measures every heading on load: a long task on a
    phone). Only the headline stays: the skip link points at it."""
    first = next(iter(toc), None)
    if first is None:
        return toc
    return TableOfContents([AnchorLink(first.title, first.id, first.level)])


def _page_split(config: Any, files: Any) -> PageSplit | None:
    """A large build's pages dealt out to the machine's cores, where it has more
    than one and processes that start as a copy of this one."""
    pages = [file.page for file in files.documentation_pages()]  # as MkDocs builds them
    if len(pages) < SMALLEST_SITE or not spare_cores() or forking() is None:
        return None
    return PageSplit(pages, spare_cores() + 1, _search_index(config))


def _render_store(session: Session) -> RenderStore | None:
    """A build's render kept for the next (a preview keeps its own, in memory)."""
    folder = session.handed.page_cache
    if session.serving or folder is None:
        return None
    session.code = code_digest()  # the built pages are kept under it too (on_nav)
    return RenderStore.load(folder / "render", session.code)


def _search_index(config: Any) -> Any | None:
    """The search plugin's index of pages (Material's, or one like it), if any."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class TimelinePlugin(BasePlugin[TimelineConfig]):
    def __init__(self) -> None:
        self.session = Session()
        self.handed = HandOver()

    def hand_over(self, handed: HandOver) -> None:
        """Give the next command (started by on_startup) what the command line knows."""
        self.handed = handed

    def _folder(self, config: Any, option: str) -> Path:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        return root / getattr(self.config, option)

    def content(self, config: Any) -> Path:
        return self.session.handed.content or self._folder(config, "content")

    def on_startup(self, command: str, **kwargs: Any) -> None:
        serving = command == "serve"
        self.session = Session(
            serving=serving,
            handed=self.handed,
            cache=BuildCache() if serving else None,  # each rebuild redoes only what changed
            outside_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
        )
        self.handed = HandOver()

    def on_shutdown(self) -> None:
        gc.unfreeze()  # see on_config
        if self.session.outside_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)

    def on_pre_build(self, config: Any) -> None:
        self.session.wrote = False
        self.session.site_dir = config.site_dir
        if self.session.serving:  # see kept_theme.py; this build's theme object only
            config.theme.get_env = partial(self.session.theme_env.env_for, config,
                                           config.theme.get_env)  # fmt: skip

    def on_config(self, config: Any) -> Any:
        # Our overrides go before Material's templates, after a site's own custom_dir.
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        session = self.session
        session.started = time.perf_counter()
        converting = fingerprint(config)
        if session.pages is None and (session.serving or session.handed.page_cache):
            session.pages = PageCache.load(session.handed.page_cache, converting)
        if session.pages is not None:
            session.pages.start(converting)
        colours, problems = read_colours(self.config.colours)
        if problems:
            return self._last_good(config, _colour_report(config, problems))
        if _site_language(config).lower().startswith("zh") and not find_spec("jieba"):
            # Not an error: the site builds, but search cannot find a Chinese word
            # inside a sentence.
            get_plugin_logger(__name__).warning(
                "theme.language is Chinese but jieba is not installed, so search will "
                "find Chinese text only as whole phrases: pip install "
                "'timeline-generator[chinese]'"
            )
        if STYLESHEET not in config.extra_css:  # after the theme's, which it colours
            config.extra_css.append(STYLESHEET)
        content = self.content(config)
        corpus, session.handed.corpus = session.handed.corpus, None
        session.written = None
        try:
            site, session.written = generate(
                content,
                Path(config.docs_dir),
                self._folder(config, "pages"),
                base_url=config.site_url or DEFAULT_BASE_URL,
                corpus=corpus,
                cache=session.cache,
                publication=_publication(config, colours, self._folder(config, "catalogues")),
                drafts=session.serving or session.handed.drafts,
                store=_render_store(session),
            )
        except ContentError as exc:
            report = "content problems:\n" + format_text(exc.problems, _shown(content))
            return self._last_good(config, report)
        except UserError as exc:
            return self._last_good(config, f"{exc}\n")
        except CatalogueError as exc:
            report = "interface catalogue problems:\n" + "".join(f"{p}\n" for p in exc.problems)
            return self._last_good(config, report)
        except Exception as exc:
            if not (session.serving and session.nav):
                raise
            # A fault of ours, not the editor's: the preview must still come
            # back on the next edit rather than stay down.
            report = f"the generator failed on this content ({type(exc).__name__}: {exc}):\n"
            return self._last_good(config, report + "  please report it with the content\n")
        if not session.serving:
            # What the content made lives until the build ends, a gigabyte at 10,000
            # events, and each full collection scanned all of it again (a tenth of
            # a build from the page cache): the collector leaves it be, until shutdown.
            gc.freeze()
        elif not session.nav:
            # While previewing, most of what the first build made (the content
            # parsed and checked, the pages) lives as long as the preview, and a
            # full collection in a rebuild scanned it all (a quarter of a rebuild
            # at 1,000 events): it is frozen once; what rebuilds make is collected.
            gc.collect()
            gc.freeze()
        session.fixed, session.problems = bool(session.problems), ""
        session.nav = _escaped_nav(site.nav)
        session.html_pages = site.html_pages
        config.nav = session.nav
        config.extra["colophon"] = site.colophon  # the footer's links (theme/partials/)
        config.extra["words"] = site.words  # the theme's own, in the site's language
        # A reproducible build: the build date is the content's, unless set outside.
        if session.outside_epoch is None:
            os.environ["SOURCE_DATE_EPOCH"] = str(site.updated)
        return config

    def _last_good(self, config: Any, report: str) -> Any:
        """While previewing, a failed edit must not take the site down: say what
        is wrong and rebuild the last good page tree, left untouched."""
        if not (self.session.serving and self.session.nav):
            raise Abort(report.rstrip())
        print(report + "serving the last good version until this is fixed", file=sys.stderr)
        self.session.problems = report
        config.nav = self.session.nav
        return config

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Watch with the system's file events instead of MkDocs' polling, which
        noticed an edit up to half a second late and statted every file twice a
        second (unless asked to poll, where file events do not arrive); watch the
        content and the hand-written pages; do not watch the docs folder: this
        plugin writes it on every build, so each edit was built twice; and rebuild
        as soon as a save is over."""
        server.unwatch(config.docs_dir)
        watched = [config.config_file_path] if config.config_file_path else []
        if not self.session.handed.poll:
            from .watching import EditsObserver  # only a preview loads the watcher

            for path in watched:  # as MkDocs watches it, without a config file none
                server.unwatch(path)
            server.observer = EditsObserver()
            for path in watched:
                server.watch(path)
        for folder in (self.content(config), self._folder(config, "pages")):
            if folder.is_dir():
                server.watch(str(folder))
        # MkDocs waits for 0.1 s without edits before it rebuilds; an editor's save
        # (written, or written aside and renamed) comes in one burst of a few ms.
        server.build_delay = min(getattr(server, "build_delay", 0.1), _QUIET_AFTER_SAVE)
        preview.install(server, server.mount_path, lambda: self.session.problems)
        reload = self.session.handed.reload
        if reload is not None:
            site_dir, serve_url = config.site_dir, config.site_url
            server.builder = PreviewBuild(partial(_served, reload, site_dir, serve_url),
                                          self.session)  # fmt: skip
        return server

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Each build gets its own store of the menus that many pages share
        (theme_pieces.py); while previewing, the environment is the one kept
        between rebuilds (on_pre_build): its filters hold no build's state."""
        env.globals["theme_piece"] = ThemePieces()  # this build's menus (theme/main.html)
        env.globals["theme_language"] = ThemeLanguages(config.theme.dirs)  # partials/language.html
        session = self.session
        session.search = search_sections.material_index(config)
        if not session.serving:  # a preview rebuilds a few pages, here
            session.split = _page_split(config, files)
        if session.split is not None and session.built is not None:
            session.split.share.built = session.built.new  # the others send theirs back
        return env

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        """Before MkDocs reads the pages: the pages kept by the last build, if any."""
        session = self.session
        if session.handed.reload is not None:  # rebuilt by preview_build.py, which keeps it
            session.listed = (files, nav)
        if not session.serving and session.handed.page_cache:
            folder = session.handed.page_cache / "built"
            key = site_key(config, session.code)  # worked out in on_config
            session.built = BuiltPages.load(folder, key, _search_index(config))
        return nav

    def on_pre_page(self, page: Any, **kwargs: Any) -> Any:
        if page.file.src_uri in self.session.html_pages:
            page.read_source = lambda config: html_page.read_source(page)
        return page

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        if page.file.src_uri in self.session.html_pages:
            page.render = lambda config, files: html_page.render(page, markdown)
        elif self.session.pages is not None:
            page.markdown = markdown
            self.session.pages.convert(page, kwargs["files"])
        for key in _TEXT_META:
            if key in page.meta:
                page.meta[key] = Markup.escape(str(page.meta[key]))
        built = self.session.built
        if built is not None and built.look_up(page, markdown, kwargs["files"]):
            page.meta = {**page.meta, "template": ELSEWHERE, "search": {"exclude": True}}
        return markdown

    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        if "toc" in (page.meta.get("hide") or []):
            page.toc = _headline_only(page.toc)
        searched = not (page.meta.get("search") or {}).get("exclude")
        if searched and page.file.src_uri in self.session.html_pages:
            # What search reads (search_sections.py, or the search plugin
            # where that leaves the page to it), before _after_search gives
            # the theme all of the page again.
            return html_page.searched_part(html)
        return html

    @event_priority(100)
    def _deal_out_pages(self, context: Any, page: Any, **kwargs: Any) -> Any:
        """At the first page, before search reads it: the other processes start."""
        split = self.session.split
        if split is not None and not split.started:
            split.start()
        if page.meta.get("template") == ELSEWHERE:
            # Kept, or another process's: this process builds nothing from its
            # content, and search would scan all of it for attributes to strip.
            page.content = ""
        if self.session.built is not None:
            self.session.built.before_search()
        index, src = self.session.search, page.file.src_uri
        generated = index is not None and src in self.session.html_pages
        if generated and search_sections.add_entries(index, page):
            page.content = ""  # indexed: the search plugin finds nothing to read
        return context

    @event_priority(-100)
    def _after_search(self, context: Any, page: Any, **kwargs: Any) -> Any:
        if self.session.built is not None:
            self.session.built.after_search(page.file.src_uri)
        if self.session.split is not None:
            self.session.split.indexed_page(page.file.src_uri)
        if page.file.src_uri in self.session.html_pages:
            page.content = page.markdown  # the whole body (see on_page_content)
        return context

    on_page_context = CombinedEvent(_deal_out_pages, _after_search)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        # MkDocs builds the theme's own pages first: its 404 page, which has no
        # content, is what every page is audited against.
        session = self.session
        session.wrote = True
        if template_name == "404.html":
            session.theme = theme_of(output)
            session.findings = []
            output = with_policy(output, session.theme)
        return output

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        session = self.session
        session.wrote = True
        split, built, src = session.split, session.built, page.file.src_uri
        if split is not None and not split.mine(src):
            # Another process builds it: MkDocs writes no empty page. (Only the
            # first page, at which the processes started, was rendered here.)
            return ""
        output = own_language(output, page.meta)  # a translated timeline's page
        if built is not None and built.place(src, page.file.abs_dest_path):
            output = ""  # built as it is by a build that passed (built_pages.py)
        elif session.theme is None:
            return with_policy(output, None)
        else:
            rel = page.file.dest_uri
            # One parse for both: the policy adds no line, so the audit's lines hold.
            parsed = read_page(output)
            output = with_policy(output, session.theme, parsed.inline_scripts())  # csp.py
            findings = audit_page(rel, parsed, Path(config.site_dir), session.theme)
            session.findings += findings
            if findings and session.serving:
                return refused_page(rel, findings)
            if built is not None and not findings:
                built.keep(src, output)
        if split is not None:  # another process stops after its last page
            split.built(src, output, page.file.abs_dest_path, session.findings)
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config: Any) -> None:
        """Fail the build when a page runs anything the theme does not (see site_checks).
        While previewing, say where and how long each build took."""
        session = self.session
        if session.split is not None:  # the other processes' pages, entries, findings
            split, session.split = session.split, None
            if split.out is not None:  # another process whose last page was not built
                split.finish(session.findings)  # (a dirty build's, unchanged)
            session.findings += split.gather()
        if session.pages is not None:
            session.pages.save()
        findings, session.findings, session.theme = sorted(session.findings), [], None
        built, session.built = session.built, None
        if built is not None and not findings:
            built.save()
        if session.serving:
            if session.listed is not None:
                session.kept = Kept(*session.listed, config.nav, config_text(config))
            _say_built(session, config.site_url)
        if not findings:
            return
        report = "the built site runs what the theme does not:\n" + "".join(
            f"  {finding}\n" for finding in findings
        )
        if session.serving:
            print(
                report + "the preview shows what is wrong on those pages instead", file=sys.stderr
            )
            return
        raise Abort(report.rstrip())

    @event_priority(100)  # another process stops here, before the others' handlers
    def on_build_error(self, error: Exception) -> None:
        """A failed `mkdocs build` leaves no pages behind: what it wrote (MkDocs
        emptied the folder first) is removed, as `timeline build` removes its
        fresh folder. A preview keeps serving; a build that failed before
        writing anything (invalid content) leaves the folder as it was."""
        session = self.session
        session.findings, session.theme, session.built = [], None, None
        session.listed = session.kept = None  # the next rebuild lists the files again
        if session.split is not None:
            split, session.split = session.split, None
            if split.out is not None:
                split.finish([], error)  # in another process: it goes no further
            split.stop()
        if session.serving or not session.wrote or session.site_dir is None:
            return
        clean_directory(session.site_dir)
        print(f"removed the failed build's pages from {_shown(Path(session.site_dir))}",
              file=sys.stderr)  # fmt: skip
