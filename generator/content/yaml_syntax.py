"""YAML syntax errors in plain words: what the editor did (an unquoted colon, a
line indented too far, a list item without its dash) and the line as it should
be, instead of the parser's own terms ("mapping values are not allowed here")."""

from __future__ import annotations

import json
import re

_KEY = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][\w-]*):(\s+)(.*)$")


def explain(text: str, line: int, problem: str, context: str) -> str:
    """The message for a syntax error at 1-based `line` of `text`."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    colon = "mapping values are not allowed" in problem
    if colon and (said := _unquoted_colon(here) or _indented_too_far(lines, line)):
        return said
    block = any(
        s in problem for s in ("expected '-' indicator", "expected <block end>", "expected key")
    )
    if block and (said := _indented_too_far(lines, line) or _list_item(lines, line)):
        return said
    detail = f" ({context})" if context else ""
    return (f"YAML syntax error: {problem}{detail}; check the indentation and quoting on "
            "this line and the one before")  # fmt: skip


def _unquoted_colon(here: str) -> str | None:
    match = _KEY.match(here)
    if not match or ": " not in match[5] or match[5][:1] in "\"'[{|>":
        return None
    indent, dash, key, _, value = match.groups()
    fixed = f"{indent}{dash or ''}{key}: {json.dumps(value.rstrip(), ensure_ascii=False)}"
    return (
        f"the value of '{key}' holds a colon and a space (': '), which YAML reads as the "
        f"start of another field: put the whole value in double quotes, as in: {fixed.strip()}"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indented_too_far(lines: list[str], line: int) -> str | None:
    """A field indented more than the field before it, which is not its parent."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before = next((x for x in reversed(lines[: line - 1]) if x.strip() and not
                   x.lstrip().startswith("#")), None)  # fmt: skip
    match, previous = _KEY.match(here), _KEY.match(before or "")
    if not match or not previous or previous[5].strip() == "" or match[2]:
        return None  # the line before opens a block: more indent is right there
    extra = _indent(here) - _indent(before or "")
    if extra <= 0:
        return None
    return (
        f"'{match[3]}' is indented {extra} space(s) more than '{previous[3]}' on the line "
        f"before: line it up with '{previous[3]}' (fields of one mapping start in the same "
        "column)"
    )


def _list_item(lines: list[str], line: int) -> str | None:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    items = [x for x in lines[: line - 1] if x.lstrip().startswith("- ")]
    if not items or here.lstrip().startswith("- "):
        return None
    column = _indent(items[-1])
    return (
        f"this line breaks the list above it: start each item with '- ' in column "
        f"{column + 1}, and indent an item's other fields to line up under its first one"
    )
