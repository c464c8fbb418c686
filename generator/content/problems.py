"""Content problems: what every stage reports instead of raising.

An editor's mistake is data. Each stage collects `Problem`s and carries on, so
that `timeline check` can list every problem at once, one per line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..errors import UserError


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one content file, at a 1-based line and column."""

    source_path: str  # under the content folder, with forward slashes
    line: int
    column: int
    message: str  # what is wrong and how to fix it
    code: str = "invalid"  # a stable, machine-readable kind, e.g. "duplicate-key"
    # "warning": what a draft still needs before it is published; it fails nothing.
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def at(self, prefix: str) -> str:
        """The file's path as the reader should see it, under `prefix`."""
        return f"{prefix.rstrip('/')}/{self.source_path}" if prefix else self.source_path


class ContentError(UserError):
    """Raised by the core when content has problems; carries all of them (the
    drafts' warnings too, which the report lists with the errors)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} content problem(s)")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def _label(p: Problem) -> str:
    return "" if p.is_error else f"{p.severity}: "


def format_text(problems: list[Problem], prefix: str) -> str:
    return "".join(
        f"{p.at(prefix)}:{p.line}:{p.column}: {_label(p)}{p.message}\n" for p in problems
    )


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem], prefix: str) -> str:
    """GitHub Actions workflow commands, which annotate the pull request's lines."""
    lines = []
    for p in problems:
        props = ",".join(
            f"{key}={_escape_github_property(str(value))}"
            for key, value in (
                ("file", p.at(prefix)),
                ("line", p.line),
                ("col", p.column),
                ("title", f"timeline check: {p.code}"),
            )
        )
        lines.append(f"::{p.severity} {props}::{_escape_github_data(p.message)}\n")
    return "".join(lines)


def format_json(problems: list[Problem], prefix: str) -> str:
    items = [{**asdict(p), "source_path": p.at(prefix)} for p in problems]
    return json.dumps({"problems": items}, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
