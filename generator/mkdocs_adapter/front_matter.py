"""A generated page's front matter read without a YAML parser.

MkDocs reads every page's front matter with PyYAML: a tenth of a build from the
page cache, for front matter the renderer writes in one shape (the `front`
macro in render/templates/_macros.html.jinja): `key: value` lines whose values
are JSON strings, a few plain words, a flow list of words, a JSON list of
mappings of JSON strings (a page's languages), and `search:` with `exclude: true`
under it. That shape is read here as YAML reads it; anything
else, or any character on which YAML and JSON could differ, is read by MkDocs'
own reader. The result is MkDocs' in every case (tested against it).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Any

from mkdocs.utils import meta as mkdocs_meta

from ..content.characters import SUSPECT

_KEY = re.compile(r"(  )?([a-z][a-z_]*):(?: |$)")
_WORDS = re.compile(r"[a-z][a-z_]*(?:, [a-z][a-z_]*)*")
# Plain words YAML 1.1 reads as something other than a string.
_SPECIAL = {"y", "n", "yes", "no", "on", "off", "null"}
_BOOLEAN = {"true": True, "false": False}
# Escapes JSON reads and json.dumps never writes, where YAML could differ: `\/`,
# and surrogates (JSON joins a pair, YAML does not).
_ODD_ESCAPE = re.compile(r"\\/|\\u[dD][89a-fA-F]")


def get_data(text: str) -> tuple[str, dict[str, Any]]:
    """The page's Markdown and its front matter, as mkdocs.utils.meta.get_data."""
    # Where MkDocs' pattern (mkdocs_meta.YAML_RE) ends the front matter: the first
    # line of `---` or `...` after the first, found here without its slow scan.
    end = text.find("\n---\n", 3) if text.startswith("---\n") else -1
    block = text[4 : end + 1]
    if end > 4 and "\n---" not in block and "\n..." not in block:
        data = _read(block)
        if data is not None:
            return text[end + 5 :].lstrip("\n"), data
    return mkdocs_meta.get_data(text)


def _read(block: str) -> dict[str, Any] | None:
    """The front matter's values, or None where it is not in the renderer's shape."""
    if SUSPECT.search(block) or _ODD_ESCAPE.search(block):
        return None
    meta: dict[str, Any] = {}
    within: dict[str, Any] | None = None  # the mapping a `key:` line opened
    for line in block.splitlines():
        found = _KEY.match(line)
        if found is None:
            return None
        indented, key, rest = found[1] is not None, found[2], line[found.end() :]
        if not indented and within == {}:
            return None  # `key:` with nothing under it is null in YAML
        if not rest:
            if indented:
                return None
            within = meta[key] = {}  # its values follow, indented
            continue
        value = _value(rest)
        if value is None or (indented and within is None):
            return None
        if indented:
            within[key] = value  # type: ignore[index]
        else:
            within, meta[key] = None, value
    return None if within == {} else meta


def _value(text: str) -> Any:
    """A JSON string, a plain word or a flow list of words as YAML reads it, or None."""
    if text.startswith('"'):
        try:
            value, end = scanstring(text, 1)  # the C scanner: strict, controls refused
        except ValueError:
            return None
        return value if end == len(text) else None
    if text.startswith('[{"'):
        return _mappings(text)
    if text.startswith("[") and text.endswith("]") and _WORDS.fullmatch(text, 1, len(text) - 1):
        words = [_word(word) for word in text[1:-1].split(", ")]
        return None if None in words else words
    return _word(text) if _WORDS.fullmatch(text) and "," not in text else None


def _mappings(text: str) -> list[dict[str, str]] | None:
    """A JSON list of mappings of strings as json.dumps writes it (`[{"a": "b"}]`),
    which YAML reads as JSON does; None for anything else."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, list) or json.dumps(found, ensure_ascii=False) != text:
        return None  # not as json.dumps writes it: leave it to YAML
    for item in found:
        if not isinstance(item, dict) or not all(
            _KEY.fullmatch(f"{k}: ") and isinstance(v, str) for k, v in item.items()
        ):
            return None
    return found


def _word(word: str) -> Any:
    """A plain word's value, or None where YAML reads it as other than a string or boolean."""
    if word in _BOOLEAN:
        return _BOOLEAN[word]
    return None if word in _SPECIAL else word
