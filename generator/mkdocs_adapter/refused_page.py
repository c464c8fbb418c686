"""What the preview serves instead of a page the audit refuses: the findings, as
text. An editor previewing an outsider's pull request must never run what it
injected; they see what is wrong, and the page comes back once it is fixed
(MkDocs' live reload, which it adds to every page it serves, reloads this one)."""

from __future__ import annotations

from html import escape

from ..site_checks.audit import Finding

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Not served: {page}</title>
</head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem">
<h1>This page was not served</h1>
<p>The preview found what the theme does not run, style or load on <code>{page}</code>,
so it shows this instead. Fix the content or the page; the preview reloads when you save.</p>
<ul>
{items}
</ul>
</body>
</html>
"""


def refused_page(page: str, findings: list[Finding]) -> str:
    """A page that lists `findings`, every one escaped, and runs nothing of its own."""
    items = "\n".join(f"<li><code>{escape(str(finding))}</code></li>" for finding in findings)
    return _PAGE.format(page=escape(page), items=items)
