"""Copying from the console, truthfully.

OSC 52 asks the *local* terminal to set its clipboard; nothing comes back to say whether it
did (many terminals, and tmux without ``set-clipboard``, ignore it). So the console says what
it did: the text was sent to the terminal, or — above the size terminals and tmux are known
to pass (``services/clipboard.OSC52_MAX_ENCODED_BYTES``, the command line's cap too) — it was
not sent at all and was written to a file in the profile's exports folder instead, on the
writer thread.

``y`` copies the most useful id of the row under the cursor (a customer's tenant id, a
subscription's id, an invitation's domain) and ``Y`` offers the row's other ids and names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App

from csp_tui.cache import views
from csp_tui.cache.views import CustomerListRow, SubscriptionListRow
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import clipboard
from csp_tui.services.writer import WriteSession
from csp_tui.state.views import InvitationListRow
from csp_tui.tui.console import console_of
from csp_tui.tui.writes import write_then

#: The file stem of a copy too long for OSC 52.
TOO_LONG_STEM = "clipboard"


def copy_text(app: App[Any], text: str, *, what: str | None = None) -> bool:
    """Send ``text`` to the terminal's clipboard, or write it to a file when it is too long
    to send; say which. True when it was sent."""
    console = console_of(app)
    if clipboard.osc52_sequence(text) is None:
        directory = console.settings.locations.exports_dir
        count = len(text)

        def save(session: WriteSession) -> str:
            return str(clipboard.save_to_file(text, directory, TOO_LONG_STEM))

        def failed(exc: Exception) -> None:
            if not isinstance(exc, OSError):
                raise exc
            console.notify(t("conv.copy.file_failed", count=count,
                             error=exc.strerror or exc), severity="error")

        write_then(console, save,
                   lambda path: console.notify(t("conv.copy.too_long", count=count, path=path),
                                               severity="warning"),
                   failed)
        return False
    app.copy_to_clipboard(text)
    if what is not None:
        console.notify(t("conv.copy.sent_value", what=what, value=safe_text(text, 80)))
    else:
        console.notify(t("conv.copy.sent", count=len(text)))
    return True


@dataclass(frozen=True)
class CopyChoice:
    """One thing of a row that can be copied: what it is (a message key) and its value."""

    what: str
    value: str

    @property
    def label(self) -> str:
        return t(self.what)


def _unique(choices: list[CopyChoice]) -> list[CopyChoice]:
    seen: set[str] = set()
    kept = []
    for choice in choices:
        if choice.value and choice.value not in seen:
            seen.add(choice.value)
            kept.append(choice)
    return kept


def _customer_choices(app: App[Any], customer_id: str, name: str,
                      primary_domain: str) -> list[CopyChoice]:
    detail = views.customer_detail(console_of(app).backend.cache, customer_id)
    initial = detail.initial_domain if detail is not None else None
    return [CopyChoice("conv.copy.tenant_id", customer_id),
            CopyChoice("conv.copy.primary_domain", primary_domain),
            CopyChoice("conv.copy.initial_domain", initial or ""),
            CopyChoice("conv.copy.company", name)]


def row_choices(app: App[Any]) -> list[CopyChoice]:
    """What the row under the cursor of the focused pane offers, the most useful first."""
    try:
        main = console_of(app).main_screen
    except LookupError:
        return []
    if app.screen is not main:
        return []
    pane = main.pane(main.active_pane)  # type: ignore[attr-defined]
    if pane.id == "tenant":
        detail = getattr(pane, "detail", None)
        if detail is None:
            return []
        return _unique([
            *_customer_choices(app, detail.id, detail.company_name, detail.primary_domain),
            *(CopyChoice("conv.copy.primary_domain", domain) for domain in detail.other_domains)])
    table = getattr(pane, "table", None)
    row = table.cursor_row if table is not None else None
    if isinstance(row, CustomerListRow):
        return _unique(_customer_choices(app, row.id, row.company_name, row.primary_domain))
    if isinstance(row, SubscriptionListRow):
        return _unique([CopyChoice("conv.copy.subscription_id", row.id),
                        CopyChoice("conv.copy.tenant_id", row.customer_id),
                        CopyChoice("conv.copy.product", row.product),
                        CopyChoice("conv.copy.company", row.customer_name)])
    if isinstance(row, InvitationListRow):
        return _unique([CopyChoice("conv.copy.invitation_domain", row.domain),
                        CopyChoice("conv.copy.tenant_id", row.customer_id or ""),
                        CopyChoice("conv.copy.contact_email", row.contact_email),
                        CopyChoice("conv.copy.company", row.company_name),
                        CopyChoice("conv.copy.invitation_id", row.id)])
    return []


def copy_row_id(app: App[Any]) -> None:
    """``y``: the row's most useful id."""
    choices = row_choices(app)
    if not choices:
        console_of(app).notify(t("conv.copy.nothing"), severity="warning")
        return
    copy_choice(app, choices[0])


def copy_choice(app: App[Any], choice: CopyChoice) -> None:
    copy_text(app, choice.value, what=choice.label)


def open_copy_menu(app: App[Any]) -> None:
    """``Y``: the row's ids and names, to pick one."""
    choices = row_choices(app)
    if not choices:
        console_of(app).notify(t("conv.copy.nothing"), severity="warning")
        return
    # The menu's screen is imported when first opened (the first frame does not need it).
    from csp_tui.tui.screens.copy_menu import CopyMenuScreen

    def chosen(index: int | None) -> None:
        if index is not None:
            copy_choice(app, choices[index])

    app.push_screen(CopyMenuScreen([(choice.label, choice.value) for choice in choices]),
                    chosen)
