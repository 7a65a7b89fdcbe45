from datetime import date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from csp_tui.i18n.formatting import (
    NBSP,
    format_date,
    format_datetime,
    format_money,
    format_number,
)


def test_czech_and_english_dates():
    assert format_date(date(2026, 11, 24), "cs") == "24. 11. 2026"
    assert format_date(datetime(2026, 1, 5, 14, 2), "en") == "5 Jan 2026"


def test_money():
    assert format_money(Decimal("1234.5"), "CZK", "cs") == f"1{NBSP}234,50{NBSP}Kč"
    assert format_money(1234.5, "CZK", "en") == f"CZK{NBSP}1,234.50"
    assert format_money(-0.005, "EUR", "cs") == f"-0,01{NBSP}€"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_number_grouping_round_trips(value):
    for language, sep in (("cs", NBSP), ("en", ",")):
        text = format_number(value, language)
        assert int(text.replace(sep, "")) == value


def test_date_and_time_with_and_without_seconds():
    moment = datetime(2026, 11, 24, 9, 41, 5)
    assert format_datetime(moment, "cs") == "24. 11. 2026 09:41"
    assert format_datetime(moment, "en", seconds=True) == "24 Nov 2026 09:41:05"
    assert format_datetime(None, "cs") == ""
