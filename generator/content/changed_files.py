"""Which content files a branch changed, for `timeline check --changed REF`.

The whole content is still loaded and validated, because a changed event's
references point into files that did not change. Only the report is narrowed:
to problems in changed files, plus cross-file problems anywhere, since those
are how a change breaks a file it did not touch (a deleted actor, a removed
topic, an update that makes the timeline's `updated` stale).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import UsageError
from .problems import Problem

# Problems that a change in one file can cause in another.
CROSS_FILE_CODES = frozenset({"unknown-reference", "stale-updated"})


class GitError(UsageError):
    """git could not answer: not a repository, an unknown ref, git missing."""


def _git(content: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(content), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed: install it, or check without --changed") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return done.stdout


def changed_files(content: Path, ref: str) -> set[str]:
    """Paths under `content` (with forward slashes) that differ from where the
    current branch left `ref`: committed, staged, unstaged, untracked or deleted."""
    try:
        _git(content, "rev-parse", "--show-toplevel")
    except GitError as exc:
        raise GitError(f"{content} is not in a git repository: check without --changed") from exc
    try:
        _git(content, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError as exc:
        raise GitError(
            f"unknown git ref '{ref}': name the branch to compare with, e.g. --changed origin/main"
        ) from exc
    # The merge base, so that what landed on `ref` since the branch began does
    # not count as this branch's change.
    base = _git(content, "merge-base", ref, "HEAD").strip()
    names = _git(content, "diff", "--name-only", "--no-renames", "--relative", "-z", base, "--")
    untracked = _git(content, "ls-files", "--others", "--exclude-standard", "-z")
    return {name for name in (names + untracked).split("\0") if name}


def narrow(problems: list[Problem], changed: set[str]) -> tuple[list[Problem], int]:
    """The problems to report for a change, and how many others were left out."""
    shown = [p for p in problems if p.source_path in changed or p.code in CROSS_FILE_CODES]
    return shown, len(problems) - len(shown)
