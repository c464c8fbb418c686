"""The MkDocs glue, registered by `mkdocs_hooks.py` (see `hooks:` in mkdocs.yml).

It only calls the core: before each build (and each live-reload rebuild) it
renders the content into the docs folder and hands MkDocs the navigation. It
also escapes, for Material's templates (which MkDocs renders without
autoescape), the editor text that reaches them through page metadata.

MkDocs re-executes the hooks file on every rebuild, so the state that must
outlive a rebuild (are we serving? the last good navigation) lives here.

Set TIMELINE_CONTENT to build another content folder (default: content/
beside mkdocs.yml).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import Abort

from generator.csp import with_policy
from generator.pipeline import generate, keep_between_builds
from generator.problems import ContentError, format_text
from generator.render import DEFAULT_URL
from generator.site_audit import Finding, audit_page, theme_of
from generator.validate import Corpus
from generator.write import UnsafeFolder

# Remembers that SOURCE_DATE_EPOCH is ours to update on the next rebuild.
_OWN_EPOCH = "TIMELINE_SOURCE_DATE_EPOCH"
# Front-matter keys that hold editor text and that Material prints.
_TEXT_META = ("title", "description")


def _escaped_nav(items: list[Any]) -> list[Any]:
    out = []
    for item in items:
        ((title, target),) = item.items()
        value = _escaped_nav(target) if isinstance(target, list) else target
        out.append({Markup.escape(title): value})
    return out


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@dataclass
class _Session:
    serving: bool = False
    nav: list[Any] = field(default_factory=list)  # of the last good build
    # Content that `timeline build` has just validated, for the next build only.
    checked: tuple[Path, Corpus] | None = None
    # The audit of this build: what the theme runs, and what pages ran beyond it.
    theme: Any = None
    findings: list[Finding] = field(default_factory=list)
    polling: bool = False  # see use_polling
    # While previewing: the theme's Jinja environment, by its folders and locale.
    theme_env: tuple[Any, Any] | None = None


_session = _Session()


def on_startup(command: str, **kwargs: Any) -> None:
    _session.serving = command == "serve"
    keep_between_builds(_session.serving)  # each rebuild redoes only what an edit changed


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Watch with the system's file events instead of MkDocs' polling, which
    noticed an edit up to half a second late and statted every file twice a
    second (unless asked to poll: see use_polling); and do not watch the docs
    folder: the hook writes it on every build, so each edit was built twice.
    The content folder (and pages/) are watched from `serve_site`; mkdocs.yml
    stays watched."""
    server.unwatch(config.docs_dir)
    if not _session.polling:
        from generator.watching import EditsObserver  # only a preview loads the watcher

        watched = [config.config_file_path] if config.config_file_path else []
        for path in watched:  # as MkDocs watches it, without a config file none
            server.unwatch(path)
        server.observer = EditsObserver()
        for path in watched:
            server.watch(path)
    return server


def use_polling(poll: bool = True) -> None:
    """Let the preview poll for changes, as MkDocs does, where file events do
    not arrive (some network drives and container mounts)."""
    _session.polling = poll


def use_checked(content: Path, corpus: Corpus) -> None:
    """Hand the next build content already validated, so it is not loaded twice."""
    _session.checked = (content.resolve(), corpus)


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    content = Path(os.environ.get("TIMELINE_CONTENT") or root / "content")
    checked, _session.checked = _session.checked, None
    corpus = checked[1] if checked and checked[0] == content.resolve() else None
    try:
        site, _ = generate(
            content, Path(config.docs_dir), base_url=config.site_url or DEFAULT_URL, corpus=corpus
        )
    except ContentError as exc:
        report = "content problems:\n" + format_text(exc.problems, _shown(content))
        if not (_session.serving and _session.nav):
            raise Abort(report.rstrip()) from None
        # While previewing, an invalid edit must not take the site down: say
        # what is wrong and rebuild the last good page tree, left untouched.
        print(report + "serving the last good version until this is fixed", file=sys.stderr)
        config.nav = _session.nav
        return config
    except UnsafeFolder as exc:
        raise Abort(str(exc)) from None
    _session.nav = _escaped_nav(site.nav)
    config.nav = _session.nav
    # A reproducible build: the build date is the content's, unless set outside.
    ours = os.environ.get(_OWN_EPOCH)
    if "SOURCE_DATE_EPOCH" not in os.environ or os.environ["SOURCE_DATE_EPOCH"] == ours:
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_OWN_EPOCH] = str(site.updated)
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    """While previewing, keep the theme's templates compiled between rebuilds:
    MkDocs makes a new environment for each, compiling every template again.
    Its filters hold no build's state, and a changed theme folder or locale
    (mkdocs.yml is watched) gets a new one."""
    if not _session.serving:
        return env
    key = (tuple(env.loader.searchpath), str(config.theme.locale))
    if _session.theme_env is not None and _session.theme_env[0] == key:
        return _session.theme_env[1]
    _session.theme_env = (key, env)
    return env


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Mark sections for Material's search, which starts a section of its index at
    each heading with an id and leaves out an element with `data-search-exclude`:
    those the page names in `unsearched_sections` are left out; those in
    `unsplit_sections` join the section before (the heading's id moves to an
    empty element just before it, where the table of contents still points)."""
    for section_id in page.meta.get("unsearched_sections") or []:
        html = html.replace(
            f'<h2 id="{section_id}">', f'<h2 id="{section_id}" data-search-exclude>'
        )
    for section_id in page.meta.get("unsplit_sections") or []:
        html = html.replace(
            f'<h2 id="{section_id}">', f'<span id="{section_id}"></span><h2 data-search-exclude>'
        )
    return html


def on_post_template(output: str, template_name: str, config: Any) -> str:
    # MkDocs builds the theme's own pages first: its 404 page, which has no
    # content, is what every page is audited against.
    if template_name == "404.html":
        output = with_policy(output)
        _session.theme = theme_of(output)
        _session.findings = []
    return output


def on_post_page(output: str, page: Any, config: Any) -> str:
    output = with_policy(output)  # see generator/csp.py
    if _session.theme is not None:
        rel = page.file.dest_uri
        _session.findings += audit_page(rel, output, Path(config.site_dir), _session.theme)
    return output


def on_post_build(config: Any) -> None:
    """Fail the build when a page runs anything the theme does not (see site_audit)."""
    findings, _session.findings, _session.theme = sorted(_session.findings), [], None
    if not findings:
        return
    report = "the built site runs what the theme does not:\n" + "".join(
        f"  {finding}\n" for finding in findings
    )
    if _session.serving:
        print(report + "fix the generator or the pages before publishing", file=sys.stderr)
        return
    raise Abort(report.rstrip())


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    for key in _TEXT_META:
        if key in page.meta:
            page.meta[key] = Markup.escape(str(page.meta[key]))
    return markdown
