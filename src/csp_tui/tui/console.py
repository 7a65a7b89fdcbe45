"""What screens, widgets and their helpers need from the running console.

They depend on this interface, never on the application class (``tui/app.py``): the app
imports the screens, so a screen that imported the app would close an import circle. The
app satisfies :class:`Console` (checked by mypy where the app is defined); a widget reaches
it through :func:`console_of` (``console_of(self.app)``).

Opening another screen goes through the console as well (``open_subscription_detail``,
``open_education`` …): a widget on the first frame must not import the screens it may open
later, which bring the REST stack with them, and screens must not import each other in a
circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker_manager import WorkerManager

from csp_tui.tui.backend import BackendStatus, ConsoleBackend

if TYPE_CHECKING:
    from csp_tui.config import Settings
    from csp_tui.tui.console_commands import ConsoleCommand


class SignInWindow(Protocol):
    """The open device-code window, as the sign-in flow drives it."""

    @property
    def is_attached(self) -> bool: ...

    def complete(self) -> None: ...

    def fail(self, message: str) -> None: ...


class Console(Protocol):
    """The running console, as screens, widgets and helpers use it."""

    backend: ConsoleBackend
    read_only: bool
    cursor_blink: bool
    #: What was typed on the command line, oldest first (the line's history).
    command_history: list[str]
    #: The last back-end status drawn (the lists word their empty text by it).
    status_snapshot: BackendStatus

    @property
    def settings(self) -> Settings: ...

    def now(self) -> datetime:
        """The world's clock (the sandbox's virtual one), in the local time zone."""
        ...

    # -- Textual's app, the parts helpers use -----------------------------------------------

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    @property
    def main_screen(self) -> Screen[Any]:
        """The main screen (LookupError when it is not on the stack)."""
        ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None
                    ) -> Any: ...

    def switch_screen(self, screen: Screen[Any]) -> Any: ...

    def run_worker(self, work: Any, name: str | None = "", group: str = "default",
                   description: str = "", exit_on_error: bool = True, start: bool = True,
                   exclusive: bool = False, thread: bool = False) -> Any: ...

    def bell(self) -> None: ...

    @property
    def workers(self) -> WorkerManager: ...

    # -- the console's own --------------------------------------------------------------------

    def copy_text(self, text: str) -> None:
        """Copy to the clipboard (OSC 52) and say so."""
        ...

    def save_export(self, filename: str, text: str) -> Path | None:
        """Save ``text`` in the profile's exports folder and say where (None on failure)."""
        ...

    def customer_name(self, customer_id: str) -> str | None: ...

    def refresh_status(self) -> None: ...

    def schedule_refresh(self, tables: Iterable[str] | None) -> None:
        """Re-read the lists showing ``tables`` (None: every list) after this refresh."""
        ...

    def command_allowed(self, command: ConsoleCommand) -> bool: ...

    async def execute_command(self, text: str) -> bool: ...

    async def run_console_command(self, command: ConsoleCommand, argument: str = "") -> None: ...

    def action_sync(self) -> None: ...

    def action_show_pane(self, name: str) -> None: ...

    def action_command_log(self) -> None: ...

    def action_help(self) -> None: ...

    async def action_quit(self) -> None: ...

    # -- screens opened on request (each imported when first opened) -------------------------

    def open_record(self, kind: str, key: object, *, customer_id: str | None = None) -> None:
        """A detail screen with every column of one row."""
        ...

    def open_new_tenant(self) -> None: ...

    def open_invite(self) -> None: ...

    def open_subscription_detail(self, subscription_id: str,
                                 customer_id: str | None = None) -> None: ...

    def open_subscription_actions(self, subscription_id: str,
                                  customer_id: str | None = None) -> None: ...

    def show_subscription_view(self, name: str | None) -> bool:
        """The subscriptions of every customer in a named view (``renewing`` …)."""
        ...

    def open_education(self, customer_id: str) -> bool: ...

    def open_order(self, customer_id: str | None = None) -> bool:
        """Order for ``customer_id`` (None: the customer selected in the panes)."""
        ...

    def invitation_action(self, action: str, invitation_id: str | None) -> None:
        """An action of the invitations pane on one invitation (see tui/invitation_keys.py)."""
        ...

    def cancel_invitation(self, invitation_id: str) -> None: ...

    def start_password_reset(self, customer_id: str) -> None: ...

    def show_sign_in(self, prompt_text: str, user_code: str, url: str,
                     callback: Callable[[bool | None], Any] | None = None) -> SignInWindow: ...


def console_of(app: object) -> Console:
    """The running console behind a widget's or screen's ``self.app``."""
    return cast(Console, app)
