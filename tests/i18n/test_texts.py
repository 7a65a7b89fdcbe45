"""Texts read as written by a person: no "a.s..", no "1 day(s)", dates in the language's own
form, and no promise the message does not keep."""

from __future__ import annotations

from datetime import date

from csp_tui.i18n import catalog, tl
from csp_tui.i18n.formatting import count_days, format_date


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once() -> None:
    text = tl("tui.invitations.noted", "en", company="Pivovar Hradec a.s.")
    assert text == "Note added to the invitation for Pivovar Hradec a.s."
    assert "a.s.." not in tl("tui.invitations.noted", "cs", company="Pivovar Hradec a.s.")
    # Other full stops and the placeholders' own text are left alone.
    assert tl("tui.invitations.noted", "en", company="Kemp") == \
        "Note added to the invitation for Kemp."


def test_days_are_counted_in_words_of_the_right_form() -> None:
    assert [count_days(n, "en") for n in (1, 2, 5)] == ["1 day", "2 days", "5 days"]
    assert [count_days(n, "cs") for n in (1, 3, 5)] == ["1 den", "3 dny", "5 dní"]
    for language in ("en", "cs"):
        text = tl("tui.invitations.sandbox.advanced", language, span=count_days(1, language),
                  now="24. 11. 2026 10:00")
        assert "(s)" not in text and "d." not in text


def test_the_dissolved_warning_dates_in_the_languages_form() -> None:
    day = date(2025, 3, 31)
    assert tl("tenant_form.ares.dissolved", "cs", date=format_date(day, "cs")).count(
        "31. 3. 2025") == 1
    assert "2025-03-31" not in tl("tenant_form.ares.dissolved", "en",
                                  date=format_date(day, "en"))


def test_the_invite_form_promises_the_name_only_where_the_e_mail_uses_it() -> None:
    texts = catalog()
    # The Czech letter opens with "Dobrý den," (no name): its hint does not promise one.
    assert "{contact}" not in texts["invite.email.greeting"]["cs"]
    assert "osloven" not in texts["tui.invite.placeholder.contact_name"]["cs"]
    assert "{contact}" in texts["invite.email.greeting"]["en"]
    assert "greeting" in texts["tui.invite.placeholder.contact_name"]["en"]
