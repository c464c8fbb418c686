"""`timeline new` in a terminal: ask for each fact and check each answer at once.

An answer is checked by the same field types the model uses, and ids against
the content that exists, so a mistake is caught on the line where it is typed
(with the nearest valid id) instead of after every question has been answered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click
from pydantic import TypeAdapter, ValidationError

from ..authoring.new_event import content_ids, default_event_id
from ..content.cross_references import NEW_ACTOR, NEW_OUTLET
from ..content.fields import Date, Paragraph, Title, WebUrl, ZoneName, id_problem
from ..content.load import load_content
from ..content.model import Actor, Event, Importance, Outlet, Source, Timeline
from ..content.suggest import did_you_mean


def _typed(annotation: Any) -> Callable[[str], str]:
    """A checker that validates the answer as the model would, and keeps its text."""
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)

    def check(answer: str) -> str:
        if not answer.strip():
            raise click.BadParameter("this one is required: write something")
        try:
            adapter.validate_python(answer.strip())
        except ValidationError as exc:
            raise click.BadParameter(exc.errors()[0]["msg"]) from None
        return answer.strip()

    return check


def _optional(check: Callable[[str], str]) -> Callable[[str], str]:
    return lambda answer: check(answer) if answer.strip() else ""


def _one_of(kind: str, known: frozenset[str], how: str) -> Callable[[str], str]:
    def check(answer: str) -> str:
        answer = answer.strip()
        if answer not in known:
            raise click.BadParameter(f"no {kind} '{answer}'{did_you_mean(answer, known)}: {how}")
        return answer

    return check


def _list_of(check: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
    def check_all(answer: str) -> tuple[str, ...]:
        items = [item for item in answer.replace(",", " ").split() if item]
        if len(set(items)) != len(items):
            raise click.BadParameter("an id is listed twice: list each once")
        return tuple(check(item) for item in items)

    return check_all


def _help(model: type[Any], name: str) -> str:
    return str(model.model_fields[name].description or "")


def _ask(label: str, check: Callable[[str], Any], help_text: str = "", **kwargs: Any) -> Any:
    if help_text:
        click.secho(help_text, dim=True)
    return click.prompt(label, value_proc=check, **kwargs)


def ask_event(content: Path, given: dict[str, Any]) -> dict[str, Any]:
    """The facts of a new event: those `given` as flags, and answers for the rest."""
    ids = content_ids(content)
    facts = dict(given)
    click.echo("A new event. Press Ctrl+C to stop; nothing is written until the end.\n")

    if not facts.get("timeline"):
        if not ids.timelines:
            raise click.UsageError("there is no timeline yet: create one first")
        slugs = list(ids.timelines)
        if len(slugs) == 1:
            facts["timeline"] = slugs[0]
            click.echo(f"Timeline: {slugs[0]}")
        else:
            facts["timeline"] = _ask(
                "Timeline",
                _one_of("timeline", frozenset(slugs), "choose one listed above"),
                "Timelines: " + ", ".join(slugs),
            )
    zone, topics = ids.timelines.get(facts["timeline"], (None, frozenset()))

    def ask(key: str, label: str, check: Callable[[str], Any], help_text: str, **kw: Any) -> None:
        if facts.get(key) in (None, ()):
            facts[key] = _ask(label, check, help_text, **kw)

    ask("title", "Title", _typed(Title), _help(Event, "title"))
    ask("summary", "Summary", _typed(Paragraph), _help(Event, "summary"))
    ask("date", "Date", _typed(Date), _help(Event, "date"))
    ask(
        "timezone",
        "Time zone",
        _optional(_typed(ZoneName)),
        "IANA time zone of the date, e.g. Europe/London; Enter keeps the timeline's.",
        default=zone or "",
    )
    ask(
        "importance",
        "Importance",
        click.Choice(get_args(Importance)),
        _help(Event, "importance"),
        default="normal",
    )
    ask(
        "actors",
        "Actors",
        _list_of(_one_of("actor", ids.actors, NEW_ACTOR)),
        "Ids of the actors involved, separated by spaces or commas; Enter for none.",
        default="",
        show_default=False,
    )
    if topics:
        ask(
            "topics",
            "Topics",
            _list_of(_one_of("topic", topics, "use one of the timeline's topics")),
            "Ids of the timeline's topics, separated by spaces or commas; Enter for none: "
            + ", ".join(sorted(topics)),
            default="",
            show_default=False,
        )
    click.echo("\nThe source: a document that reports the event.")
    ask("outlet", "Outlet id", _one_of("outlet", ids.outlets, NEW_OUTLET), _help(Source, "outlet"))
    ask("source_title", "Source title", _typed(Title), _help(Source, "title"))
    ask("source_url", "Source URL", _typed(WebUrl), _help(Source, "url"))
    ask("source_published", "Source published", _typed(Date), _help(Source, "published"))

    def new_id(answer: str) -> str:
        answer = answer.strip()
        if problem := id_problem(answer):
            raise click.BadParameter(problem)
        if (facts["timeline"], answer) in ids.events:
            raise click.BadParameter(f"event '{answer}' already exists: choose another id")
        return answer

    ask(
        "event_id",
        "File name (event id)",
        new_id,
        "The event's id, also its file name; Enter keeps the one made from the title.",
        default=default_event_id(facts["title"]),
    )
    if facts["timezone"] in ("", zone):  # the timeline's zone need not be repeated
        facts["timezone"] = None
    return facts


# What `timeline new timeline|actor|outlet` asks: (flag, fact, help, required).
NEW_FILE_FACTS: dict[str, list[tuple[str, str, str, bool]]] = {
    "timeline": [
        ("--title", "title", _help(Timeline, "title"), True),
        ("--dek", "dek", _help(Timeline, "dek"), True),
        ("--timezone", "timezone", _help(Timeline, "timezone"), True),
        ("--introduction", "introduction", "What happened and why it matters (default: the dek).",
         False),
        ("--published", "published", "When it is first published (default: today).", False),
    ],
    "actor": [
        ("--name", "name", _help(Actor, "name"), True),
        ("--kind", "kind", _help(Actor, "kind"), True),
        ("--role", "role", _help(Actor, "role"), False),
        ("--country", "country", _help(Actor, "country"), False),
        ("--organisation", "organisation", _help(Actor, "organisation"), False),
    ],
    "outlet": [
        ("--name", "name", _help(Outlet, "name"), True),
        ("--kind", "kind", _help(Outlet, "kind"), True),
        ("--url", "url", _help(Outlet, "url"), False),
        ("--country", "country", _help(Outlet, "country"), False),
    ],
}  # fmt: skip
_MODELS: dict[str, type[Any]] = {"timeline": Timeline, "actor": Actor, "outlet": Outlet}


def _actors_of_kind(content: Path) -> dict[str, frozenset[str]]:
    """The actor ids of each kind: what `country` and `organisation` may name."""
    found: dict[str, set[str]] = {}
    for doc in load_content(content).documents:
        if doc.kind == "actor" and isinstance(doc.parsed.data, dict):
            found.setdefault(str(doc.parsed.data.get("kind")), set()).add(doc.id)
    return {k: frozenset(v) for k, v in found.items()}


def ask_file(content: Path, kind: str, given: dict[str, Any]) -> dict[str, Any]:
    """The facts of a new timeline, actor or outlet: flags given, answers for the rest.
    Each answer is checked when Enter is pressed: as the model checks it, and a
    country or organisation against the actors that exist."""
    model = _MODELS[kind]
    facts = dict(given)
    kinds = _actors_of_kind(content)
    how = {"country": ("state", NEW_ACTOR), "organisation": ("organisation", NEW_ACTOR)}
    click.echo(f"A new {kind}. Press Ctrl+C to stop; nothing is written until the end.\n")
    for _flag, name, help_text, required in NEW_FILE_FACTS[kind]:
        if facts.get(name):
            continue
        field = model.model_fields.get(name)
        choices = get_args(field.annotation) if field is not None else ()
        if name in how:
            actor_kind, fix = how[name]
            check: Any = _optional(_one_of(actor_kind, kinds.get(actor_kind, frozenset()), fix))
        elif choices and all(isinstance(c, str) for c in choices):
            check = click.Choice(choices)
        elif field is not None:
            annotation = next((a for a in get_args(field.annotation) if a is not type(None)),
                              field.annotation)  # fmt: skip
            check = _typed(annotation) if required else _optional(_typed(annotation))
        else:
            check = _optional(_typed(Paragraph if name == "introduction" else Date))
        label = name.replace("_", " ").capitalize()
        facts[name] = _ask(label, check, help_text, **({} if required else {"default": ""}))
    return facts
