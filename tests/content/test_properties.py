"""Property tests: no input, however broken, makes the loader or validator raise.

Every stage must turn bad content into `Problem`s with a real position, never
into a traceback. Example counts are kept modest so the suite stays fast.
"""

from __future__ import annotations

import shutil

import pytest
from helpers import SPEECH, TIMELINE, VALID_CONTENT, ContentTree
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content.editor_markdown import check_markdown, parsed_check
from generator.content.load import load_content
from generator.content.strict_yaml import decode, parse_yaml
from generator.content.validate import validate_content

PATH = "timelines/demo/events/fuzz.yaml"
FAST = settings(max_examples=200, deadline=None)


def assert_well_formed(problems, path=PATH) -> None:
    for p in problems:
        assert p.source_path == path
        assert p.line >= 1 and p.column >= 1, p
        assert p.message and p.code


def load_text(text: str) -> None:
    _decoded, problems = decode(text.encode("utf-8", "surrogatepass"), PATH)
    assert_well_formed(problems)
    parsed, parse_problems = parse_yaml(text, PATH)
    assert_well_formed(parse_problems)
    if not parse_problems:
        assert parsed.data is not None


# --- (a) arbitrary text and bytes ------------------------------------------------------


@FAST
@given(st.text())
def test_arbitrary_text_never_raises(text):
    load_text(text)


@FAST
@given(st.binary())
def test_arbitrary_bytes_never_raise(raw):
    text, problems = decode(raw, PATH)
    assert_well_formed(problems)
    assert (text is None) == any(p.code == "encoding" for p in problems)
    if text is not None:
        assert "\r\n" not in text
        assert_well_formed(parse_yaml(text, PATH)[1])


@FAST
@given(st.text(), st.integers(min_value=0))
def test_a_bad_byte_is_reported_where_it_is(good, at):
    good = good.lstrip("\ufeff")  # a leading BOM is dropped before decoding
    cut = at % (len(good) + 1)
    text, problems = decode(good[:cut].encode() + b"\xff" + good[cut:].encode(), PATH)
    assert text is None
    (problem,) = problems
    assert problem.code == "encoding"
    before = good[:cut]
    assert problem.line == before.count("\n") + 1
    assert problem.column == len(before.rsplit("\n", 1)[-1]) + 1


# --- (b) YAML-like text from a grammar ----------------------------------------------------

KEYS = [
    "title",
    "summary",
    "date",
    "end",
    "sources",
    "id",
    "outlet",
    "url",
    "with",
    "<<",
    "? a",
    "? [a, b]",
    '"quoted"',
    "'single'",
    "a b",
    "&k key",
    "!!str key",
    "*k",
    "",
]
SCALARS = [
    "",
    "x",
    "1",
    "0123",
    "1.5",
    "yes",
    "NO",
    "~",
    "null",
    "2021-08-16",
    "2021-02-30",
    "2021-08-16T21:30",
    '"2021"',
    "'x'",
    '"unterminated',
    "'it''s'",
    "[a, b]",
    "[a, [b, [c]]]",
    "{a: 1}",
    "{a: 1, a: 2}",
    "&a 1",
    "*a",
    "!!str x",
    "!custom y",
    "|",
    ">-",
    "1e3",
    ".inf",
    "1:30",
    "0x1F",
    "true",
    "-",
    ":",
    "- a",
    "# comment",
    "https://example.org/x",
    "---",
    "...",
    "%YAML 1.1",
    "é 王 🙂",
]
line = st.builds(
    lambda indent, dash, key, colon, value: (
        " " * indent + ("- " if dash else "") + key + (": " if colon else " ") + value
    ),
    st.integers(0, 8),
    st.booleans(),
    st.sampled_from(KEYS),
    st.booleans(),
    st.sampled_from(SCALARS),
)
yaml_like = st.lists(line, max_size=15).map(lambda lines: "\n".join(lines) + "\n")


@FAST
@given(yaml_like)
def test_yaml_like_text_never_raises(text):
    load_text(text)


@FAST
@given(
    st.lists(st.sampled_from(["[", "]", "{", "}", ",", ":", "-", "?", "a", " ", "\n", "&x", "*x"]))
)
def test_flow_punctuation_never_raises(parts):
    load_text("".join(parts))


# --- (c) whole pipeline: any text as an event file ------------------------------------------


@pytest.fixture(scope="module")
def fuzz_tree(tmp_path_factory) -> ContentTree:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(VALID_CONTENT, root)
    return ContentTree(root)


def _mutations():
    speech = (VALID_CONTENT / SPEECH).read_text(encoding="utf-8").split("\n")
    return st.builds(
        lambda i, new: "\n".join([*speech[:i], new, *speech[i + 1 :]]),
        st.integers(0, len(speech) - 1),
        line,
    )


@FAST
@given(text=st.one_of(st.text(), yaml_like, _mutations()))
def test_any_event_file_gives_problems_not_exceptions(fuzz_tree, text):
    fuzz_tree.write(PATH, text)
    corpus, problems = validate_content(load_content(fuzz_tree.root))
    assert (corpus is None) == bool(problems)
    for p in problems:
        assert p.line >= 1 and p.column >= 1, p
        assert p.message and p.code
        # Only the fuzzed file, or its timeline (an `updates` entry newer than
        # `updated`), can have problems: the rest of the tree is valid.
        assert p.source_path in {PATH, TIMELINE}, p


# Prose, Markdown's own characters, and the line starts that open blocks.
markdownish = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
        st.sampled_from(
            [
                "\n",
                "\n\n",
                "  \n",
                "    ",
                "\t",
                "1. ",
                "2) ",
                "- ",
                "+ ",
                "* ",
                "= ",
                "---",
                "===",
                "***",
                "___",
                "# ",
                "> ",
                "```",
                "~~~",
                "<b>",
                "&lt;",
                "[a](http://x.org)",
                "[a]: http://x.org",
                "![i](http://x.org/i.png)",
                "{: .x}",
                "\\",
                "|",
                "`c`",
                "_e_",
            ]
        ),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(markdownish)
@example("A line\n---")
@example("A line\n===")
@example("- - -")
@example("Text with <b>HTML</b>")
@example("    code")
@example("line\n\n+++ and 1) list")
@example("0.     0")
def test_markdown_check_skips_only_what_parsing_would_allow(text):
    """The shortcut for plain prose never lets through what the parser refuses."""
    assert check_markdown(text) == parsed_check(text)
