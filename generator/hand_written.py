"""Where the site's hand-written pages are: read by the check (whose addresses
no timeline may take) and by the render (which wraps them as pages)."""

from __future__ import annotations

from pathlib import Path


def hand_written_uris(folder: Path | None) -> list[str]:
    """The page URIs of the hand-written pages (about, methodology) under `folder`."""
    if folder is None or not folder.is_dir():
        return []
    return [path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*.md"))]


def hand_written_names(pages: Path | None) -> frozenset[str]:
    """The top-level names the hand-written pages take (`about` for about.md)."""
    return frozenset(uri.split("/", 1)[0].removesuffix(".md") for uri in hand_written_uris(pages))
