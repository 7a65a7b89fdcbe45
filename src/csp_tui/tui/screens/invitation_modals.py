"""The small dialogs of the invitations pane: the menu (``m``), the cancel confirmation
(``x``) and the note (``a``), each naming the organisation it is about."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.state.invitations import Invitation
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.invitation_keys import MENU_ENTRIES, available
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.narrow_safe import NarrowSafeOptionList


def invitation_name(invitation: Invitation) -> str:
    """The organisation an invitation is for, safe to show."""
    return safe_text(invitation.company_name, 120)


def _describe(invitation: Invitation) -> Text:
    text = Text(invitation_name(invitation), style="bold")
    text.append(f"  {safe_text(invitation.domain, 120)}")
    if invitation.contact_email:
        text.append(f"  {safe_text(invitation.contact_email, 120)}", style="dim")
    return text


@with_sheets("invite")
class InvitationMenuScreen(GuardedActions, TranslatedBindings, ModalScreen[str | None]):
    """``m``: the actions for one invitation; returns the chosen action."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invitation-modal")

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-menu")
        self.invitation = invitation

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def entries(self) -> list[tuple[str, str, str]]:
        app = self.console
        return [(action, key, label) for action, key, label in MENU_ENTRIES
                if available(action, self.invitation.status, app.settings, app.read_only)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.menu.title"), style="bold"),
                         classes="invitation-box-title")
            yield Static(_describe(self.invitation), classes="invitation-subject")
            options = []
            for action, key, label in self.entries():
                prompt = Text(f"{key}  ", style="bold")
                prompt.append(t(label))
                options.append(Option(prompt, id=action))
            yield NarrowSafeOptionList(*options, id="invitation-menu-options")
            yield Static(Text(t("tui.invitations.menu.hint")), classes="invitation-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        # Nothing chosen until the person moves or presses a letter: an enter typed ahead (or
        # one too many) must not send a reminder, which the ledger would count.
        options.highlighted = None
        options.focus()

    def on_key(self, event: events.Key) -> None:
        # The letters shown beside the entries do what they say, as on the pane.
        for action, key, _label in self.entries():
            if event.character == key:
                event.stop()
                self.dismiss(action)
                return

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


@with_sheets("invite")
class ConfirmCancelScreen(GuardedActions, TranslatedBindings, ModalScreen[bool]):
    """"Cancel the invitation for X?" with what that does; ``y`` yes, ``n``/``esc`` no."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invitation-modal", "invitation-confirm")

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-confirm")
        self.invitation = invitation

    def compose(self) -> ComposeResult:
        invitation = self.invitation
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.cancel.question",
                                company=invitation_name(invitation),
                                domain=safe_text(invitation.domain, 120)), style="bold"),
                         classes="invitation-box-title")
            yield Static(Text(t("tui.invitations.cancel.effect")), classes="invitation-effect")
            with Horizontal(classes="invitation-buttons"):
                yield Button(t("tui.invitations.cancel.yes"), id="invitation-confirm-yes",
                             variant="error", compact=True)
                yield Button(t("tui.invitations.cancel.no"), id="invitation-confirm-no",
                             compact=True)

    def on_mount(self) -> None:
        # The harmless answer has the focus: an extra enter keeps the invitation.
        self.query_one("#invitation-confirm-no", Button).focus()

    @on(Button.Pressed, "#invitation-confirm-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_confirm()

    @on(Button.Pressed, "#invitation-confirm-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


@with_sheets("invite")
class NoteScreen(GuardedActions, TranslatedBindings, ModalScreen[str | None]):
    """One line of note for an invitation; ``enter`` saves, ``esc`` drops it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invitation-modal")
    MAX_LENGTH = 500

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-note")
        self.invitation = invitation

    def compose(self) -> ComposeResult:
        invitation = self.invitation
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.note.title"), style="bold"),
                         classes="invitation-box-title")
            yield Static(_describe(invitation), classes="invitation-subject")
            if invitation.notes:
                # The latest lines: enough to avoid writing the same thing twice.
                recent = "\n".join(invitation.notes.splitlines()[-3:])
                yield Static(Text(safe_text(recent, 600), style="dim"),
                             classes="invitation-notes")
            field = Input(placeholder=t("tui.invitations.note.placeholder"),
                          max_length=self.MAX_LENGTH, compact=True, id="invitation-note-input")
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
            yield field
            yield Static(Text(t("tui.invitations.note.hint")), classes="invitation-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify(t("state.error.note_empty"), severity="warning")
            return
        self.dismiss(text)

    def action_close(self) -> None:
        self.dismiss(None)
