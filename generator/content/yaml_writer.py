"""Writing content YAML that the strict loader reads back exactly.

Every string is written as a JSON string (a valid YAML double-quoted scalar),
except multi-line text, which is written as a literal block so that editors
can read and edit it. Nothing is left for YAML to guess.
"""

from __future__ import annotations

import json
from typing import Any

from .modeline import modeline


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _block(text: str, indent: str) -> str | None:
    """A literal block for multi-line text, or None where one cannot hold it exactly."""
    if "\n" not in text.strip("\n") or text[:1] in " \t" or "\r" in text:
        return None
    chomp = "" if text.endswith("\n") and not text.endswith("\n\n") else "-"
    if chomp == "-" and text.endswith("\n"):
        return None
    lines = text.rstrip("\n").split("\n")
    return f"|{chomp}\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def _emit(value: Any, indent: str, out: list[str], key: str) -> None:
    if isinstance(value, dict):
        out.append(f"{indent}{key}:")
        for k, v in value.items():
            _emit(v, indent + "  ", out, k)
    elif isinstance(value, list):
        out.append(f"{indent}{key}:")
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    _emit(v, indent + "    ", out, k)
                    if first:
                        out[-1] = f"{indent}  - " + out[-1].lstrip()
                        first = False
            else:
                out.append(f"{indent}  - {_scalar(item)}")
    elif isinstance(value, str) and (block := _block(value, indent + "  ")) is not None:
        out.append(f"{indent}{key}: {block}")
    else:
        out.append(f"{indent}{key}: {_scalar(value)}")


def dump_mapping(data: dict[str, Any]) -> str:
    """Top-level YAML for a mapping. Empty values are left out."""
    out: list[str] = []
    for key, value in data.items():
        if value in (None, [], {}, ""):
            continue
        _emit(value, "", out, key)
    return "\n".join(out) + "\n"


def dump_content(kind: str, data: dict[str, Any]) -> str:
    """A content file of `kind`, headed by its schema modeline. Empty values are left out."""
    return modeline(kind) + dump_mapping(data)
