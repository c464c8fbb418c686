"""What the preview (`timeline serve`) adds to each page it sends: its reload
script, and while the last edit has problems, a banner that lists them.

MkDocs' live reload injects an inline script, which the pages' Content Security
Policy refuses (its hashes cannot know a script made per request); the preview
injects a tag for a same-site file instead, which the policy allows. Both are
added as each page is sent, never written into the site: a published page has
neither, and the banner shows on every page, rebuilt or not.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any

RELOAD_SCRIPT = "assets/javascripts/preview-reload.js"  # in the theme


def injector(mount_path: str, problems: Callable[[], str]) -> Callable[[bytes, int], bytes]:
    """The server's `_inject_js_into_html`: the reload tag before `</body>`, and
    the banner, when `problems()` says any, before the page's header."""

    def inject(content: bytes, epoch: int) -> bytes:
        request = round(time.monotonic() * 1000)
        tag = (
            f'<script src="{html.escape(mount_path + RELOAD_SCRIPT)}" data-epoch="{epoch}" '
            f'data-request="{request}"></script>'
        ).encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        page = content[:end] + tag + content[end:]
        report = problems()
        header = page.find(b'<header class="md-header')
        if report and header >= 0:
            page = page[:header] + banner(report).encode() + page[header:]
        return page

    return inject


def banner(report: str) -> str:
    """The problems of the last edit, at the top of every page, escaped."""
    return (
        '<div class="tl-preview-problems" role="alert"><p><strong>Not up to date:</strong> '
        "the last edit has problems, so this preview shows the last good version. Fix "
        "them and the page reloads.</p>"
        f"<pre>{html.escape(report.strip())}</pre></div>"
    )


def install(server: Any, mount_path: str, problems: Callable[[], str]) -> None:
    """Replace MkDocs' injection on this server (an instance attribute: the class,
    and a build's pages, are left as they are)."""
    server._inject_js_into_html = injector(mount_path, problems)
