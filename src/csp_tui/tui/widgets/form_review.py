"""The last step of the new-tenant form: exactly what will be created, then create it once.

Creating goes through the outbox (``onboarding.submit`` → ``kick_outbox``): the entry exists
before anything is sent, a second press finds the same entry, and the screen waits for that
entry's ``OutboxUpdated`` to settle. The state in state.db is what counts; the event only says
"look again". The one-time credentials reach this screen through the sink given to ``submit``
(or ``backend.take_credentials``) and go straight into the result — never to a file.

For an indirect reseller the same step writes the request for the distributor instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import events as ev
from csp_tui.services import onboarding
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry, OutboxState
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import console_of
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("tenant-confirm-back", "escape", "back", "tui.key.back",
            "tenant_form.keyhelp.confirm_back", "new-tenant-confirm"),
)

#: What the confirmation ends with: a created tenant, a request for the distributor, or None
#: (back to the form).
Outcome = onboarding.CreatedTenant | onboarding.DistributorPackage


class EntryChanged(Message):
    """An outbox entry moved (posted from the worker thread; the handler reads state.db)."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


def summary_table(summary: Sequence[tuple[str, str]]) -> Table:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for key, value in summary:
        table.add_row(Text(t(key)), Text(safe_text(value)))
    return table


@with_sheets("new_tenant")
class TenantConfirmScreen(GuardedActions, TranslatedBindings, Screen[Outcome | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-confirm", "app")

    def __init__(self, prepared: onboarding.Prepared, *, notes: Sequence[str] = (),
                 with_reseller: bool = False) -> None:
        super().__init__(id="new-tenant-confirm")
        self.prepared = prepared
        self.with_reseller = with_reseller
        self.notes = [safe_text(note) for note in notes if note]
        self.for_distributor = prepared.capability == "request_distributor"
        self.entry_id: str | None = None
        self.busy = False
        self.may_leave = True
        self.settled = False
        self._credentials: dict[str, dict[str, str]] = {}
        self._credentials_lock = threading.Lock()
        self._unsubscribe: Callable[[], None] | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        request = self.prepared.request
        company = safe_text(request.company_name) if request else ""
        domain = request.domain if request else ""
        title = ("tenant_form.confirm.title.distributor" if self.for_distributor
                 else "tenant_form.confirm.title")
        yield Static(Text(t(title), style="bold"), classes="screen-title")
        with VerticalScroll(id="confirm-body"):
            effect = ("tenant_form.confirm.effect.distributor" if self.for_distributor
                      else "tenant_form.confirm.effect")
            yield Static(Text(t(effect, company=company)), id="confirm-effect")
            yield Static(Text(t("tenant_form.confirm.domain_forever", domain=domain)),
                         id="confirm-domain")
            if self.with_reseller and request is not None:
                if self.prepared.reseller_name:
                    line = t("tenant_form.confirm.reseller",
                             name=safe_text(self.prepared.reseller_name))
                else:
                    line = t("tenant_form.confirm.own_customer")
                yield Static(Text(line), id="confirm-reseller")
            for note in self.notes:
                yield Static(Text(note), classes="confirm-note")
            yield Static(summary_table(self.prepared.summary), id="confirm-summary")
        # Outside the scrolling summary: what is happening stays in sight at 80×24.
        yield Static("", id="confirm-status")
        with Horizontal(id="confirm-buttons"):
            label = ("tenant_form.confirm.prepare" if self.for_distributor
                     else "tenant_form.confirm.create")
            yield Button(t(label), id="confirm-create", variant="primary", compact=True)
            yield Button(t("tenant_form.confirm.back"), id="confirm-back", compact=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-status", Static).display = False
        self.query_one("#confirm-create", Button).focus()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _status(self, text: str, kind: str = "note") -> None:
        status = self.query_one("#confirm-status", Static)
        status.update(Text(text))
        for name in ("note", "error"):
            status.set_class(name == kind, f"-{name}")
        status.display = bool(text)

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#confirm-create")
    def _create_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_create()

    @on(Button.Pressed, "#confirm-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    def action_back(self) -> None:
        # While Partner Center is creating the tenant, leaving would lose the one-time
        # password: the screen stays until the entry settles (or waits for a retry).
        if self.busy and not self.may_leave:
            return
        self.dismiss(None)

    def action_create(self) -> None:
        # A second press while the first is under way does nothing here; a press after a
        # restart finds the same outbox entry (onboarding.submit deduplicates by domain).
        if self.busy or self.settled:
            return
        self.busy = True
        self.may_leave = False
        self.query_one("#confirm-body").focus()
        self.query_one("#confirm-create", Button).disabled = True
        self.query_one("#confirm-back", Button).disabled = True
        if self.for_distributor:
            self._prepare_package()
        else:
            self._create()

    # ------------------------------------------------------------------ creating

    def _keep_credentials(self, entry_id: str, credentials: dict[str, str]) -> None:
        """Called on the worker thread by whichever runner sent the entry."""
        with self._credentials_lock:
            self._credentials[entry_id] = dict(credentials)

    def _credentials_for(self, entry_id: str) -> dict[str, str] | None:
        with self._credentials_lock:
            mine = self._credentials.pop(entry_id, None)
        return mine or console_of(self.app).backend.take_credentials(entry_id)

    def _on_backend_event(self, event: ev.Event) -> None:
        # The back end calls this from its own thread: only post.
        if isinstance(event, ev.OutboxUpdated):
            self.post_message(EntryChanged(event.entry_id))

    @work(exclusive=True, group="tenant-create", exit_on_error=False)
    async def _create(self) -> None:
        backend = console_of(self.app).backend
        prepared = self.prepared
        sink = self._keep_credentials
        if self._unsubscribe is None:
            self._unsubscribe = backend.subscribe(self._on_backend_event)

        async def work_(session: Any) -> OutboxEntry:
            return onboarding.submit(session, prepared, secret_sink=sink)

        self._status(t("tenant_form.confirm.sending", state=t("state.outbox.state.queued")))
        try:
            entry = await asyncio.wrap_future(backend.submit(work_))
        except Exception as exc:  # offline worker, read-only, invalid: said in words
            self._fail(t("tenant_form.confirm.error", error=safe_text(str(exc), 300)))
            return
        self.entry_id = entry.id
        if entry.state is not OutboxState.DONE:
            backend.kick_outbox()
        self._look_again()

    @on(EntryChanged)
    def _entry_changed(self, message: EntryChanged) -> None:
        if message.entry_id == self.entry_id:
            self._look_again()

    def _look_again(self) -> None:
        if self.entry_id is None or self.settled:
            return
        entry = outbox.get(console_of(self.app).backend.state, self.entry_id)
        if entry is None:
            return
        if entry.state is OutboxState.DONE:
            self.settled = True
            credentials = self._credentials_for(entry.id)
            self.dismiss(onboarding.result_view(entry, credentials))
        elif entry.state in (OutboxState.FAILED, OutboxState.NEEDS_ATTENTION):
            self.settled = True
            self._fail(t("tenant_form.confirm.failed",
                         reason=safe_text(onboarding.explain_failure(entry), 600)),
                       retry=False)
        elif entry.state is OutboxState.QUEUED and entry.error_message:
            # Retried later by the background worker (same key): the person need not wait.
            self._status(t("tenant_form.confirm.retrying",
                           error=safe_text(entry.error_message, 200)))
            self.may_leave = True
            self.query_one("#confirm-back", Button).disabled = False
        else:
            self._status(t("tenant_form.confirm.sending",
                           state=t(f"state.outbox.state.{entry.state.value}")))

    def _fail(self, text: str, *, retry: bool = True) -> None:
        self._status(text, "error")
        self.busy = False
        self.may_leave = True
        self.query_one("#confirm-create", Button).disabled = not retry
        back = self.query_one("#confirm-back", Button)
        back.disabled = False
        back.focus()

    # ------------------------------------------------------------------ the reseller's way

    @work(exclusive=True, group="tenant-create", exit_on_error=False)
    async def _prepare_package(self) -> None:
        backend = console_of(self.app).backend
        prepared = self.prepared
        language = get_language()

        async def work_(session: Any) -> onboarding.DistributorPackage:
            return onboarding.distributor_package(session, prepared, language=language)

        try:
            package = await asyncio.wrap_future(backend.submit(work_))
        except Exception as exc:
            self._fail(t("tenant_form.confirm.error", error=safe_text(str(exc), 300)))
            return
        self.settled = True
        self.dismiss(package)
