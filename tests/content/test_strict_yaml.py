"""The strict YAML loader: one test per rule, each with its exact position and code.

Positions are 1-based (line, column), as editors see them. The loader never
raises on bad input; it returns `Problem`s and leaves refused values out (None).
"""

from __future__ import annotations

import pytest

from generator.content.strict_yaml import MAX_DEPTH, check_characters, decode, parse_yaml

PATH = "timelines/demo/events/e.yaml"


def parse(text: str):
    parsed, problems = parse_yaml(text, PATH)
    assert all(p.source_path == PATH for p in problems)
    return parsed, problems


def found(text: str) -> list[tuple[int, int, str]]:
    """(line, column, code) of each problem parse_yaml reports, in order."""
    return [(p.line, p.column, p.code) for p in parse(text)[1]]


def decoded(raw: bytes) -> tuple[str | None, list[tuple[int, int, str]]]:
    text, problems = decode(raw, PATH)
    return text, [(p.line, p.column, p.code) for p in problems]


# --- what is accepted, and how it is read ---------------------------------------


def test_plain_values_keep_their_meaning():
    parsed, problems = parse(
        "date: 2021-08-16\n"
        "time: 2021-08-16T21:30\n"
        "yes_: true\n"
        "no_: false\n"
        "count: 42\n"
        "negative: -3\n"
        "zero: 0\n"
        "year: 2021\n"
        "ratio: 1.5\n"
        "text: Kabul falls\n"
    )
    assert problems == []
    assert parsed.data == {
        "date": "2021-08-16",
        "time": "2021-08-16T21:30",
        "yes_": True,
        "no_": False,
        "count": 42,
        "negative": -3,
        "zero": 0,
        "year": 2021,
        "ratio": 1.5,
        "text": "Kabul falls",
    }
    assert type(parsed.data["date"]) is str
    assert type(parsed.data["yes_"]) is bool
    assert type(parsed.data["count"]) is int
    assert type(parsed.data["ratio"]) is float


def test_quoted_and_block_values_are_always_text():
    parsed, problems = parse(
        'a: "yes"\nb: \'0123\'\nc: "1:30"\nd: ""\ne: \'null\'\nf: |\n  NO\ng: >-\n  0x1F\n'
    )
    assert problems == []
    assert parsed.data == {
        "a": "yes",
        "b": "0123",
        "c": "1:30",
        "d": "",
        "e": "null",
        "f": "NO\n",
        "g": "0x1F",
    }


def test_lists_and_flow_collections():
    parsed, problems = parse("a:\n  - x\n  - 2\nb: [c, d]\ne: {f: g}\n")
    assert problems == []
    assert parsed.data == {"a": ["x", 2], "b": ["c", "d"], "e": {"f": "g"}}


def test_keys_are_kept_as_written_text():
    # Keys are names, never resolved: the model reports a key like `yes` as unknown.
    parsed, problems = parse("yes: 1\n1: a\n~: b\n")
    assert problems == []
    assert parsed.data == {"yes": 1, "1": "a", "~": "b"}


def test_positions_of_keys_and_values():
    parsed, problems = parse("title: x\nsources:\n  - id: a\n    url: https://e.org\n")
    assert problems == []
    assert (parsed.keys[("title",)].line, parsed.keys[("title",)].column) == (1, 1)
    assert (parsed.values[("title",)].line, parsed.values[("title",)].column) == (1, 8)
    url = parsed.values[("sources", 0, "url")]
    assert (url.line, url.column) == (4, 10)
    key = parsed.keys[("sources", 0, "url")]
    assert (key.line, key.column) == (4, 5)
    # An unknown path falls back to its closest known ancestor.
    near = parsed.position(("sources", 0, "outlet"))
    assert (near.line, near.column) == (3, 5)
    assert parsed.position(("nothing", 3)) == parsed.values[()]


# --- duplicate keys --------------------------------------------------------------


def test_duplicate_key_at_top_level():
    parsed, problems = parse("title: a\nsummary: b\ntitle: c\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "duplicate-key")]
    assert problems[0].message == (
        "duplicate key 'title' (first written at line 1): keep one and delete the other"
    )
    assert parsed.data == {"title": "a", "summary": "b"}


def test_duplicate_key_nested_in_a_list_item():
    text = "sources:\n  - id: a\n    outlet: b\n    id: c\n"
    assert found(text) == [(4, 5, "duplicate-key")]
    assert "first written at line 2" in parse(text)[1][0].message


def test_duplicate_key_deeply_nested():
    text = "a:\n  b:\n    c:\n      d: 1\n      e: 2\n      d: 3\n"
    assert found(text) == [(6, 7, "duplicate-key")]


def test_duplicate_key_in_flow_mapping():
    assert found("a: {b: 1, b: 2}\n") == [(1, 11, "duplicate-key")]


def test_duplicate_key_whatever_the_quoting():
    assert found("\"a\": 1\n'a': 2\na: 3\n") == [(2, 1, "duplicate-key"), (3, 1, "duplicate-key")]


def test_same_key_in_sibling_mappings_is_fine():
    assert found("a:\n  x: 1\nb:\n  x: 2\nc:\n  - x: 1\n  - x: 2\n") == []


# --- ambiguous values ------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["NO", "yes", "on", "Off", "y", "n", "Y", "N", "YES", "no", "ON", "True", "FALSE"]
)
def test_yaml11_booleans_are_refused(value):
    parsed, problems = parse(f"approximate: {value}\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 14, "ambiguous-value")]
    assert problems[0].message == (
        f"ambiguous value {value}: YAML readers disagree on whether it means true/false or "
        f'text; write true or false, or quote it as text: "{value}"'
    )
    assert parsed.data == {"approximate": None}
    assert parsed.is_refused(("approximate",))


@pytest.mark.parametrize(
    "value",
    [
        "0123",
        "00",
        "-01",
        "1:30",
        "12:30:45",
        "0x1F",
        "0o17",
        "0b101",
        "1e3",
        "1.5e3",
        "1E-2",
        ".inf",
        "-.inf",
        "+.INF",
        ".NaN",
        "+1",
        "1_000",
        "1.",
        ".5",
        "-.5",
    ],
)
def test_number_like_values_are_refused(value):
    parsed, problems = parse(f"order: {value}\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 8, "ambiguous-value")]
    assert problems[0].message == (
        f"ambiguous value {value}: YAML readers disagree on which number or text this is; "
        f'quote it as text: "{value}"'
    )
    assert parsed.data == {"order": None}


@pytest.mark.parametrize("value", ["+1.5", "01.5", "1_0.5", "1.5_0"])
def test_float_like_values_other_readers_read_as_numbers_are_refused(value):
    import yaml

    assert isinstance(yaml.safe_load(f"a: {value}")["a"], float)  # the other reading
    assert found(f"a: {value}\n") == [(1, 4, "ambiguous-value")]


@pytest.mark.parametrize(
    ("text", "position", "shown"),
    [
        ("a: null\n", (1, 4), "'null'"),
        ("a: Null\n", (1, 4), "'Null'"),
        ("a: NULL\n", (1, 4), "'NULL'"),
        ("a: ~\n", (1, 4), "'~'"),
        ("a:\nb: 1\n", (1, 3), "an empty value"),
        ("a:\n  -\n  - x\n", (2, 4), "an empty value"),
        ("a:\n  b:\n", (2, 5), "an empty value"),
    ],
)
def test_null_and_empty_values_are_refused(text, position, shown):
    _parsed, problems = parse(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(*position, "empty-value")]
    assert problems[0].message == (
        f"{shown} is not allowed: give a value, or delete the whole line if the field is optional"
    )


# --- tags, anchors, aliases, merge keys --------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "shown"),
    [
        ("a: !!str 5\n", (1, 4), "!!str"),
        ("a: !custom x\n", (1, 4), "!custom"),
        ("a: !!binary aGk=\n", (1, 4), "!!binary"),
        ("a: !<tag:yaml.org,2002:int> 5\n", (1, 4), "!!int"),
        ("a:\n  - !!map {b: 1}\n", (2, 5), "!!map"),
        ("!!str a: 1\n", (1, 1), "!!str"),
    ],
)
def test_tags_are_refused(text, position, shown):
    _parsed, problems = parse(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(*position, "yaml-tag")]
    assert problems[0].message == (
        f"YAML tag '{shown}' is not allowed: remove it (quote the value if it is text)"
    )


def test_anchor_is_refused():
    _parsed, problems = parse("title: x\nsummary: &s text\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 10, "yaml-anchor")]
    assert problems[0].message == ("YAML anchor '&s' is not allowed: write the value out in full")


def test_anchor_on_a_mapping_and_on_a_key_are_refused():
    assert found("base: &b\n  x: 1\n") == [(1, 7, "yaml-anchor")]
    assert found("&k a: 1\n") == [(1, 1, "yaml-anchor")]


def test_alias_is_refused_and_left_out():
    parsed, problems = parse("a:\n  - &x 1\n  - *x\n")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, 5, "yaml-anchor"),
        (3, 5, "yaml-alias"),
    ]
    assert problems[1].message == "YAML alias '*x' is not allowed: write the value out in full"
    assert parsed.data == {"a": [1, None]}
    assert parsed.is_refused(("a", 1))
    assert not parsed.is_refused(("a", 0))


def test_merge_key_is_refused():
    parsed, problems = parse("a:\n  x: 1\nb:\n  <<: {x: 1}\n  y: 2\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 3, "yaml-merge")]
    assert problems[0].message == (
        "YAML merge key '<<' is not allowed: write the fields out in full"
    )
    assert parsed.data == {"a": {"x": 1}, "b": {"y": 2}}


def test_merge_key_with_alias_reports_anchor_and_merge():
    assert found("base: &b\n  x: 1\nc:\n  <<: *b\n") == [
        (1, 7, "yaml-anchor"),
        (4, 3, "yaml-merge"),
    ]


def test_quoted_merge_key_is_an_ordinary_key():
    parsed, problems = parse('"<<": 1\n')
    assert problems == []
    assert parsed.data == {"<<": 1}


# --- documents ---------------------------------------------------------------------


def test_second_document_is_refused():
    parsed, problems = parse("a: 1\n---\nb: 2\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 1, "multiple-documents")]
    assert problems[0].message == (
        "a second YAML document ('---') in one file: each file holds one document; "
        "move it to a file of its own"
    )
    assert parsed.data == {"a": 1}


def test_second_document_after_end_marker_is_refused():
    assert found("a: 1\n...\n---\nb: 2\n") == [(3, 1, "multiple-documents")]


def test_one_explicit_document_is_fine():
    parsed, problems = parse("---\na: 1\n...\n")
    assert problems == []
    assert parsed.data == {"a": 1}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "   \n# c\n"])
def test_empty_file(text):
    parsed, problems = parse(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "empty-file")]
    assert problems[0].message == "the file is empty: fill in its fields"
    assert parsed.data is None


# --- keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("? [a, b]\n: 1\n", (1, 3)),
        ("? {a: 1}\n: 1\n", (1, 3)),
        ("[a, b]: 1\n", (1, 1)),
        ("{a: 1}: 2\n", (1, 1)),
        ("x:\n  ? - a\n  : 1\n", (2, 5)),
    ],
)
def test_complex_keys_are_refused(text, position):
    _parsed, problems = parse(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(*position, "bad-key")]
    assert (
        problems[0].message
        == "a key must be a plain field name, not a list or mapping: write name: value"
    )


def test_complex_key_does_not_hide_the_rest_of_the_mapping():
    parsed, problems = parse("? [a]\n: 1\nb: 2\n")
    assert [p.code for p in problems] == ["bad-key"]
    assert parsed.data == {"b": 2}


# --- nesting -----------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_fine():
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert found(text) == []


def test_too_deep_flow_nesting_is_refused_once():
    depth = MAX_DEPTH + 5
    _parsed, problems = parse("a: " + "[" * depth + "x" + "]" * depth + "\n")
    # The root mapping is level 0, `a`'s list level 1: level MAX_DEPTH + 1 is refused.
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 4 + MAX_DEPTH, "too-deep")]
    assert problems[0].message == f"nested more than {MAX_DEPTH} levels deep"


def test_too_deep_block_nesting_is_refused():
    lines = [f"{'  ' * i}k{i}:" for i in range(MAX_DEPTH + 1)]
    text = "\n".join(lines) + f"\n{'  ' * (MAX_DEPTH + 1)}v: 1\n"
    assert found(text) == [(MAX_DEPTH + 2, 2 * (MAX_DEPTH + 1) + 1, "too-deep")]


# --- syntax errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("a: [1\n", (2, 1)),
        ("a: 'x\n", (2, 1)),
        ('a: "x" y\n', (1, 8)),
        (": 1\n", (1, 1)),
    ],
)
def test_syntax_errors_have_a_position(text, position):
    parsed, problems = parse(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(*position, "yaml-syntax")]
    assert problems[0].message.startswith("YAML syntax error: ")
    assert problems[0].message.endswith(
        "; check the indentation and quoting on this line and the one before"
    )
    assert parsed.data is None


def test_syntax_error_message_names_the_problem():
    (problem,) = parse("a: [1\n")[1]
    assert problem.message == (
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence); "
        "check the indentation and quoting on this line and the one before"
    )


# --- bytes and characters ----------------------------------------------------------


def test_non_utf8_byte_position():
    text, problems = decode(b"title: ok\nsummary: caf\xe9\n", PATH)
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 13, "encoding")]
    assert problems[0].message == (
        "not UTF-8 text (byte 0xE9): save the file as UTF-8 in your editor"
    )


def test_non_utf8_byte_column_counts_characters_not_bytes():
    # "é" is two bytes but one column.
    assert decoded(b"a: \xc3\xa9\xff\n") == (None, [(1, 5, "encoding")])


def test_truncated_utf8_sequence_at_end_of_file():
    assert decoded(b"a: b\nc: \xc3") == (None, [(2, 4, "encoding")])


def test_utf16_file_is_not_utf8():
    assert decoded("a: 1\n".encode("utf-16")) == (None, [(1, 1, "encoding")])


def test_utf8_bom_is_accepted():
    text, problems = decoded(b"\xef\xbb\xbftitle: x\n")
    assert (text, problems) == ("title: x\n", [])
    parsed, problems = parse(text)
    assert problems == []
    assert parsed.data == {"title": "x"}


def test_second_bom_is_a_stray_character():
    text, problems = decoded(b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n")
    assert (text, problems) == ("\ufeffa: 1\n", [(1, 1, "bad-character")])


def test_crlf_is_accepted_and_positions_are_unchanged():
    text, problems = decoded(b"a: 1\r\nb: 2\r\na: 3\r\n")
    assert (text, problems) == ("a: 1\nb: 2\na: 3\n", [])
    assert found(text) == [(3, 1, "duplicate-key")]


def test_stray_carriage_return():
    text, problems = decode(b"a: 1\rb: 2\n", PATH)
    assert text is not None  # decoded; the characters are reported
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 5, "bad-character")]
    assert problems[0].message == (
        "stray carriage return (CR): save the file with LF or CRLF line endings"
    )


@pytest.mark.parametrize(
    ("raw", "position"),
    [
        (b"a:\t1\n", (1, 3)),
        (b"a:\n\tb: 1\n", (2, 1)),
        (b"a: x\n  - b\t\n", (2, 6)),
    ],
)
def test_tabs(raw, position):
    text, problems = decode(raw, PATH)
    assert text is not None  # decoded; the characters are reported
    assert [(p.line, p.column, p.code) for p in problems] == [(*position, "bad-character")]
    assert problems[0].message == "tab character: YAML needs spaces; replace the tab with spaces"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ufeff"])
def test_control_characters(char):
    text, problems = decode(f"title: é{char}x\n".encode(), PATH)
    assert text is not None  # decoded; the characters are reported
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 9, "bad-character")]
    assert problems[0].message == (f"control character U+{ord(char):04X} is not allowed: delete it")


@pytest.mark.parametrize("char", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_bidi_characters(char):
    text, problems = decode(f"a: b\ntitle: x{char}y\n".encode(), PATH)
    assert text is not None  # decoded; the characters are reported
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 9, "bad-character")]
    assert problems[0].message == (
        f"invisible text-direction character U+{ord(char):04X}: it can make text read "
        "differently from what is stored; delete it"
    )


@pytest.mark.parametrize("char", ["\u200e", "\u200f"])
def test_direction_marks(char):
    assert decoded(f"a: {char}\n".encode())[1] == [(1, 4, "bad-character")]


def test_arabic_letter_mark_is_a_direction_mark():
    assert decoded("a: x\u061cy\n".encode())[1] == [(1, 5, "bad-character")]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_unusual_line_breaks(char):
    text, problems = decode(f"a: x{char}y\n".encode(), PATH)
    assert text is not None  # decoded; the characters are reported
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 5, "bad-character")]
    assert problems[0].message == (
        f"unusual line break U+{ord(char):04X}: replace it with a normal line break"
    )


def test_every_bad_character_is_reported():
    problems = check_characters("a:\tb\u202e\nc: \x00\n", PATH)
    assert [(p.line, p.column) for p in problems] == [(1, 3), (1, 5), (2, 4)]


def test_ordinary_unicode_is_fine():
    text = "title: Wang Yi, 王毅, Лавров,\u00a0Çavuşoğlu — “quoted” 🙂\n"
    assert check_characters(text, PATH) == []
    assert decoded(text.encode()) == (text, [])
    assert parse(text)[0].data == {"title": text[7:-1]}


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_noncharacters_are_reported_at_their_position_on_one_line(char):
    text = f"a: b\ntitle: x{char}\n"
    problems = check_characters(text, PATH) or parse(text)[1]
    assert [(p.line, p.column) for p in problems] == [(2, 9)]
    assert "\n" not in problems[0].message


def test_blank_line_in_a_folded_block_stays_a_paragraph_break():
    parsed, problems = parse_yaml("body: >\n  One\n  line.\n\n  Two.\n", "f.yaml")
    assert problems == []
    assert parsed.data == {"body": "One line.\n\nTwo.\n"}


def test_the_fast_character_scan_refuses_exactly_the_characters_it_should():
    # check_characters finds bad characters with one regular expression; it must
    # agree with the rule it replaced, for every code point.
    import unicodedata

    from generator.content.characters import BIDI as _BIDI
    from generator.content.characters import ODD_LINE_BREAKS as _ODD_LINE_BREAKS
    from generator.content.strict_yaml import check_characters

    def refused(ch: str) -> bool:
        return (
            ch in "\t\r\ufeff\ufffe\uffff"
            or ch in _BIDI
            or ch in _ODD_LINE_BREAKS
            or unicodedata.category(ch) in ("Cc", "Cs")
        )

    every = "".join(chr(c) for c in range(0x110000) if chr(c) != "\n")
    found = {every[p.column - 1] for p in check_characters(every, "x.yaml")}
    assert found == {ch for ch in every if refused(ch)}


def test_an_alias_bomb_is_refused_without_being_expanded():
    # "Billion laughs": nine levels of ten aliases would expand to 10^9 strings.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{prev}"] * 10) + "]")
    import tracemalloc

    tracemalloc.start()
    parsed, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert {p.code for p in problems} == {"yaml-anchor", "yaml-alias"}
    assert parsed.data["i"] == [None] * 10  # each alias refused where written, not expanded
    assert peak < 5_000_000


def test_very_deep_nesting_is_refused_without_a_crash():
    text = "x: " + "[" * 5000 + "]" * 5000 + "\n"
    parsed, problems = parse_yaml(text, "deep.yaml")
    # libyaml stops at its own depth limit; ours (MAX_DEPTH) is lower, tested above.
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert "nesting depth" in problems[0].message and parsed.data is None


@pytest.mark.parametrize(
    ("text", "at", "said"),
    [
        ("title: Wang Yi: a profile\ndate: 2021\n", (1, 15),
         "the value of 'title' holds a colon and a space (': '), which YAML reads as the start "
         'of another field: put the whole value in double quotes, as in: title: "Wang Yi: a '
         'profile"'),
        ("sources:\n  - id: x\n    title: Readout: the call\n", (3, 19),
         "the value of 'title' holds a colon and a space (': '), which YAML reads as the start "
         'of another field: put the whole value in double quotes, as in: title: "Readout: the '
         'call"'),
        ("title: A call\n  summary: They spoke.\n", (2, 10),
         "'summary' is indented 2 space(s) more than 'title' on the line before: line it up "
         "with 'title' (fields of one mapping start in the same column)"),
        ("a: 1\n  b: 2\n", (2, 4),
         "'b' is indented 2 space(s) more than 'a' on the line before: line it up with 'a' "
         "(fields of one mapping start in the same column)"),
        ("topics:\n  - diplomacy\n terrorism\n", (3, 2),
         "this line breaks the list above it: start each item with '- ' in column 3, and indent "
         "an item's other fields to line up under its first one"),
    ],
)  # fmt: skip
def test_syntax_errors_are_said_in_plain_words_with_the_fix(text, at, said):
    _, problems = parse_yaml(text, PATH)
    assert [(p.line, p.column, p.message) for p in problems] == [(*at, said)]
