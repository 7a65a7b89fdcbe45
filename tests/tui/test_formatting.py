"""Words and times in the console, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import set_language
from csp_tui.tui.widgets.table_layout import Column, fit, layout_columns

NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)


@pytest.mark.parametrize(("term", "en", "cs"), [
    ("P1M", "1 month", "1 měsíc"),
    ("P1Y", "1 year", "1 rok"),
    ("P3Y", "3 years", "3 roky"),
    ("P5Y", "5 years", "5 let"),
    ("p1m", "1 month", "1 měsíc"),
    (None, "—", "—"),
    ("weird", "weird", "weird"),
])
def test_terms_in_words(term, en, cs) -> None:
    assert fmt.term_words(term) == en
    set_language("cs")
    assert fmt.term_words(term) == cs


def test_billing_status_and_kinds() -> None:
    assert fmt.billing_words("annual") == "annually"
    assert fmt.billing_words("none") == "—"
    assert fmt.billing_words("Quarterly") == "Quarterly"  # unknown values are shown as is
    assert fmt.status_words("suspended") == "suspended"
    set_language("cs")
    assert fmt.billing_words("monthly") == "měsíčně"
    assert fmt.status_words("suspended") == "pozastaveno"
    assert fmt.kind_words("perpetual") == "trvalá"
    assert fmt.yes_no(None) == "neznámé"


def test_time_left_in_a_window() -> None:
    def until(delta: timedelta) -> str:
        return (NOW + delta).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert fmt.time_left(until(timedelta(days=3, hours=4, minutes=10)), NOW) == "3 d 4 h"
    assert fmt.time_left(until(timedelta(hours=5, minutes=12)), NOW) == "5 h 12 min"
    assert fmt.time_left(until(timedelta(seconds=20)), NOW) == "1 min"
    assert fmt.time_left(until(-timedelta(minutes=1)), NOW) == "—"
    assert fmt.time_left(None, NOW) == "—"


def test_next_renewal_is_the_day_after_the_term_ends() -> None:
    assert fmt.next_renewal("2027-03-31T00:00:00Z") == "1 Apr 2027"
    assert fmt.next_renewal(None) == "—"
    set_language("cs")
    assert fmt.next_renewal("2027-03-31T00:00:00Z") == "1. 4. 2027"


def test_dates_and_numbers_are_written_for_the_language() -> None:
    stamp = "2026-11-24T08:41:05Z"
    prague = timezone(timedelta(hours=1))
    assert fmt.date_text(stamp, prague) == "24 Nov 2026"
    assert fmt.datetime_text(stamp, prague) == "24 Nov 2026 09:41"
    assert fmt.datetime_text(stamp, prague, seconds=True) == "24 Nov 2026 09:41:05"
    assert fmt.number_text(12345) == "12,345"
    set_language("cs")
    assert fmt.date_text(stamp, prague) == "24. 11. 2026"
    assert fmt.datetime_text(stamp, prague, seconds=True) == "24. 11. 2026 09:41:05"
    assert fmt.number_text(12345) == "12\u00a0345"
    assert fmt.date_text(None) == fmt.number_text(None) == "—"
    # The widest forms fit the list columns.
    assert len(fmt.date_text("2026-12-24T12:00:00Z")) == fmt.DATE_WIDTH
    assert len(fmt.datetime_text("2026-12-24T12:00:00Z", seconds=True)) \
        == fmt.DATETIME_SECONDS_WIDTH


def test_clock_text_uses_the_zone_of_now() -> None:
    prague = timezone(timedelta(hours=1))
    now = NOW.astimezone(prague)
    assert fmt.clock_text(datetime(2026, 11, 24, 8, 41, tzinfo=UTC), now) == "09:41"
    assert fmt.clock_text(datetime(2026, 11, 20, 8, 41, tzinfo=UTC), now) == "20 Nov 2026 09:41"
    set_language("cs")
    assert fmt.clock_text(datetime(2026, 11, 20, 8, 41, tzinfo=UTC), now) == "20. 11. 2026 09:41"


def test_fit_crops_with_an_ellipsis_and_pads() -> None:
    assert fit("Šumavská pekárna", 8) == "Šumavsk…"
    assert fit("ab", 4) == "ab  "
    assert fit("ab", 4, "right") == "  ab"
    assert fit("日本語テキスト", 5) == "日本…"  # wide characters count two cells
    assert fit("x", 0) == ""


def test_columns_drop_by_priority_and_share_spare_width() -> None:
    columns = [Column("name", "Name", 10, flex=2), Column("domain", "Domain", 10, flex=1,
                                                             priority=2),
               Column("count", "N", 4, priority=1), Column("extra", "Extra", 12, priority=3)]
    wide = dict(layout_columns(columns, 80))
    assert set(wide) == {0, 1, 2, 3}
    assert sum(wide.values()) + 3 == 80
    assert wide[0] > wide[1] > 10
    narrow = dict(layout_columns(columns, 30))
    assert set(narrow) == {0, 1, 2}  # "extra" goes first
    tiny = dict(layout_columns(columns, 16))
    assert set(tiny) == {0, 2}
    assert sum(tiny.values()) + 1 <= 16
