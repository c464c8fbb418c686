"""Absolute addresses of pages and files, for formats read outside the site."""

from __future__ import annotations

import posixpath


def page_path(uri: str) -> str:
    """The folder URL path of a page: 'kabul-calls/events/x.md' -> 'kabul-calls/events/x/'."""
    stem = uri.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def absolute(base_url: str, uri: str) -> str:
    """The full URL of a page (`.md`) or a file under the site's base URL."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + (page_path(uri) if uri.endswith(".md") else uri)
