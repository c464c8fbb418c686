"""A page in another language than the site's: Material writes the site's
`lang` on <html> and its direction on <body>; a page of a translated timeline
says its own (its front matter's `lang` and `dir`, views/translated_site.py)."""

from __future__ import annotations

import re
from html import escape
from typing import Any

_HTML = re.compile(r'<html lang="[^"]*"')
_BODY = re.compile(r'<body dir="[^"]*"')


def own_language(html: str, meta: dict[str, Any]) -> str:
    """`html` with the language and direction its front matter gives, if any."""
    language, direction = meta.get("lang"), meta.get("dir")
    if not language:
        return html
    html = _HTML.sub(f'<html lang="{escape(str(language))}"', html, count=1)
    if direction in ("ltr", "rtl"):
        html = _BODY.sub(f'<body dir="{direction}"', html, count=1)
    return html
