"""Words for Partner Center's codes, in English and Czech."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from csp_tui import i18n
from csp_tui.domain import terms

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("term", "en", "cs"), [
    ("P1M", "1 month", "1 měsíc"),
    ("P1Y", "1 year", "1 rok"),
    ("P3Y", "3 years", "3 roky"),
    ("p6m", "6 months", "6 měsíců"),
    ("P5Y", "5 years", "5 let"),
    (None, "—", "—"),
    ("", "—", "—"),
])
def test_term_in_words(term, en, cs) -> None:
    assert terms.term_in_words(term, "en") == en
    assert terms.term_in_words(term, "cs") == cs


def test_term_follows_the_current_language_when_none_is_given() -> None:
    i18n.set_language("cs")
    assert terms.term_in_words("P3Y") == "3 roky"
    i18n.set_language("en")
    assert terms.term_in_words("P3Y") == "3 years"


def test_an_unknown_term_is_shown_as_it_came_but_safe() -> None:
    assert terms.term_in_words("Perpetual\x1b[31m", "en") == "Perpetual[31m"


@pytest.mark.parametrize(("cycle", "en", "cs"), [
    ("monthly", "billed monthly", "účtováno měsíčně"),
    ("Annual", "paid yearly in advance", "placeno ročně předem"),
    ("triennial", "paid for 3 years in advance", "placeno na 3 roky předem"),
    ("one_time", "one-time payment", "jednorázová platba"),
    ("OneTime", "one-time payment", "jednorázová platba"),
    ("none", "not billed", "neúčtuje se"),
    ("unknown", "—", "—"),
    (None, "—", "—"),
])
def test_billing_in_words(cycle, en, cs) -> None:
    assert terms.billing_in_words(cycle, "en") == en
    assert terms.billing_in_words(cycle, "cs") == cs


@pytest.mark.parametrize(("kind", "en", "cs"), [
    ("online", "Online service", "Online služba"),
    ("software", "Software subscription", "Softwarové předplatné"),
    ("perpetual", "Perpetual licence", "Trvalá licence"),
])
def test_kind_in_words(kind, en, cs) -> None:
    assert terms.kind_in_words(kind, "en") == en
    assert terms.kind_in_words(kind, "cs") == cs


def test_where_the_customer_sees_seats_and_software() -> None:
    online = terms.where_customer_sees("online", "en")
    assert online.path == "Microsoft 365 admin center → Billing → Licences"
    assert online.url == terms.ADMIN_LICENSES_URL
    for kind in ("software", "perpetual"):
        place = terms.where_customer_sees(kind, "en")
        assert place.path == "Microsoft 365 admin center → Billing → Your products"
        assert place.url == terms.ADMIN_PRODUCTS_URL
        assert "Downloads & keys" in str(place) and place.url in str(place)
    czech = terms.where_customer_sees("software", "cs")
    assert czech.path == "Centrum pro správu Microsoft 365 → Fakturace → Vaše produkty"
    assert terms.where_customer_sees("online", "cs").path.endswith("Fakturace → Licence")


@pytest.mark.parametrize(("status", "en", "cs"), [
    ("active", "active", "aktivní"),
    ("Suspended", "suspended", "pozastavené"),
    ("expired", "expired", "vypršelé"),
    ("disabled", "disabled", "deaktivované"),
    ("deleted", "cancelled", "zrušené"),
    ("none", "unknown", "neznámý stav"),
])
def test_status_in_words(status, en, cs) -> None:
    assert terms.status_in_words(status, "en") == en
    assert terms.status_in_words(status, "cs") == cs


@pytest.mark.parametrize(("delta", "en", "cs"), [
    (timedelta(days=3, hours=4, minutes=20), "3 d 4 h", "3 d 4 h"),
    (timedelta(hours=5, minutes=12), "5 h 12 min", "5 h 12 min"),
    (timedelta(minutes=45, seconds=30), "45 min", "45 min"),
    (timedelta(seconds=20), "1 min", "1 min"),
    (timedelta(0), "closed", "uzavřeno"),
    (timedelta(hours=-2), "closed", "uzavřeno"),
])
def test_time_left(delta, en, cs) -> None:
    assert terms.time_left(NOW + delta, NOW, "en") == en
    assert terms.time_left(NOW + delta, NOW, "cs") == cs


def test_time_left_without_an_end() -> None:
    assert terms.time_left(None, NOW, "en") == "—"


def test_dates_and_moments_in_both_languages_and_the_given_zone() -> None:
    moment = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
    assert terms.moment_in_words(moment, "en", UTC) == "27 Nov 14:02"
    assert terms.moment_in_words(moment, "cs", UTC) == "27. 11. 14:02"
    prague_winter = timezone(timedelta(hours=1))
    assert terms.moment_in_words(moment, "cs", prague_winter) == "27. 11. 15:02"
    assert terms.date_in_words(datetime(2026, 12, 31, tzinfo=UTC), "en", UTC) == "31 Dec 2026"
    assert terms.date_in_words(datetime(2026, 12, 31, tzinfo=UTC), "cs", UTC) == "31. 12. 2026"
    # Another year than now: the year is said.
    last_year = datetime(2025, 7, 25, 0, 0, tzinfo=UTC)
    assert terms.moment_in_words(last_year, "en", UTC, NOW) == "25 Jul 2025 00:00"
    assert terms.moment_in_words(last_year, "cs", UTC, NOW) == "25. 7. 2025 00:00"
    assert terms.moment_in_words(moment, "en", UTC, NOW) == "27 Nov 14:02"


@pytest.mark.parametrize(("count", "cs"), [(1, "1 licence"), (3, "3 licence"), (10, "10 licencí"),
                                           (0, "0 licencí")])
def test_czech_plural_of_seats(count, cs) -> None:
    assert terms.plural(count, "seat", "cs") == cs
    assert terms.plural(count, "seat", "en") == (f"{count} seat" if count == 1
                                                 else f"{count} seats")
