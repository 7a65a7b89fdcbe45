"""Switching the language while the console runs: every text follows, the place stays.

The strongest check compares the switched console with one started in the target language
and driven the same way: the screens must read the same, character for character.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from csp_tui import config
from csp_tui.cache import views
from csp_tui.config import load_settings
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import get_language
from csp_tui.i18n.formatting import format_date
from csp_tui.tui.language import parse_language
from csp_tui.tui.palette import ConsoleCommandProvider
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.widgets.lists import CustomersPane, InvitationsPane, SubscriptionsPane

from .conftest import CLOCK_NOW, NARROW, WIDE, Console, ConsoleFactory, screen_text

#: Filter the customers, move down, look at another customer's subscriptions, the ledger.
PLACE_KEYS = ("slash", "b", "r", "enter", "down", "down", "3", "down", "4", "down", "s")


async def _drive(pilot: Any, keys: Sequence[str]) -> None:
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


def _place(app: Any) -> dict[str, Any]:
    main = app.screen
    assert isinstance(main, MainScreen)
    customers = main.query_one(CustomersPane)
    subscriptions = main.query_one(SubscriptionsPane)
    invitations = main.query_one(InvitationsPane)
    return {
        "pane": main.active_pane,
        "focused": app.focused,
        "filter": customers.filter_text,
        "customer": customers.table.cursor_key,
        "customer_row": customers.table.cursor_index,
        "subscription": subscriptions.table.cursor_key,
        "subscription_scope": subscriptions.customer_id,
        "invitation": invitations.table.cursor_key,
        "invitation_sort": (invitations.sort_index, invitations.descending),
        "invitation_top": invitations.table.scroll_offset.y,
    }


async def _switch(pilot: Any, language: str) -> str:
    """Type ``:language …`` like a person; the screen text without the toast."""
    await pilot.press("colon", *language, "enter")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()
    return screen_text(pilot.app)


def _renewal_shown(console: Console) -> date:
    """A day in the "Renews" column of the subscriptions pane (its first renewing row)."""
    pane = console.app.screen.query_one(SubscriptionsPane)
    rows = views.subscription_rows(console.cache, customer_id=pane.customer_id, now=CLOCK_NOW)
    ends = [fmt.parse_timestamp(row.commitment_end_date) for row in rows
            if row.auto_renew and row.status == "active"]
    assert ends and ends[0] is not None
    return (ends[0] + timedelta(days=1)).astimezone(CLOCK_NOW.tzinfo).date()


async def test_cs_en_cs_follows_every_text_and_keeps_the_place(
        make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    async with console.app.run_test(size=WIDE) as pilot:
        await _drive(pilot, PLACE_KEYS)
        place = _place(console.app)
        assert place["filter"] == "br" and place["customer_row"] == 2
        assert place["pane"] == "invitations" and place["subscription"] is not None
        renews = _renewal_shown(console)
        english = screen_text(console.app)
        assert "Customers /br" in english and "Filter" in english
        assert format_date(renews, "en") in english  # "28 Oct 2027"

        czech = await _switch(pilot, "language cs")
        assert get_language() == "cs"
        assert _place(console.app) == place
        assert "Zákazníci /br" in czech and "Pozvánky" in czech and "Obnovení" in czech
        assert "Customers" not in czech and "Invitations" not in czech
        assert format_date(renews, "cs") in czech  # "28. 10. 2027", not ISO
        assert renews.isoformat() not in czech
        assert "Filtr" in czech and "Nápověda" in czech  # the footer
        assert "synchronizováno" in czech  # the status line
        labels = {active.binding.description
                  for active in console.app.screen.active_bindings.values()}
        assert {"Filtr", "Řadit", "Nápověda"} <= labels
        assert console.app.settings.profile.language == "cs"  # services answer in Czech

        again = await _switch(pilot, "lang en")
        assert get_language() == "en"
        assert _place(console.app) == place
        assert again == english

        await _switch(pilot, "jazyk čeština")
        assert _place(console.app) == place
        assert screen_text(console.app) == czech


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
@pytest.mark.parametrize(("start", "target"), [("en", "cs"), ("cs", "en")])
async def test_a_switched_console_reads_like_one_started_in_that_language(
        make_console: ConsoleFactory, size: tuple[int, int], start: str, target: str) -> None:
    """Anything left in the old language (a header, a tab, a placeholder, a footer key) would
    show up as a difference from a console started in the new one."""
    keys = ("down", "2", "3", "down", "4", "slash", "p") if size == NARROW else PLACE_KEYS
    fresh = make_console(language=target)
    async with fresh.app.run_test(size=size) as pilot:
        await _drive(pilot, keys)
        expected = screen_text(fresh.app)
        expected_help = await _help_text(pilot)
    switched = make_console(language=start, customers=0)  # the same cache, already filled
    async with switched.app.run_test(size=size) as pilot:
        await _drive(pilot, keys)
        await _switch_from_code(pilot, target)
        assert screen_text(switched.app) == expected
        assert await _help_text(pilot) == expected_help


async def _switch_from_code(pilot: Any, language: str) -> None:
    """The way the palette does it (the filter line keeps the focus)."""
    app = pilot.app
    assert app.switch_language(language)
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


async def _help_text(pilot: Any) -> str:
    await pilot.press("f1")
    await pilot.pause()
    text = screen_text(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    return text


async def test_the_palette_offers_the_other_language(make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        provider = ConsoleCommandProvider(console.app.screen)
        texts = [text for text, _, _ in provider._entries()]
        assert "Language: Čeština (Czech)  :language cs" in texts
        assert not any(":language en" in text for text in texts)  # already English
        await pilot.press("ctrl+p", *"cestina")
        await console.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Language: Čeština (Czech)" in screen_text(console.app)
        await pilot.press("enter")
        await pilot.pause()
        assert get_language() == "cs"
        assert isinstance(console.app.screen, MainScreen)
        provider = ConsoleCommandProvider(console.app.screen)
        texts = [text for text, _, _ in provider._entries()]
        assert "Jazyk: English (angličtina)  :language en" in texts


async def test_only_from_the_main_screen(make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    async with console.app.run_test(size=NARROW) as pilot:
        await _drive(pilot, ["enter"])
        assert isinstance(console.app.screen, DetailScreen)
        assert not console.app.switch_language("cs")
        await pilot.pause()
        assert get_language() == "en"
        assert isinstance(console.app.screen, DetailScreen)  # nothing was closed
        messages = [n.message for n in console.app._notifications]
        assert any("main screen only" in message for message in messages)


async def test_unknown_and_current_languages_change_nothing(
        make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        before = screen_text(console.app)
        assert not console.app.switch_language("klingon")
        assert not console.app.switch_language("english")
        await pilot.pause()
        messages = [n.message for n in console.app._notifications]
        assert any("Unknown language “klingon”" in message for message in messages)
        assert any("already English" in message for message in messages)
        console.app.clear_notifications()
        await pilot.pause()
        assert screen_text(console.app) == before and get_language() == "en"


async def test_remapped_keys_stay_remapped(make_console: ConsoleFactory) -> None:
    console = make_console(language="en", keymap={"sync": "f5", "filter": "f"})
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert console.app.switch_language("cs")
        await pilot.pause()
        shown = {key: active.binding.description
                 for key, active in console.app.screen.active_bindings.items()
                 if active.binding.show and active.enabled}
        assert shown["f"] == "Filtr" and shown["f5"] == "Synchr."
        assert "r" not in shown and "slash" not in shown
        await pilot.press("f5")
        await pilot.pause()
        assert console.backend.sync_requests == 1


def test_language_words() -> None:
    assert parse_language("čeština") == parse_language("CS") == parse_language("cz") == "cs"
    assert parse_language("English") == parse_language("en") == "en"
    assert parse_language("") == "cs"  # alone: the other one
    assert parse_language("de") is None


# ------------------------------------------------------------------ saving the choice

CONFIG = """\
# my console
default_profile = "work"

[profiles.work]   # the real one
kind = "sandbox"
read_only = false
language = "en"   # from the install

[profiles.other]
kind = "sandbox"
language = "en"
"""


def _config_file() -> Any:
    return load_settings().locations.config_file


def test_saving_changes_one_value_and_nothing_else() -> None:
    path = _config_file()
    path.write_text(CONFIG, encoding="utf-8")
    os.chmod(path, 0o640)
    assert config.save_profile_language(load_settings(), "cs") == path.resolve()
    assert path.read_text(encoding="utf-8") == CONFIG.replace(
        'language = "en"   # from the install', 'language = "cs"   # from the install')
    assert load_settings().profile.language == "cs"
    assert load_settings("other").profile.language == "en"
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_saving_adds_the_line_under_the_header_and_follows_a_symlink(tmp_path) -> None:
    real = tmp_path / "dotfiles" / "csp.toml"
    real.parent.mkdir()
    real.write_text(CONFIG.replace('language = "en"   # from the install\n', ""),
                    encoding="utf-8")
    path = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(real)
    config.save_profile_language(load_settings(), "cs")
    assert path.is_symlink()
    assert '[profiles.work]   # the real one\nlanguage = "cs"\nkind = "sandbox"' in \
        real.read_text(encoding="utf-8")
    assert load_settings().profile.language == "cs"


@pytest.mark.parametrize("text", [
    'default_profile = "work"\nprofiles.work = { kind = "sandbox", language = "en" }\n',
    'default_profile = "work"\n[profiles.work]\nkind = "sandbox"\n"language" = "en"\n',
    'default_profile = "work"\n[profiles]\nwork.kind = "sandbox"\n',
], ids=["inline", "quoted-key", "dotted"])
def test_a_table_that_one_line_cannot_change_is_left_alone(text: str) -> None:
    path = _config_file()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(config.UnsafeEdit):
        config.save_profile_language(load_settings(), "cs")
    assert path.read_text(encoding="utf-8") == text
    assert not list(path.parent.glob("*.tmp"))


def test_a_built_in_profile_is_not_written() -> None:
    with pytest.raises(config.ProfileNotInFile):
        config.save_profile_language(load_settings(), "cs")
    assert not _config_file().exists()


async def test_the_console_saves_the_switch_to_its_profile(
        make_console: ConsoleFactory) -> None:
    path = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG, encoding="utf-8")
    console = make_console(language="en")
    assert console.app.settings.profile.name == "work"
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert console.app.switch_language("cs")
        await pilot.pause()
        messages = [n.message for n in console.app._notifications]
    assert load_settings().profile.language == "cs"
    assert any("Uloženo do profilu work" in message for message in messages)


async def test_a_built_in_profile_switches_for_this_run_only(
        make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert console.app.switch_language("cs")
        await pilot.pause()
        messages = [n.message for n in console.app._notifications]
    assert any("do ukončení konzole" in message for message in messages)
    assert not _config_file().exists()
