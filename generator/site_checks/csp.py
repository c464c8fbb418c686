"""A Content Security Policy for each built page, as a <meta> tag.

Scripts may come only from this site, plus the theme's own inline scripts,
allowed by their SHA-256 hashes. Which inline scripts are the theme's is read off
its 404 page, the one page with no content (see audit.py), never off the page
being built: a script that content slipped into a page is hashed by nothing, so
a browser refuses to run it even if escaping and the audit had both missed it,
as it refuses handler attributes and scripts from other hosts. No inline style
applies either but the theme's own `<style>` elements (Material has none), by
hash: a `<style>` or `style` attribute that got in cannot hide the page or lay a
link over it. A static host can
send the same as a header; a <meta> tag travels with the files.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .audit import Theme, read_page

_HEAD = re.compile(r"<head[^>]*>")

POLICY = (
    "default-src 'self'; script-src {scripts}; style-src {styles}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'"
)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(page: str, theme: Theme | None, scripts: list[str] | None = None) -> str:
    """The policy for this page: those of its inline scripts (`scripts`, when
    the page is parsed already) that are the theme's (they differ per page by the
    page's relative base path), by hash."""
    hashes: list[str] = []
    styles: list[str] = []
    if theme is not None:  # else nothing is the theme's: no page need be read
        scripts = read_page(page).inline_scripts() if scripts is None else scripts
        hashes = sorted({_hash(script) for script in scripts if theme.runs(script)})
        # The theme's own <style> elements (Material's default has none), by hash too.
        styles = sorted({_hash(style) for style in theme.styles})
    return POLICY.format(
        scripts=" ".join(["'self'", *hashes]), styles=" ".join(["'self'", *styles])
    )


def with_policy(page: str, theme: Theme | None, scripts: list[str] | None = None) -> str:
    """The page with its policy as the first element of <head>, before any script."""
    head = _HEAD.search(page)
    if head is None:
        return page
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page, theme, scripts)}">'
    )
    return page[: head.end()] + meta + page[head.end() :]
