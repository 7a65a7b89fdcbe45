"""Education qualification of a customer: how the review is going, and asking for it.

Academic prices need the customer qualified as Education. :class:`EducationScreen` shows the
customer's qualifications as last synced ("in review for 2 days (usually up to 3 working
days)", "denied: <Microsoft's reason>") and, unless one is already in review or approved,
takes the request: the education segment (K12 schools or higher education) and, to speed the
vetting, the school's website. The request is confirmed (a qualification cannot be undone),
queued in the outbox and followed like any other change.

For a role whose distributor requests qualifications (an indirect reseller, see
:mod:`csp_tui.domain.roles`) the same form, checked the same way, ends with a complete request
for the distributor — saved and shown, never queued; a role with no way to request it sees the
status only.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, Static

from csp_tui.domain import roles
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import qualifications as service
from csp_tui.services.writer import WriteSession
from csp_tui.state import NotFoundError
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.screens.change_follow import follow_outbox
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.distributor_request import show_request
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.writes import write_then

register(
    KeySpec("education-close", "escape", "edu_close", "tui.key.back", "subs.keyhelp.close",
            "education"),
)

SEGMENTS: tuple[str, ...] = ("K12", "HigherEducation")


def qualification_lines(cache: Any, customer_id: str, now: Any) -> list[str]:
    """The customer's qualifications in words, one line each ("Education: in review for
    2 days (usually up to 3 working days)"); empty when there is none. For the tenant pane and
    the customer detail."""
    return [status.text for status in service.qualification_status(cache, customer_id, now)]


def can_request(cache: Any, customer_id: str, now: Any) -> bool:
    """False while an Education request is in review or once it is approved."""
    for status in service.qualification_status(cache, customer_id, now):
        if status.qualification == service.EDUCATION and status.status in (
                "in_review", "approved", "set"):
            return False
    return True


class WebsiteInput(Input):
    """The school's website (optional)."""


@with_sheets("subscriptions")
class EducationScreen(GuardedActions, TranslatedBindings, ModalScreen[None]):
    """Status of the customer's qualifications, and the Education request."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("education")

    def __init__(self, customer_id: str) -> None:
        super().__init__(classes="subs-modal")
        self.customer_id = customer_id.strip().lower()
        self.route = roles.Access.API

    @property
    def distributor(self) -> bool:
        """The request is one for the distributor (nothing goes to Partner Center)."""
        return self.route is roles.Access.DISTRIBUTOR

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def _customer(self) -> str:
        return safe_text(self.console.customer_name(self.customer_id) or self.customer_id, 120)

    def compose(self) -> ComposeResult:
        console = self.console
        now = console.now()
        cache = console.backend.cache
        self.route = service.route(console.settings.profile)
        lines = qualification_lines(cache, self.customer_id, now)
        requestable = (not console.read_only and self.route is not roles.Access.REFUSED
                       and can_request(cache, self.customer_id, now))
        with Vertical(classes="subs-box subs-education"):
            yield Static(Text(t("subs.edu.title", customer=self._customer()), style="bold"),
                         classes="subs-box-title")
            yield Static(Text(t("subs.edu.status")), classes="subs-label")
            for line in lines or [t("subs.edu.none")]:
                yield Static(Text(safe_text(line, 400)), classes="edu-status")
            if requestable:
                if self.distributor:
                    yield Static(Text(t("roles.edu.note")), classes="subs-note",
                                 id="edu-distributor")
                yield Static(Text(t("subs.edu.segment")), classes="subs-label")
                with RadioSet(id="edu-segment"):
                    for index, segment in enumerate(SEGMENTS):
                        yield RadioButton(t(f"qual.segment.{segment}"), value=index == 0,
                                          id=f"edu-{segment.lower()}")
                yield Static(Text(t("subs.edu.website")), classes="subs-label")
                field = WebsiteInput(placeholder=t("subs.edu.website_placeholder"),
                                     compact=True, id="edu-website")
                field.cursor_blink = getattr(console, "cursor_blink", True)
                yield field
                yield Static(Text(t("subs.edu.note", days=service.EXPECTED_WORKING_DAYS)),
                             classes="subs-note")
                yield Static(Text(""), classes="subs-message")
                yield Button(t("roles.edu.send" if self.distributor else "subs.edu.send"),
                             id="edu-send", compact=True)
            elif console.read_only:
                yield Static(Text(t("subs.edu.read_only")), classes="subs-note")
            elif self.route is roles.Access.REFUSED:
                yield Static(Text(t("roles.edu.refused")), classes="subs-note")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        segments = self.query(RadioSet)
        if segments:
            segments.first().focus()

    # -- the request
    @property
    def segment(self) -> str | None:
        chosen = self.query_one(RadioSet).pressed_index
        return SEGMENTS[chosen] if 0 <= chosen < len(SEGMENTS) else None

    def _say(self, text: str) -> None:
        message = self.query_one(".subs-message", Static)
        message.update(Text(safe_text(text, 400)))
        message.display = bool(text)

    @on(Input.Submitted, "#edu-website")
    def _website_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.send()

    @on(Button.Pressed, "#edu-send")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.send()

    def send(self) -> None:
        """Check what was typed, confirm, then queue the request."""
        if self.console.read_only:
            return
        segment = self.segment
        website = self.query_one(WebsiteInput).value.strip() or None
        problems: list[str] = []
        if segment is None:
            problems.append(t("qual.error.segment"))
        if website is not None:
            _, problem = service._normalise_website(website, None)
            if problem:
                problems.append(problem)
        if problems:
            self._say(" ".join(problems))
            return
        assert segment is not None
        customer = self._customer()
        rows = [(t("subs.confirm.customer"), customer),
                (t("subs.edu.segment"), t(f"qual.segment.{segment}")),
                (t("subs.edu.website"), website or "—"),
                (t("subs.confirm.effect"), t("subs.edu.effect",
                                             days=service.EXPECTED_WORKING_DAYS))]

        def answered(yes: bool | None) -> None:
            if yes and self.distributor:
                self._prepare(segment, website)
            elif yes:
                self._queue(segment, website)

        if self.distributor:
            confirm = ConfirmChangeScreen(t("roles.edu.confirm_title"), rows,
                                          [t("roles.confirm.nothing_sent"), t("subs.edu.final")],
                                          final=True, distributor=True)
        else:
            confirm = ConfirmChangeScreen(t("subs.edu.confirm_title"), rows,
                                          [t("subs.edu.final")], final=True)
        self.app.push_screen(confirm, answered)

    def _prepare(self, segment: str, website: str | None) -> None:
        """The reseller's way: the checked request for the distributor, saved (on the writer
        thread) and shown."""
        console = self.console
        customer_id, settings, now = self.customer_id, console.settings, console.now()
        language = get_language()

        def write(session: WriteSession) -> Any:
            return service.education_request_for_distributor(
                session.cache, customer_id, segment, website, profile=settings.profile,
                exports_dir=settings.locations.exports_dir, now=now, language=language)

        def written(request: Any) -> None:
            subject = t("roles.edu.subject", customer=self._customer())
            if self.is_active:  # (not closed while the request was being saved)
                self.dismiss(None)
            show_request(console, request, subject)

        write_then(console, write, written, self._refused)

    def _refused(self, exc: Exception) -> None:
        """Why the rules, the profile or the disk refused the request, said on this screen
        (or as a notice, if it was closed meanwhile)."""
        if isinstance(exc, service.QualificationInputError):
            why = " ".join(exc.problems.values())
        elif isinstance(exc, service.QualificationExistsError | service.ReadOnlyError
                        | service.ActionNotAllowedError | NotFoundError):
            why = str(exc)
        elif isinstance(exc, OSError):
            why = t("roles.request.failed", error=str(exc.strerror or exc))
        else:
            raise exc
        if self.is_mounted:
            self._say(why)
        else:
            self.console.notify(safe_text(why, 400), severity="warning")

    def _queue(self, segment: str, website: str | None) -> None:
        """Queue the request in the outbox (on the writer thread), send it now, follow it."""
        console = self.console
        customer_id, profile = self.customer_id, console.settings.profile

        def write(session: WriteSession) -> Any:
            return service.request_education(session.state, session.cache, customer_id,
                                             segment, website, profile=profile)

        def queued(entry: Any) -> None:
            console.notify(t("subs.notify.queued", subject=safe_text(entry.subject, 120)))
            console.backend.kick_outbox()
            console.refresh_status()
            follow_outbox(console, entry.id)
            if self.is_active:  # (not closed while the request was being queued)
                self.dismiss(None)

        write_then(console, write, queued, self._refused)

    def action_edu_close(self) -> None:
        self.dismiss(None)


def open_education(console: Console, customer_id: str) -> bool:
    """The Education qualification of one customer (status; the request unless read-only)."""
    if not customer_id or console.customer_name(customer_id) is None:
        console.notify(t("tui.notify.record_gone"), severity="warning")
        return False
    console.push_screen(EducationScreen(customer_id))
    return True
