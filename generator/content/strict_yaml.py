"""Parse YAML text without losing or mis-reading anything an editor wrote.

PyYAML's defaults silently keep the last of two duplicate keys, read `NO` as
false and `0123` as 83, expand anchors and merge keys, and turn dates into
date objects. Here we walk PyYAML's event stream ourselves and build plain
Python values with our own, much smaller, resolution rules:

- plain `true`/`false` are booleans; plain decimal integers without a leading
  zero are ints; plain decimals like `1.5` are floats;
- every other plain scalar is a string, kept exactly as written (so dates stay
  strings until the model parses them);
- anything another YAML reader could read differently (`yes`, `NO`, `on`,
  `0123`, `1:30`, `0x1F`, `.inf`, `1e3`, `null`, an empty value) is an error
  that says how to write it unambiguously.

Every value's position is kept, so any later error can say `line:col`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .characters import SUSPECT, character_problem
from .problems import Problem
from .yaml_syntax import explain

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 20

_BOOLS = {"true": True, "false": False}
_YAML11_BOOLS = {
    v
    for word in ("yes", "no", "on", "off", "y", "n", "true", "false")
    for v in (word, word.capitalize(), word.upper())
} - set(_BOOLS)
_NULLS = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+")
# Plain scalars that YAML 1.1 or 1.2 readers turn into numbers in ways an
# editor rarely means: octal, hex, binary, sexagesimal, underscores, signs,
# exponents, infinities.
_NUMBER_LIKE = re.compile(
    r"""[-+]?(
        0[0-9_]+ | 0[xob][0-9a-fA-F_]+ | [0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?
        | [0-9][0-9_]*_[0-9_]* | \+[0-9][0-9_]*
        | ([0-9][0-9_]*)?\.?[0-9_]*[eE][-+]?[0-9]+ | [0-9][0-9_]*\. | \.[0-9][0-9_]*
        | \.(inf|Inf|INF|nan|NaN|NAN)
    )""",
    re.VERBOSE,
)

_RESOLVER = yaml.resolver.Resolver()
_YAML11_NON_TEXT = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null")}


def _yaml11_type(value: str) -> str:
    """The tag PyYAML's YAML 1.1 rules give a plain scalar."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


Path = tuple[str | int, ...]


class Position(NamedTuple):
    # A tuple rather than a dataclass: one is made per key and value of every
    # file, and at 10,000 events a dataclass made `timeline check` much slower.
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Parsed:
    """A parsed file: plain data, and where each value and key was written."""

    data: Any = None
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    # Values already reported and left out (None): later stages stay quiet about them.
    refused: set[Path] = field(default_factory=set)
    # Mappings that lost a key (a refused merge key or complex key): fields missing
    # from them may be the ones that key held, so "missing field" is not reported.
    incomplete: set[Path] = field(default_factory=set)
    # Literal blocks (`|`): where their first line starts, so that a problem on
    # line N of the text can be put at its own line and column of the file.
    blocks: dict[Path, Position] = field(default_factory=dict)

    def is_refused(self, path: Path) -> bool:
        return any(path[: len(r)] == r for r in self.refused)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """The closest known position for `path`, walking up to the root."""
        path = tuple(path)
        while path:
            found = (self.keys if key else self.values).get(path) or self.values.get(path)
            if found:
                return found
            path = path[:-1]
        return self.values.get((), Position(1, 1))


def check_characters(text: str, source_path: str) -> list[Problem]:
    """Tabs, control characters and invisible reordering characters."""
    problems = []
    # One regular-expression scan: most files have none, and a loop over every
    # character was half the time `timeline check` took.
    for found in SUSPECT.finditer(text):
        at = found.start()
        line_start = text.rfind("\n", 0, at) + 1
        problems.append(
            Problem(
                source_path,
                text.count("\n", 0, at) + 1,
                at - line_start + 1,
                character_problem(found.group()),
                "bad-character",
            )
        )
    return problems


def decode(raw: bytes, source_path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with CRLF normalised, or the position of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        message = (
            f"not UTF-8 text (byte 0x{raw[exc.start]:02X}): save the file as UTF-8 in your editor"
        )
        return None, [Problem(source_path, line, column, message, "encoding")]
    text = text.replace("\r\n", "\n")
    return text, check_characters(text, source_path)


class _Builder:
    def __init__(self, source_path: str, text: str = ""):
        self.source_path = source_path
        self.parsed = Parsed()
        self.problems: list[Problem] = []
        self.text = text
        # Only a file with " #" in it can have a comment after a value.
        self.may_cut = " #" in text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, split once, when a check needs them."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def problem(self, event: Any, message: str, code: str) -> None:
        mark = event.start_mark
        self.problems.append(
            Problem(self.source_path, mark.line + 1, mark.column + 1, message, code)
        )

    def _block_start(self, event: Any) -> Position:
        """Where a literal block's text starts: the line after its `|`, at its indent."""
        first = event.start_mark.line + 1  # 0-based: the line after the indicator
        # Blank lines have no indent: the first that is not blank tells it.
        text = next((ln for ln in self.lines[first:] if ln.strip()), "")
        return Position(first + 1, len(text) - len(text.lstrip(" ")) + 1)

    def _comment_cuts(self, event: Any) -> bool:
        """A plain value followed on its line by ` #`: YAML reads the rest as a
        comment, so `title: Blinken calls Lavrov #breaking` would lose '#breaking'."""
        end = event.end_mark
        rest = self.lines[end.line][end.column :]
        comment = rest.lstrip(" ")
        if not comment.startswith("#") or comment == rest:
            return False
        column = end.column + len(rest) - len(comment) + 1
        kept = event.value if len(event.value) <= 60 else event.value[:57] + "..."
        message = (
            f"' #' starts a YAML comment, so the value stops at '{kept}' and "
            f"'{comment[:40]}' is lost: if the '#' belongs to the text, quote the whole "
            f'value ("{kept} {comment[:40]}"); a comment goes on a line of its own'
        )
        self.problems.append(
            Problem(self.source_path, end.line + 1, column, message, "cut-by-comment")
        )
        return True

    def _refuse_anchor_and_tag(self, event: Any) -> bool:
        """False, with a problem for each, when the event has an anchor or a tag."""
        if event.anchor is None and event.tag is None:  # nearly always: stay quick
            return True
        if event.anchor is not None:
            self.problem(
                event,
                f"YAML anchor '&{event.anchor}' is not allowed: write the value out in full",
                "yaml-anchor",
            )
        if event.tag is not None:
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                event,
                f"YAML tag '{shown}' is not allowed: remove it (quote the value if it is text)",
                "yaml-tag",
            )
        return False

    def node(self, events: Any, event: Any, path: Path, depth: int) -> Any:
        reported = len(self.problems)
        value = self._node(events, event, path, depth)
        if value is None and len(self.problems) > reported:
            self.parsed.refused.add(path)
        return value

    def _node(self, events: Any, event: Any, path: Path, depth: int) -> Any:
        self.parsed.values[path] = Position(event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event,
                f"YAML alias '*{event.anchor}' is not allowed: write the value out in full",
                "yaml-alias",
            )
            return None
        self._refuse_anchor_and_tag(event)
        if depth > MAX_DEPTH:
            self.problem(event, f"nested more than {MAX_DEPTH} levels deep", "too-deep")
            self._skip(events, event)
            return None
        if isinstance(event, yaml.ScalarEvent):
            if event.style == "|":
                self.parsed.blocks[path] = self._block_start(event)
            return self.scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(child := next(events), yaml.SequenceEndEvent):
                items.append(self.node(events, child, (*path, len(items)), depth + 1))
            return items
        return self.mapping(events, path, depth)

    def _skip(self, events: Any, event: Any) -> None:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            level = 1
            while level:
                child = next(events)
                if isinstance(child, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    level += 1
                elif isinstance(child, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    level -= 1

    def mapping(self, events: Any, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        while True:
            key_event = next(events)
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            key = self.key(events, key_event)
            value_event = next(events)
            if key is None:
                self.parsed.incomplete.add(path)
                self._skip(events, value_event)
                continue
            here = Position(key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            if key in first_seen:
                first = first_seen[key]
                self.problem(
                    key_event,
                    f"duplicate key '{key}' (first written at line {first.line}): "
                    "keep one and delete the other",
                    "duplicate-key",
                )
                self._skip(events, value_event)
                continue
            first_seen[key] = here
            self.parsed.keys[(*path, key)] = here
            result[key] = self.node(events, value_event, (*path, key), depth + 1)

    def key(self, events: Any, event: Any) -> str | None:
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(
                event,
                "a key must be a plain field name, not a list or mapping: write name: value",
                "bad-key",
            )
            self._skip(events, event)
            return None
        if not self._refuse_anchor_and_tag(event):
            return None
        if event.value == "<<" and event.style in (None, ""):
            self.problem(
                event,
                "YAML merge key '<<' is not allowed: write the fields out in full",
                "yaml-merge",
            )
            return None
        return event.value

    def scalar(self, event: Any) -> Any:
        value = event.value
        if event.style == '"' and (found := SUSPECT.search(value)):
            # Escapes in a double-quoted value ("\u0000", "\u202e") make the very
            # characters the raw text may not hold.
            ch = found.group()
            message = (
                f"escaped control character U+{ord(ch):04X} in this value: delete it"
                if ch in "\t\r"
                else character_problem(ch)
            )
            self.problem(event, message, "bad-character")
            return None
        if event.style == ">":
            # In a folded block a blank line is the editor's paragraph break, but
            # YAML turns it into a single newline, which Markdown and our
            # one-paragraph check would read as a mere line wrap: keep it a break.
            body = value.rstrip("\n")
            return body.replace("\n", "\n\n") + value[len(body) :]
        if event.style not in (None, "") or event.tag is not None:
            return value
        if value in _NULLS:
            shown = "an empty value" if value == "" else f"'{value}'"
            self.problem(
                event,
                f"{shown} is not allowed: give a value, or delete the whole line if the field "
                "is optional",
                "empty-value",
            )
            return None
        if self.may_cut and self._comment_cuts(event):
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if value in _YAML11_BOOLS:
            self.problem(
                event,
                f"ambiguous value {value}: YAML readers disagree on whether it means true/false "
                f'or text; write true or false, or quote it as text: "{value}"',
                "ambiguous-value",
            )
            return None
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _NUMBER_LIKE.fullmatch(value) or _yaml11_type(value) in _YAML11_NON_TEXT:
            self.problem(
                event,
                f"ambiguous value {value}: YAML readers disagree on which number or text this is; "
                f'quote it as text: "{value}"',
                "ambiguous-value",
            )
            return None
        return value


def _events(text: str) -> list[Any]:
    """Every parse event of `text` (what yaml.parse yields, without its generator)."""
    parser = _Parser(text)
    try:
        return list(iter(parser.get_event, None))
    finally:
        parser.dispose()


def parse_yaml(text: str, source_path: str) -> tuple[Parsed, list[Problem]]:
    """Build plain data from one YAML document, with every problem found."""
    builder = _Builder(source_path, text)
    try:
        events = iter(_events(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        context = exc.context if exc.context and exc.problem else ""
        message = explain(text, line, problem, context)  # in plain words where it can
        return builder.parsed, [Problem(source_path, line, column, message, "yaml-syntax")]
    except yaml.YAMLError as exc:  # e.g. a reader error, which has no mark
        message = "YAML error: " + " ".join(str(exc).split())
        return builder.parsed, [Problem(source_path, 1, 1, message, "yaml-syntax")]

    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                builder.problem(
                    event,
                    "a second YAML document ('---') in one file: each file holds one document; "
                    "move it to a file of its own",
                    "multiple-documents",
                )
                break
            root = next(events)
            builder.parsed.data = builder.node(events, root, (), 0)
            next(events)  # DocumentEndEvent
    if documents == 0:
        builder.problems.append(
            Problem(source_path, 1, 1, "the file is empty: fill in its fields", "empty-file")
        )
    return builder.parsed, builder.problems
