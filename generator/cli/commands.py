"""The `timeline` command: a thin shell over the core (`pipeline`, the MkDocs
adapter, the authoring tools).

Every failure the user can fix arrives as a `UserError` and is turned into
messages and an exit code in one place (`_fail`): content problems are
printed one per line and exit 1; usage mistakes exit 2; nothing an editor does
ends in a traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, get_args

import click

from .. import __version__, checking
from ..authoring.new_event import NewEvent, create_event
from ..content.drafts import draft_count
from ..content.model import Importance
from ..content.modeline import SCHEMA_DIR
from ..content.problems import FORMATTERS, ContentError, Problem
from ..content.validate import Corpus
from ..errors import UsageError, UserError
from ..exports.format_names import FORMAT_NAMES
from ..views.addresses import DEFAULT_BASE_URL

CONTENT_OPTION = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default="content",
    show_default=True,
    help="The content folder (actors/, outlets/, timelines/).",
)


def _shown(path: Path) -> str:
    """How to print the content folder: as the user named it, relative if possible."""
    return os.path.normpath(path).replace(os.sep, "/")


def _report(problems: list[Problem], content: Path, fmt: str = "text") -> None:
    click.echo(FORMATTERS[fmt](problems, _shown(content)), nl=False)
    sys.stdout.flush()  # so that the summary on stderr follows the problems on a terminal
    if fmt == "text":
        errors = [p for p in problems if p.is_error]
        files = len({p.source_path for p in errors})
        noun = "problem" if len(errors) == 1 else "problems"
        warned = len(problems) - len(errors)
        said = [f"{len(errors)} {noun} in {files} file(s)"] if errors or not warned else []
        said += [f"{warned} warning(s) of what drafts still need"] if warned else []
        click.echo(", and ".join(said), err=True)


def drafts_said(corpus: Corpus, built: bool | None, warnings: int = 0) -> str:
    """A line on the drafts: how many, and what this command did with them
    (`built`: None for check, else whether the build included them)."""
    timelines, events = draft_count(corpus)
    if not (timelines or events):
        return ""
    slugs = ", ".join(slug for slug, entry in corpus.timelines.items() if entry.draft)
    parts = [f"{timelines} draft timeline(s) ({slugs})"] if timelines else []
    parts += [f"{events} draft event(s) in published timelines"] if events else []
    what = " and ".join(parts)
    if built is None:
        needs = f"; the {warnings} warning(s) above say what they still need" if warnings else ""
        return f"{what}: the preview shows them, `timeline build` leaves them out{needs}"
    if built:
        return f"this site includes {what}: a preview to share, not to publish"
    return f"left out of the site: {what}; `timeline build --drafts` builds them too"


class _Command(click.Command):
    """A subcommand whose UserErrors become messages and exit codes, here only."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            _fail(ctx, exc)


def _fail(ctx: click.Context, exc: UserError) -> None:
    if isinstance(exc, UsageError):  # click prints it with the usage line, exit 2
        if exc.option:
            raise click.BadParameter(str(exc), param_hint=exc.option) from None
        raise click.UsageError(str(exc)) from None
    if isinstance(exc, ContentError):
        content = ctx.params.get("content") or Path("content")
        _report(exc.problems, content, ctx.params.get("report_format") or "text")
    else:
        click.echo(str(exc), err=True)
    if exc.after:
        click.echo(exc.after, err=True)
    ctx.exit(exc.exit_code)


class _Group(click.Group):
    command_class = _Command


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Build news explainer timelines from YAML content.\n\n"
    "Editors write one YAML file per event under content/; `timeline check` "
    "reports every mistake as path:line:col: message.",
)
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    pass


@main.command()
@CONTENT_OPTION
@click.option(
    "--format",
    "report_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text: path:line:col: message lines; github: GitHub Actions annotations; "
    "json: machine-readable.",
)
@click.option(
    "--changed",
    "ref",
    is_flag=False,
    flag_value="main",
    metavar="[REF]",
    help="Report only on files changed since the branch left REF (default: main), "
    "still checking their references into the rest of the content.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=".cache/timeline",
    show_default=True,
    help="Where each file's check is kept for the next check, which parses and "
    "validates only the files that changed (the report is the same either way); "
    "'' for none.",
)
def check(content: Path, report_format: str, ref: str | None, cache: Path) -> None:
    """Validate all content and report every problem at once.

    Exits 0 when the content is clean, 1 when it has problems, 2 on a usage error.
    """
    kept = _cache_folder(cache)
    if ref is not None:
        _check_changed(content, report_format, ref, kept)
        return
    corpus, warnings = checking.check_content(content, _pages(Path("mkdocs.yml")), cache=kept)
    catalogues = _catalogue_problems(Path("mkdocs.yml"), corpus)
    if corpus is None:
        raise ContentError(warnings)
    if catalogues:
        click.echo(f"{len(catalogues)} problem(s) in the interface catalogues", err=True)
        sys.exit(1)
    if warnings or report_format == "json":
        click.echo(FORMATTERS[report_format](warnings, _shown(content)), nl=False)
        sys.stdout.flush()
    events = sum(len(t.events) for t in corpus.timelines.values())
    click.echo(
        f"ok: {len(corpus.timelines)} timeline(s), {events} events, {len(corpus.actors)} actors, "
        f"{len(corpus.outlets)} outlets",
        err=True,
    )
    if said := drafts_said(corpus, built=None, warnings=len(warnings)):
        click.echo(said, err=True)


def _catalogue_problems(config_file: Path, corpus: Corpus | None) -> list[str]:
    """A newsroom's interface catalogues (the plugin's `catalogues` folder)
    checked as the build reads them, for the site's language and each its
    timelines are translated into; each problem (`path:line:col: message`),
    printed: what would stop the build. Ours are tested as they ship."""
    from ..mkdocs_adapter.config_values import PLUGIN, configured, plugin_folder

    folder = plugin_folder(config_file, PLUGIN, "catalogues", "locale")
    if not folder.is_dir():
        return []
    from ..views.interface import CatalogueError, Interface, read_catalogue

    if folder.is_relative_to(Path.cwd()):
        folder = folder.relative_to(Path.cwd())
    theme = configured(config_file, "theme")
    theme = theme if isinstance(theme, dict) else {}
    languages = {str(theme.get("language") or theme.get("locale") or "en")}
    for entry in corpus.timelines.values() if corpus else ():
        languages |= {t.language for t in entry.translations}
    found: list[str] = []
    read: set[Path] = set()
    for language in sorted(languages):
        for path in Interface(language, (folder,)).catalogue_files:
            if path.is_relative_to(folder) and path not in read:
                read.add(path)
                try:
                    read_catalogue(path)
                except CatalogueError as error:
                    found += error.problems
    for problem in found:
        click.echo(problem)
    return found


def _cache_folder(option: Path) -> Path | None:
    return option if str(option) not in ("", ".") else None  # '' is "."


def _check_changed(content: Path, fmt: str, ref: str, cache: Path | None) -> None:
    from ..content.changed_files import changed_files, narrow

    changed = changed_files(checking.require_folder(content), ref)
    _, problems = checking.check_content(content, _pages(Path("mkdocs.yml")), cache=cache)
    shown, hidden = narrow(problems, changed)
    if shown or fmt == "json":
        _report(shown, content, fmt)
    shown = [p for p in shown if p.is_error]  # a draft's warnings fail nothing
    if hidden:
        click.echo(
            f"{hidden} problem(s) in files unchanged since {ref} not shown: "
            "run `timeline check` to see them",
            err=True,
        )
    if shown:
        sys.exit(1)
    click.echo(f"ok: {len(changed)} file(s) changed since {ref}", err=True)


CONFIG_OPTION = click.option(
    "--config-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The MkDocs configuration.",
)


DOCS_OPTION = click.option(
    "--docs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the page tree (default: docs_dir of mkdocs.yml, timeline/).",
)


@main.command()
@CONTENT_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Where the built site goes.",
)
@DOCS_OPTION
@CONFIG_OPTION
@click.option(
    "--drafts",
    is_flag=True,
    help="Build the drafts too (timelines and events with draft: true), for a preview "
    "to share; a published site leaves them out.",
)
@click.option(
    "--page-cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where each built page (with its search entries), each hand-written page's "
    "Markdown conversion and each content file's check are kept for the next build, "
    "which builds, converts and checks again only what changed: the site is the same "
    "either way, search index included. Default: .cache/timeline beside --site-dir; "
    "'' for none.",
)
def build(
    content: Path, site_dir: Path, docs_dir: Path | None, config_file: Path, drafts: bool,
    page_cache: Path | None,
) -> None:  # fmt: skip
    """Check the content, render it and build the site with MkDocs --strict.

    The site is built in a new folder beside --site-dir and swapped in whole,
    in one step, only when the build succeeds: a failed or killed build leaves
    the previous site in place (and the next build removes what it left). One
    build at a time may write a site folder; a second is told to wait.
    """
    from ..mkdocs_adapter.engine import build_site  # MkDocs loads only when building

    if page_cache is None:
        page_cache = site_dir.resolve().parent / ".cache" / "timeline"
    cache = _cache_folder(page_cache)
    corpus = checking.checked_content(content, _pages(config_file), cache=cache)  # once, for both
    build_site(config_file, content, site_dir, docs_dir, corpus, drafts, cache)
    click.echo(f"built {_shown(site_dir)}", err=True)
    if said := drafts_said(corpus, built=drafts):
        click.echo(said, err=True)


@main.command()
@CONTENT_OPTION
@DOCS_OPTION
@CONFIG_OPTION
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address and port to serve on.",
)
@click.option(
    "--poll",
    is_flag=True,
    help="Look for changes twice a second instead of waiting for file events, "
    "where those do not arrive (some network drives and container mounts).",
)
def serve(
    content: Path, docs_dir: Path | None, config_file: Path, dev_addr: str, poll: bool
) -> None:
    """Preview the site, rebuilding as content changes.

    Edit an event's YAML and the open page reloads in the browser. An invalid
    edit prints its problems here and at the top of every page, and the last good
    build stays up until it is fixed.
    """
    from ..mkdocs_adapter.engine import serve_site

    checking.checked_content(content, _pages(config_file))
    serve_site(config_file, content, dev_addr, docs_dir, poll)


def _pages(config_file: Path) -> Path:
    """The hand-written pages of the site that mkdocs.yml configures, whose
    addresses no timeline may take (the plugin's `pages` option)."""
    from ..mkdocs_adapter.config_values import PLUGIN, plugin_folder  # YAML, not MkDocs

    return plugin_folder(config_file, PLUGIN, "pages", "pages")


def _site_url(config_file: Path) -> str:
    """mkdocs.yml's site_url, so that exports carry the site's real addresses."""
    from ..mkdocs_adapter.config_values import configured  # reads YAML, not MkDocs

    return str(configured(config_file, "site_url") or DEFAULT_BASE_URL)


@main.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default="site",
    show_default=True,
    help="The built site to check.",
)
@CONFIG_OPTION
def links(site_dir: Path, config_file: Path) -> None:
    """Check the built site's internal links and anchors.

    Each broken one is printed as page:line: what is wrong: link. Links to
    other hosts are not followed; links under the site's own site_url are.
    Exits 1 when any link is broken.
    """
    from ..site_checks.links import check_links

    broken, pages = check_links(site_dir, _site_url(config_file))
    for link in broken:
        click.echo(f"{_shown(site_dir)}/{link}")
    if broken:
        click.echo(f"{len(broken)} broken link(s) in {pages} pages", err=True)
        sys.exit(1)
    click.echo(f"ok: links and anchors in {pages} pages", err=True)


@main.command()
@CONTENT_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMAT_NAMES)),
    required=True,
    help="json (with a published schema), csv, ics (iCalendar), atom, timelinejs (TimelineJS3).",
)
@click.option("--timeline", "slug", help="Which timeline (default: the only one).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--site-url", help="The site's address (default: site_url in mkdocs.yml).")
def export(
    content: Path, fmt: str, slug: str | None, output: Path | None, site_url: str | None
) -> None:
    """Export a timeline in another format (the build also writes every format into the site)."""
    from ..pipeline import export_timeline  # the exports load only when exporting

    corpus = checking.checked_content(content)
    base_url = site_url or _site_url(Path("mkdocs.yml"))
    text = export_timeline(corpus, fmt, slug, base_url)
    if output:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(_shown(output), err=True)
    else:
        click.echo(text, nl=False)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CONTENT_OPTION
@click.option(
    "--timeline", "slug", required=True, help="Slug (folder name) of the timeline to write."
)
@click.option(
    "--timezone",
    default="UTC",
    show_default=True,
    help="IANA time zone of the slides' dates (TimelineJS dates carry none).",
)
@click.option("--published", help="Publication date of a new timeline (default: today).")
@click.option("--outlet", help="With --source-url: id of the outlet that published the timeline.")
@click.option(
    "--source-url",
    help="The address of the timeline as published: every imported event's source.",
)
@click.option("--source-title", help="That source's title (default: the timeline's).")
@click.option("--source-published", help="When that source was published (default: read today).")
def import_(
    file: Path, content: Path, slug: str, timezone: str, published: str | None,
    outlet: str | None, source_url: str | None, source_title: str | None,
    source_published: str | None,
) -> None:  # fmt: skip
    """Import a TimelineJS3 JSON file or a TimelineJS Google Sheets CSV export.

    Writes a draft: a new timeline with draft: true (or, into an existing
    timeline, each event with draft: true), which the preview shows and the
    published site leaves out. Reports everything it could not carry over
    (backgrounds, HTML outside the safe subset...) and, file by file, what each
    draft still needs before publishing. Exits 0 when the content checks clean
    (drafts' warnings aside), 1 otherwise.
    """
    from ..authoring.timelinejs_import import GivenSource, import_timelinejs

    if bool(outlet) != bool(source_url):
        raise UsageError("give --outlet and --source-url together", option="--source-url")
    checking.require_folder(content)
    given = outlet and source_url and GivenSource(outlet, source_url, source_title,
                                                  source_published)  # fmt: skip
    imported = import_timelinejs(file, content, slug, timezone, published, given or None)
    for rel in imported.written:
        click.echo(f"wrote {_shown(content / rel)}", err=True)
    _, problems = checking.check_content(content)
    for message in imported.file_notes:
        click.echo(f"{file}: {message}")
    notes = sorted(imported.notes)
    if notes:
        click.echo(FORMATTERS["text"](notes, _shown(content)), nl=False)
    if problems:
        _report(problems, content)
    errors = [p for p in problems if p.is_error]
    if not errors and imported.draft:
        click.echo(f"imported {slug} as a draft: `timeline serve` shows it; to publish it, "
                   "resolve the warnings and take out its draft: true", err=True)  # fmt: skip
    elif not errors:
        click.echo(f"imported {slug} as it was exported: it checks clean", err=True)
    sys.exit(1 if errors else 0)


# `timeline new`'s facts: (flag, name, help); the first eight are required.
NEW_FACTS = [
    ("--timeline", "timeline", "Slug of the timeline (its folder name)."),
    ("--date", "date", "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time."),
    ("--title", "title", "One line of plain text."),
    ("--summary", "summary", "One paragraph of plain text, in your own words."),
    ("--outlet", "outlet", "Id of the outlet that published the source."),
    ("--source-title", "source_title", "Title of the source as published."),
    ("--source-url", "source_url", "http(s) address of the source."),
    ("--source-published", "source_published", "When the source was published."),
    ("--id", "event_id", "Event id (file name); default: made from the title."),
    ("--timezone", "timezone", "IANA zone of --date; default: the timeline's."),
]
REQUIRED_FACTS = NEW_FACTS[:8]


def _in_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _fact_options(command):
    for flag, name, help_text in reversed(NEW_FACTS):
        required = (flag, name, help_text) in REQUIRED_FACTS
        command = click.option(
            flag,
            name,
            help=help_text + (" [required; asked for in a terminal]" if required else ""),
        )(command)
    return command


class _NewGroup(_Group):
    """`timeline new` writes an event itself, or with a subcommand another file."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            _fail(ctx, exc)


@main.group(
    cls=_NewGroup,
    invoke_without_command=True,
    short_help="Create a new, valid event (or timeline, actor, outlet) file.",
)
@CONTENT_OPTION
@_fact_options
@click.option("--importance", type=click.Choice(get_args(Importance)))
@click.option("--actor", "actors", multiple=True, help="Actor id; repeat for several.")
@click.option("--topic", "topics", multiple=True, help="Topic id; repeat for several.")
@click.pass_context
def new(ctx: click.Context, content: Path, **facts: Any) -> None:
    """Create a new, valid event file and print its path; with a subcommand, a
    new timeline, actor or outlet (`timeline new timeline --help`).

    Run in a terminal without the required flags, it asks for each fact in
    turn and checks every answer when you press Enter. With flags, it asks
    nothing. The file is checked against the rest of the content first; if
    anything is wrong (an unknown outlet, a bad date), nothing is written and
    the problems are printed.
    """
    if ctx.invoked_subcommand:
        return
    checking.require_folder(content)
    facts["actors"], facts["topics"] = tuple(facts["actors"]), tuple(facts["topics"])
    missing = [flag for flag, name, _ in REQUIRED_FACTS if not facts[name]]
    if missing and _in_terminal():
        from .new_questions import ask_event

        facts = ask_event(content, facts)
    elif missing:
        raise click.UsageError(
            f"missing {', '.join(missing)}: give every required flag (see --help), "
            "or run `timeline new` in a terminal to be asked for each"
        )
    try:
        created = create_event(content, NewEvent(**facts), _today())
    except ContentError as exc:
        exc.after = "nothing was written: fix what is above and run the command again"
        raise
    if created.said:
        click.echo(created.said, err=True)
    click.echo(_shown(created.path))  # last: the new file, for a script to read


def _today() -> date:
    """The editor's today, which dates an event added to a published timeline."""
    return date.today()


def _new_file(kind: str, content: Path, file_id: str, facts: dict[str, Any]) -> None:
    from ..authoring.new_files import create_file
    from .new_questions import NEW_FILE_FACTS, ask_file

    checking.require_folder(content)
    required = [(flag, name) for flag, name, _, needed in NEW_FILE_FACTS[kind] if needed]
    missing = [flag for flag, name in required if not facts.get(name)]
    if missing and _in_terminal():
        facts = ask_file(content, kind, facts)
    elif missing:
        raise click.UsageError(
            f"missing {', '.join(missing)}: give every required flag (see --help), "
            f"or run `timeline new {kind}` in a terminal to be asked for each"
        )
    try:
        path = create_file(content, kind, file_id, facts)
    except ContentError as exc:
        exc.after = "nothing was written: fix what is above and run the command again"
        raise
    click.echo(_shown(path))


def _file_command(kind: str, argument: str, summary: str):
    """`timeline new KIND ID` with a flag for each fact (see new_questions)."""
    from .new_questions import NEW_FILE_FACTS

    def command(content: Path, file_id: str, **facts: Any) -> None:
        _new_file(kind, content, file_id, facts)

    command.__doc__ = summary
    for flag, name, help_text, needed in reversed(NEW_FILE_FACTS[kind]):
        extra = " [required; asked for in a terminal]" if needed else ""
        command = click.option(flag, name, help=help_text + extra)(command)
    command = click.argument("file_id", metavar=argument)(command)
    command = CONTENT_OPTION(command)
    return new.command(kind)(command)


_file_command(
    "timeline",
    "SLUG",
    """Start a new timeline (as a draft) in content/timelines/SLUG/.

    It starts with draft: true, so the preview shows it and the published site
    leaves it out until you take that line out. Add its events with
    `timeline new --timeline SLUG`.
    """,
)
_file_command(
    "actor", "ID", """Add a person, state, organisation or group: content/actors/ID.yaml."""
)
_file_command("outlet", "ID", "Add a publisher of sources: content/outlets/ID.yaml.")


@main.command()
@CONTENT_OPTION
@click.option("--timeline", "slug", required=True, help="The timeline (its folder's name).")
@click.option(
    "--language", required=True, help="The language to translate into: zh-Hans, fa, pt-BR..."
)
def translate(content: Path, slug: str, language: str) -> None:
    """Start a timeline's translation into another language.

    Writes timelines/SLUG/timeline.LANG.yaml, beside each event
    events/ID.LANG.yaml, and beside each actor and outlet the timeline names
    actors/ID.LANG.yaml and outlets/ID.LANG.yaml (their names, shared by every
    timeline in LANG), with every field to translate: its original copied, its
    text to write. Files that exist are left as they are. Take out what
    you do not translate: the site shows the original there, and says so for
    an event with no translation. `timeline check` reports each missing text,
    and each translation whose original has changed since (stale). The site
    publishes the translation under /LANG/, in that language's interface.
    """
    import re

    from ..authoring.translation_files import write_translation_files
    from ..content.fields import LANGUAGE_PATTERN
    from ..content.suggest import did_you_mean

    if not re.fullmatch(LANGUAGE_PATTERN, language):
        raise click.BadParameter(
            f"{language!r} is not a language tag: write a BCP 47 tag such as zh-Hans, fa or pt-BR",
            param_hint="--language",
        )
    corpus, problems = checking.check_originals(content)
    if corpus is None:
        raise ContentError(problems)
    if slug not in corpus.timelines:
        raise click.BadParameter(
            f"no timeline {slug!r}{did_you_mean(slug, corpus.timelines)}", param_hint="--timeline"
        )
    for path in write_translation_files(content, corpus, corpus.timelines[slug], language):
        click.echo(_shown(path))


@main.command()
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=SCHEMA_DIR,
    show_default=True,
    help="Folder to write the JSON Schemas into.",
)
@click.option("--check", "check_only", is_flag=True, help="Only report whether they are stale.")
def schema(output: Path, check_only: bool) -> None:
    """Write the JSON Schema of each kind of content file, for editors' IDEs."""
    from ..schemas.json_schemas import build_schemas, write_schemas  # they hold the exports'

    if check_only:
        stale = [
            name
            for name, text in build_schemas().items()
            if not (output / name).is_file() or (output / name).read_text("utf-8") != text
        ]
        for name in stale:
            click.echo(f"{_shown(output / name)}: stale: run `timeline schema`")
        sys.exit(1 if stale else 0)
    for path in write_schemas(output):
        click.echo(_shown(path))
