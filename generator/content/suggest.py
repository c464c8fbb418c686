"""Nearest valid names, so an error can say "did you mean ...?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `name`, or None when nothing is close."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in pool}
        matches = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        matches = [lowered[m] for m in matches]
    if not matches:  # a shortened id: 'scmp' for 'scmp-calls'
        matches = [c for c in pool if c.startswith(name + "-")][:1] if name else []
    return matches[0] if matches else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """' (did you mean x?)' or '' — a suffix for an error message."""
    hint = closest(name, candidates)
    return f" (did you mean '{hint}'?)" if hint else ""
