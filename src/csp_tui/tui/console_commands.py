"""The ``:`` command line and the command palette share one list of commands.

``:customers šum`` shows the customers pane filtered by "šum"; every command has short
aliases (``:cust``, ``:c``); the palette (``ctrl+p``, its provider is in ``tui/palette.py``)
offers the same commands, minus the ones a read-only profile may not run, so the palette, the
command line and the help agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsoleCommand:
    name: str
    aliases: tuple[str, ...]
    action: str  # an action on the app, e.g. "show_pane('customers')"
    title: str  # message key: what the palette shows
    help: str  # message key: one line of explanation
    mutating: bool = False
    filters: str | None = None  # ":customers šum" filters this list pane
    # The palette offers one entry per choice (":language cs", ":language en"), titled by the
    # message key ``<title>.<choice>``.
    choices: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


COMMANDS: tuple[ConsoleCommand, ...] = (
    ConsoleCommand("customers", ("customer", "cust", "c"), "show_pane('customers')",
                   "tui.cmd.customers", "tui.cmdhelp.customers", filters="customers"),
    ConsoleCommand("tenants", ("tenant", "ten", "t"), "show_pane('tenant')",
                   "tui.cmd.tenants", "tui.cmdhelp.tenants"),
    ConsoleCommand("subscriptions", ("subscription", "subs", "sub", "s"),
                   "show_pane('subscriptions')", "tui.cmd.subscriptions",
                   "tui.cmdhelp.subscriptions", filters="subscriptions"),
    ConsoleCommand("invitations", ("invitation", "inv", "i"), "show_pane('invitations')",
                   "tui.cmd.invitations", "tui.cmdhelp.invitations", filters="invitations"),
    ConsoleCommand("new-tenant", ("newtenant", "new", "nt"), "new_tenant",
                   "tui.cmd.new_tenant", "tui.cmdhelp.new_tenant", mutating=True),
    ConsoleCommand("invite", ("inviteto", "rrr"), "invite", "tui.cmd.invite",
                   "tui.cmdhelp.invite", mutating=True),
    ConsoleCommand("sync", ("refresh", "r"), "sync", "tui.cmd.sync", "tui.cmdhelp.sync"),
    ConsoleCommand("log", ("commandlog", "l"), "command_log", "tui.cmd.log",
                   "tui.cmdhelp.log"),
    ConsoleCommand("login", ("signin", "sign-in"), "sign_in", "tui.cmd.login",
                   "tui.cmdhelp.login"),
    ConsoleCommand("language", ("lang", "jazyk"), "switch_language", "tui.cmd.language",
                   "tui.cmdhelp.language", choices=("cs", "en")),
    # selling
    ConsoleCommand("order", ("objednat", "buy"), "order", "selling.tui.cmd.order",
                   "selling.tui.cmdhelp.order"),
    ConsoleCommand("help", ("h", "?"), "help", "tui.cmd.help", "tui.cmdhelp.help"),
    ConsoleCommand("quit", ("q", "exit", "q!"), "quit", "tui.cmd.quit", "tui.cmdhelp.quit"),
    ConsoleCommand("today", ("dnes", "td"), "today", "today.cmd.title", "today.cmd.help"),
    # The console's conventions (themes, export, profiles): run by tui/app.py's
    # run_console_command with their argument.
    ConsoleCommand("theme", ("themes", "skin", "motiv"), "choose_theme", "conv.cmd.theme",
                   "conv.cmdhelp.theme"),
    ConsoleCommand("export", ("exp", "save"), "export_view", "conv.cmd.export",
                   "conv.cmdhelp.export"),
    ConsoleCommand("profile", ("ctx", "context", "prof"), "switch_profile", "conv.cmd.profile",
                   "conv.cmdhelp.profile"),
)

_BY_SPELLING: dict[str, ConsoleCommand] = {
    spelling: command for command in COMMANDS for spelling in command.spellings
}


def parse(text: str) -> tuple[str, str]:
    """``":cust šum"`` -> ``("cust", "šum")`` (the word lower-cased, the rest as typed)."""
    stripped = text.strip().removeprefix(":").strip()
    word, _, rest = stripped.partition(" ")
    return word.lower(), rest.strip()


def resolve(text: str) -> tuple[ConsoleCommand | None, str, str]:
    """(command or None, the word typed, the argument)."""
    word, argument = parse(text)
    return _BY_SPELLING.get(word), word, argument


def _shared_start(words: list[str]) -> str:
    """The longest text every one of ``words`` starts with."""
    first, last = min(words), max(words)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


def completions(word: str, allowed: Callable[[ConsoleCommand], bool]) -> list[str]:
    """The command names a partly typed word can become (by name or alias), in list order."""
    word = word.strip().removeprefix(":").lower()
    return [command.name for command in COMMANDS if allowed(command)
            and any(spelling.startswith(word) for spelling in command.spellings)]


def complete(text: str, allowed: Callable[[ConsoleCommand], bool]) -> tuple[str, list[str]]:
    """Tab in the command line: (the new text, the names it could be).

    One match is completed with a space after it; several are completed to what they share
    (and listed); on a whole name that begins others too (``log``, ``login``) Tab goes on to
    the next. Only the command word is completed, never its argument."""
    if " " in text.strip():
        return text, []
    word = text.strip().lower()
    names = completions(word, allowed)
    if len(names) == 1:
        return names[0] + " ", names
    if not names:
        return text, []
    shared = _shared_start(names)
    if len(shared) > len(word):
        return shared, names
    if word in names:  # a whole name that is also the start of others: the next one
        return names[(names.index(word) + 1) % len(names)], names
    return text, names  # say what it could be; another letter decides


def complete_argument(text: str, choices: Callable[[ConsoleCommand], list[str]]
                      ) -> tuple[str, list[str]]:
    """Tab after a command word (``:profile sand``, ``:theme no``): (the new text, the values
    it could be), from the values the command takes (``choices``; none: nothing to do)."""
    command, word, argument = resolve(text)
    if command is None or " " in argument:
        return text, []
    values = [value for value in choices(command)
              if value.lower().startswith(argument.lower())]
    if len(values) == 1:
        return f":{word} {values[0]}", values
    if not values:
        return text, []
    shared = _shared_start(values)
    if len(shared) > len(argument):
        return f":{word} {shared}", values
    return text, values
