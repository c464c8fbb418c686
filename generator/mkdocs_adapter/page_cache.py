"""Python-Markdown's work on each page, kept between builds.

Converting the page tree's Markdown is half of a build, and between two builds
of a story most pages are the same text. A page whose Markdown, address and link
targets are unchanged gets what MkDocs' own conversion gave it last time: its
HTML, table of contents, title and the anchors it has and links to. The theme,
search and the site checks still see every page, so the site is the same, byte
for byte, as a build without the cache.

A preview keeps the cache in memory between rebuilds; `timeline build` keeps it
in a folder (JSON, which loading never runs) that CI can restore. A page whose
conversion warned is not kept, so a strict build still fails on it every time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..cache_files import read_cache_json, write_cache_file

FORMAT = 1
FILE = "pages.json"
# Where a Markdown link or image points: its target decides what MkDocs writes
# (a page's address, or the link as written when nothing is there).
_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")


def fingerprint(config: Any) -> str:
    """What every page's conversion depends on besides its own text: the Markdown
    extensions and their settings, how addresses are made and checked, the versions."""
    parts = [
        FORMAT, version("mkdocs"), version("markdown"), config["markdown_extensions"],
        config["mdx_configs"], config["use_directory_urls"], config["validation"],
    ]  # fmt: skip
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def link_targets(page: Any, markdown: str, files: Any) -> list[str]:
    """Each page `markdown` links to, and whether it is there."""
    here = posixpath.dirname(page.file.src_uri)
    targets = []
    for target in dict.fromkeys(_TARGET.findall(markdown)):
        path = target.split("#", 1)[0]
        if not path or "://" in path or path.startswith(("/", "mailto:")):
            continue
        found = files.get_file_from_path(posixpath.normpath(posixpath.join(here, path)))
        targets.append(f"{target}={found is not None}")
    return targets


@dataclass
class PageCache:
    """Conversions by page key; `folder` keeps them between commands."""

    folder: Path | None = None
    fingerprint: str = ""
    kept: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys this build asked for
    hits: int = 0
    misses: int = 0

    @classmethod
    def load(cls, folder: Path | None, fingerprint: str) -> PageCache:
        cache = cls(folder, fingerprint)
        data = read_cache_json(folder / FILE) if folder else {}
        if data.get("fingerprint") == fingerprint:
            cache.kept = data.get("pages", {})
        return cache

    def start(self, fingerprint: str) -> None:
        """A new build: forget what another configuration converted."""
        if fingerprint != self.fingerprint:
            self.fingerprint, self.kept = fingerprint, {}
        self.used, self.hits, self.misses = set(), 0, 0

    def key(self, page: Any, files: Any) -> str:
        targets = link_targets(page, page.markdown, files)
        text = "\0".join([self.fingerprint, page.file.src_uri, page.markdown, *targets])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def convert(self, page: Any, files: Any) -> None:
        """Set up `page` to be rendered from the cache, or to fill it when rendered."""
        key = self.key(page, files)
        self.used.add(key)
        entry = self.kept.get(key)
        if entry is not None:
            self.hits += 1
            page.render = lambda config, files: _restore(page, entry, files)
            return
        self.misses += 1
        render = page.render

        def render_and_keep(config: Any, files: Any) -> None:
            with _Warnings() as warned:
                render(config, files)
            if not warned.count:
                self.kept[key] = _entry(page)

        page.render = render_and_keep

    def save(self) -> None:
        """Keep this build's conversions (only: the cache holds one site's pages)."""
        self.kept = {k: v for k, v in self.kept.items() if k in self.used}
        if self.folder is None:
            return
        data = {"fingerprint": self.fingerprint, "pages": dict(sorted(self.kept.items()))}
        write_cache_file(self.folder, FILE, json.dumps(data, ensure_ascii=False,
                                                       separators=(",", ":")))  # fmt: skip


def _toc(items: list[AnchorLink]) -> list[list[Any]]:
    return [[i.title, i.id, i.level, _toc(i.children)] for i in items]


def _anchor(item: list[Any]) -> AnchorLink:
    title, anchor, level, children = item
    link = AnchorLink(title, anchor, level)
    link.children = [_anchor(child) for child in children]
    return link


def _entry(page: Any) -> dict[str, Any]:
    links = page.links_to_anchors or {}
    return {
        "content": page.content,
        "toc": _toc(list(page.toc)),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {f.src_uri: dict(sorted(to.items())) for f, to in links.items()},
    }


def _restore(page: Any, entry: dict[str, Any], files: Any) -> None:
    """What Page.render sets, as the cached conversion had it."""
    page.content = entry["content"]
    page.toc = TableOfContents([_anchor(item) for item in entry["toc"]])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = {
        files.get_file_from_path(src): links for src, links in entry["links"].items()
    }


class _Warnings(logging.Handler):
    """Counts what MkDocs warns of while a page converts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> _Warnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
