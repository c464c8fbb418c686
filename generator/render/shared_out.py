"""Rendering a large site's pages on the machine's other cores too.

Each page renders from the site's view alone, so the pages can be dealt out: a
copy of this process (forked, so that nothing is sent to it but the pages it
renders back) takes every other page while this one renders the rest. The pages
are the same, byte for byte, as when one process renders them all (tested).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..processes import forking, spare_cores

T = TypeVar("T")
# Below this many pages, starting a process costs more than it saves.
SMALLEST_SITE = 300


def render_shared(items: Sequence[T], render: Callable[[T], tuple[str, str]]) -> dict[str, str]:
    """{uri: text} of `render` over `items`, with the other cores' help."""
    context = forking()
    workers = spare_cores()
    if context is None or workers < 1 or len(items) < SMALLEST_SITE:
        return dict(map(render, items))
    share = workers + 1
    children = []
    for n in range(1, share):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_render_into, args=(items[n::share], render, writer))
        child.start()
        writer.close()
        children.append((child, reader))
    try:
        done = dict(map(render, items[::share]))
    except BaseException:
        for child, _ in children:  # this process failed: theirs are no use
            child.terminate()
            child.join()
        raise
    for child, reader in children:
        try:
            outcome, value = reader.recv()
        except EOFError:
            outcome, value = "failed", "the process rendering pages stopped"
        child.join()
        if outcome != "pages":
            raise RuntimeError(f"rendering pages in another process failed:\n{value}")
        done.update(value)
    return done


def _render_into(items: Sequence[Any], render: Callable[[Any], tuple[str, str]],
                 out: Connection) -> None:  # fmt: skip
    try:
        out.send(("pages", dict(map(render, items))))
    except Exception:  # the parent raises it, with the child's traceback
        out.send(("failed", traceback.format_exc()))
    finally:
        out.close()
