"""The MkDocs glue: a hooks file (see `hooks:` in mkdocs.yml).

It only calls the core: before each build (and each live-reload rebuild) it
renders the content into the docs folder and hands MkDocs the navigation. It
also escapes, for Material's templates (which MkDocs renders without
autoescape), the editor text that reaches them through page metadata.

Set TIMELINE_CONTENT to build another content folder (default: content/
beside mkdocs.yml).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import Abort

from generator.pipeline import generate
from generator.problems import ContentError, format_text
from generator.write import UnsafeFolder

# Remembers that SOURCE_DATE_EPOCH is ours to update on the next rebuild.
_OWN_EPOCH = "TIMELINE_SOURCE_DATE_EPOCH"
# Front-matter keys that hold editor text and that Material prints.
_TEXT_META = ("title", "description")


def _escaped_nav(items: list[Any]) -> list[Any]:
    out = []
    for item in items:
        ((title, target),) = item.items()
        value = _escaped_nav(target) if isinstance(target, list) else target
        out.append({Markup.escape(title): value})
    return out


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    content = Path(os.environ.get("TIMELINE_CONTENT") or root / "content")
    try:
        site, _ = generate(content, Path(config.docs_dir))
    except ContentError as exc:
        shown = os.path.relpath(content)
        raise Abort("content problems:\n" + format_text(exc.problems, shown).rstrip()) from None
    except UnsafeFolder as exc:
        raise Abort(str(exc)) from None
    config.nav = _escaped_nav(site.nav)
    # A reproducible build: the build date is the content's, unless set outside.
    ours = os.environ.get(_OWN_EPOCH)
    if "SOURCE_DATE_EPOCH" not in os.environ or os.environ["SOURCE_DATE_EPOCH"] == ours:
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_OWN_EPOCH] = str(site.updated)
    return config


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    for key in _TEXT_META:
        if key in page.meta:
            page.meta[key] = Markup.escape(str(page.meta[key]))
    return markdown
