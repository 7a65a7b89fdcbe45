"""The console application.

The app owns the state: it subscribes to the back end, turns its events into messages, and
its handlers update the widgets. Screens read the cache through ``cache/views.py``; nothing
here waits on the network. Screens and widgets see the app only as the
:class:`~csp_tui.tui.console.Console` interface; which screen each request opens is in
``tui/navigation.py``, what back-end events are worth saying in ``tui/backend_notices.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, set_language, t
from csp_tui.signals import exit_code, on_ending_signals
from csp_tui.tui import backend_notices as notices
from csp_tui.tui import language as console_language
from csp_tui.tui import navigation
from csp_tui.tui.backend import BackendStatus, ConsoleBackend
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.messages import BackendEvent
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.stylesheets import STYLE_SHEETS
from csp_tui.tui.typeahead import KeyGate, as_typed, is_typed
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    from textual.command import Provider

    from csp_tui.config import Settings
    from csp_tui.services import events as ev
    from csp_tui.services.writer import WriteSession
    from csp_tui.tui.console import Console, SignInWindow
    from csp_tui.tui.console_commands import ConsoleCommand
    from csp_tui.tui.screens.help import HelpScreen

# Only what the first frame needs is imported above; the rest where it is first used, after
# that frame: the back end's events (none arrive before it), the command line, the palette,
# the copy, export, theme and profile commands, and every screen other than the main one
# (tui/navigation.py; the subscription and invitation screens bring the REST stack: httpx,
# the Partner Center client, its pydantic models). tests/tui/test_start_imports.py holds it.


def _console_commands_provider() -> type[Provider]:
    # Textual takes a callable returning the provider in COMMANDS and calls it when the
    # palette opens: the palette's modules stay off the start path.
    from csp_tui.tui.palette import ConsoleCommandProvider

    return ConsoleCommandProvider




def world_time(settings: Settings) -> Callable[[], datetime]:
    """The clock of the world this console shows, in the local time zone: the sandbox's
    virtual clock for a sandbox profile, the wall clock for Partner Center."""
    clock = world_clock_for(settings)
    return lambda: clock.now().astimezone()


class CspApp(GuardedActions, TranslatedBindings, App[Any]):
    """csp-tui's console. ``CspApp(backend).run()``."""

    TITLE = "csp-tui"
    CSS_PATH: ClassVar[list[str | PurePath]] = list(STYLE_SHEETS)
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")
    COMMANDS: ClassVar = App.COMMANDS | {_console_commands_provider,
                                         navigation.subscription_views_provider}
    NOTIFICATION_TIMEOUT = 6

    def __init__(
        self,
        backend: ConsoleBackend,
        *,
        clock: Callable[[], datetime] | None = None,
        theme: str | None = None,
        animation_level: str | None = None,
        cursor_blink: bool = True,
        tick_seconds: float | None = 60.0,
        language: str | None = None,
    ) -> None:
        # Bindings and widgets are translated when they are created: choose the language first.
        set_language(language or backend.settings.profile.language)
        super().__init__()
        self.backend = backend
        self.clock = clock or world_time(backend.settings)
        #: A clock given by the caller (tests) stays across a profile switch.
        self._clock_given = clock is not None
        #: Opens a profile's back end (launch: ``WorkerBackend``); ``:profile`` needs it.
        self.backend_factory: Callable[[Settings], ConsoleBackend] | None = None
        self.cursor_blink = cursor_blink
        self.tick_seconds = tick_seconds
        self.read_only = backend.settings.profile.read_only
        self.command_history: list[str] = []
        self.status_snapshot = BackendStatus()
        self._unsubscribe: Callable[[], None] | None = None
        self._backend_stopped = False
        self._refresh_tables: set[str] = set()
        self._refresh_all = False
        self._refresh_scheduled = False
        self._start_error: str | None = None
        # Set by the console command; tests run the app on their own loop and keep theirs.
        self.handle_signals = False
        #: Said once the console is on screen (a notice cannot be shown before).
        self._theme_problem: str | None = None
        if theme:
            self._start_theme(theme)
        if animation_level:
            self.animation_level = animation_level  # type: ignore[assignment]
        if backend.settings.keymap:
            self.set_keymap(backend.settings.keymap)
        self.key_gate = KeyGate(self, super().on_event,
                                unrelated=lambda message: isinstance(message, BackendEvent))

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal go through the gate, which hands each on only
        # once the ones before it took effect (tui/typeahead.py).
        if is_typed(event):
            await self.key_gate.receive(as_typed(event))  # type: ignore[arg-type]
            return
        await super().on_event(event)

    # ------------------------------------------------------------------ basics

    @property
    def settings(self) -> Settings:
        return self.backend.settings

    def now(self) -> datetime:
        return self.clock()

    def notify(self, message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications carry remote text (company names, error messages): never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not on the stack")

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own entries are English literals: the console's, from the catalog.
        from csp_tui.tui.palette import system_commands

        return system_commands(self, screen)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            # after the first frame (see the imports above)
            from csp_tui.tui.palette import ConsolePalette

            self.push_screen(ConsolePalette(id="--command-palette"))

    def on_mount(self) -> None:
        # e.g. "the cache was unreadable, moved aside, a sync rebuilds it"
        for notice in getattr(self.backend, "notices", ()):
            self.notify(safe_text(notice, 500), severity="warning", timeout=15)
        if self.settings.keymap:
            # after the first frame (see the imports above)
            from csp_tui.tui.keymap_check import keymap_problems

            for problem in keymap_problems(self.settings.keymap):
                self.notify(safe_text(problem, 300), severity="warning", timeout=15)
        if self._theme_problem:
            self.notify(self._theme_problem, severity="warning", timeout=15)
        self._unsubscribe = self.backend.subscribe(self._receive)
        if self.handle_signals:
            # SIGTERM/SIGHUP: quit as the q key does (terminal restored, run interrupted).
            on_ending_signals(asyncio.get_running_loop(),
                              lambda signum: self.exit(return_code=exit_code(signum)))
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self._tick)

    def on_ready(self) -> None:
        # Textual sends Ready once the first frame is on screen, painted from the cache. Only
        # then does the back end start: its thread imports the REST stack and opens the
        # session, work that would otherwise compete with the first paint for the CPU.
        self._start_backend()
        if self.settings.profile.start_screen == "today":
            navigation.open_today(self)  # the profile starts on Today (start_screen)

    def _receive(self, event: ev.Event) -> None:
        # Called by the back end from its tasks or threads: only post (thread-safe).
        self.post_message(BackendEvent(event))

    @work(group="backend-start", exit_on_error=False)
    async def _start_backend(self) -> None:
        await self.backend.start()

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "backend-start" and event.state is WorkerState.ERROR:
            error = safe_text(event.worker.error or "", 200)
            self._start_error = error
            self.refresh_status()
            self.notify(t("tui.notify.backend_failed", error=error), severity="error")

    async def _stop_backend(self) -> None:
        if self._backend_stopped:
            return
        self._backend_stopped = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await self.backend.stop()

    async def action_quit(self) -> None:
        await self._stop_backend()
        self.exit()

    async def on_unmount(self) -> None:
        await self._stop_backend()

    def _tick(self) -> None:
        """Ages, windows and "synced hh:mm" move with the clock."""
        try:
            self.main_screen.clock_moved()
        except LookupError:
            return
        self.refresh_status()

    # ------------------------------------------------------------------ back-end events

    @on(BackendEvent)
    def _backend_event(self, message: BackendEvent) -> None:
        from csp_tui.services import events as ev  # after the first frame (see the imports above)

        event = message.event
        if isinstance(event, ev.CacheChanged):
            self.schedule_refresh(event.tables)
        elif isinstance(event, ev.SyncFinished) and event.ok:
            # A failed sync is told by the status bar (in the error colour) until the next
            # one succeeds; a toast would hide the very line that says it.
            self.schedule_refresh(None)
        elif isinstance(event, ev.OutboxUpdated):
            notices.outbox_updated(self, event)
        elif isinstance(event, ev.InvitationAccepted):
            notices.invitation_accepted(self, event)
        elif isinstance(event, ev.SignInRequired):
            self.on_sign_in_required(event.reason)
        self.refresh_status(event)

    def refresh_status(self, event: ev.Event | None = None) -> None:
        if event is not None:
            # after the first frame (see the imports above)
            from csp_tui.services import events as ev

            if isinstance(event, ev.SyncFinished) and event.ok:
                self._start_error = None
        status = notices.status_after(self.backend.status(), event, self.now(),
                                      self._start_error)
        self.status_snapshot = status
        with contextlib.suppress(LookupError):
            self.main_screen.show_status(status)

    def schedule_refresh(self, tables: Iterable[str] | None) -> None:
        """Coalesce cache changes that arrive together into one re-query per list
        (``None``: anything may have changed)."""
        if tables is None:
            self._refresh_all = True
        else:
            self._refresh_tables.update(tables)
        if not self._refresh_scheduled:
            self._refresh_scheduled = True
            self.call_after_refresh(self._apply_refresh)

    def _apply_refresh(self) -> None:
        tables = None if self._refresh_all else frozenset(self._refresh_tables)
        self._refresh_tables = set()
        self._refresh_all = False
        self._refresh_scheduled = False
        # after the first frame (see the imports above)
        from csp_tui.tui.screens.log import CommandLogScreen

        try:
            self.main_screen.refresh_data(tables)
            if isinstance(self.screen, CommandLogScreen):
                self.screen.refresh_data()
            elif self.screen.id == "today":  # the Today screen (imported only when opened)
                self.screen.refresh_soon()  # type: ignore[attr-defined]
        except LookupError:
            return
        except sqlite3.OperationalError as error:
            # after the first frame (see the imports above)
            from csp_tui.services.session import CONSOLE_BUSY_RETRY_SECONDS, database_busy

            if not database_busy(error):
                raise
            # Another process holds the database: what is shown stays, and is read again
            # shortly (the console's reads give up after a moment instead of freezing).
            self.set_timer(CONSOLE_BUSY_RETRY_SECONDS, lambda: self.schedule_refresh(tables))

    # ------------------------------------------------------------------ read-only & commands

    def command_allowed(self, command: ConsoleCommand) -> bool:
        return not (command.mutating and self.read_only)

    async def execute_command(self, text: str) -> bool:
        """Run a ``:`` command line; False (and a message) when it is unknown or not allowed."""
        # after the first frame (see the imports above)
        from csp_tui.tui.console_commands import resolve

        command, word, argument = resolve(text)
        if command is None:
            if word:
                self.notify(t("tui.command.unknown", command=safe_text(word, 40)),
                            severity="warning")
            return False
        if not self.command_allowed(command):
            self.notify(t("tui.command.read_only", command=command.name), severity="warning")
            return False
        await self.run_console_command(command, argument)
        return True

    async def run_console_command(self, command: ConsoleCommand, argument: str = "") -> None:
        # after the first frame (see the imports above)
        from csp_tui.tui import export as view_export

        # after the first frame (see the imports above)
        from csp_tui.tui import profile_switch, themes

        if not self.command_allowed(command):
            return
        if command.name == "language":
            self.switch_language(argument)
            return
        if command.name == "theme":
            themes.theme_command(self, argument)
            return
        if command.name == "export":
            view_export.export_view(self, argument)
            return
        if command.name == "profile":
            if argument.strip():
                self.request_profile(argument.strip())
            else:
                profile_switch.open_profile_palette(self)
            return
        # ":subs renewing", ":subs window" … name a view; anything else is a filter.
        if (command.name == "subscriptions" and argument
                and navigation.run_subscriptions_command(self, argument)):
            return
        await self.run_action(command.action)
        if command.filters and argument:
            self.main_screen.filter_pane(command.filters, argument)

    # ------------------------------------------------------------------ actions

    def _back_to_main(self) -> MainScreen:
        main = self.main_screen
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main

    def action_show_pane(self, name: str) -> None:
        self._back_to_main().focus_pane(name)

    def switch_language(self, language: str) -> bool:
        """``:language cs|en`` (empty: the other one): every text on the main screen in that
        language, the person's place kept; see tui/language.py (only from the main screen)."""
        return console_language.switch_language(self, language)

    def action_switch_language(self, language: str = "") -> None:
        self.switch_language(language)

    def action_sync(self) -> None:
        self.backend.request_sync()
        self.notify(t("tui.notify.sync_requested"))

    def action_new_tenant(self) -> None:
        self.open_new_tenant()

    def action_invite(self) -> None:
        self.open_invite()

    def action_command_log(self) -> None:
        # after the first frame (see the imports above)
        from csp_tui.tui.screens.log import CommandLogScreen

        if not isinstance(self.screen, CommandLogScreen):
            self.push_screen(CommandLogScreen())

    def action_help(self) -> None:
        navigation.toggle_help(self)

    def action_today(self) -> None:
        navigation.open_today(self)

    def help_screen_for(self, screen: Screen[Any]) -> HelpScreen:
        return navigation.help_screen_for(self, screen)

    # ------------------------------------------------------------------ screens on request

    def open_new_tenant(self) -> None:
        """Start the new-tenant form (offering to continue a saved draft)."""
        navigation.open_new_tenant(self)

    def open_invite(self) -> None:
        """Start the reseller-relationship invitation (prefilled from the selected customer)."""
        navigation.open_invite(self)

    def open_subscription_detail(self, subscription_id: str,
                                 customer_id: str | None = None) -> None:
        navigation.open_subscription_detail(self, subscription_id, customer_id)

    def open_subscription_actions(self, subscription_id: str,
                                  customer_id: str | None = None) -> None:
        """Changes to one subscription (quantity, auto-renew, suspend) of ``customer_id``."""
        navigation.open_subscription_actions(self, subscription_id, customer_id)

    def show_subscription_view(self, name: str | None) -> bool:
        return navigation.show_subscription_view(self, name)

    def open_education(self, customer_id: str) -> bool:
        return navigation.open_education(self, customer_id)

    def invitation_action(self, action: str, invitation_id: str | None) -> None:
        navigation.invitation_action(self, action, invitation_id)

    def cancel_invitation(self, invitation_id: str) -> None:
        """Mark an invitation cancelled in the ledger, once the user confirmed it."""
        navigation.cancel_invitation(self, invitation_id)

    def start_password_reset(self, customer_id: str) -> None:
        navigation.start_password_reset(self, customer_id)

    # selling: ``o`` on a customer, ``:order``
    def open_order(self, customer_id: str | None = None) -> bool:
        return navigation.open_order(self, customer_id)

    def action_order(self) -> None:
        navigation.open_order(self, None)

    def on_sign_in_required(self, reason: str) -> None:
        """Partner Center wants a new sign-in: say why, then show the device code."""
        self.notify(t("tui.notify.sign_in_required", reason=safe_text(reason, 200)),
                    severity="warning")
        if not self.settings.profile.is_sandbox:
            self.action_sign_in()

    def action_sign_in(self) -> None:
        navigation.start_sign_in(self)

    def show_sign_in(self, prompt_text: str, user_code: str, url: str,
                     callback: Callable[[bool | None], Any] | None = None) -> SignInWindow:
        return navigation.show_sign_in(self, prompt_text, user_code, url, callback)

    # ------------------------------------------------------------------ records, clipboard, files

    def customer_name(self, customer_id: str) -> str | None:
        from csp_tui.cache import views  # after the first frame (see the imports above)

        record = views.customer_detail(self.backend.cache, customer_id)
        return record.company_name if record else None

    def open_record(self, kind: str, key: object, *, customer_id: str | None = None) -> None:
        """A detail screen with every column of one row."""
        from csp_tui.tui.screens import detail  # after the first frame (see the imports above)

        detail.open_record(self, kind, key, customer_id=customer_id)

    def copy_text(self, text: str) -> None:
        """Send to the terminal's clipboard with OSC 52 (over SSH too, when the local terminal
        allows it), or write a file when too long to send; say which (tui/copying.py)."""
        from csp_tui.tui import copying  # after the first frame (see the imports above)

        copying.copy_text(self, text)

    def save_export(self, filename: str, text: str) -> None:
        """Save ``text`` under the exports directory (0600), on the writer thread; the notice
        (where it went, or why not) follows."""
        from csp_tui.tui.writes import write_then  # after the first frame (see the imports above)

        directory = self.settings.locations.exports_dir
        safe_name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in filename)
        path = directory / safe_name

        def save(session: WriteSession) -> None:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            os.chmod(path, 0o600)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, OSError):
                raise exc
            self.notify(t("tui.notify.save_failed", path=str(path), error=exc.strerror or exc),
                        severity="error")

        write_then(self, save, lambda _: self.notify(t("tui.notify.saved", path=str(path))),
                   failed)


    # ------------------------------------------------------------------ conventions

    def _start_theme(self, name: str) -> None:
        """The theme asked for at start (``--theme``, the profile, ``TEXTUAL_THEME``); an
        unknown name keeps Textual's default and is said on the first frame."""
        if name in self.available_themes:
            self.theme = name
            return
        self._theme_problem = t("conv.theme.unknown", theme=safe_text(name, 40),
                                current=self.theme,
                                count=len(self.available_themes))

    def action_choose_theme(self) -> None:
        from csp_tui.tui import themes  # after the first frame (see the imports above)

        themes.open_theme_palette(self)

    def action_export_view(self) -> None:
        # after the first frame (see the imports above)
        from csp_tui.tui import export as view_export

        view_export.export_view(self)

    def argument_choices(self, command: ConsoleCommand) -> list[str]:
        """What ``tab`` completes after a command word on the command line."""
        if command.name == "profile":
            return list(self.settings.profiles)
        if command.name == "theme":
            return sorted(self.available_themes)
        return list(command.choices)

    def action_switch_profile(self) -> None:
        from csp_tui.tui import profile_switch  # after the first frame (see the imports above)

        profile_switch.open_profile_palette(self)

    def request_profile(self, name: str) -> None:
        """Switch profile in a worker of the app's own: the request comes from a handler of
        the main screen that the switch removes, and a screen is removed only once its
        handlers are done (awaited there, the switch would wait for itself)."""
        self.run_worker(self.switch_profile(name), group="profile-switch", exclusive=True,
                        exit_on_error=True)

    async def switch_profile(self, name: str) -> bool:
        """``:profile NAME``: the console on another profile's back end and files, without a
        restart (tui/profile_switch.py). What was open above the main screen closes: it showed
        the old profile's records."""
        # after the first frame (see the imports above)
        from csp_tui.tui import profile_switch, themes

        if name == self.settings.profile.name:
            self.notify(t("conv.profile.already", name=safe_text(name, 40)))
            return False
        factory = self.backend_factory
        if factory is None:
            self.notify(t("conv.profile.unsupported"), severity="warning")
            return False
        settings = profile_switch.settings_for(self, name)
        if settings is None:
            return False
        language = settings.profile.language or get_language()
        settings = dataclasses.replace(settings, profile=settings.profile.model_copy(
            update={"language": language}))
        try:
            # Opening a profile's databases creates and migrates them: a write, so not here.
            backend = await asyncio.to_thread(factory, settings)
        except Exception as exc:
            self.notify(t("conv.profile.problem", name=safe_text(name, 40),
                          problem=safe_text(exc, 300)), severity="error", timeout=12)
            return False
        self._back_to_main()
        await self._stop_backend()
        old = self.backend
        self.backend = backend
        self._backend_stopped = False
        self._start_error = None
        self.status_snapshot = BackendStatus()
        self.read_only = settings.profile.read_only
        if not self._clock_given:
            self.clock = world_time(settings)
        set_language(language)
        if settings.profile.theme:
            themes.apply_theme(self, settings.profile.theme)
        self._unsubscribe = backend.subscribe(self._receive)
        # The old main screen goes first (a blank one stands in for a moment): two main
        # screens cannot exist at once (one id), and none of the old one's widgets may read
        # the new profile's files with the old profile's state.
        # The first main screen is the default screen, never pushed, so it has no result
        # callback for switch_screen to take off (Textual 8.2, pinned below 8.3).
        old_main = self.screen
        if not old_main._result_callbacks:
            old_main._push_result_callback(old_main, None)
        await self.switch_screen(Screen())
        await self.switch_screen(MainScreen())
        # Nothing reads the old profile's files any more: its connections close.
        for database in (old.cache, old.state):
            with contextlib.suppress(Exception):
                database.close()
        self.refresh_status()
        self._start_backend()
        self.notify(t("conv.profile.switched", name=safe_text(name, 40)))
        return True

    def action_copy_id(self) -> None:
        from csp_tui.tui import copying  # after the first frame (see the imports above)

        copying.copy_row_id(self)

    def action_copy_id_menu(self) -> None:
        from csp_tui.tui import copying  # after the first frame (see the imports above)

        copying.open_copy_menu(self)


#: mypy checks here that the app is what screens and widgets are given (tui/console.py).
_: type[Console] = CspApp
