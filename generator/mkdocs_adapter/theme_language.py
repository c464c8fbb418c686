"""Material's own words (the search box, the menus' labels, "Skip to content")
on a page in another language than the site's: a translated timeline's page
names its language in its front matter (`lang`), and the theme's
`partials/language.html` (our override) reads Material's words for that one.
"""

from __future__ import annotations

from pathlib import Path


class ThemeLanguages:
    """The name of Material's language file nearest a language tag ("zh-Hans"
    reads `zh.html`, Material's Simplified Chinese), "" if it has none; looked
    up in the theme's folders once per tag."""

    def __init__(self, dirs: list[str]) -> None:
        self.dirs = [Path(d) / "partials" / "languages" for d in dirs]
        self.found: dict[str, str] = {}

    def __call__(self, tag: str) -> str:
        if tag not in self.found:
            parts = str(tag).split("-")
            names = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
            self.found[tag] = next(
                (n for n in names if any((d / f"{n}.html").is_file() for d in self.dirs)), ""
            )
        return self.found[tag]
