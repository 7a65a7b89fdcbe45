"""The "really?" of a change: what, whose, exactly what happens, and what to know.

Used for subscription changes and the Education request alike; ``y`` confirms, ``n`` or
``esc`` keeps things as they are.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.role_words import reword_bindings
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("subs-confirm-yes", "y", "sub_confirm", "subs.key.confirm", "subs.keyhelp.confirm",
            "subscription-confirm", mutating=True),
    KeySpec("subs-confirm-no", "n,escape", "sub_close", "subs.key.keep", "subs.keyhelp.keep",
            "subscription-confirm"),
)


class ConfirmBody(VerticalScroll, can_focus=True):
    """The confirmation's facts, scrolled with the arrow keys when they do not fit."""


@with_sheets("subscriptions", "subscription_confirm")
class ConfirmChangeScreen(GuardedActions, TranslatedBindings, ModalScreen[bool]):
    """"Really?": the subscription, the customer, the exact effect and what to know.

    ``y`` confirms, ``n`` or ``esc`` keeps things as they are.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("subscription-confirm")

    def __init__(self, title: str, rows: list[tuple[str, str]], notes: list[str],
                 *, final: bool = False, distributor: bool = False) -> None:
        super().__init__(classes="subs-modal")
        self.title_text = title
        self.rows = rows
        self.notes = notes
        self.final = final
        # "y" prepares a request for the distributor: nothing goes to Partner Center.
        self.distributor = distributor
        if distributor:
            reword_bindings(self, {"sub_confirm": ("roles.key.confirm",
                                                   "roles.keyhelp.confirm")})

    def compose(self) -> ComposeResult:
        with Vertical(classes="subs-box subs-confirm" + (" -final" if self.final else "")):
            yield Static(Text(self.title_text, style="bold"), classes="subs-box-title")
            # What is asked about scrolls (↑/↓) when it does not fit, e.g. at 80×24; the
            # question under it never leaves the screen.
            with ConfirmBody(classes="subs-confirm-body"):
                for label, value in self.rows:
                    yield Static(Text(label), classes="subs-label")
                    yield Static(Text(safe_text(value, 500)), classes="subs-value")
                for note in self.notes:
                    yield Static(Text("• " + safe_text(note, 300)), classes="subs-note")
            yield Static(Text(t("roles.confirm.question" if self.distributor
                                else "subs.confirm.question")), classes="subs-question")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ConfirmBody).focus()
        self.call_after_refresh(self._fit_body)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_body)

    def _fit_body(self) -> None:
        """Let the facts take what the box's max-height leaves after its title, question and
        border, so the box stays as small as its content and the question stays inside it."""
        box = self.query_one(".subs-confirm", Vertical)
        body = self.query_one(ConfirmBody)
        limit = box.styles.max_height
        if limit is None:
            return
        # The percentage is of what the docked footer leaves of the screen.
        footer = self.query_one(Footer).outer_size.height
        room = int(limit.resolve(Size(self.size.width, self.size.height - footer), self.app.size))
        taken = box.outer_size.height - box.content_size.height  # border and padding
        for part in (box.query_one(".subs-box-title"), box.query_one(".subs-question")):
            taken += part.outer_size.height + part.styles.margin.top + part.styles.margin.bottom
        height = max(3, room - taken)
        if body.styles.max_height != Scalar.from_number(height):
            body.styles.max_height = height

    def action_sub_confirm(self) -> None:
        self.dismiss(True)

    def action_sub_close(self) -> None:
        self.dismiss(False)
