"""Rendering a large site on the machine's other cores too.

Each page, and each data file, renders from the site's view alone, so the work can
be shared out: copies of this process (forked, so that nothing is sent to them but
what they render back) and this one take the next job in turn until none is
left, the data files (the longest jobs) first. The result is the same, byte for
byte, as when one process renders it all (tested).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from multiprocessing.connection import Connection
from typing import Any

from ..processes import forking, spare_cores

Job = Callable[[], dict[str, str]]  # {uri: text} of a page or of data files
# Below this many jobs, starting a process costs more than it saves.
SMALLEST_SITE = 300


def render_shared(jobs: Sequence[Job], first: Sequence[Job] = ()) -> dict[str, str]:
    """Everything `jobs` render, with the other cores' help; and `first`, which
    this process renders itself, before it takes its turn (what they record
    stays here: the render store's data-file parts)."""
    context = forking()
    workers = spare_cores()
    if context is None or workers < 1 or len(jobs) < SMALLEST_SITE:
        return _run([*first, *jobs])
    taken = context.Value("i", 0)  # the next job's number, with its lock
    children = []
    for _ in range(workers):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_run_into, args=(_next(taken, jobs), writer))
        child.start()
        writer.close()
        children.append((child, reader))
    try:
        done = _run(chain(first, _next(taken, jobs)))
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
        if outcome != "done":
            raise RuntimeError(f"rendering pages in another process failed:\n{value}")
        done.update(value)
    return done


def _next(taken: Any, jobs: Sequence[Job]) -> Iterator[Job]:
    """The jobs no process has taken yet, one at a time."""
    while True:
        with taken.get_lock():
            number = taken.value
            taken.value += 1
        if number >= len(jobs):
            return
        yield jobs[number]


def _run(jobs: Iterable[Job]) -> dict[str, str]:
    done: dict[str, str] = {}
    for job in jobs:
        done.update(job())
    return done


def _run_into(jobs: Iterator[Job], out: Connection) -> None:
    try:
        out.send(("done", _run(jobs)))
    except Exception:  # the parent raises it, with the child's traceback
        out.send(("failed", traceback.format_exc()))
    finally:
        out.close()
