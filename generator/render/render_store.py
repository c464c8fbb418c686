"""The render kept on disk between builds (`--page-cache`): each generated page's
text and each event's part of the data files, reused by the next build where
what they were made from is the same.

A preview keeps its last render in memory and compares what each page reads with
`==` (renderer.PageCache, exports.pieces). A build is a new process, so here the
same inputs are named by their digest (kept_values.value_digest), under the
digest of everything else a page is rendered from: this package's code and
templates, the versions of what renders them, and what the whole site is
rendered from (the renderer's `inputs`). A page that reads all of the site (the
front page, an explainer) is rendered every time, as in the preview. So a build
from the store renders the same pages, byte for byte, as one without (tested).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from ..cache_files import KeptFiles, read_cache_json, write_cache_file
from ..exports.pieces import Pieces, what_it_reads
from ..gc_pauses import without_gc_pauses
from ..kept_values import NotKept, code_digest, from_json, to_json, value_digest
from ..views.site_view import EventView

FORMAT = 2
INDEX = "index.json"
# A line each: [where, what it read], a tab, the part's JSON (no raw tab in either).
PIECES = "pieces.jsonl"

T = TypeVar("T")
# An event's part of a data file as JSON: this render's, or where it is in the kept file.
Part = bytes | tuple[int, int]


@dataclass
class RenderStore:
    """The kept render in `folder`: by page URI its key and its text's digest, by
    data file, timeline and event that event's part and the digest of what it read."""

    folder: Path
    code: str = ""  # kept_values.code_digest
    site: str = ""  # what the kept render was made from, besides each page's reads
    pages: dict[str, list[str]] = field(default_factory=dict)
    pieces: dict[str, tuple[str, Part]] = field(default_factory=dict)  # what it read, its JSON
    parts: BinaryIO | None = None  # the kept parts' file, open
    new_pages: dict[str, list[str]] = field(default_factory=dict)  # this render's
    new_pieces: dict[str, tuple[str, Part]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # this render's page keys, by URI
    memo: dict[int, tuple[Any, bytes]] = field(default_factory=dict)  # see value_digest
    files: KeptFiles = field(init=False)

    def __post_init__(self) -> None:
        self.files = KeptFiles(self.folder, ".md")

    @classmethod
    def load(cls, folder: Path, code: str | None = None) -> RenderStore:
        """The store in `folder`, for a render by the code of digest `code`
        (this package's, unless given: a build has worked it out already)."""
        store = cls(folder, code or code_digest())
        index = read_cache_json(folder / INDEX)
        site, store.parts, pieces = _read_pieces(folder / PIECES)
        if index.get("format") == FORMAT and site == index.get("site"):
            store.site, store.pages, store.pieces = site, index.get("pages") or {}, pieces
        return store

    def start(self, inputs: tuple[Any, ...]) -> bool:
        """A render from `inputs` begins: whether the store can serve it (what
        was kept serves it only if it was made from the same)."""
        try:
            site = f"{FORMAT}-{self.code}-{value_digest(inputs, self.memo).hex()}"
        except NotKept:
            self._close()
            return False
        if site != self.site:
            self._close()  # none of its parts is of use
            self.site, self.pages, self.pieces = site, {}, {}
        return True

    def _close(self) -> None:
        if self.parts is not None:
            self.parts.close()
            self.parts = None

    def page(self, uri: str, template: str, reads: tuple[Any, ...]) -> str | None:
        """The kept text of the page at `uri` if it read the same, else None (and
        the page, once rendered, is handed to `keep_page`)."""
        try:
            key = self.keys[uri] = value_digest((template, uri, reads), self.memo).hex()
        except NotKept:
            return None
        record = self.pages.get(uri)
        data = self.files.read(key, record[1]) if record and record[0] == key else None
        if data is None:
            return None
        self.new_pages[uri] = [key, record[1]]
        return data.decode("utf-8")

    def keep_page(self, uri: str, text: str) -> None:
        key = self.keys.get(uri)
        if key is not None:
            self.new_pages[uri] = [key, self.files.write(key, text.encode("utf-8"))]

    def piece(self, where: str, read: str, make: Callable[[], T]) -> T:
        """An event's part of a data file: kept, if it read the same, or made."""
        record = self.pieces.get(where)
        if record is not None and record[0] == read:
            with contextlib.suppress(ValueError, KeyError, TypeError):  # damaged: made
                part = from_json(self._part(record[1]))
                self.new_pieces[where] = record
                return part
        part = make()
        with contextlib.suppress(NotKept):  # else made again next time
            self.new_pieces[where] = (read, _json(to_json(part)).encode("utf-8"))
        return part

    def _part(self, part: Part) -> bytes:
        if isinstance(part, bytes):
            return part
        offset, size = part
        assert self.parts is not None  # a part was read from it
        return os.pread(self.parts.fileno(), size, offset)

    def save(self) -> None:
        """Keep this render (only: the store holds one site's)."""
        lines = (b"%s\t%s\n" % (_json([where, read]).encode("utf-8"), self._part(part))
                 for where, (read, part) in sorted(self.new_pieces.items()))  # fmt: skip
        head = _json({"site": self.site}).encode("utf-8") + b"\n"
        write_cache_file(self.folder, PIECES, chain([head], lines))  # the kept file read as written
        self._close()
        index = {"format": FORMAT, "site": self.site, "pages": dict(sorted(self.new_pages.items()))}
        write_cache_file(self.folder, INDEX, _json(index))
        self.files.prune(key for key, _ in self.new_pages.values())


@without_gc_pauses  # a line's objects each: the collector would scan them all, again and again
def _read_pieces(path: Path) -> tuple[str, BinaryIO | None, dict[str, tuple[str, Part]]]:
    """The site a pieces file was kept for, the file (open), and by where each
    part goes what it read and where its JSON is in the file. A part is read
    only when used: a large site's parts are many (four data files' worth), and
    held in memory all at once they would cost more than the render itself."""
    pieces: dict[str, tuple[str, Part]] = {}
    try:
        kept = path.open("rb")
    except OSError:
        return "", None, {}  # none yet: every part is made
    try:
        offset = len(first := kept.readline())
        site = json.loads(first)["site"]
        for line in kept:  # a line at a time: the file is large
            head, _, part = line.rstrip(b"\n").partition(b"\t")
            with contextlib.suppress(ValueError, TypeError):  # damaged: that part is made
                where, read = json.loads(head)
                pieces[where] = (read, (offset + len(head) + 1, len(part)))
            offset += len(line)
    except (OSError, ValueError, KeyError, TypeError):
        kept.close()
        return "", None, {}  # unreadable: every part is made afresh
    return (site if isinstance(site, str) else ""), kept, pieces


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class StoredPieces(Pieces):
    """Each event's part of the data files, from the store: what `Pieces` keeps
    in memory for a preview, kept on disk for the next build."""

    store: RenderStore = field(kw_only=True)
    # What each event read, by timeline and event: the same for every data file.
    reads: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def of(self, export: str, view: EventView, make: Callable[[], T]) -> T:
        event = (view.timeline.slug, view.id)
        where = (export, *event)
        found = self.used.get(where)  # made already in this render (the Excel CSV's rows)
        if found is not None:
            return found[1]
        if event not in self.reads:
            try:
                self.reads[event] = value_digest(what_it_reads(view), self.store.memo).hex()
            except NotKept:
                self.reads[event] = None
        read = self.reads[event]
        part = make() if read is None else self.store.piece("\0".join(where), read, make)
        self.used[where] = (None, part)
        return part
