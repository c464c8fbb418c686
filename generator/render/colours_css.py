"""The stylesheet of the diagrams' colours, one block for each of Material's schemes:
written into the page tree, linked by the MkDocs plugin after the theme's own."""

from __future__ import annotations

from ..views.colours import ROLES, Colours

STYLESHEET = "assets/stylesheets/colours.css"  # in the page tree


def colours_css(colours: Colours) -> str:
    """The stylesheet that gives the diagrams their colours in each scheme."""
    blocks = []
    for selector, palette in (
        (':root, [data-md-color-scheme="default"]', colours.light),
        ('[data-md-color-scheme="slate"]', colours.dark),
    ):
        props = "".join(f"  --tl-{role}: {getattr(palette, role)};\n" for role in ROLES)
        blocks.append(f"{selector} {{\n{props}}}\n")
    head = "/* The diagrams' colours, from mkdocs.yml (plugins: timeline: colours). */\n"
    return head + "\n".join(blocks)
