"""The picture a link to the site shows on social media and in chat apps
(`og:image`) where a story has no lead picture of its own: a card made at build
time with the headline, the dates it covers and the publication's name."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..views.colours import Colours

# DejaVu Sans, shipped with the package (fonts/LICENSE-DejaVu.txt): the same
# glyphs on every machine, for Latin, Greek, Cyrillic, Arabic and Hebrew text.
FONTS = Path(__file__).parent / "fonts"

SIZE = (1200, 630)  # what Facebook, LinkedIn and X crop the least
INK = "#ffffff"  # the headline: white on the light scheme's marks (views/colours.py)
MARGIN = 72


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int,
           most: int) -> list[str]:  # fmt: skip
    """`text` wrapped to `width` pixels, in at most `most` lines (the last cut with …)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def share_card(title: str, dates: str, publisher: str, colours: Colours) -> bytes:
    """A PNG of the card, in the site's colours; the same text makes the same bytes."""
    ground, quiet = colours.light.marks, colours.light.bands
    image = Image.new("RGB", SIZE, ground)
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 32)
    big = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 60)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((MARGIN, MARGIN, MARGIN + 96, MARGIN + 8), fill=colours.dark.highlights)
    draw.text((MARGIN, MARGIN + 36), publisher, font=small, fill=quiet)
    y = MARGIN + 110
    for line in _lines(draw, title, big, width, 4):
        draw.text((MARGIN, y), line, font=big, fill=INK)
        y += 76
    if dates:
        draw.text((MARGIN, SIZE[1] - MARGIN - 34), dates, font=small, fill=quiet)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
