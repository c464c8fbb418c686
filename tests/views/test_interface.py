"""The generator's words in a language: which catalogue serves it, and which
catalogues are refused, where and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from generator.views.interface import LOCALE, CatalogueError, Interface, read_catalogue

PO_HEAD = """msgid ""
msgstr ""
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

"""


def _catalogue(folder: Path, language: str, body: str) -> Path:
    path = folder / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("language", "served"),
    [("fa", "fa"), ("fa-IR", "fa"), ("zh", "zh_Hans"), ("zh-Hans", "zh_Hans"),
     ("zh-CN", "zh_Hans"), ("zh-Hant", None), ("zh-TW", None), ("en", None), ("xx", None)],
)  # fmt: skip
def test_a_language_is_served_by_its_catalogue_or_reads_in_english(language, served):
    """Material's tags find CLDR's folders; Traditional Chinese never falls back
    to Simplified, and a language without a catalogue reads in English."""
    words = Interface(language)
    expected = None if served is None else LOCALE / served / "LC_MESSAGES" / "messages.po"
    assert words.catalogue_file == expected
    if served is None:
        assert words.gettext("Filter events") == "Filter events"
    else:
        assert words.gettext("Filter events") not in ("", "Filter events")


def test_a_newsrooms_catalogue_is_read_before_ours(tmp_path):
    """A newsroom's catalogue may reword a few messages: the rest are ours."""
    _catalogue(tmp_path, "fa", 'msgid "Filter events"\nmsgstr "گزینش رویدادها"\n')
    words = Interface("fa", (tmp_path,))
    assert words.gettext("Filter events") == "گزینش رویدادها"
    assert words.gettext("Topics") == Interface("fa").gettext("Topics") != "Topics"
    assert Interface("de", (tmp_path,)).catalogue_file is None  # none for German there


def test_a_count_is_in_the_languages_digits_and_plural():
    assert Interface("en").plural("%(num)s event", "%(num)s events", 1) == "1 event"
    assert Interface("en").plural("%(num)s event", "%(num)s events", 1000) == "1000 events"
    persian = Interface("fa").plural("%(num)s event", "%(num)s events", 12)
    assert "۱۲" in persian and "12" not in persian


def test_a_message_shown_whole_keeps_its_english_and_escapes_what_fills_it():
    words = Interface("fa")
    template = words.jinja()
    shown = template["_"]("Embed this timeline")
    assert shown.msgid == "Embed this timeline" and shown != "Embed this timeline"
    filled = template["_"]("More about %(name)s", name="<b>x</b>")
    assert "&lt;b&gt;" in filled and filled.msgid == ""  # anchored by what it says
    assert template["_"]("More about %(name)s", name=Markup("<b>x</b>")).count("<b>") == 1
    assert template["say"]("Quotes: %(title)s", title="<b>").endswith("<b>")  # plain text


def test_a_translation_with_markup_or_an_unknown_placeholder_is_refused_at_its_line(tmp_path):
    path = _catalogue(
        tmp_path, "de",
        'msgid "Filter events"\nmsgstr "<b>Filtern</b>"\n\n'
        'msgid "More about %(name)s"\nmsgstr "Mehr über %(nom)s"\n\n'
        'msgid "Zoom to"\nmsgstr "50% näher"\n\n'
        'msgid "Topics"\nmsgstr "Themen"\n',
    )  # fmt: skip
    with pytest.raises(CatalogueError) as refused:
        read_catalogue(path)
    problems = refused.value.problems
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:7:1: the translation of 'Filter events' holds markup")
    assert problems[1].startswith(f"{path}:10:1: the translation of 'More about %(name)s' has nom")
    assert problems[2].startswith(f"{path}:13:1: the translation of 'Zoom to' has %")
    with pytest.raises(CatalogueError):
        Interface("de", (tmp_path,)).gettext("Topics")  # refused whole, not in part


def test_a_catalogue_that_cannot_be_read_is_named(tmp_path):
    path = _catalogue(tmp_path, "de", 'msgid "Topics"\nmsgstr "Themen"\nThemen, again\n')
    with pytest.raises(CatalogueError) as refused:
        read_catalogue(path)
    assert refused.value.problems[0].startswith(f"{path}:1:1: this catalogue cannot be read")
