"""How caches on disk name and hold what a run computed from a value.

`value_digest` names a value by everything `==` compares in it, so that two runs
agree on it exactly when the in-memory caches would find the values equal: a
pydantic model by its class and its fields as JSON (validated, each field has
its declared type), a dataclass by the fields it compares, containers
by their items in order, scalars by type and `repr`. A value of any other kind
raises NotKept: a digest that missed part of a value could reuse a result that
is wrong, so such a value's result is simply made again.

`to_json` and `from_json` hold a result as JSON (which loading never runs) that
reads back as the same value, tuples, sets and UTC instants included; anything
else raises NotKept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError


class NotKept(TypeError):
    """A value a cache cannot name or hold exactly."""


_BY_REPR = (bool, int, float, type(None), datetime, date, time, timedelta, Decimal, Enum,
            ZoneInfo, timezone)  # fmt: skip
_LONG = 16  # a tuple longer than this is named once, however many values hold it


PACKAGE = Path(__file__).parent  # the generator: its code, templates and theme overrides
# What renders with it (Babel: CLDR, how dates read): a kept page or render is made
# again when one changes.
_RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2",
              "markupsafe", "markdown-it-py", "nh3", "pydantic", "pillow", "tzdata",
              "babel")  # fmt: skip


def installed(names: Iterable[str]) -> list[str]:
    """The installed version of each distribution in `names` ("" if it is not)."""
    found = []
    for name in names:
        try:
            found.append(version(name))
        except PackageNotFoundError:
            found.append("")
    return found


def code_digest() -> str:
    """What everything kept between builds was made with besides its inputs:
    this package's files, the Python and the versions of what renders with it."""
    digest = hashlib.sha256(repr([sys.version, *installed(_RENDERERS)]).encode("utf-8"))
    files_digest(PACKAGE, digest)
    return digest.hexdigest()


def files_digest(folder: Path, digest: Any) -> None:
    """Every file under `folder` (its code, its templates), into `digest`."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())


def value_digest(value: Any, memo: dict[int, tuple[Any, bytes]] | None = None) -> bytes:
    """`value`'s name, as `==` sees it. `memo` keeps the digests of the models
    and dataclasses met so far (a site's events are read by many pages)."""
    digest = hashlib.blake2b(digest_size=16)
    _feed(value, digest.update, {} if memo is None else memo)
    return digest.digest()


def _feed(value: Any, put: Callable[[bytes], Any], memo: dict[int, tuple[Any, bytes]]) -> None:
    kind = type(value)
    put(f"{kind.__module__}.{kind.__qualname__}\0".encode())
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        put(b"%d\0%b" % (len(data), data))
    elif isinstance(value, bytes):
        put(b"%d\0%b" % (len(value), value))
    elif isinstance(value, _BY_REPR):
        put(repr(value).encode("utf-8") + b"\0")
    elif isinstance(value, tuple) and len(value) > _LONG:
        put(_object_digest(value, memo))  # a list's entries, read by each of its pages
    elif isinstance(value, (tuple, list)):
        put(b"%d\0" % len(value))
        for item in value:
            _feed(item, put, memo)
    elif isinstance(value, dict):
        put(b"%d\0" % len(value))
        for key, item in value.items():
            _feed(key, put, memo)
            _feed(item, put, memo)
    elif isinstance(value, (set, frozenset)):
        put(b"%d\0" % len(value))
        for item in sorted(value_digest(item, memo) for item in value):
            put(item)
    elif isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
        put(_object_digest(value, memo))
    else:
        raise NotKept(f"{kind.__qualname__} values are not kept")


def _object_digest(value: Any, memo: dict[int, tuple[Any, bytes]]) -> bytes:
    found = memo.get(id(value))
    if found is not None and found[0] is value:
        return found[1]
    digest = hashlib.blake2b(digest_size=16)
    if isinstance(value, tuple):
        digest.update(b"%d\0" % len(value))
        for item in value:
            _feed(item, digest.update, memo)
        memo[id(value)] = (value, digest.digest())
        return memo[id(value)][1]
    if isinstance(value, BaseModel):
        # A validated model's fields have their declared types: its JSON says them
        # all (pydantic writes it far faster than a walk of its fields would).
        with contextlib.suppress(PydanticSerializationError):
            digest.update(value.model_dump_json(round_trip=True).encode("utf-8"))
            memo[id(value)] = (value, digest.digest())
            return memo[id(value)][1]
        names = [*type(value).model_fields, *sorted(value.model_extra or {})]
    else:
        names = [f.name for f in dataclasses.fields(value) if f.compare]
    for name in names:
        digest.update(name.encode("utf-8") + b"\0")
        _feed(getattr(value, name), digest.update, memo)
    memo[id(value)] = (value, digest.digest())  # the value itself keeps its id taken
    return memo[id(value)][1]


def to_json(value: Any) -> Any:
    """`value` as JSON data that `from_json` reads back equal, and of the same types."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        return [to_json(item) for item in value]
    if type(value) is tuple:
        return {"tuple": [to_json(item) for item in value]}
    if type(value) in (set, frozenset):
        items = sorted((to_json(item) for item in value), key=repr)
        return {type(value).__name__: items}
    if type(value) is dict:
        return {"dict": [[to_json(k), to_json(v)] for k, v in value.items()]}
    if type(value) is datetime and value.tzinfo in (None, UTC):
        return {"datetime": value.isoformat()}
    raise NotKept(f"{type(value).__qualname__} values are not kept")


_READ: dict[str, Callable[[Any], Any]] = {
    "tuple": tuple,
    "set": set,
    "frozenset": frozenset,
    "dict": dict,  # of [key, value] pairs
    "datetime": datetime.fromisoformat,
}


def _tagged(data: dict[str, Any]) -> Any:
    ((tag, items),) = data.items()  # every object to_json writes is one tagged value
    return _READ[tag](items)


def from_json(text: str | bytes) -> Any:
    """The value that to_json's data, written as JSON `text`, holds (the JSON
    parser turns each object back as it reads it, innermost first)."""
    return json.loads(text, object_hook=_tagged)
