"""The theme's navigation, rendered once for all the pages it is the same on.

Material renders the site's menus (the tabs, and the navigation of the phone's
drawer) on every page: a tenth of a build. They differ between two pages only
where one of the pages is in the menu itself (it is marked as current, its
section as active) and by the links' relative addresses. A page that is not in
the menu (an event, a month of the timeline, a person) has the same menus as
every other page of its folder, unless a page of the menu is inside its own
folder: those menus are rendered once per folder and used again, byte for byte
what Material would render (tested).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any


class ThemePieces:
    """This build's menus, by which piece and which folder."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}
        self.menu_urls: frozenset[str] | None = None

    def __call__(self, piece: str, page: Any, nav: Any, caller: Callable[[], str]) -> str:
        """`piece` as `caller` renders it for `page`, or as it was for its folder."""
        key = self._folder(page, nav)
        if key is None:
            return caller()
        found = self.kept.get((piece, key))
        if found is None:
            found = self.kept[(piece, key)] = caller()
        return found

    def _folder(self, page: Any, nav: Any) -> str | None:
        if page is None or nav is None or getattr(page, "url", None) is None:
            return None
        if self.menu_urls is None:
            self.menu_urls = frozenset(p.url for p in nav.pages)
        url = page.url
        # In the menu itself, or holding one of its pages (itself included).
        if not url.endswith("/") or any(menu.startswith(url) for menu in self.menu_urls):
            return None
        # A folder's pages share a language, but a translation's differ from the site's.
        return posixpath.dirname(url.rstrip("/")) + f" {page.meta.get('lang', '')}"
