"""How times read: zone names a reader recognises, true of the moment they name."""

from __future__ import annotations

import pytest

from generator.content.dates import parse_when
from generator.views.dates_shown import moment


@pytest.mark.parametrize(
    ("date", "zone", "place", "named"),
    [
        ("2021-08-16T15:45", "America/New_York", None, "Eastern Daylight Time (UTC−04:00)"),
        ("2021-01-16T15:45", "America/New_York", None, "Eastern Standard Time (UTC−05:00)"),
        ("2021-08-16T12:00", "Asia/Shanghai", None, "China Standard Time (UTC+08:00)"),
        ("2021-08-17T09:00", "Asia/Kolkata", "New Delhi", "India Standard Time (UTC+05:30)"),
        ("2021-08-15T18:00", "Asia/Kabul", None, "Afghanistan Time (UTC+04:30)"),
        ("1960-01-10T12:00", "Europe/London", None, "Greenwich Mean Time (UTC+00:00)"),
        # Saigon in 1975 kept Beijing's offset, not today's Indochina Time: the
        # place is named rather than a zone name that was not true then.
        (
            "1975-04-30T10:00",
            "Asia/Ho_Chi_Minh",
            "Saigon, South Vietnam",
            "Saigon time (UTC+08:00)",
        ),
        ("1975-04-30T10:00", "Asia/Ho_Chi_Minh", None, "Ho Chi Minh time (UTC+08:00)"),
    ],
)
def test_zone_names_are_cldrs_where_they_are_true(date, zone, place, named):
    assert moment(parse_when(date), zone, place).zone == named


def test_a_date_names_no_zone():
    assert moment(parse_when("2021-08-16"), "America/New_York").zone == ""
