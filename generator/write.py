"""Stage 4, write: make the docs folder hold exactly the rendered pages.

Only files whose bytes change are written, so that a live-reloading server
watching the folder sees a change only where there is one (and does not
rebuild forever). Pages that are no longer rendered are deleted. The folder is
entirely generated; a marker file guards against cleaning a folder that is not.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .gc_pauses import without_gc_pauses
from .render.renderer import Site

MARKER = ".generated-by-timeline"
_MARKER_TEXT = (
    "Everything in this folder is generated from content/ by `timeline`; edits are lost.\n"
)


class UnsafeFolder(UserError):
    """The docs folder holds files that the generator did not write."""


@dataclass
class Written:
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


@dataclass
class WriteCache:
    """What the last write left in the folder, kept while previewing: a file that
    is still the size and age it was written at is compared with the text written,
    in memory, and not read back (a tenth of a 1,000-event rebuild; at 10,000, the
    data files' tens of megabytes read and encoded again)."""

    folder: Path | None = None
    files: dict[str, tuple[object, int, int]] = field(default_factory=dict)


def _as_left(path: Path, text: object) -> tuple[object, int, int]:
    stat = path.stat()
    return text, stat.st_size, stat.st_mtime_ns


@without_gc_pauses  # a path object for each file: nothing for the collector to free
def write_pages(site: Site, folder: Path, kept: WriteCache | None = None) -> Written:
    """Write `site`'s pages under `folder`, leaving unchanged files untouched;
    `kept`, while previewing, what the last write left there."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    on_disk, folders = _listed(folder)
    on_disk.pop(MARKER, None)
    if on_disk and not marker.is_file():
        raise UnsafeFolder(
            f"{folder} holds files the generator did not write; "
            "move them away (hand-written pages belong in pages/)"
        )
    if not marker.is_file():
        marker.write_text(_MARKER_TEXT, encoding="utf-8")
    report = Written()
    wanted = [*site.pages, *site.files]

    def data(uri: str) -> bytes:  # pages are text; pictures and share cards, bytes
        return site.files[uri] if uri in site.files else site.pages[uri].encode("utf-8")

    def text(uri: str) -> object:
        return site.files[uri] if uri in site.files else site.pages[uri]

    last = kept.files if kept is not None and kept.folder == folder else {}
    left: dict[str, tuple[object, int, int]] = {}

    def unchanged(uri: str) -> bool:
        if uri not in on_disk:
            return False
        seen = last.get(uri)
        if seen is not None and _as_left(on_disk[uri], seen[0]) == seen:
            # The file still holds what was written: compare with that, in memory.
            now = text(uri)
            if seen[0] is not now and seen[0] != now:
                return False
            left[uri] = (now, seen[1], seen[2])
            return True
        if on_disk[uri].read_bytes() != data(uri):
            return False
        if kept is not None:
            left[uri] = _as_left(on_disk[uri], text(uri))
        return True

    report.changed = [uri for uri in wanted if not unchanged(uri)]
    for parent in sorted({(folder / uri).parent for uri in report.changed}):
        parent.mkdir(parents=True, exist_ok=True)

    def write(uri: str) -> None:
        (folder / uri).write_bytes(data(uri))

    # Creating a file waits on the disk, not on Python: a few threads write a
    # fresh folder several times faster than one.
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, report.changed))
    if kept is not None:
        left.update((uri, _as_left(folder / uri, text(uri))) for uri in report.changed)
        kept.folder, kept.files = folder, left
    for uri, path in sorted(on_disk.items()):
        if uri not in site.pages and uri not in site.files:
            path.unlink()
            report.deleted.append(uri)
    for directory in sorted(folders, reverse=True):  # the deepest first
        if not any(directory.iterdir()):
            directory.rmdir()
    return report


def _listed(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    """The files under `folder` by their path in it, and its folders (os.walk
    reads each folder's entries once, without a stat for each file)."""
    files: dict[str, Path] = {}
    folders: list[Path] = []
    for parent, dirs, names in os.walk(folder):
        at = Path(parent)
        rel = at.relative_to(folder).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        folders += (at / name for name in dirs)
        files.update((prefix + name, at / name) for name in names)
    return files, folders
