"""Pictures as the site serves them: each in a few widths made at build time, so
that a phone downloads a small one and a wide screen a sharp one, with the
width and height every <img> needs so that nothing moves as it loads."""

from __future__ import annotations

import io

from PIL import Image

from ..content.pictures import Picture
from ..views.addresses import variants

JPEG_QUALITY = 82


def render_variants(picture: Picture) -> dict[str, bytes]:
    """Each variant's bytes: resized, in the picture's own format, without its
    metadata (a camera's location stays with the editor)."""
    files = {}
    with Image.open(io.BytesIO(picture.data)) as original:
        original.load()
        image = original
        if picture.format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        for variant in variants(picture):
            resized = image.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if picture.format == "JPEG":
                resized.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True)
            elif picture.format == "WEBP":
                resized.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
            else:
                resized.save(out, "PNG")
            files[variant.uri] = out.getvalue()
    return files
