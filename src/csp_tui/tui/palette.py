"""The ``ctrl+p`` palette in the user's language.

Textual's own palette entries (quit, keys, maximise, screenshot, theme) and the palette's
search prompt and "no matches" line are English literals inside Textual; the console offers its
own translated entries instead and a palette whose texts come from the catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from csp_tui.i18n import t


class ConsolePalette(CommandPalette):
    """Textual's palette with the search prompt and "no matches" from the catalog."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", t("tui.palette.placeholder"))
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes its English "No matches found" here; the same, in the catalog's words.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("tui.palette.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def system_commands(app: Any, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The console's counterpart of Textual's system commands, translated. The console's own
    help (``?``) stands for Textual's key panel, and the theme and screenshot entries are left
    out: the screens they open speak only English."""
    yield SystemCommand(t("tui.palette.quit"), t("tui.palette.quit_help"), app.action_quit)
    yield SystemCommand(t("tui.palette.keys"), t("tui.palette.keys_help"), app.action_help)
    if screen.maximized is not None:
        yield SystemCommand(t("tui.palette.minimize"), t("tui.palette.minimize_help"),
                            screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("tui.palette.maximize"), t("tui.palette.maximize_help"),
                            screen.action_maximize)
