"""Files that repeat runs keep (`.cache/timeline/` by default), written safely.

A file is replaced whole or not at all, so that a killed run or two runs at
once never leave half a cache; the folder ignores itself in git, as pytest's
does, so that a repository without `/.cache/` in its .gitignore does not offer
an editor to commit it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_cache_file(folder: Path, name: str, text: str) -> None:
    """`text` as `folder/name`, creating the folder if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# written by timeline: a cache, not content\n*\n", encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
