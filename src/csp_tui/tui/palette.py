"""The ``ctrl+p`` palette in the user's language, and the console's commands in it.

Textual's own palette entries (quit, keys, maximise, screenshot, theme) and the palette's
search prompt and "no matches" line are English literals inside Textual; the console offers its
own translated entries instead and a palette whose texts come from the catalog. The ``:``
commands (``tui/console_commands.py``) are offered by :class:`ConsoleCommandProvider`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option

from csp_tui.domain.text import fold
from csp_tui.i18n import get_language, t
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.console_commands import COMMANDS, ConsoleCommand


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


def system_commands(app: Console, screen: Screen[Any]) -> Iterable[SystemCommand]:
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


class ConsoleCommandProvider(Provider):
    """The console's commands in the ``ctrl+p`` palette."""

    def _commands(self) -> list[ConsoleCommand]:
        console = console_of(self.app)
        return [command for command in COMMANDS if console.command_allowed(command)]

    def _run(self, command: ConsoleCommand,
             argument: str = "") -> Callable[[], Coroutine[Any, Any, None]]:
        console = console_of(self.app)
        return lambda: console.run_console_command(command, argument)

    def _entries(self) -> list[tuple[str, ConsoleCommand, str]]:
        """(palette text, command, argument): one per command, or one per choice."""
        entries: list[tuple[str, ConsoleCommand, str]] = []
        for command in self._commands():
            if not command.choices:
                entries.append((f"{t(command.title)}  :{command.name}", command, ""))
                continue
            for choice in command.choices:
                if command.name == "language" and choice == get_language():
                    continue  # the language in use is no choice
                entries.append((f"{t(f'{command.title}.{choice}')}  :{command.name} {choice}",
                                command, choice))
        return entries

    async def discover(self) -> Hits:
        for text, command, argument in self._entries():
            yield DiscoveryHit(text, self._run(command, argument), help=t(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, argument in self._entries():
            # Accents ignored, as in the list filters: "cestina" finds "Čeština".
            score = max(matcher.match(text), matcher.match(fold(text)))
            if score > 0:
                yield Hit(score, matcher.highlight(text), self._run(command, argument),
                          text=text, help=t(command.help))
