"""Files that repeat runs keep (`.cache/timeline/` by default), written safely.

A file is replaced whole or not at all, so that a killed run or two runs at
once never leave half a cache; the folder ignores itself in git, as pytest's
does, so that a repository without `/.cache/` in its .gitignore does not offer
an editor to commit it."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def write_cache_file(folder: Path, name: str, text: str | bytes | Iterable[bytes]) -> None:
    """`text` (or bytes, or bytes in parts: a large file is never whole in
    memory) as `folder/name`, creating the folder if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# written by timeline: a cache, not content\n*\n", encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(text, str):
                text = text.encode("utf-8")
            out.writelines([text] if isinstance(text, bytes) else text)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_cache_json(path: Path) -> dict[str, Any]:
    """The JSON object kept in `path`; empty if there is none yet, or it is
    unreadable (then what it kept is simply made afresh)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class KeptFiles:
    """Files kept by key in `folder` (`<key><suffix>`), each read back only if it
    still has the digest it was written with."""

    folder: Path
    suffix: str

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def read(self, key: str, digest: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        return data if _digest(data) == digest else None

    def has(self, key: str, size: int) -> bool:
        """Whether a file of `size` bytes is kept under `key` (without reading it)."""
        try:
            return self.path(key).stat().st_size == size
        except OSError:
            return False

    def drop(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def write(self, key: str, data: bytes) -> str:
        """Keep `data` under `key`; its digest, to read it back with."""
        write_cache_file(self.folder, f"{key}{self.suffix}", data)
        return _digest(data)

    def prune(self, keys: Iterable[str]) -> None:
        """Remove the kept files not under `keys`."""
        names = {f"{key}{self.suffix}" for key in keys}
        for path in self.folder.glob(f"*{self.suffix}"):
            if path.name not in names:
                path.unlink(missing_ok=True)
