"""Every date spelling seen in Partner Center payloads (NOTES (c)4) parses to aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_tui.partner_center.dates import parse_pc_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-01-14T16:57:15Z", datetime(2021, 1, 14, 16, 57, 15, tzinfo=UTC)),
        ("2021-01-14T16:57:15+00:00", datetime(2021, 1, 14, 16, 57, 15, tzinfo=UTC)),
        # -08:00 is eight hours behind UTC.
        ("2019-02-04T09:22:40.1767993-08:00",
         datetime(2019, 2, 4, 17, 22, 40, 176799, tzinfo=UTC)),
        ("2021-05-06T19:59:56.6832021+00:00",
         datetime(2021, 5, 6, 19, 59, 56, 683202, tzinfo=UTC)),
        ("2019-02-23T00:00:00", datetime(2019, 2, 23, tzinfo=UTC)),  # no zone = UTC
        ("2021-01-14T16:57:15.0966728Z", datetime(2021, 1, 14, 16, 57, 15, 96672, tzinfo=UTC)),
        ("2020-12-03T10:37:38.885Z", datetime(2020, 12, 3, 10, 37, 38, 885000, tzinfo=UTC)),
        ("2020-12-03T10:37:38.8Z", datetime(2020, 12, 3, 10, 37, 38, 800000, tzinfo=UTC)),
        ("2015-11-25T06: 41: 12Z", datetime(2015, 11, 25, 6, 41, 12, tzinfo=UTC)),
        ("07/09/2020: 00:00:00", datetime(2020, 7, 9, tzinfo=UTC)),
        ("6/1/2017 12:00:00 AM", datetime(2017, 6, 1, tzinfo=UTC)),
        ("6/1/2017 1:30:00 PM", datetime(2017, 6, 1, 13, 30, tzinfo=UTC)),
        ("12/31/2021", datetime(2021, 12, 31, tzinfo=UTC)),
        ("2021-01-14", datetime(2021, 1, 14, tzinfo=UTC)),
        ("  2021-01-14T00:00:00Z  ", datetime(2021, 1, 14, tzinfo=UTC)),
        ("2021-01-14 08:00:00+0100", datetime(2021, 1, 14, 7, tzinfo=UTC)),
    ],
)
def test_documented_spellings(text: str, expected: datetime) -> None:
    parsed = parse_pc_datetime(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "0001-01-01T00:00:00",  # .NET default(DateTime)
        "0001-01-01T00:00:00Z",
        "9999-12-10T00:00:00Z",  # "never ends" sentinel
        "9999-12-31T23:59:59.9999999",
        "not a date",
        "2021-13-01T00:00:00Z",  # month 13
        "2021-02-30",
        "13/45/2020",
        "6/1/2017 13:00:00 PM",
        "2021-01-14T25:00:00Z",
    ],
)
def test_no_date_or_unreadable_is_none(text: str) -> None:
    assert parse_pc_datetime(text) is None


@pytest.mark.parametrize("value", [None, 0, 1.5, True, [], {}, b"2021-01-14"])
def test_non_text_values_are_none(value: object) -> None:
    assert parse_pc_datetime(value) is None


def test_datetime_and_date_objects() -> None:
    naive = datetime(2022, 3, 4, 5, 6, 7)
    assert parse_pc_datetime(naive) == datetime(2022, 3, 4, 5, 6, 7, tzinfo=UTC)
    prague = timezone(timedelta(hours=2))
    assert parse_pc_datetime(datetime(2022, 3, 4, 12, tzinfo=prague)) == datetime(
        2022, 3, 4, 10, tzinfo=UTC)
    assert parse_pc_datetime(date(2022, 3, 4)) == datetime(2022, 3, 4, tzinfo=UTC)
    assert parse_pc_datetime(datetime(1, 1, 1)) is None


_moments = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(9000, 12, 31),
    timezones=st.just(UTC),
)
_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timedelta(minutes=m))


@given(moment=_moments, offset=_offsets, digits=st.integers(min_value=0, max_value=7))
def test_iso_round_trip_with_any_offset_and_precision(
    moment: datetime, offset: timedelta, digits: int
) -> None:
    local = moment.astimezone(timezone(offset))
    fraction = f"{local.microsecond:06d}0"[:digits]
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    text = local.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if digits else "") + (
        f"{sign}{minutes // 60:02d}:{minutes % 60:02d}")
    expected = moment.replace(microsecond=int(fraction.ljust(6, "0")[:6]) if digits else 0)
    assert parse_pc_datetime(text) == expected


@given(moment=_moments)
def test_z_suffix_and_no_zone_agree(moment: datetime) -> None:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    assert parse_pc_datetime(text + "Z") == parse_pc_datetime(text) == moment.replace(
        microsecond=0)


@given(st.text(max_size=40))
def test_never_raises_and_is_aware_when_it_parses(text: str) -> None:
    parsed = parse_pc_datetime(text)
    assert parsed is None or parsed.tzinfo is not None
