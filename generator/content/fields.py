"""Field types shared by the content models, each with an editor-facing error.

Every type here validates one value on its own; references between files are
checked later, in `validate`, once the whole corpus is known.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .dates import FORMATS, MAX_YEAR, MIN_YEAR, DateError, When, check_zone, parse_when
from .editor_markdown import check_markdown, is_web_url

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
ID_MAX = 80
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?$"


def slugify(text: str, limit: int = ID_MAX) -> str:
    """A readable id from any text: ASCII, lowercase, hyphens, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id (and so a file name), or None."""
    if _ID.match(value) and len(value) <= ID_MAX:
        return None
    suggestion = slugify(value)
    example = f", e.g. '{suggestion}'" if suggestion and suggestion != value else ""
    return (
        f"'{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens, "
        f"at most {ID_MAX} characters{example}"
    )


def _id(value: str) -> str:
    if problem := id_problem(value):
        raise PydanticCustomError("bad_id", problem)
    return value


def _one_line(limit: int):
    def check(value: str) -> str:
        if "\n" in value:
            raise PydanticCustomError("multi_line", "must be one line: join the lines")
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long: shorten it to {limit} or fewer",
                {"length": len(value), "limit": limit},
            )
        return value

    return check


def _paragraph(limit: int):
    def check(value: str) -> str:
        if "\n\n" in value.strip():
            raise PydanticCustomError(
                "multi_paragraph", "must be a single paragraph: remove the blank line"
            )
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long: shorten it to {limit} or fewer "
                "(put detail in `body`)",
                {"length": len(value), "limit": limit},
            )
        return " ".join(value.split())

    return check


def _markdown(value: str) -> str:
    found = check_markdown(value)
    if found:
        raise PydanticCustomError(
            "markdown_subset",
            "{found}",
            {
                "found": "; ".join(
                    f"line {line} of this text: {message}" for line, message in found
                ),
                "lines": found,  # each at its own line, where the file says where the text is
            },
        )
    return value.strip() + "\n"


def _web_url(value: str) -> str:
    if not is_web_url(value):
        raise PydanticCustomError(
            "bad_url",
            "'{url}' is not a web address: write a full http:// or https:// URL",
            {"url": value},
        )
    return value


def _when(value: Any) -> When:
    # An unquoted year is read as a number; it is still exactly what was written.
    if isinstance(value, int) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR:
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_type", "expected a date as text ({formats})", {"formats": FORMATS}
        )
    try:
        return parse_when(value)
    except DateError as exc:
        raise PydanticCustomError("bad_date", str(exc)) from None


def _zone(value: str) -> str:
    try:
        return check_zone(value)
    except DateError as exc:
        raise PydanticCustomError("bad_zone", str(exc)) from None


# A language, its script and its region: en, pt-BR, zh-Hans, zh-Hant-TW, es-419.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"


def _language(value: str) -> str:
    if not re.fullmatch(LANGUAGE_PATTERN, value):
        raise PydanticCustomError(
            "bad_language",
            "'{value}' is not a language tag: write a BCP 47 tag such as en, fr or pt-BR",
            {"value": value},
        )
    return value


def _key(value: Any) -> Any:
    """What makes an item of a list itself: its id, or what a point is about."""
    return getattr(value, "id", None) or getattr(value, "about", None) or id(value)


def _unique(values: list[Any]) -> list[Any]:
    seen = set()
    for value in values:
        key = value if isinstance(value, str) else _key(value)
        if key in seen:
            raise PydanticCustomError(
                "not_unique", "'{value}' is listed twice: remove one", {"value": key}
            )
        seen.add(key)
    return values


Id = Annotated[str, AfterValidator(_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Title = Annotated[str, AfterValidator(_one_line(120))]
LABEL_MAX = 32  # characters: a label on the time axis
Label = Annotated[str, AfterValidator(_one_line(LABEL_MAX))]
Name = Annotated[str, AfterValidator(_one_line(200))]
Paragraph = Annotated[str, AfterValidator(_paragraph(600))]
Note = Annotated[str, AfterValidator(_paragraph(1500))]
Verbatim = Annotated[str, AfterValidator(_paragraph(3000))]
Markdown = Annotated[str, AfterValidator(_markdown)]
WebUrl = Annotated[
    str, AfterValidator(_web_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})
]
ZoneName = Annotated[str, AfterValidator(_zone)]

MEDIA_PATTERN = r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\.(jpg|jpeg|png|webp)$"
IMAGE_TYPES = ("jpg", "jpeg", "png", "webp")


def _media_file(value: str) -> str:
    if not re.fullmatch(MEDIA_PATTERN, value):
        raise PydanticCustomError(
            "bad_media_file",
            "'{value}' is not a picture in content/media/: write its path there, in lowercase "
            "letters, digits, hyphens and folders, ending .jpg, .png or .webp, "
            "e.g. kabul-airport.jpg",
            {"value": value},
        )
    return value


MediaFile = Annotated[
    str, AfterValidator(_media_file), WithJsonSchema({"type": "string", "pattern": MEDIA_PATTERN})
]
LanguageTag = Annotated[
    str,
    AfterValidator(_language),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN}),
]
Date = Annotated[
    When,
    PlainValidator(_when),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": DATE_PATTERN,
                },
                # An unquoted year, as the loader reads it.
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            ]
        }
    ),
]
Unique = AfterValidator(_unique)
