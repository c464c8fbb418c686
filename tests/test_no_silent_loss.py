"""Nothing an editor writes is silently lost: every piece of text in the content
reaches the built site (a page, or the data files every build publishes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import REPO, VALID_CONTENT

from generator.content.yaml_writer import dump_content
from generator.mkdocs_adapter.engine import build_site

# Fields that hold an editor's words (ids, dates, kinds and URLs are checked elsewhere).
TEXT_FIELDS = {
    "title", "summary", "body", "place", "date_note", "text", "context", "note", "name",
    "short_name", "role", "description", "dek", "introduction", "dateline", "caption", "alt",
    "credit", "aliases",
}  # fmt: skip
KINDS = {"actors": "actor", "outlets": "outlet", "timeline.yaml": "timeline", "events": "event"}


def _mark(value, counter: list[str]):
    """The value with a unique marker appended to every piece of text in it."""
    if isinstance(value, dict):
        return {
            k: _mark_text(v, counter) if k in TEXT_FIELDS else _mark(v, counter)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_mark(v, counter) for v in value]
    return value


def _mark_text(value, counter: list[str]):
    if isinstance(value, list):
        return [_mark_text(v, counter) for v in value]
    if not isinstance(value, str):
        return _mark(value, counter)
    marker = f"zq{len(counter):03d}mark"
    counter.append(marker)
    return value.rstrip("\n") + f" {marker}" + ("\n" if value.endswith("\n") else "")


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("marked")
    content = root / "content"
    shutil.copytree(VALID_CONTENT, content)
    markers: list[str] = []
    for path in sorted(content.rglob("*.yaml")):
        kind = next(k for part, k in KINDS.items() if part in path.relative_to(content).parts)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(dump_content(kind, _mark(data, markers)), encoding="utf-8")
    build_site(REPO / "mkdocs.yml", content, root / "site", root / "docs")
    return root / "site", markers


def test_every_piece_of_text_reaches_the_site(marked):
    site, markers = marked
    assert len(markers) > 30
    published = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".ics", ".xml")
    )
    assert [m for m in markers if m not in published] == []


def test_every_piece_of_text_reaches_a_page(marked):
    site, markers = marked
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert [m for m in markers if m not in pages] == []
