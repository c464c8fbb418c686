"""The theme's Jinja environment, kept between a preview's rebuilds.

MkDocs makes a new environment for every build: it compiles every template
again, and lists the theme's folders to find its static files (Material's hold
14,500 files, most of them icons; the listing and MkDocs' filter of it were a
tenth of a 1,000-event rebuild). The theme's folders are not watched while
previewing (`timeline serve` does not pass `--watch-theme`), so neither can
change until the command starts again; a change of folders, locale or static
templates in mkdocs.yml (which is watched) gets a new environment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.utils import markdown_extensions


def theme_key(config: Any) -> tuple[Any, ...]:
    """What the theme's environment, and its listing, are made from."""
    theme = config.theme
    return (tuple(theme.dirs), str(theme.locale), tuple(theme.static_templates),
            tuple(markdown_extensions))  # fmt: skip


class ListedOnce:
    """`Environment.list_templates`, listing the folders once: by the filter's
    code, since MkDocs makes the filter anew on each build, from what
    `theme_key` holds."""

    def __init__(self, listing: Callable[..., list[str]]) -> None:
        self.listing = listing
        self.kept: dict[tuple[Any, ...], list[str]] = {}

    def __call__(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
        key = (None if extensions is None else tuple(extensions),
               getattr(filter_func, "__code__", filter_func))  # fmt: skip
        if key not in self.kept:
            self.kept[key] = self.listing(extensions, filter_func)
        return list(self.kept[key])


@dataclass
class KeptTheme:
    """A preview's environment, and what it was made from."""

    key: tuple[Any, ...] = ()
    env: Any = None

    def env_for(self, config: Any, make: Callable[[], Any]) -> Any:
        """The kept environment if made for `config`'s theme, else a new one
        from `make` (the theme's own `get_env`), kept."""
        key = theme_key(config)
        if self.env is None or self.key != key:
            self.key, self.env = key, make()
            self.env.list_templates = ListedOnce(self.env.list_templates)
        return self.env
