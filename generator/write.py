"""Stage 4, write: make the docs folder hold exactly the rendered pages.

Only files whose bytes change are written, so that a live-reloading server
watching the folder sees a change only where there is one (and does not
rebuild forever). Pages that are no longer rendered are deleted. The folder is
entirely generated; a marker file guards against cleaning a folder that is not.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
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


def write_pages(site: Site, folder: Path) -> Written:
    """Write `site`'s pages under `folder`, leaving unchanged files untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    existing = sorted(p for p in folder.rglob("*") if p.is_file() and p != marker)
    if existing and not marker.is_file():
        raise UnsafeFolder(
            f"{folder} holds files the generator did not write; "
            "move them away (hand-written pages belong in pages/)"
        )
    if not marker.is_file():
        marker.write_text(_MARKER_TEXT, encoding="utf-8")
    report = Written()
    on_disk = {p.relative_to(folder).as_posix(): p for p in existing}
    wanted = [*site.pages, *site.files]

    def data(uri: str) -> bytes:  # pages are text; pictures and share cards, bytes
        return site.files[uri] if uri in site.files else site.pages[uri].encode("utf-8")

    report.changed = [
        uri for uri in wanted if uri not in on_disk or (folder / uri).read_bytes() != data(uri)
    ]
    for parent in sorted({(folder / uri).parent for uri in report.changed}):
        parent.mkdir(parents=True, exist_ok=True)

    def write(uri: str) -> None:
        (folder / uri).write_bytes(data(uri))

    # Creating a file waits on the disk, not on Python: a few threads write a
    # fresh folder several times faster than one.
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, report.changed))
    for uri, path in on_disk.items():
        if uri not in site.pages and uri not in site.files:
            path.unlink()
            report.deleted.append(uri)
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return report
