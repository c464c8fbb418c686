"""A Content Security Policy for each built page, as a <meta> tag.

Scripts may come only from this site, plus the page's own inline scripts (the
theme's: they differ per page by the page's relative base path), allowed by
their SHA-256 hashes. So even if something slipped past escaping and the audit,
a browser would refuse to run an inline script or a handler attribute, or to
load one from another host. A static host can send the same as a header; a
<meta> tag travels with the files.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .audit import inline_scripts

_HEAD = re.compile(r"<head[^>]*>")

POLICY = (
    "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'"
)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(page: str) -> str:
    """The policy for this page: its own inline scripts, by hash."""
    hashes = sorted({_hash(script) for script in inline_scripts(page)})
    return POLICY.format(scripts=" ".join(["'self'", *hashes]))


def with_policy(page: str) -> str:
    """The page with its policy as the first element of <head>, before any script."""
    head = _HEAD.search(page)
    if head is None:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    return page[: head.end()] + meta + page[head.end() :]
