"""Stage 1, load: find the content files and parse each one strictly.

The content folder has a fixed shape, so that every file's kind and id follow
from its path:

    actors/<actor-id>.yaml
    actors/<actor-id>.<lang>.yaml (a translation of the names)
    outlets/<outlet-id>.yaml
    outlets/<outlet-id>.<lang>.yaml (a translation)
    timelines/<slug>/timeline.yaml
    timelines/<slug>/timeline.<lang>.yaml (a translation: zh-Hans, fa, pt-BR)
    timelines/<slug>/events/<event-id>.yaml
    timelines/<slug>/events/<event-id>.<lang>.yaml (a translation)
    media/<name>.jpg (.png, .webp; in folders too)

Anything else in the folder (a `.yml` file, a stray folder, a symlink) is a
problem, never silently skipped.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..gc_pauses import without_gc_pauses
from .fields import MEDIA_PATTERN, id_problem, slugify
from .problems import Problem
from .strict_yaml import Parsed, decode, parse_yaml

MAX_FILE_BYTES = 1_000_000
MEDIA = "media"  # the folder of pictures, beside actors/, outlets/ and timelines/
MAX_PICTURE_BYTES = 25_000_000
# A translation's file name without .yaml: what it translates, and its language.
_TRANSLATED = re.compile(
    r"([a-z0-9][a-z0-9-]*)\.([a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?)"
)
_TRANSLATED_KINDS = ("actor", "outlet", "timeline", "event")
# Files that tools put in folders and that hold no content.
_IGNORED = {".gitkeep"}


@dataclass(frozen=True)
class Document:
    """One parsed content file."""

    kind: str  # "actor", "outlet", "timeline", "event", or a translation of one
    id: str  # the file name without .yaml (for a timeline, its folder name)
    source_path: str  # under the content folder, with forward slashes
    parsed: Parsed
    timeline: str | None = None  # the slug, for timelines and events
    language: str | None = None  # a translation's (its file name's)


@dataclass
class Loaded:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (kind, timeline slug for events, id) of every well-named file, even one that
    # did not parse: references to it are not reported as dangling.
    ids: set[tuple[str, str | None, str]] = field(default_factory=set)
    # The pictures under media/, by path there ("kabul-airport.jpg"), with their bytes.
    media: dict[str, bytes] = field(default_factory=dict)


_Parse = tuple[str, Parsed | None, list[Problem]]  # the bytes' digest, what they parse to


def digest(raw: bytes) -> str:
    """What tells a file's bytes from any others it may have held."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@dataclass
class ParseCache:
    """What each file of the last folder loaded parsed to, by path, with its bytes'
    digest: a live preview reloads the folder on every edit, and re-parses only the
    files whose bytes changed. Parsed results are never modified once built. Kept
    while previewing, and between checks in check_cache."""

    root: Path | None = None
    files: dict[str, _Parse] = field(default_factory=dict)
    # Each file's modification time, size and inode when it was read: a preview
    # reads again only the files whose stamp changed (a tenth of a 10,000-event
    # rebuild went to reading and hashing files no edit had touched). An editor's
    # save changes the time in nanoseconds, and a save by rename the inode too.
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)


class _Walker:
    def __init__(self, root: Path, kept: ParseCache | None):
        self.root = root
        self.loaded = Loaded()
        self.resolved = root.resolve()
        self.keeping = kept is not None  # a preview's: stamps are taken for the next load
        last = kept if kept is not None and kept.root == self.resolved else None
        self.previous = last.files if last is not None else {}
        self.stamped = last.stamps if last is not None else {}
        self.parses: dict[str, _Parse] = {}
        self.stamps: dict[str, tuple[int, int, int]] = {}

    def parse(self, rel: str, raw: bytes) -> tuple[Parsed | None, list[Problem]]:
        key = digest(raw)
        cached = self.previous.get(rel)
        if cached is not None and cached[0] == key:
            parsed, problems = cached[1], cached[2]
        else:
            text, problems = decode(raw, rel)
            parsed = None
            if text is not None and not problems:
                parsed, problems = parse_yaml(text, rel)
        self.parses[rel] = (key, parsed, problems)
        return parsed, list(problems)

    def unchanged(self, rel: str) -> tuple[Parsed | None, list[Problem]]:
        """The last load's parse of `rel` if its stamp is the same (None if not),
        and the stamp kept for the next load; a load that keeps nothing takes none."""
        if not self.keeping:
            return None, []
        info = os.stat(self.root / rel)
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        self.stamps[rel] = stamp
        cached = self.previous.get(rel)
        if cached is None or cached[1] is None or self.stamped.get(rel) != stamp:
            return None, []
        self.parses[rel] = cached
        return cached[1], list(cached[2])

    def problem(self, rel: str, message: str, code: str) -> None:
        self.loaded.problems.append(Problem(rel, 1, 1, message, code))

    def entries(self, rel: str) -> list[os.DirEntry[str]]:
        """The folder's entries, sorted, with symlinks and ignored files reported or dropped."""
        kept = []
        with os.scandir(self.root / rel if rel else self.root) as it:
            for entry in sorted(it, key=lambda e: e.name):
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.name in _IGNORED:
                    continue
                if entry.is_symlink():
                    self.problem(
                        path,
                        "symbolic links are not allowed in content: replace the link "
                        "with the real file or folder",
                        "symlink",
                    )
                    continue
                kept.append(entry)
        return kept

    def folder(self, rel: str, kind: str, timeline: str | None = None) -> None:
        for entry in self.entries(rel):
            path = f"{rel}/{entry.name}"
            if entry.is_dir():
                self.problem(
                    path, f"unexpected folder: {rel}/ holds only .yaml files; move it out", "layout"
                )
            elif not entry.is_file():
                self.problem(path, "not a regular file: replace it with a .yaml file", "layout")
            else:
                self.file(path, kind, timeline)

    def file(self, rel: str, kind: str, timeline: str | None = None) -> None:
        name = rel.rsplit("/", 1)[-1]
        stem, dot, ext = name.rpartition(".")
        language = None
        if kind in _TRANSLATED_KINDS and (translated := _TRANSLATED.fullmatch(stem)):
            stem, language, kind = translated[1], translated[2], f"{kind}-translation"
        if not dot or ext != "yaml":
            good = stem if id_problem(stem) is None or kind == "timeline" else slugify(stem)
            hint = f"rename it to {good}.yaml" if ext in ("yml", "YAML", "YML") else "move it out"
            self.problem(rel, f"not a .yaml file: content files end in .yaml; {hint}", "not-yaml")
            return
        if kind != "timeline" and (problem := id_problem(stem)):
            self.problem(rel, f"bad file name: {problem}", "bad-id")
            return
        doc_id = timeline if kind in ("timeline", "timeline-translation") else stem
        if language is None:
            self.loaded.ids.add((kind, timeline if kind == "event" else None, doc_id))
        parsed, problems = self.unchanged(rel)
        if parsed is None:
            raw = (self.root / rel).read_bytes()
            if len(raw) > MAX_FILE_BYTES:
                self.problem(rel, f"file is larger than {MAX_FILE_BYTES:,} bytes: split it",
                             "too-big")  # fmt: skip
                return
            parsed, problems = self.parse(rel, raw)
        # A file with refused values is still validated, so that its other
        # mistakes are reported in the same run; a syntax error leaves no data.
        if parsed is not None and parsed.data is not None:
            self.loaded.documents.append(Document(kind, doc_id, rel, parsed, timeline, language))
        self.loaded.problems.extend(problems)

    def pictures(self, rel: str) -> None:
        """The pictures under media/ (and its folders), named as content refers to them."""
        for entry in self.entries(rel):
            path = f"{rel}/{entry.name}"
            inside = path.removeprefix(f"{MEDIA}/")
            if entry.is_dir():
                self.pictures(path)
            elif not entry.is_file():
                self.problem(path, "not a regular file: replace it with a picture", "layout")
            elif not re.fullmatch(MEDIA_PATTERN, inside):
                good = slugify(entry.name.rsplit(".", 1)[0]) or "photo"
                self.problem(path, "not a picture's name: media/ holds .jpg, .png and .webp "
                             "files named in lowercase letters, digits and hyphens, e.g. "
                             f"{good}.jpg", "layout")  # fmt: skip
            elif entry.stat().st_size > MAX_PICTURE_BYTES:
                megabytes = MAX_PICTURE_BYTES // 1_000_000
                self.problem(path, f"larger than {megabytes} MB: export it smaller (the site "
                             "makes its own sizes from it)", "too-big")  # fmt: skip
            else:
                self.loaded.media[inside] = (self.root / path).read_bytes()

    def timelines(self) -> None:
        for entry in self.entries("timelines"):
            slug, rel = entry.name, f"timelines/{entry.name}"
            if not entry.is_dir():
                self.problem(
                    rel,
                    "unexpected file: timelines/ holds one folder per timeline; move it out",
                    "layout",
                )
                continue
            if problem := id_problem(slug):
                self.problem(rel, f"bad timeline folder name: {problem}", "bad-id")
                continue
            names = {e.name: e for e in self.entries(rel)}
            if "timeline.yaml" not in names:
                self.problem(
                    f"{rel}/timeline.yaml",
                    "missing file: every timeline folder needs a "
                    "timeline.yaml with its title, dek, introduction, published and timezone",
                    "missing-file",
                )
            for name, sub in names.items():
                translated = _TRANSLATED.fullmatch(name.removesuffix(".yaml"))
                if sub.is_file() and (name == "timeline.yaml" or (
                        translated and translated[1] == "timeline")):  # fmt: skip
                    self.file(f"{rel}/{name}", "timeline", slug)
                elif name == "events" and sub.is_dir():
                    self.folder(f"{rel}/events", "event", slug)
                elif name == "timeline.yaml":
                    self.problem(
                        f"{rel}/{name}",
                        "timeline.yaml is not a regular file: make it a file with the "
                        "timeline's title, dek, introduction, published and timezone",
                        "layout",
                    )
                else:
                    self.problem(
                        f"{rel}/{name}",
                        "unexpected entry: a timeline folder holds timeline.yaml, its "
                        "translations (timeline.<lang>.yaml) and events/ only; "
                        "move it out",
                        "layout",
                    )


@without_gc_pauses
def load_content(root: Path, kept: ParseCache | None = None) -> Loaded:
    """Every content file under `root`, parsed, with every problem found on the way.
    `kept`, while previewing, holds the last load's parses and is updated."""
    walker = _Walker(root, kept)
    for entry in walker.entries(""):
        if entry.name in ("actors", "outlets") and entry.is_dir():
            walker.folder(entry.name, entry.name[:-1])
        elif entry.name == "timelines" and entry.is_dir():
            walker.timelines()
        elif entry.name == MEDIA and entry.is_dir():
            walker.pictures(MEDIA)
        else:
            walker.problem(
                entry.name,
                "unexpected entry: the content folder holds actors/, outlets/, timelines/ "
                "and media/ only; move it out",
                "layout",
            )
    if (
        not any(d.kind == "timeline" for d in walker.loaded.documents)
        and not walker.loaded.problems
    ):
        walker.problem(
            "timelines", "no timeline found: add timelines/<slug>/timeline.yaml", "layout"
        )
    if kept is not None:
        kept.root, kept.files = walker.resolved, walker.parses  # only files that still exist
        kept.stamps = walker.stamps
    return walker.loaded
