"""The words the generator writes around what editors wrote: headings, labels,
filter names, the time axis' and the network's words, the feeds' and the
calendar's sentences, in the site's language.

English is the source language: every message's id is its English text, and a
language without a catalogue reads in English, as Material shows its own
strings then. The catalogues are gettext's, made with Babel's `pybabel` from the
template catalogue `generator/locale/messages.pot` (README, "The site's
language"); a newsroom's own folder of catalogues, when it has one, is read
before ours.

A translation is plain text, like the text an editor writes: a catalogue whose
message holds markup, or other placeholders than its English, is refused with
the place of each message, rather than printed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from markupsafe import Markup

from .dates_shown import DateStyle

LOCALE = Path(__file__).parent.parent / "locale"  # generator/locale: the shipped catalogues
DOMAIN = "messages"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"  # every message, untranslated: where a new catalogue starts
_MARKUP = ("<", ">", "&")  # a translation that holds any of these would be markup on a page


_ENGLISH_PLURAL = Locale("en").plural_form


class CatalogueError(Exception):
    """A catalogue that cannot be used; each problem is `path:line:col: message`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Said(Markup):
    """A message as the page shows it, which keeps its English id: a heading's
    anchor is made of the id, so that `#embed-this-timeline` is the same in
    every language (render/headings.py)."""

    msgid: str = ""


@dataclass(frozen=True)
class Interface:
    """The generator's words in one language (a BCP 47 tag, as Material's
    `theme.language`), from `folders` of catalogues first, then ours."""

    language: str = "en"
    folders: tuple[Path, ...] = ()

    @cached_property
    def dates(self) -> DateStyle:
        return DateStyle.of(self.language)

    @cached_property
    def catalogue_files(self) -> tuple[Path, ...]:
        """The catalogues that serve this language, the first read first: a
        newsroom's may hold only the messages it rewords. None for English."""
        found = []
        for folder in (*self.folders, LOCALE):
            for name in _candidates(self.language):
                path = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
                if path.is_file():
                    found.append(path)
                    break
        return tuple(found)

    @property
    def catalogue_file(self) -> Path | None:
        """The catalogue read first, or None for English."""
        return self.catalogue_files[0] if self.catalogue_files else None

    @cached_property
    def text(self) -> bytes:
        """The catalogues as read: what a kept render was made with."""
        return b"\0".join(path.read_bytes() for path in self.catalogue_files)

    @cached_property
    def _translations(self) -> NullTranslations:
        first = NullTranslations()
        for path in reversed(self.catalogue_files):  # each falls back on the next
            translations = _translations(path)
            translations.add_fallback(first)
            first = translations
        return first

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._translations.ngettext(singular, plural, count)

    def say(self, message: str, **variables: object) -> str:
        """`message` in the language, its `%(name)s` placeholders filled (plain
        text: for the formats that are not HTML, and for Python's own HTML,
        which escapes it where it lands)."""
        return self.gettext(message) % variables if variables else self.gettext(message)

    def plural(self, singular: str, plural: str, count: int, **variables: object) -> str:
        """`count` things, `%(num)s` written in the language's digits: "12 events"."""
        return self.ngettext(singular, plural, count) % {"num": self.dates.number(count),
                                                         **variables}  # fmt: skip

    def listed(self, items: Iterable[Any]) -> Any:
        """Items as a list reads in the language: "A, B, C" ("A، B، C",
        "A、B、C"); HTML (Markup) stays HTML, the rest escaped into it."""
        pattern = self.gettext("%(first)s, %(then)s")
        found: Any = None
        for item in items:
            if found is None:
                found = item
            else:
                said = Markup(pattern) if isinstance(item, Markup) else pattern
                found = said % {"first": found, "then": item}
        return "" if found is None else found

    def plural_samples(self) -> dict[str, int]:
        """A count of each CLDR plural category of the language ("one": 1,
        "other": 0), for words a script fills in with a count it chooses."""
        rule = self.dates.locale.plural_form if self.language != "en" else _ENGLISH_PLURAL
        samples: dict[str, int] = {}
        for n in range(1000):
            samples.setdefault(rule(n), n)
        return dict(sorted(samples.items()))

    def jinja(self) -> dict[str, Callable[..., Any]]:
        """The templates' `_`, `gettext` and `ngettext` (Jinja's i18n extension,
        new style), for HTML: placeholders are filled by name, and what fills
        them is escaped as any text is; the message keeps its id (`Said`)."""

        def gettext(message: str, **variables: Any) -> Markup:
            return _said(self.gettext(message), message, variables)

        def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
            filled = {"num": self.dates.number(num), **variables}
            return _said(self.ngettext(singular, plural, num), singular, filled)

        def listed(items: Iterable[Any]) -> Markup:
            return Markup(self.listed(Markup.escape(item) for item in items))

        # `say`: plain text, for what is not HTML (a page's front matter).
        return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "say": self.say,
                "listed": listed}  # fmt: skip


def _said(text: str, msgid: str, variables: dict[str, Any]) -> Said:
    """A message filled; only one said whole keeps its id (a heading of a
    month, "Timeline: August 2021", is anchored by what it says)."""
    text = Markup.escape(text)  # a quote in a translation cannot end an attribute
    said = Said(text % variables if variables else text)
    said.msgid = "" if variables else msgid
    return said


def _candidates(language: str) -> Iterator[str]:
    """The catalogue folders a language may be served by, most particular first:
    `zh` is CLDR's `zh_Hans_CN`, so `zh_Hans_CN`, `zh_Hans`, `zh`; Traditional
    Chinese (`zh-Hant`) never falls back to Simplified."""
    tag = language.replace("-", "_")
    try:
        locale = Locale.parse(get_global("likely_subtags").get(tag, tag))
    except (ValueError, UnknownLocaleError):
        yield tag
        return
    parts = [locale.language, locale.script, locale.territory]
    for n in (3, 2, 1):
        if all(parts[:n]):
            yield "_".join(parts[:n])  # type: ignore[arg-type]
    if not locale.script:
        yield locale.language


def read_catalogue(path: Path) -> Catalog:
    """A catalogue, refused (CatalogueError) where it could put markup on a page or
    lose a placeholder."""
    try:
        with path.open("rb") as f:
            catalogue = read_po(f, abort_invalid=True)
    except (PoFileError, OSError, ValueError) as error:
        raise CatalogueError([f"{path}:1:1: this catalogue cannot be read: {error}"]) from None
    problems = []
    for message in catalogue:
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in strings:
            if any(c in text for c in _MARKUP):
                problems.append(
                    f"{path}:{message.lineno}:1: the translation of {ids[0]!r} holds markup "
                    f"({', '.join(repr(c) for c in _MARKUP if c in text)}): a translation is "
                    "plain text; write the words alone"
                )
            unknown = _placeholders(text) - _placeholders(ids[-1])
            if unknown:
                problems.append(
                    f"{path}:{message.lineno}:1: the translation of {ids[0]!r} has "
                    f"{', '.join(sorted(unknown))}, which its English has not: keep each "
                    "%(name)s as the English writes it, and write a per cent sign as %%"
                )
    if problems:
        raise CatalogueError(problems)
    return catalogue


_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def _placeholders(text: str) -> set[str]:
    """The names of a message's `%(name)s`; a lone `%`, which no fill can
    take, counts as the name "%"."""
    bare = _PLACEHOLDER.sub("", text)
    return {name for name in _PLACEHOLDER.findall(text) if name} | ({"%"} if "%" in bare else set())


def _translations(path: Path) -> Translations:
    """gettext's translations of a `.po` catalogue, compiled here rather than
    shipped compiled, so that the catalogue in the repository is what is read."""
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(path), use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
