"""The pictures editors put in `content/media/`: read once, to check them and to
know their size (every page sets each picture's width and height, so nothing
shifts as it loads)."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

# Larger than any camera's, smaller than a picture made to exhaust the build's memory.
MAX_PIXELS = 60_000_000
FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}


@dataclass(frozen=True)
class Picture:
    path: str  # under media/: "kabul-airport.jpg"
    width: int
    height: int
    format: str  # "JPEG", "PNG" or "WEBP"
    digest: str  # of its bytes: the same picture builds the same files
    data: bytes = field(compare=False, repr=False)


class PictureError(ValueError):
    """A file in media/ that is not a picture the site can show; says how to fix it."""


def read_picture(path: str, data: bytes) -> Picture:
    """The picture at `path` (under media/), decoded once to be sure it is whole."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    raise PictureError(
                        f"{width}×{height} pixels is more than the {MAX_PIXELS // 1_000_000} "
                        "million a picture may have: export it smaller"
                    )
                image.load()
    except PictureError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PictureError(
            f"has more than the {MAX_PIXELS // 1_000_000} million pixels a picture may have: "
            "export it smaller"
        ) from None
    except UnidentifiedImageError:
        raise PictureError(
            "cannot be read as a picture: export it again as JPEG, PNG or WebP"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PictureError(
            f"cannot be read as a picture, it is damaged ({exc}): export it again"
        ) from None
    ext = path.rsplit(".", 1)[-1]
    if kind not in FORMATS or ext not in FORMATS[kind]:
        raise PictureError(
            f"is a {kind or 'unknown'} file named .{ext}: save it as JPEG (.jpg), PNG (.png) "
            "or WebP (.webp), named for what it is"
        )
    return Picture(path, width, height, kind, hashlib.sha256(data).hexdigest(), data)
