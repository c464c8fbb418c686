"""`timeline new timeline|actor|outlet`: the other content files, written valid.

Each is checked against the content it joins before it is written (an actor's
country must be a state that exists, an outlet's kind one of the kinds), as a
new event is. A new timeline starts as a draft: the preview shows it, the
published site waits until its `draft: true` is taken out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..content.fields import id_problem
from ..content.problems import ContentError, Problem
from ..content.yaml_writer import dump_content
from .new_event import write_checked

# Where each kind of file lives, by its id.
PLACES = {
    "timeline": "timelines/{id}/timeline.yaml",
    "actor": "actors/{id}.yaml",
    "outlet": "outlets/{id}.yaml",
}


def create_file(content: Path, kind: str, file_id: str, facts: dict[str, Any]) -> Path:
    """Write a new `kind` file with `facts` (empty ones left out) and return its path."""
    rel = PLACES[kind].format(id=file_id)
    if problem := id_problem(file_id):
        raise ContentError([Problem(rel, 1, 1, f"bad {kind} id: {problem}", "bad-id")])
    if (content / rel).exists():
        raise ContentError([Problem(rel, 1, 1, f"this {kind} exists already: choose another id",
                                    "exists")])  # fmt: skip
    data = dict(facts)
    if kind == "timeline":
        data = _timeline(data)
    timeline = file_id if kind == "timeline" else None
    return write_checked(content, (kind, file_id, timeline), rel, dump_content(kind, data))


def _timeline(facts: dict[str, Any]) -> dict[str, Any]:
    """A new timeline's fields, in the order its file reads best, as a draft."""
    return {
        "title": facts.get("title"),
        "draft": True,
        "dek": facts.get("dek"),
        "introduction": (facts.get("introduction") or facts.get("dek") or "") + "\n",
        "published": facts.get("published") or date.today().isoformat(),
        "timezone": facts.get("timezone"),
    }
