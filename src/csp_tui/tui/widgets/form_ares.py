"""The ARES offer under the IČO: what a prefill would change, shown before anything changes.

Non-modal on purpose: the answer from ARES can arrive while the person is typing in another
field, and a dialog popping up would swallow their keystrokes. The offer waits (F3 or its
button fills in, "Ignore" hides it); a dissolved company is flagged in the error colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import format_date
from csp_tui.services.company_register import AresCompany


def change_lines(changes: Sequence[tuple[str, str, str]]) -> list[str]:
    """"Company name: (empty) → Vltavská datová s.r.o." for each field ARES would change."""
    return [
        t("tenant_form.ares.change", field=t(v.label_key(name)),
          old=safe_text(old) or t("tenant_form.ares.empty"), new=safe_text(new))
        for name, old, new in changes
    ]


class AresOffer(Vertical):
    """Hidden until :meth:`offer`; posts :class:`AresOffer.Accepted` or ``Dismissed``."""

    class Accepted(Message):
        pass

    class Dismissed(Message):
        pass

    def __init__(self) -> None:
        super().__init__(id="ares-offer")
        self.display = False
        self.company: AresCompany | None = None
        self.changes: list[tuple[str, str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="ares-dissolved")
        yield Static("", id="ares-title")
        yield Static("", id="ares-changes")
        with Horizontal(id="ares-buttons"):
            yield Button(t("tenant_form.ares.fill"), id="ares-fill", compact=True)
            yield Button(t("tenant_form.ares.ignore"), id="ares-ignore", compact=True)

    @property
    def is_open(self) -> bool:
        return self.display and self.company is not None and bool(self.changes)

    def offer(self, company: AresCompany, changes: Sequence[tuple[str, str, str]]) -> None:
        self.company = company
        self.changes = list(changes)
        dissolved = self.query_one("#ares-dissolved", Static)
        if company.dissolved_on is not None:
            dissolved.update(Text(t("tenant_form.ares.dissolved",
                                    date=format_date(company.dissolved_on))))
            dissolved.display = True
        else:
            dissolved.display = False
        self.query_one("#ares-title", Static).update(
            Text(t("tenant_form.ares.offer", name=safe_text(company.name))))
        self.query_one("#ares-changes", Static).update(
            Text("\n".join("  " + line for line in change_lines(self.changes))))
        self.display = bool(self.changes)

    def close(self) -> None:
        self.company = None
        self.changes = []
        self.display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ares-fill":
            self.post_message(self.Accepted())
        else:
            self.post_message(self.Dismissed())
