"""A live preview re-renders only the pages an edit touches, and the result is
exactly what a fresh build of the edited content gives.

A `BuildCache` keeps parses, models and pages between builds (as
`timeline serve` does). For each kind of edit an editor makes, the kept
render after the edit must equal a fresh render from nothing, byte for byte,
and must have rendered again fewer pages than the site has, the edited ones
among them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import synthetic_content

from generator.content.problems import ContentError
from generator.exports import atom_feeds, csv_table, ics_calendar, json_data, timelinejs
from generator.pipeline import BuildCache, compile_site
from generator.render import axis_drawings, renderer
from generator.render.render_store import RenderStore
from generator.render.time_axis import is_dense
from generator.views import site_view as views

pytestmark = pytest.mark.slow  # renders a 200-event timeline some 30 times

EVENTS = 200  # past the split into months (views.PAGE_EVENTS)
EVENTS_DIR = "timelines/long-story/events"


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    return synthetic_content(tmp_path_factory.mktemp("incremental"), EVENTS)


@pytest.fixture
def content(original, tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(original, root)
    return root


@pytest.fixture
def kept() -> BuildCache:
    return BuildCache()


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The URIs of the pages rendered, as opposed to reused."""
    uris: list[str] = []
    real = renderer._Renderer._render

    def counting(self, page):
        uris.append(page.uri)
        return real(self, page)

    monkeypatch.setattr(renderer._Renderer, "_render", counting)
    return uris


@pytest.fixture
def parts(monkeypatch) -> list[str]:
    """The events whose part of a data file was made, as opposed to reused."""
    made: list[str] = []
    for module, name in (
        (csv_table, "_row"), (ics_calendar, "_vevent"), (timelinejs, "_slide"),
        (atom_feeds, "_entry"), (json_data, "_event_json"),
    ):  # fmt: skip
        real = getattr(module, name)

        def counting(*args, real=real, name=name):
            view = next(a for a in args if isinstance(a, views.EventView))
            made.append(f"{name}:{view.id}")
            return real(*args)

        monkeypatch.setattr(module, name, counting)
    return made


@pytest.fixture
def densities(monkeypatch) -> list[int]:
    """The sizes of the time axes drawn as a density, as opposed to reused."""
    drawn: list[int] = []
    real = axis_drawings.render_axis

    def counting(events, periods, zone, title, size, dates):
        if is_dense(len(events), size):
            drawn.append(len(events))
        return real(events, periods, zone, title, size, dates)

    monkeypatch.setattr(axis_drawings, "render_axis", counting)
    return drawn


def _render(content: Path, cache: BuildCache | None = None) -> dict[str, str]:
    return compile_site(content, cache=cache).pages


def _event(content: Path, n: int) -> Path:
    return sorted((content / EVENTS_DIR).glob("*.yaml"))[n]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set(path: Path, key: str, value: str) -> None:
    """Give the top-level `key` of a content file a new value."""
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"{key}: "))
    _replace(path, line, f'{key}: "{value}"')


def _retitle(content: Path) -> str:
    path = _event(content, 40)
    _set(path, "title", "An edited title")
    return f"long-story/events/{path.stem}.md"


def _move_to_another_month(content: Path) -> str:
    path = _event(content, 10)  # from the first months to the last
    _set(path, "date", "2020-07-15")
    return f"long-story/events/{path.stem}.md"


def _relate(content: Path) -> str:
    path, other = _event(content, 60), _event(content, 150)
    text = path.read_text(encoding="utf-8")
    related = "related:\n" if "\nrelated:\n" in text else None
    if related:
        _replace(path, "\nrelated:\n", f'\nrelated:\n  - "{other.stem}"\n')
    else:
        path.write_text(text + f'related:\n  - "{other.stem}"\n', encoding="utf-8")
    return f"long-story/events/{path.stem}.md"


def _delete(content: Path) -> str:
    files = sorted((content / EVENTS_DIR).glob("*.yaml"))
    named = "".join(f.read_text(encoding="utf-8") for f in files)
    path = next(f for f in files[20:] if f.stem not in named)  # nothing relates to it
    path.unlink()
    return "long-story/index.md"


def _add(content: Path) -> str:
    source = _event(content, 70)
    new = source.with_name("e99999-an-added-event.yaml")
    new.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    _set(new, "title", "An added event")
    return "long-story/events/e99999-an-added-event.md"


def _requote(content: Path) -> str:
    path = next(
        p
        for p in sorted((content / EVENTS_DIR).glob("*.yaml"))[30:]
        if "quotes:" in p.read_text(encoding="utf-8")
    )
    _replace(path, '  - text: "', '  - text: "Edited quote. ')
    return f"long-story/events/{path.stem}.md"


def _rename_actor(content: Path) -> str:
    path = sorted((content / "actors").glob("*.yaml"))[0]
    _set(path, "name", "Renamed Actor")
    return f"actors/{path.stem}.md"


def _retitle_timeline(content: Path) -> str:
    _set(content / "timelines/long-story/timeline.yaml", "title", "An edited story")
    return "long-story/index.md"


EDITS: dict[str, Callable[[Path], str]] = {
    "an event's title": _retitle,
    "an event's date, to another month": _move_to_another_month,
    "an event's related events": _relate,
    "an event deleted": _delete,
    "an event added": _add,
    "a quote": _requote,
    "an actor's name": _rename_actor,
    "the timeline's title": _retitle_timeline,
}
# Edits of one event leave most pages as they were.
EVENT_EDITS = {"an event's title", "an event's related events", "a quote"}


@pytest.fixture(params=["in memory", "on disk"])
def keeping(request, tmp_path) -> Callable[[Path], dict[str, str]]:
    """A render that keeps what it made for the next: a preview's, in memory, or
    a build's, on disk for the next build (render/render_store.py)."""
    if request.param == "in memory":
        cache = BuildCache()
        return lambda content: _render(content, cache)
    folder = tmp_path / "store"
    return lambda content: compile_site(content, store=RenderStore.load(folder)).pages


@pytest.mark.parametrize("edit", EDITS)
def test_a_kept_render_after_an_edit_equals_a_fresh_one(
    edit, content, keeping, rendered, parts, densities, request
):
    keeping(content)
    changed = EDITS[edit](content)
    rendered.clear()
    parts.clear()
    densities.clear()
    incremental = keeping(content)
    again, made, redrawn = list(rendered), list(parts), list(densities)
    fresh = _render(content)
    assert incremental.keys() == fresh.keys()
    differing = [uri for uri in fresh if incremental[uri] != fresh[uri]]
    assert not differing, f"stale after {edit}: {differing[:5]}"
    assert changed in again
    if edit in EVENT_EDITS:
        assert len(again) < len([u for u in fresh if u.endswith(".md")]) / 4
        # The data files remade the edited event's parts only (one a file that has them).
        edited = changed.rsplit("/", 1)[-1].removesuffix(".md")
        parts_of = (
            "_entry",
            "_event_json",
            "_row",
            "_slide",
            "_vevent",
        )  # the feeds share the entry
        assert sorted(made) == [f"{name}:{edited}" for name in parts_of]
        # A preview's whole-timeline axes, a density of every event, drawn as they were.
        if request.node.callspec.params["keeping"] == "in memory":
            assert not redrawn
    if edit in ("an actor's name", "the timeline's title"):
        assert len(made) >= 5 * EVENTS  # read by every part: all made again


def test_pages_are_kept_across_an_invalid_edit(content, kept, rendered):
    """While the content is broken nothing renders; fixed, the kept pages are
    still exact."""
    _render(content, kept)
    path = _event(content, 5)
    good = path.read_text(encoding="utf-8")
    _replace(path, "\ntitle: ", "\ntitle:\n  - not a title\nsummary2: ")
    with pytest.raises(ContentError):
        _render(content, kept)
    path.write_text(good, encoding="utf-8")
    _set(path, "title", "A fixed title")
    rendered.clear()
    incremental = _render(content, kept)
    assert f"long-story/events/{path.stem}.md" in rendered
    assert incremental == _render(content)


def test_nothing_is_kept_unless_asked(content, rendered):
    _render(content)
    rendered.clear()
    pages = _render(content)
    assert len(rendered) == len([u for u in pages if u.endswith(".md")])


def test_an_edit_that_ends_the_split_into_months(content, kept, monkeypatch):
    """Events whose month page goes away link to the whole timeline again."""
    monkeypatch.setattr(views, "PAGE_EVENTS", EVENTS - 1)
    assert "long-story/timeline/2020-01.md" in _render(content, kept)
    _delete(content)
    incremental = _render(content, kept)
    fresh = _render(content)
    assert "long-story/timeline/2020-01.md" not in fresh
    assert incremental == fresh
