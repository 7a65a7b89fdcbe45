"""The console application.

The app owns the state: it subscribes to the back end, turns its events into messages, and
its handlers update the widgets. Screens read the cache through ``cache/views.py``; nothing
here waits on the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

import csp_tui
from csp_tui.cache import views
from csp_tui.config import Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import set_language, t
from csp_tui.services import events as ev
from csp_tui.signals import exit_code, on_ending_signals
from csp_tui.state import views as state_views
from csp_tui.tui.backend import BackendStatus, ConsoleBackend
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.commands import COMMANDS, ConsoleCommand, ConsoleCommandProvider, resolve
from csp_tui.tui.messages import BackendEvent
from csp_tui.tui.screens.log import CommandLogScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.typeahead import KeyGate, is_typed

if TYPE_CHECKING:
    from textual.command import Provider

    from csp_tui.tui.screens.help import HelpScreen
    from csp_tui.tui.screens.sign_in import SignInScreen

# Only what the first frame needs is imported above. Every other screen is imported where it
# is opened: the subscription and invitation screens bring the REST stack (httpx, the Partner
# Center client, its pydantic models), which the console must not wait for at start.

#: How long a refusal explained in words stays (it is longer than a notice, and the entry
#: stays in the outbox and the command log after it is gone).
ERROR_SECONDS = 12

# app.tcss first (theme-wide rules), then every other sheet in name order: a screen added in
# its own module brings its own sheet without touching this list.
_FIRST_STYLES = ("app.tcss", "panes.tcss", "screens.tcss")


def styles_dir() -> Path:
    """The installed package carries ``csp_tui/styles``; an editable install uses the repo's."""
    packaged = Path(csp_tui.__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(csp_tui.__file__).resolve().parents[2] / "styles"


def world_time(settings: Settings) -> Callable[[], datetime]:
    """The clock of the world this console shows, in the local time zone: the sandbox's
    virtual clock for a sandbox profile, the wall clock for Partner Center."""
    from csp_tui.world_clock import world_clock_for

    clock = world_clock_for(settings)
    return lambda: clock.now().astimezone()


def subscription_views_provider() -> type[Provider]:
    """The palette's subscription views, imported when the palette first asks for them
    (Textual accepts a callable that returns the provider class in ``COMMANDS``)."""
    from csp_tui.tui.screens.subscription_detail import SubscriptionViewsProvider

    return SubscriptionViewsProvider


class CspApp(GuardedActions, TranslatedBindings, App[None]):
    """csp-tui's console. ``CspApp(backend).run()``."""

    TITLE = "csp-tui"
    CSS_PATH: ClassVar = [styles_dir() / name for name in _FIRST_STYLES] + sorted(
        path for path in styles_dir().glob("*.tcss") if path.name not in _FIRST_STYLES)
    BINDINGS: ClassVar = bindings("app")
    COMMANDS: ClassVar = App.COMMANDS | {ConsoleCommandProvider, subscription_views_provider}
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
        if theme:
            self.theme = theme
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
            await self.key_gate.receive(event)  # type: ignore[arg-type]
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
        from textual.command import CommandPalette

        from csp_tui.tui.palette import ConsolePalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ConsolePalette(id="--command-palette"))

    def on_mount(self) -> None:
        # e.g. "the cache was unreadable, moved aside, a sync rebuilds it"
        for notice in getattr(self.backend, "notices", ()):
            self.notify(safe_text(notice, 500), severity="warning", timeout=15)
        if self.settings.keymap:
            from csp_tui.tui.keymap_check import keymap_problems

            for problem in keymap_problems(self.settings.keymap):
                self.notify(safe_text(problem, 300), severity="warning", timeout=15)
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
        event = message.event
        if isinstance(event, ev.CacheChanged):
            self.schedule_refresh(event.tables)
        elif isinstance(event, ev.SyncFinished) and event.ok:
            # A failed sync is told by the status bar (in the error colour) until the next
            # one succeeds; a toast would hide the very line that says it.
            self.schedule_refresh(None)
        elif isinstance(event, ev.OutboxUpdated):
            subject = safe_text(event.subject, 120)
            if event.state == "done":
                self.notify(t("tui.notify.outbox_done", subject=subject))
                self._offer_password_reset(event.entry_id)
            elif event.state in {"failed", "needs_attention"}:
                self._explain_outbox_failure(event, subject)
        elif isinstance(event, ev.InvitationAccepted):
            self.notify(t("tui.notify.invitation_accepted",
                          company=safe_text(event.company_name, 120)))
            self.schedule_refresh(frozenset({"invitations", "customers"}))
        elif isinstance(event, ev.SignInRequired):
            self.on_sign_in_required(event.reason)
        self.refresh_status(event)

    def _offer_password_reset(self, entry_id: str) -> None:
        """A tenant created while nobody could see its password (a crash mid-create): say so,
        with the way to a new one."""
        from csp_tui.services import password_reset
        from csp_tui.state import outbox

        entry = outbox.get(self.backend.state, entry_id)
        if entry is not None and password_reset.credentials_lost(entry):
            from csp_tui.tui.password_reset_flow import console_offer_text

            self.notify(console_offer_text(entry), severity="warning", timeout=60)
        elif entry is not None and entry.kind == password_reset.KIND_RESET_PASSWORD:
            # A reset this console's worker sent (queued here or by the CLI): shown here, once.
            from csp_tui.tui.password_reset_flow import show_new_password

            show_new_password(self, entry)

    def _explain_outbox_failure(self, event: ev.OutboxUpdated, subject: str) -> None:
        """Partner Center refused a queued change: say why in words, not as a code."""
        from csp_tui.state import outbox
        from csp_tui.tui.screens.subscription_actions import explain_entry

        entry = outbox.get(self.backend.state, event.entry_id)
        if entry is not None and entry.kind in {"patch_subscription", "create_qualification"}:
            self.notify(explain_entry(self, entry),
                        title=t("subs.notify.refused", subject=subject),
                        severity="error", timeout=ERROR_SECONDS)
            return
        self.notify(t("tui.notify.outbox_failed", subject=subject,
                      error=safe_text(event.error or t("tui.unknown"), 200)),
                    severity="error")

    def refresh_status(self, event: ev.Event | None = None) -> None:
        status = self.backend.status()
        # The event may be newer than what status() reports (it is published first).
        if isinstance(event, ev.SyncStarted):
            status = _replace(status, sync_state="running", progress=None)
        elif isinstance(event, ev.SyncProgress):
            status = _replace(status, sync_state="running", progress=(event.done, event.total))
        elif isinstance(event, ev.SyncFinished) and status.sync_state == "running":
            status = _replace(
                status, sync_state="idle" if event.ok else "error", progress=None,
                last_error=None if event.ok else event.error,
                last_success_at=(event.finished_at or self.now()) if event.ok
                else status.last_success_at)
        if isinstance(event, ev.SyncFinished) and event.ok:
            self._start_error = None
        if self._start_error and status.sync_state != "running":
            # The back end never started: say so until it does something.
            status = _replace(status, sync_state="error", last_error=self._start_error)
        self.status_snapshot = status
        self._show_status(status)

    def _show_status(self, status: BackendStatus) -> None:
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
        try:
            self.main_screen.refresh_data(tables)
        except LookupError:
            return
        if isinstance(self.screen, CommandLogScreen):
            self.screen.refresh_data()

    # ------------------------------------------------------------------ read-only & commands

    def command_allowed(self, command: ConsoleCommand) -> bool:
        return not (command.mutating and self.read_only)

    async def execute_command(self, text: str) -> bool:
        """Run a ``:`` command line; False (and a message) when it is unknown or not allowed."""
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
        if not self.command_allowed(command):
            return
        if command.name == "language":
            self.switch_language(argument)
            return
        if command.name == "subscriptions" and argument:
            from csp_tui.tui.screens.subscription_detail import run_subscriptions_command

            # ":subs renewing", ":subs window" … name a view; anything else is a filter.
            if run_subscriptions_command(self, argument):
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
        from csp_tui.tui.language import switch_language

        return switch_language(self, language)

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
        if not isinstance(self.screen, CommandLogScreen):
            self.push_screen(CommandLogScreen())

    def action_help(self) -> None:
        from csp_tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(self.help_screen_for(self.screen))

    def help_screen_for(self, screen: Screen[Any]) -> HelpScreen:
        from csp_tui.tui.screens.help import HelpScreen

        # One line per action, with every key that triggers it ("q, ^q"); what the footer
        # shows comes first, then moving around (arrows, pages).
        grouped: dict[tuple[str, str], tuple[list[str], str]] = {}
        ordered = sorted(screen.active_bindings.values(), key=lambda a: not a.binding.show)
        for active in ordered:
            binding = active.binding
            if binding.system or not binding.description or not active.enabled:
                continue
            if binding.action == "screen.copy_text":  # mouse selection, not a console key
                continue
            entry = grouped.setdefault((binding.action, binding.description),
                                       ([], binding.tooltip))
            display = self.get_key_display(binding)
            if display not in entry[0]:
                entry[0].append(display)
        keys = [(", ".join(displays), label, tooltip)
                for (_, label), (displays, tooltip) in grouped.items()]
        commands: list[tuple[str, str, str]] = []
        if isinstance(screen, MainScreen):
            for command in COMMANDS:
                if self.command_allowed(command):
                    spelled = ":" + command.name
                    if command.aliases:
                        spelled += f" ({', '.join(':' + alias for alias in command.aliases)})"
                    commands.append((spelled, t(command.title), t(command.help)))
        legend = [t("tui.help.attention_mark")] if isinstance(screen, MainScreen) else []
        return HelpScreen(self._context_name(screen), keys, commands, legend)

    def _context_name(self, screen: Screen[Any]) -> str:
        from csp_tui.tui.screens.detail import DetailScreen

        if isinstance(screen, MainScreen):
            return t(f"tui.pane.{screen.active_pane}")
        if isinstance(screen, CommandLogScreen):
            return t("tui.pane.log")
        if isinstance(screen, DetailScreen):
            return screen.record_title
        return t("app.title")

    # ------------------------------------------------------------------ hooks (wired later)

    def open_new_tenant(self) -> None:
        """Start the new-tenant form (offering to continue a saved draft)."""
        if self.read_only:
            return
        from csp_tui.tui.screens.new_tenant import open_new_tenant_form

        open_new_tenant_form(self)

    def open_invite(self) -> None:
        """Start the reseller-relationship invitation (prefilled from the selected customer)."""
        if self.read_only:
            return
        from csp_tui.tui.screens.invite import open_invite_form

        open_invite_form(self)

    def open_subscription_actions(self, subscription_id: str,
                                  customer_id: str | None = None) -> None:
        """Changes to one subscription (quantity, auto-renew, suspend) of ``customer_id``."""
        if self.read_only:
            return
        from csp_tui.tui.screens.subscription_actions import open_subscription_actions

        open_subscription_actions(self, subscription_id, customer_id=customer_id)

    def cancel_invitation(self, invitation_id: str) -> None:
        """Mark an invitation cancelled in the ledger, once the user confirmed it."""
        if self.read_only:
            return
        from csp_tui.tui.screens.invitation_actions import confirm_cancel

        confirm_cancel(self, invitation_id)

    def on_sign_in_required(self, reason: str) -> None:
        """Partner Center wants a new sign-in: say why, then show the device code."""
        self.notify(t("tui.notify.sign_in_required", reason=safe_text(reason, 200)),
                    severity="warning")
        if not self.settings.profile.is_sandbox:
            self.action_sign_in()

    def action_sign_in(self) -> None:
        from csp_tui.tui.sign_in_flow import run_sign_in

        # exclusive: a second "sign-in required" while the code is shown replaces nothing.
        if any(w.group == "sign-in" and w.is_running for w in self.workers):
            return
        self.run_worker(run_sign_in(self), group="sign-in", exclusive=True,
                        exit_on_error=False)

    def show_sign_in(self, prompt_text: str, user_code: str, url: str,
                     callback: Callable[[bool | None], Any] | None = None) -> SignInScreen:
        from csp_tui.tui.screens.sign_in import SignInScreen

        screen = SignInScreen(prompt_text, user_code, url)
        self.push_screen(screen, callback)
        return screen

    # ------------------------------------------------------------------ records, clipboard, files

    def customer_name(self, customer_id: str) -> str | None:
        record = views.customer_detail(self.backend.cache, customer_id)
        return record.company_name if record else None

    def open_record(self, kind: str, key: object, *, customer_id: str | None = None) -> None:
        """A detail screen with every column of one row."""
        if kind == "customer":
            record = views.customer_record(self.backend.cache, str(key))
            if record is not None:
                self.backend.request_customer_refresh(str(key))
        elif kind == "subscription":
            record = views.subscription_record(self.backend.cache, str(key),
                                               customer_id=customer_id)
        elif kind == "invitation":
            record = state_views.invitation_record(self.backend.state, str(key))
        elif kind == "command":
            record = state_views.command_record(self.backend.state, int(key))  # type: ignore[call-overload]
        else:
            raise ValueError(kind)
        if record is None:
            self.notify(t("tui.notify.record_gone"), severity="warning")
            return
        title_field = {"customer": "company_name", "subscription": "id",
                       "invitation": "company_name", "command": "path"}[kind]
        if kind == "subscription":
            title_field = "friendly_name" if record.get("friendly_name") else (
                "product_name" if "product_name" in record else "offer_name")
        title = f"{t('tui.record.' + kind)}: {record.get(title_field) or key}"
        # Folded and collation-key columns are search machinery, not facts about the row.
        fields = [(name, value) for name, value in record.items()
                  if not (name.endswith("_fold") or name == "sort_key")]
        # The screen labels each column from the catalog and writes values for the language
        # ("kind" says what "status" means); its copy keeps the raw names for scripts.
        from csp_tui.tui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(title, fields, kind=kind, zone=self.now().tzinfo))

    def copy_text(self, text: str) -> None:
        """Copy with OSC 52 (works over SSH when the local terminal allows it) and say so."""
        self.copy_to_clipboard(text)
        self.notify(t("tui.notify.copied", count=len(text)))

    def save_export(self, filename: str, text: str) -> Path | None:
        directory = self.settings.locations.exports_dir
        safe_name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in filename)
        path = directory / safe_name
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            os.chmod(path, 0o600)
        except OSError as exc:
            self.notify(t("tui.notify.save_failed", path=str(path), error=exc.strerror or exc),
                        severity="error")
            return None
        self.notify(t("tui.notify.saved", path=str(path)))
        return path


def _replace(status: BackendStatus, **changes: Any) -> BackendStatus:
    from dataclasses import replace

    return replace(status, **changes)
