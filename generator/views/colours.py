"""The diagrams' colours: the time axis, the network and the share cards.

A site sets them in one place, the timeline plugin's `colours` option in
mkdocs.yml, for the light scheme and the dark one; what it leaves out keeps the
defaults below. Each is checked for contrast against what it is drawn on, so a
site's own colours cannot make a diagram unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

# Material's page grounds in its two schemes (default, slate), as a browser draws them.
GROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, text
SHAPE_CONTRAST = 3.0  # WCAG 1.4.11, marks and lines that carry meaning
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class Palette:
    """One scheme's colours, by what they draw."""

    text: str  # labels in the diagrams
    marks: str  # events on the time axis, people in the network
    highlights: str  # key events, states and organisations
    lines: str  # the network's calls
    bands: str  # periods on the time axis, under their titles
    days: str  # a crowded day on the time axis, under its marks


ROLES = tuple(f.name for f in fields(Palette))


LIGHT = Palette(text="#1a1a1a", marks="#283593", highlights="#ad1457", lines="#5c6bc0",
                bands="#e8eaf6", days="#eceff1")  # fmt: skip
DARK = Palette(text="#e8eaf6", marks="#9fa8da", highlights="#f48fb1", lines="#7986cb",
               bands="#303552", days="#2a2e3d")  # fmt: skip


@dataclass(frozen=True)
class Colours:
    light: Palette = LIGHT
    dark: Palette = DARK


@dataclass(frozen=True)
class ColourProblem:
    path: tuple[str, ...]  # under the `colours` option: ("dark", "marks")
    message: str


def _luminance(colour: str) -> float:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours written as #rgb or #rrggbb."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def read_colours(raw: Any) -> tuple[Colours, list[ColourProblem]]:
    """The colours a site configured over the defaults, and every problem with them."""
    problems: list[ColourProblem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return Colours(), [ColourProblem((), "must be a mapping with `light` and `dark` colours")]
    colours = Colours()
    for scheme, given in raw.items():
        if scheme not in GROUNDS:
            problems.append(ColourProblem((str(scheme),), "unknown scheme: use light or dark"))
            continue
        palette, found = _read_palette(scheme, given, getattr(colours, scheme))
        problems += found
        colours = replace(colours, **{scheme: palette})
    if not problems:
        problems = _contrast_problems(colours)
    return colours, problems


def _read_palette(scheme: str, given: Any, palette: Palette) -> tuple[Palette, list[ColourProblem]]:
    if not isinstance(given, dict):
        return palette, [ColourProblem((scheme,), f"must map colours ({', '.join(ROLES)})")]
    problems, chosen = [], {}
    for role, value in given.items():
        if role not in ROLES:
            problems.append(
                ColourProblem((scheme, str(role)), f"unknown colour: use {', '.join(ROLES)}")
            )
        elif not isinstance(value, str) or not _HEX.fullmatch(value):
            problems.append(
                ColourProblem((scheme, role), f'{value!r} is not a colour: write it as "#283593"')
            )
        else:
            chosen[role] = value.lower()
    return replace(palette, **chosen), problems


def _contrast_problems(colours: Colours) -> list[ColourProblem]:
    problems = []

    def need(scheme: str, role: str, against: str, what: str, ratio: float, why: str) -> None:
        colour = getattr(getattr(colours, scheme), role)
        found = contrast(colour, against)
        if found < ratio:
            problems.append(ColourProblem((scheme, role), (
                f"{colour} stands {found:.1f}:1 against {what} ({against}); {ratio:g}:1 is "
                f"needed so that {why}: choose a {'lighter' if scheme == 'dark' else 'darker'}"
                " colour"
            )))  # fmt: skip

    for scheme, ground in GROUNDS.items():
        palette = getattr(colours, scheme)
        page = f"the {scheme} page"
        need(scheme, "text", ground, page, TEXT_CONTRAST, "labels can be read")
        need(scheme, "text", palette.bands, f"the {scheme} period bands", TEXT_CONTRAST,
             "period titles can be read")  # fmt: skip
        for role in ("marks", "highlights", "lines"):
            need(scheme, role, ground, page, SHAPE_CONTRAST, f"{role} can be seen")
        for role in ("marks", "highlights"):
            need(scheme, role, palette.days, f"the {scheme} crowded-day shading", SHAPE_CONTRAST,
                 "marks on a crowded day can be seen")  # fmt: skip
    # A share card writes its headline in white on the light marks' colour, and its
    # publisher and dates in the light bands' colour.
    need("light", "marks", WHITE, "a share card's white headline", TEXT_CONTRAST,
         "the card's headline can be read")  # fmt: skip
    need("light", "marks", colours.light.bands, "the light bands, a share card's small print",
         TEXT_CONTRAST, "the card's publisher and dates can be read")  # fmt: skip
    return problems
