"""Values as the caches on disk name and hold them (kept_values.py): a digest that
changes with anything `==` sees, and JSON that reads back the same value."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from generator.content.model import Source
from generator.kept_values import NotKept, from_json, to_json, value_digest


@dataclass(frozen=True)
class Held:
    name: str
    data: bytes = field(compare=False)  # as a picture's bytes, named by its digest


def _source(**changes) -> Source:
    fields = {"id": "s1", "outlet": "wire", "title": "A report",
              "url": "https://example.org/a", "published": "2021-08-16"}  # fmt: skip
    return Source.model_validate(fields | changes)


def test_equal_values_have_one_digest_and_any_difference_another():
    assert value_digest((_source(), {"a": [1, 2.5]})) == value_digest((_source(), {"a": [1, 2.5]}))
    variants = [
        _source(), _source(title="Another report"), [_source()], (_source(),), "1", 1, 1.0,
        True, None, b"1", Markup("1"), ("a", "b"), ("ab",), {"a": 1}, {"a": "1"}, {1, 2},
        frozenset({1, 2}), datetime(2021, 8, 15, tzinfo=UTC),
        datetime(2021, 8, 15, tzinfo=ZoneInfo("Asia/Kabul")), Held("x", b""), Held("y", b""),
    ]  # fmt: skip
    digests = [value_digest(v) for v in variants]
    assert len(set(digests)) == len(variants)


def test_what_equality_leaves_out_the_digest_leaves_out():
    assert value_digest(Held("x", b"one")) == value_digest(Held("x", b"two"))


def test_a_memo_names_a_value_met_again_without_reading_it_again():
    memo: dict = {}
    source = _source()
    first = value_digest([source, source], memo)
    assert memo[id(source)][0] is source and first == value_digest([_source(), _source()])


def test_a_value_of_an_unknown_kind_is_not_kept():
    with pytest.raises(NotKept):
        value_digest({"a": object()})
    for value in ([object()], datetime(2021, 8, 15, tzinfo=ZoneInfo("Asia/Kabul")), b"x"):
        with pytest.raises(NotKept):
            to_json(value)


@pytest.mark.parametrize(
    "value",
    [
        ("text", None, "zone", {2021, 2022}),  # a calendar entry's part
        (datetime(2021, 8, 15, 3, tzinfo=UTC), "<entry/>"),  # a feed entry's
        {"start_date": {"year": "2021"}, "text": {"headline": "A", "tuple": 1}},
        [1, [2.5, True], frozenset({"a"}), {"dict": "a key that looks like a tag"}],
        datetime(2021, 8, 15),
    ],
)
def test_json_reads_back_the_same_value_of_the_same_types(value):
    read = from_json(json.dumps(to_json(value)))
    assert read == value and repr(read) == repr(value)


def test_a_long_tuple_is_named_once_by_its_items():
    memo: dict = {}
    long = tuple(range(40))
    assert value_digest((long, long), memo) == value_digest((tuple(range(40)), tuple(range(40))))
    assert memo[id(long)][0] is long
    assert value_digest(long) != value_digest(tuple(range(1, 41)))
    assert value_digest(long) != value_digest(list(long))
