"""The one registry of console key bindings.

Footer, help screen and keymap all come from here: every binding has an ``id`` (so a user can
remap it in ``[keymap]`` of the config file, applied with ``App.set_keymap``), a translated
label, a help text, and a ``mutating`` flag that read-only profiles use to hide it (through
``check_action``, so the footer, the help and the palette agree).

Descriptions are stored as message keys and translated when a widget is created
(:class:`TranslatedBindings`), after the language was chosen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingsMap, BindingType

from csp_tui.i18n import knows, t

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class KeySpec:
    id: str
    keys: str  # Textual key names, comma-separated
    action: str
    label: str  # message key: short footer label
    help: str  # message key: one line for the help screen
    scope: str
    show: bool = True
    mutating: bool = False
    key_display: str | None = None
    priority: bool = False


_SPECS: tuple[KeySpec, ...] = (
    # Anywhere in the console
    KeySpec("help", "question_mark,f1", "app.help", "tui.key.help", "tui.keyhelp.help", "app"),
    KeySpec("command-palette", "ctrl+p", "app.command_palette", "tui.key.palette",
            "tui.keyhelp.palette", "app", show=False, priority=True),
    KeySpec("quit-app", "ctrl+q", "app.quit", "tui.key.quit", "tui.keyhelp.quit", "app",
            show=False, priority=True),
    # The main screen
    KeySpec("command-line", "colon", "command_line", "tui.key.command", "tui.keyhelp.command",
            "main"),
    KeySpec("sync", "r", "sync", "tui.key.sync", "tui.keyhelp.sync", "main"),
    KeySpec("new-tenant", "n", "new_tenant", "tui.key.new_tenant", "tui.keyhelp.new_tenant",
            "main", mutating=True),
    KeySpec("invite", "i", "invite", "tui.key.invite", "tui.keyhelp.invite", "main",
            mutating=True),
    KeySpec("pane-next", "tab", "next_pane", "tui.key.next_pane", "tui.keyhelp.next_pane",
            "main", show=False),
    KeySpec("pane-previous", "shift+tab", "previous_pane", "tui.key.previous_pane",
            "tui.keyhelp.previous_pane", "main", show=False),
    KeySpec("pane-customers", "1", "show_pane('customers')", "tui.key.pane_customers",
            "tui.keyhelp.pane_customers", "main", show=False),
    KeySpec("pane-tenant", "2", "show_pane('tenant')", "tui.key.pane_tenant",
            "tui.keyhelp.pane_tenant", "main", show=False),
    KeySpec("pane-subscriptions", "3", "show_pane('subscriptions')",
            "tui.key.pane_subscriptions", "tui.keyhelp.pane_subscriptions", "main", show=False),
    KeySpec("pane-invitations", "4", "show_pane('invitations')", "tui.key.pane_invitations",
            "tui.keyhelp.pane_invitations", "main", show=False),
    # "What renews this month, and what can I still cancel today?" — one key each.
    KeySpec("subscriptions-renewing", "R", "subscription_view('renewing')", "subs.key.renewing",
            "subs.keyhelp.renewing", "main"),
    KeySpec("subscriptions-window", "W", "subscription_view('in_window')", "subs.key.window",
            "subs.keyhelp.window", "main"),
    KeySpec("command-log", "l", "command_log", "tui.key.log", "tui.keyhelp.log", "main",
            show=False),
    KeySpec("quit", "q", "app.quit", "tui.key.quit", "tui.keyhelp.quit", "main", show=False),
    # Today: what changed since the last look, and what is due (tui/screens/today.py).
    KeySpec("today", "t", "app.today", "today.key.open", "today.keyhelp.open", "main",
            show=False),
    # Every list
    KeySpec("filter", "slash", "filter", "tui.key.filter", "tui.keyhelp.filter", "list"),
    KeySpec("clear-filter", "escape", "clear_filter", "tui.key.clear_filter",
            "tui.keyhelp.clear_filter", "list", show=False),
    KeySpec("sort", "s", "sort", "tui.key.sort", "tui.keyhelp.sort", "list"),
    KeySpec("sort-reverse", "S", "sort_reverse", "tui.key.sort_reverse",
            "tui.keyhelp.sort_reverse", "list", show=False),
    KeySpec("open", "enter", "open", "tui.key.open", "tui.keyhelp.open", "list"),
    # Moving in a list (the table itself)
    KeySpec("cursor-up", "up,k", "cursor_up", "tui.key.up", "tui.keyhelp.up", "table",
            show=False),
    KeySpec("cursor-down", "down,j", "cursor_down", "tui.key.down", "tui.keyhelp.down",
            "table", show=False),
    KeySpec("page-up", "pageup,ctrl+u", "page_up", "tui.key.page_up", "tui.keyhelp.page_up",
            "table", show=False),
    KeySpec("page-down", "pagedown,ctrl+d", "page_down", "tui.key.page_down",
            "tui.keyhelp.page_down", "table", show=False),
    KeySpec("first-row", "home,g", "first_row", "tui.key.first", "tui.keyhelp.first", "table",
            show=False),
    KeySpec("last-row", "end,G", "last_row", "tui.key.last", "tui.keyhelp.last", "table",
            show=False),
    # The tenant pane
    KeySpec("copy-link", "c", "copy_link", "tui.key.copy", "tui.keyhelp.copy_link", "tenant"),
    KeySpec("save-link", "w", "save_link", "tui.key.save", "tui.keyhelp.save_link", "tenant"),
    # Where the qualification is shown, it can be asked for (the same screen as from a
    # subscription's detail).
    KeySpec("tenant-education", "e", "education", "subs.key.education",
            "subs.keyhelp.education", "tenant"),
    # Offered only for a tenant whose first administrator password was lost.
    KeySpec("tenant-reset-password", "p", "reset_password", "reset.key.reset",
            "reset.keyhelp.reset", "tenant", mutating=True),
    # The subscriptions pane
    KeySpec("subscriptions-all", "a", "toggle_all", "tui.key.all", "tui.keyhelp.all",
            "subscriptions"),
    KeySpec("subscriptions-preset", "p", "next_preset", "tui.key.preset", "tui.keyhelp.preset",
            "subscriptions"),
    KeySpec("subscription-manage", "m", "manage_subscription", "tui.key.manage",
            "tui.keyhelp.manage", "subscriptions", mutating=True),
    # The invitations pane
    KeySpec("invitation-cancel", "x", "cancel_invitation", "tui.key.cancel_invitation",
            "tui.keyhelp.cancel_invitation", "invitations", mutating=True),
    # Detail screens
    KeySpec("back", "escape", "back", "tui.key.back", "tui.keyhelp.back", "detail"),
    KeySpec("copy-record", "c", "copy_record", "tui.key.copy", "tui.keyhelp.copy_record",
            "detail"),
    # The command log screen
    KeySpec("log-back", "escape", "back", "tui.key.back", "tui.keyhelp.back", "log",
            show=False),
    # Modal screens (help, sign-in)
    KeySpec("close", "escape,q", "close", "tui.key.close", "tui.keyhelp.close", "modal"),
    KeySpec("copy-code", "c", "copy_code", "tui.key.copy_code", "tui.keyhelp.copy_code",
            "sign-in"),
    KeySpec("copy-url", "u", "copy_url", "tui.key.copy_url", "tui.keyhelp.copy_url",
            "sign-in"),
    # Selling: order for the selected customer (tui/screens/order.py)
    # (Out of the footer, which is full at 80 columns: the help and the palette list it.)
    KeySpec("order", "o", "app.order", "selling.tui.key.order", "selling.tui.keyhelp.order",
            "main", show=False),
    # The console's conventions (tui/copying.py): the row's id, and a menu of its others.
    KeySpec("copy-id", "y", "app.copy_id", "conv.key.copy_id", "conv.keyhelp.copy_id", "main",
            show=False),
    KeySpec("copy-id-menu", "Y", "app.copy_id_menu", "conv.key.copy_menu",
            "conv.keyhelp.copy_menu", "main", show=False),
)

SPECS: dict[str, KeySpec] = {spec.id: spec for spec in _SPECS}

#: Actions that change something at Partner Center or in the ledger: hidden when read-only.
#: A set updated in place by :func:`register`, so every importer sees screens added later.
MUTATING_ACTIONS: set[str] = {spec.action for spec in _SPECS if spec.mutating}


def register(*new_specs: KeySpec) -> None:
    """Add the bindings of a screen defined in its own module (call before the screen class
    computes ``BINDINGS = bindings("its-scope")``). Ids stay unique across the console."""
    global _SPECS
    for spec in new_specs:
        if spec.id in SPECS:
            raise ValueError(f"binding id {spec.id!r} is already registered")
        SPECS[spec.id] = spec
        if spec.mutating:
            MUTATING_ACTIONS.add(spec.action)
    _SPECS = (*_SPECS, *new_specs)


def bindings(*scopes: str) -> list[BindingType]:
    """Textual bindings for the given scopes; descriptions are message keys until
    :class:`TranslatedBindings` translates them on the instance."""
    return [
        Binding(
            spec.keys, spec.action, spec.label, show=spec.show, key_display=spec.key_display,
            priority=spec.priority, tooltip=spec.help, id=spec.id,
        )
        for spec in _SPECS
        if spec.scope in scopes
    ]


def in_registry_order(active: dict[str, Any]) -> dict[str, Any]:
    """A screen's active bindings, each node's in the order of this registry.

    Textual moves a binding remapped by ``[keymap]`` to the end of its node's bindings, so
    ``sync = "r,f5"`` put "r Sync" after every other key — off the footer at 80 columns."""
    position = {spec.id: index for index, spec in enumerate(_SPECS)}
    nodes: dict[int, int] = {}
    for binding in active.values():
        nodes.setdefault(id(binding.node), len(nodes))
    return dict(sorted(active.items(), key=lambda item: (
        nodes[id(item[1].node)], position.get(item[1].binding.id, len(position)))))


def _translated(map_: BindingsMap) -> BindingsMap:
    translated: dict[str, list[Binding]] = {}
    for key, key_bindings in map_.key_to_bindings.items():
        translated[key] = [
            dataclasses.replace(
                binding,
                description=t(binding.description) if knows(binding.description)
                else binding.description,
                tooltip=t(binding.tooltip) if knows(binding.tooltip) else binding.tooltip,
            )
            for binding in key_bindings
        ]
    return BindingsMap.from_keys(translated)


class TranslatedBindings:
    """Mixin for DOM nodes: translate the registry's message keys once, per instance."""

    _bindings: BindingsMap

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bindings = _translated(self._bindings)


class GuardedActions:
    """Mixin: ``check_action`` hides mutating actions in a read-only profile.

    Nodes refine availability further with :meth:`action_available` (``None`` greys an action
    out, ``False`` hides it).
    """

    app: App[Any]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTATING_ACTIONS and getattr(self.app, "read_only", False):
            return False
        return self.action_available(action, parameters)

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True
