"""Each content file's check, kept on disk between runs of `timeline check`.

Parsing and validating a file take most of a check (about 3 s of 4 at 10,000
events), and between two checks of a story most files are the same bytes. A
file whose bytes, path and model are unchanged gets what its last check gave:
its data, its problems and its validated model, restored without parsing or
validating it again. The checks between files (references, dates in their
timeline's zone, drafts) run again over everything, so a check with the cache
reports exactly what one without it does.

The cache is one JSON-lines file (JSON, which loading never runs; CI restores
it like the page cache), two lines a file: its record (its data and problems),
then its model's fields as validation gave them. Where each value was written
is needed only to report a problem, so it is not kept: a file reported on is
parsed again for it. The whole cache is ignored when anything that could change
a file's check differs: this stage's code, the parser's and pydantic's
versions, the time-zone data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import markdown_it
import nh3
import pydantic
import pydantic_core
import yaml
from pydantic import BaseModel

from ..cache_files import write_cache_file
from .dates import When, parse_when
from .load import ParseCache, digest
from .model import MODELS, DraftEvent, DraftTimeline
from .problems import Problem
from .strict_yaml import Parsed, decode, parse_yaml
from .translation_model import TRANSLATIONS
from .validate import ModelCache

FORMAT = 1
FILE = "check.jsonl"
# The classes a file's model may be (a draft's differ: its timeline decides).
_CLASSES = {cls.__name__: cls for cls in (*MODELS.values(), *TRANSLATIONS.values(), DraftEvent,
                                         DraftTimeline)}  # fmt: skip


def fingerprint(code: Path = Path(__file__).parent) -> str:
    """What a file's check depends on besides its bytes and path: the code of
    this stage (so an upgrade or a local change of it starts afresh) and the
    versions of what it calls."""
    parts = [FORMAT, sys.version, pydantic.VERSION, pydantic_core.__version__, yaml.__version__,
             markdown_it.__version__, nh3.__version__, zoneinfo.TZPATH, _tzdata()]  # fmt: skip
    found = hashlib.sha256(repr(parts).encode("utf-8"))
    for module in sorted(code.glob("*.py")):
        found.update(module.name.encode("utf-8") + b"\0" + module.read_bytes())
    return found.hexdigest()


def _tzdata() -> str:
    """The version of Python's own time-zone data, when it is installed."""
    try:
        import tzdata  # optional: the system's zones otherwise
    except ImportError:
        return ""
    return str(getattr(tzdata, "IANA_VERSION", ""))


class StoredParsed(Parsed):
    """A parse restored from the cache. Where each value was written is needed only
    to report a problem, so it is not stored: the file is parsed again for it."""

    def __init__(self, data: Any, refused: set, incomplete: set, file: Path, key: str) -> None:
        self.data, self.refused, self.incomplete = data, refused, incomplete
        self.file, self.key = file, key

    @cached_property
    def _again(self) -> Parsed:
        try:
            raw = self.file.read_bytes()
        except OSError:
            raw = b""
        if digest(raw) != self.key:
            return Parsed()  # changed while being checked: the next check reads it anew
        text, _ = decode(raw, self.file.name)
        return parse_yaml(text, self.file.name)[0] if text is not None else Parsed()

    @property
    def values(self) -> dict:  # type: ignore[override]
        return self._again.values

    @property
    def keys(self) -> dict:  # type: ignore[override]
        return self._again.keys

    @property
    def blocks(self) -> dict:  # type: ignore[override]
        return self._again.blocks


def _model_types(annotation: Any) -> tuple[str, Any] | None:
    """How a field's validated value is kept in its record: a model, a list of
    models, a date (as its text), or as it is (None)."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        kinds = [_model_types(arg) for arg in get_args(annotation) if arg is not type(None)]
        return kinds[0] if len(kinds) == 1 else None
    if get_origin(annotation) is list:
        inner = _model_types(get_args(annotation)[0])
        return ("models", inner[1]) if inner and inner[0] == "model" else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return ("date", None) if annotation is When else None


@dataclass
class _Restorer:
    """Builds models back from their records, as validating them gave them (the
    fields not given take their defaults), without validating again."""

    plans: dict[type, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict
    )

    def plan(self, cls: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """The class's fields with their defaults, default factories, and kinds."""
        if cls not in self.plans:
            fields = cls.model_fields
            hints = get_type_hints(cls, include_extras=True)
            self.plans[cls] = (
                {name: None if info.is_required() or info.default_factory else info.default
                 for name, info in fields.items()},
                {name: info.default_factory for name, info in fields.items()
                 if info.default_factory},
                {name: kind for name in fields if (kind := _model_types(hints[name]))},
            )  # fmt: skip
        return self.plans[cls]

    def model(self, cls: type[BaseModel], given: dict[str, Any]) -> BaseModel:
        defaults, factories, kinds = self.plan(cls)
        values = defaults.copy()
        for name, factory in factories.items():
            if name not in given:
                values[name] = factory()
        for name, value in given.items():
            kind = kinds.get(name)
            if kind is None or value is None:
                values[name] = value
            elif kind[0] == "model":
                values[name] = self.model(kind[1], value)
            elif kind[0] == "models":
                values[name] = [self.model(kind[1], item) for item in value]
            else:
                values[name] = parse_when(value)
        # What model_construct does, without its per-field work: the values are
        # the ones validation gave.
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", values)
        object.__setattr__(made, "__pydantic_fields_set__", set(given))
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made


def _problems(problems: list[Problem]) -> list[list[Any]]:
    return [[p.source_path, p.line, p.column, p.message, p.code, p.severity] for p in problems]


def _paths(paths: set) -> list[list[Any]]:
    return sorted((list(path) for path in paths), key=repr)


def _lines(rel: str, parse: tuple, entry: tuple | None, kind: str) -> tuple[str, str]:
    """A file's two lines: its record, and its model's fields as validated."""
    key, parsed, problems = parse
    record: dict[str, Any] = {"path": rel, "digest": key, "problems": _problems(problems)}
    if parsed is not None:
        # The data is JSON's own kinds of value: strict_yaml makes nothing else.
        record["parsed"] = {"data": parsed.data, "refused": _paths(parsed.refused),
                            "incomplete": _paths(parsed.incomplete)}  # fmt: skip
    model = "null"
    if entry is not None:
        _, obj, found, cls = entry
        record["model"] = {"kind": kind, "class": cls.__name__, "problems": _problems(found)}
        if obj is not None:
            model = obj.model_dump_json(exclude_unset=True)
    return _json(record), model


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _same(parse: tuple, other: tuple) -> bool:
    """Whether two loads of a file are the same parse of the same bytes."""
    return parse[0] == other[0] and parse[1] is other[1]


@dataclass
class CheckCache:
    """The parses and models of the last check (see load.ParseCache and
    validate.ModelCache, which a check fills and reuses), kept in `folder`."""

    folder: Path
    fingerprint: str
    parses: ParseCache
    models: ModelCache = field(default_factory=ModelCache)
    # What was read back, by path: the parse, the model entry and their lines,
    # so that a file whose check is unchanged is written back as it was read.
    stored: dict[str, tuple[tuple, tuple | None, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, content: Path) -> CheckCache:
        cache = cls(folder, fingerprint(), ParseCache(content.resolve()))
        try:
            lines = (folder / FILE).read_text(encoding="utf-8").split("\n")
        except (OSError, ValueError):
            return cache  # none yet, or unreadable: every file is checked afresh
        if lines[0] != cache._header():
            return cache  # another version's: checked afresh, and replaced
        restore = _Restorer()
        try:
            for at in range(1, len(lines) - 1, 2):
                cache._restore(lines[at : at + 2], restore, content)
        except (ValueError, LookupError, TypeError):
            cache.parses.files, cache.models.models, cache.stored = {}, {}, {}
        return cache

    def _header(self) -> str:
        return _json({"format": FORMAT, "fingerprint": self.fingerprint})

    def _restore(self, lines: list[str], restore: _Restorer, content: Path) -> None:
        record = json.loads(lines[0])
        rel, key, parsed = record["path"], record["digest"], None
        if (stored := record.get("parsed")) is not None:
            refused = {tuple(path) for path in stored["refused"]}
            incomplete = {tuple(path) for path in stored["incomplete"]}
            parsed = StoredParsed(stored["data"], refused, incomplete, content / rel, key)
        parse = (key, parsed, [Problem(*p) for p in record["problems"]])
        self.parses.files[rel] = parse
        entry = None
        if (about := record.get("model")) is not None:
            cls = _CLASSES[about["class"]]
            fields = json.loads(lines[1])
            model = None if fields is None else restore.model(cls, fields)
            entry = (parsed, model, [Problem(*p) for p in about["problems"]], cls)
            self.models.models[(about["kind"], rel)] = entry
        self.stored[rel] = (parse, entry, tuple(lines))

    def save(self) -> None:
        """Keep this check's files (only: the cache holds one content folder's),
        unless they are exactly the ones read back."""
        entries = {rel: (kind, entry) for (kind, rel), entry in self.models.models.items()}
        current = self.parses.files
        kept = {rel for rel, (parse, entry, _) in self.stored.items()
                if rel in current and _same(current[rel], parse)
                and entries.get(rel, (None, None))[1] is entry}  # fmt: skip
        if kept == current.keys() == self.stored.keys():
            return
        out = [self._header()]
        for rel in sorted(current):
            if rel in kept:
                out.extend(self.stored[rel][2])
                continue
            kind, entry = entries.get(rel, ("", None))
            out.extend(_lines(rel, current[rel], entry, kind))
        # A cache that cannot be written only makes the next check slower.
        with contextlib.suppress(OSError):
            write_cache_file(self.folder, FILE, "\n".join(out) + "\n")
