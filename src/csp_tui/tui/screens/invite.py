"""Inviting an organisation that already has a Microsoft tenant (``i``, ``:invite``).

The form asks for what the e-mail and the ledger need — organisation, the admin who will accept,
the tenant's domain (how the acceptance is recognised later), the e-mail's language and, for a
distributor, the reseller the customer is attached to. Sending goes through the back end's
worker (``invitations.invite``); the result screen (``invitation_result.py``) shows the link and
the e-mail text, ready to copy (OSC 52) or save to a file when the terminal does not pass the
clipboard through.

Fields are checked here first (``validate_input``, no network) so every mistake is named next
to its field before anything is asked of Partner Center.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from csp_tui.cache import views
from csp_tui.config import Role
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import invitations
from csp_tui.services.failure_words import partner_center_failure
from csp_tui.services.invitations import InvitationInputError, InviteResult
from csp_tui.state import timestamp
from csp_tui.tui.bindings import (
    GuardedActions,
    KeySpec,
    TranslatedBindings,
    bindings,
    register,
)
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.screens.invitation_result import InvitationResultScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.tenant import TenantPane

register(
    KeySpec("invite-submit", "f2", "send_invitation", "tui.invite.key.submit",
            "tui.invite.keyhelp.submit", "invite-form", mutating=True),
    KeySpec("invite-back", "escape", "back", "tui.key.back", "tui.keyhelp.back",
            "invite-form"),
)

#: Form fields in order: (service field name, widget id suffix, label key).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("company_name", "company", "tui.invite.field.company"),
    ("contact_name", "contact-name", "tui.invite.field.contact_name"),
    ("contact_email", "contact-email", "tui.invite.field.contact_email"),
    ("domain", "domain", "tui.invite.field.domain"),
    ("language", "language", "tui.invite.field.language"),
    ("reseller_id", "reseller", "tui.invite.field.reseller"),
)
_INPUT_FIELDS = ("company_name", "contact_name", "contact_email", "domain")
_LANGUAGE_NAMES = (("cs", "tui.invite.language.cs"), ("en", "tui.invite.language.en"))


# --------------------------------------------------------------------------------- helpers


def describe_error(exc: BaseException) -> str:
    """One sentence for a person about why sending to Partner Center did not work."""
    if isinstance(exc, invitations.ReadOnlyError | invitations.RelationshipLinkError):
        return safe_text(str(exc), 300)
    failure = partner_center_failure(exc)
    if failure is not None:
        return failure
    if isinstance(exc, RuntimeError):
        # ``backend.submit`` without a running worker: a console opened on the cache only.
        return t("tui.invite.error.offline")
    return t("tui.invite.error.failed", error=safe_text(str(exc) or type(exc).__name__, 200))


@dataclass(frozen=True)
class Prefill:
    company_name: str = ""
    domain: str = ""


def prefill_from_selection(app: Console) -> Prefill:
    """The customer under the cursor when ``i`` is pressed on the customers or tenant pane."""
    try:
        main = app.main_screen
    except LookupError:
        return Prefill()
    if (app.screen is not main or not isinstance(main, MainScreen)
            or main.active_pane not in {"customers", "tenant"}):
        return Prefill()
    tenant = main.pane("tenant")
    customer_id = tenant.customer_id if isinstance(tenant, TenantPane) else None
    if not customer_id:
        return Prefill()
    detail = views.customer_detail(app.backend.cache, customer_id)
    if detail is None:
        return Prefill()
    # The domain a person would type is the organisation's own one; the initial
    # (onmicrosoft.com) domain only when it has no other.
    domain = next(iter(detail.other_domains), "") or detail.primary_domain or ""
    return Prefill(company_name=safe_text(detail.company_name, invitations.COMPANY_MAX),
                   domain=safe_text(domain, 253))


def open_invite_form(app: Console) -> InviteScreen:
    """Push the form, prefilled from the selected customer when there is one."""
    screen = InviteScreen(prefill_from_selection(app))
    app.push_screen(screen)
    return screen


# --------------------------------------------------------------------------------- the form


class FieldError(Static):
    """The problem with the field above it (hidden while there is none)."""


@with_sheets("invite")
class InviteScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """The invitation form; on success it is replaced by :class:`InvitationResultScreen`."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invite-form", "app")

    def __init__(self, prefill: Prefill | None = None) -> None:
        super().__init__(id="invite")
        self.prefill = prefill or Prefill()
        self.sending = False
        self.resellers: list[tuple[str, str]] = []  # (name, tenant id)

    @property
    def console(self) -> Console:
        return console_of(self.app)

    @property
    def is_distributor(self) -> bool:
        return self.console.settings.profile.role is Role.INDIRECT_PROVIDER

    # -- composition
    def compose(self) -> ComposeResult:
        yield Static(Text(t("tui.invite.title"), style="bold"), classes="screen-title")
        with VerticalScroll(id="invite-form", classes="invite-body"):
            yield Static(Text(t("tui.invite.intro")), classes="invite-intro")
            for field, suffix, label in FIELDS:
                if field == "reseller_id" and not self.is_distributor:
                    continue
                with Horizontal(classes="invite-row"):
                    yield Label(t(label), classes="invite-label")
                    yield self._field_widget(field, suffix)
                error = FieldError(id=f"invite-{suffix}-error", classes="invite-error")
                error.display = False
                yield error
            status = Static(id="invite-status", classes="invite-status")
            status.display = False
            yield status
            with Horizontal(classes="invite-buttons"):
                yield Button(t("tui.invite.button.submit"), id="invite-submit",
                             variant="primary", compact=True)
                yield Button(t("tui.invite.button.cancel"), id="invite-cancel", compact=True)
        yield Footer(show_command_palette=False)

    def _field_widget(self, field: str, suffix: str) -> Input | Select[str]:
        widget_id = f"invite-{suffix}"
        if field == "language":
            return Select([(t(key), code) for code, key in _LANGUAGE_NAMES], value="cs",
                          allow_blank=False, compact=True, id=widget_id)
        if field == "reseller_id":
            return Select([], prompt=t("tui.invite.reseller.loading"), compact=True,
                          id=widget_id)
        value = {"company_name": self.prefill.company_name,
                 "domain": self.prefill.domain}.get(field, "")
        placeholder = t(f"tui.invite.placeholder.{field}")
        field_input = Input(value=value, placeholder=placeholder, compact=True, id=widget_id,
                            classes="invite-input")
        field_input.cursor_blink = self.console.cursor_blink
        return field_input

    def on_mount(self) -> None:
        # The first field still empty, so a prefilled organisation goes straight to the contact.
        for field in _INPUT_FIELDS:
            widget = self.field(field)
            if isinstance(widget, Input) and not widget.value:
                widget.focus()
                break
        else:
            self.field("company_name").focus()
        if self.is_distributor:
            self._load_resellers()

    def field(self, name: str) -> Input | Select[str]:
        suffix = next(s for f, s, _ in FIELDS if f == name)
        return self.query_one(f"#invite-{suffix}")  # type: ignore[return-value]

    # -- resellers (distributor profiles)
    @work(exclusive=True, group="invite-resellers", exit_on_error=False)
    async def _load_resellers(self) -> None:
        async def fetch(session: Any) -> list[tuple[str, str]]:
            relationships = await session.client.partner_relationships(
                invitations.PROVIDER_RELATIONSHIP)
            return [(safe_text(rel.name or rel.id, 80), str(rel.id)) for rel in relationships
                    if rel.id]

        select = self.field("reseller_id")
        assert isinstance(select, Select)
        try:
            self.resellers = await asyncio.wrap_future(self.console.backend.submit(fetch))
        except Exception as exc:
            self.resellers = []
            self._show_status(t("tui.invite.reseller.failed", error=describe_error(exc)),
                              error=True)
        # The prompt is read when the options are rebuilt: set it first.
        select.prompt = t("tui.invite.reseller.choose" if self.resellers
                          else "tui.invite.reseller.none")
        select.set_options(self.resellers)

    # -- values and problems
    def values(self) -> dict[str, str | None]:
        values: dict[str, str | None] = {}
        for field in _INPUT_FIELDS:
            widget = self.field(field)
            assert isinstance(widget, Input)
            values[field] = widget.value
        language = self.field("language")
        values["language"] = str(language.value) if language.value != Select.NULL else "cs"
        reseller: str | None = None
        if self.is_distributor:
            chosen = self.field("reseller_id").value
            reseller = str(chosen) if isinstance(chosen, str) else ""
        values["reseller_id"] = reseller
        return values

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, suffix, _ in FIELDS:
            errors = self.query(f"#invite-{suffix}-error")
            if not errors:
                continue
            error = errors.first(FieldError)
            problem = problems.get(field)
            error.update(Text(problem or ""))
            error.display = bool(problem)
            self.field(field).set_class(bool(problem), "-invalid")
        # A problem the form has no field for (e.g. a reseller on a reseller's profile).
        other = [text for field, text in problems.items()
                 if not self.query(f"#invite-{_suffix(field)}-error")]
        if other:
            self._show_status("\n".join(other), error=True)
        first = next((field for field, _, _ in FIELDS if field in problems), None)
        if first is not None and self.query(f"#invite-{_suffix(first)}"):
            self.field(first).focus()

    @on(Input.Changed, ".invite-input")
    def _recheck(self, event: Input.Changed) -> None:
        """A field that shows what was wrong with it is checked again as it is corrected, so
        its message never outlives the mistake."""
        field = next((f for f, suffix, _ in FIELDS if event.input.id == f"invite-{suffix}"),
                     None)
        errors = self.query(f"#invite-{_suffix(field)}-error") if field else None
        if not errors or not errors.first(FieldError).display:
            return
        try:
            invitations.validate_input(self.console.settings.profile,
                                       **self.values())  # type: ignore[arg-type]
            problem = None
        except InvitationInputError as exc:
            problem = exc.problems.get(field or "")
        error = errors.first(FieldError)
        error.update(Text(problem or ""))
        error.display = bool(problem)
        event.input.set_class(bool(problem), "-invalid")

    def _show_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#invite-status", Static)
        status.update(Text(message))
        status.set_class(error, "-error")
        status.display = bool(message)

    # -- moving and sending
    @on(Input.Submitted, ".invite-input")
    def _field_submitted(self, event: Input.Submitted) -> None:
        """``enter`` moves on; on the last field it sends."""
        event.stop()
        if event.input.id == "invite-domain":
            self.action_send_invitation()
        else:
            self.focus_next()

    @on(Button.Pressed, "#invite-submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_send_invitation()

    @on(Button.Pressed, "#invite-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    def action_back(self) -> None:
        self.dismiss()

    def action_send_invitation(self) -> None:
        if self.sending or self.console.read_only:
            return
        values = self.values()
        try:
            invitations.validate_input(self.console.settings.profile, **values)  # type: ignore[arg-type]
        except InvitationInputError as exc:
            self._show_status("")
            self.show_problems(exc.problems)
            return
        self.show_problems({})
        self._show_status(t("tui.invite.sending"))
        self.sending = True
        self._send(values)

    @work(exclusive=True, group="invite", exit_on_error=False)
    async def _send(self, values: dict[str, str | None]) -> None:
        now = timestamp(self.console.now())

        async def job(session: Any) -> InviteResult:
            return await invitations.invite(session, now=now, **values)  # type: ignore[arg-type]

        try:
            result = await asyncio.wrap_future(self.console.backend.submit(job))
        except InvitationInputError as exc:
            self._show_status("")
            self.show_problems(exc.problems)
            return
        except Exception as exc:
            self._show_status(describe_error(exc), error=True)
            return
        finally:
            self.sending = False
        self.console.schedule_refresh(frozenset({"invitations"}))
        result_screen = InvitationResultScreen(
            result, kind="duplicate" if result.duplicate else "new")
        if self.app.screen is self:
            self.app.switch_screen(result_screen)
        else:
            # The person went elsewhere meanwhile: the link and e-mail are still theirs.
            self.app.push_screen(result_screen)


def _suffix(field: str) -> str:
    return next((s for f, s, _ in FIELDS if f == field), field)
