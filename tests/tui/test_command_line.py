""":help from the command line lists the pane's keys; tab in the command line completes the
command instead of switching the pane behind it; the line never stays open without the keys."""

from __future__ import annotations

from csp_tui.tui.console_commands import COMMANDS, complete
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.widgets.command_line import CommandLine

from .conftest import NARROW, screen_text


def allowed(command) -> bool:
    return True


def test_tab_completes_a_unique_command_with_a_space_after_it() -> None:
    assert complete("subs", allowed) == ("subscriptions ", ["subscriptions"])
    assert complete("la", allowed) == ("language ", ["language"])
    # Aliases count: "rrr" is :invite's.
    assert complete("rrr", allowed)[0] == "invite "


def test_tab_on_an_ambiguous_word_shows_the_choices_and_then_cycles_them() -> None:
    text, names = complete("l", allowed)
    assert names == ["log", "login", "language"]  # in the order of the command list
    assert text == "l"  # nothing they share beyond "l": another letter decides
    assert complete("lo", allowed) == ("log", ["log", "login"])
    assert complete("log", allowed)[0] == "login"


def test_tab_leaves_arguments_and_unknown_words_alone() -> None:
    assert complete("cust šum", allowed) == ("cust šum", [])
    assert complete("xyz", allowed) == ("xyz", [])
    read_only = {command.name for command in COMMANDS if command.mutating}
    assert "new-tenant" not in complete("n", lambda c: c.name not in read_only)[1]


async def test_help_from_the_command_line_lists_the_panes_keys_in_its_language(
        make_console) -> None:
    console = make_console(language="cs")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"help", "enter")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, HelpScreen)
        assert screen.context == "Zákazníci"
        keys = {key for keys, _, _ in screen.keys for key in keys.split(", ")}
        assert {"/", "s", ":"} <= keys
        labels = " ".join(label for _, label, _ in screen.keys)
        # Not the command line's own editing keys (Textual's, in English).
        assert "Delete" not in labels and "cursor" not in labels.lower()


async def test_tab_in_the_command_line_completes_and_keeps_the_pane(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        main = console.app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("colon", "c", "u", "s", "tab")
        line = main.query_one(CommandLine)
        assert main.active_pane == "customers"
        assert line.display and line.field.has_focus
        assert line.field.value == "customers "
        await pilot.press("l")
        await pilot.press("tab")  # an argument: nothing to complete, nothing else happens
        assert line.field.value == "customers l" and line.field.has_focus
        await pilot.press("ctrl+u", "l", "tab")
        assert line.field.value == "l" and ":log  :login  :language" in screen_text(
            console.app)
        await pilot.press("escape")
        assert not line.display and line.field.value == ""
        assert main.active_pane == "customers"


async def test_the_command_line_closes_when_the_keys_go_elsewhere(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        main = console.app.screen
        await pilot.press("colon", "c", "u")
        main.set_focus(main.pane("customers").table)
        await pilot.pause()
        line = main.query_one(CommandLine)
        assert not line.display and line.field.value == ""
