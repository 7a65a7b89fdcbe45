"""The tenant of the selected customer: identity, domains, partners, and where to manage it.

The links at the bottom are where the customer (or we) manage things; ``c`` copies the selected
one (OSC 52), ``w`` saves it to a file under the profile's exports directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.cache import views
from csp_tui.domain.text import safe_text
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.services.part_words import part_line
from csp_tui.services.password_reset import lost_for
from csp_tui.tui.bindings import bindings
from csp_tui.tui.links import link_text
from csp_tui.tui.widgets.narrow_safe import NarrowSafeOptionList
from csp_tui.tui.widgets.pane import Pane
from csp_tui.tui.widgets.tenant_counts import listed_counts_text

ADMIN_CENTER_SUBSCRIPTIONS = "https://admin.microsoft.com/Adminportal/Home#/subscriptions"
ADMIN_CENTER_PRODUCTS = "https://admin.microsoft.com/Adminportal/Home#/yourproducts"
PARTNER_CENTER_CUSTOMER = (
    "https://partner.microsoft.com/dashboard/commerce2/customers/{tenant_id}/account"
)
LABEL_WIDTH = 17


@dataclass(frozen=True)
class TenantLink:
    kind: str  # subscriptions | products | partner-center
    label: str
    url: str


def tenant_links(tenant_id: str) -> list[TenantLink]:
    return [
        TenantLink("subscriptions", t("tui.link.subscriptions"), ADMIN_CENTER_SUBSCRIPTIONS),
        TenantLink("products", t("tui.link.products"), ADMIN_CENTER_PRODUCTS),
        TenantLink("partner-center", t("tui.link.partner_center"),
                   PARTNER_CENTER_CUSTOMER.format(tenant_id=tenant_id)),
    ]


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(safe_text(value))


def describe(detail: views.CustomerDetailView, zone: tzinfo | None = None,
             qualification_lines: list[str] | None = None, *,
             now: datetime | None = None) -> Group:
    """The facts block: label/value rows of plain Text (remote values are never parsed as
    markup), each value wrapping in its own column."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold", min_width=LABEL_WIDTH - 1)
    grid.add_column(ratio=1, overflow="fold")

    def row(label: str, value: str | Text) -> None:
        grid.add_row(Text(label), _text(value))

    row(t("tui.tenant.id"), detail.id)
    if detail.created_pending_at:
        # Created here; Partner Center lists a new customer only after a while.
        created = fmt.parse_timestamp(detail.created_pending_at)
        shown = (fmt.clock_text(created, now) if created is not None and now is not None
                 else fmt.datetime_text(detail.created_pending_at, zone))
        row(t("sync_parts.tenant.created_label"),
            Text(t("sync_parts.tenant.created_waiting", time=shown), style="bold"))
    row(t("tui.tenant.initial_domain"), detail.initial_domain or fmt.NOTHING)
    row(t("tui.tenant.other_domains"),
        ", ".join(detail.other_domains) if detail.other_domains else fmt.NOTHING)
    row(t("tui.tenant.relationship"), fmt.relationship_words(detail.relationship))
    for index, relationship in enumerate(detail.relationships):
        described = fmt.relationship_type_words(relationship.relationship_type)
        value = f"{relationship.name or relationship.partner_id} · {described}"
        if relationship.mpn_id:
            value += f" · MPN {relationship.mpn_id}"
        row(t("tui.tenant.partners") if index == 0 else "", value)
    row(t("tui.tenant.delegated_admin"), fmt.yes_no(detail.allow_delegated_access))
    if qualification_lines:
        # In words, with days in review against the usual duration (see qualification.py).
        qualifications = "\n".join(qualification_lines)
    elif detail.qualifications:
        qualifications = ", ".join(
            f"{q.qualification} ({q.vetting_status})" if q.vetting_status else q.qualification
            for q in detail.qualifications
        )
    else:
        qualifications = t("tui.tenant.no_qualifications")
    row(t("tui.tenant.qualifications"), qualifications)
    # The same rows the subscriptions pane lists (its title's count), said part by part.
    row(t("tui.tenant.subscriptions"), listed_counts_text(detail))
    if detail.attention and detail.attention_reason:
        row(t("tui.tenant.attention"), Text(safe_text(fmt.attention_words(detail.attention_reason)),
                                                  style="bold"))
    row(t("tui.tenant.synced"), fmt.datetime_text(detail.detail_synced_at, zone))
    if detail.stale_parts:
        # Parts the last sync could not read: what is shown for them is older, or missing.
        row(t("sync_parts.tenant.label"),
            Text("\n".join(part_line(part, zone) for part in detail.stale_parts),
                 style="bold"))
    return Group(grid)


class TenantLinks(NarrowSafeOptionList):
    """The copyable links (a list so the keyboard can pick one)."""


class TenantPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("tenant")
    pane_name = "tenant"
    title_key = "tui.pane.tenant"
    row_actions = ("copy_link", "save_link")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.customer_id: str | None = None
        self.detail: views.CustomerDetailView | None = None
        self.links: list[TenantLink] = []

    def compose_content(self) -> ComposeResult:
        # The facts scroll; the links stay in view below them, so the highlighted one is
        # always visible when "c" copies it.
        with VerticalScroll(classes="tenant-body", can_focus=False):
            yield Static(Text(t("tui.empty.no_customer")), classes="tenant-facts")
        yield Static(t("tui.tenant.links"), classes="tenant-links-title")
        yield TenantLinks(classes="tenant-links")
        yield Static(classes="tenant-link-url")

    def focus_content(self) -> None:
        self.query_one(TenantLinks).focus()

    def title_text(self) -> Text:
        text = Text(t(self.title_key), style="bold")
        if self.detail is not None:
            text.append(f" · {safe_text(self.detail.company_name, 40)}")
        return text

    def show_customer(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        self._load()

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        self._load()

    def _load(self) -> None:
        detail = None
        if self.customer_id:
            detail = views.customer_detail(self.console.backend.cache, self.customer_id)
        self.detail = detail
        facts = self.query_one(".tenant-facts", Static)
        links = self.query_one(TenantLinks)
        if detail is None:
            facts.update(Text(t("tui.empty.no_customer")))
            self.links = []
            links.clear_options()
        else:
            # The service, not the Education screen: the screen pulls in the whole action
            # stack, and this runs right after the first frame.
            from csp_tui.services.qualifications import qualification_status

            now = self.console.now()
            lines = [status.text for status in qualification_status(
                self.console.backend.cache, self.customer_id or "", now)]
            facts.update(describe(detail, now.tzinfo, lines, now=now))
            highlighted = links.highlighted
            self.links = tenant_links(detail.id)
            links.set_options(Option(Text(link.label), id=link.kind) for link in self.links)
            links.highlighted = highlighted if highlighted is not None else 0
        self.query_one(".tenant-links-title").display = detail is not None
        self._show_url()
        self.update_title()
        self.refresh_availability()

    @property
    def selected_link(self) -> TenantLink | None:
        index = self.query_one(TenantLinks).highlighted
        if index is None or not 0 <= index < len(self.links):
            return None
        return self.links[index]

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"copy_link", "save_link"}:
            return True if self.selected_link is not None else None
        if action == "education":
            return True if self.detail is not None else None
        if action == "reset_password":
            # Hidden unless this tenant's first password never reached a person (and no
            # reset is under way).
            return self.detail is not None and lost_for(self.console.backend.state,
                                                        self.detail.id) is not None
        return True

    def action_reset_password(self) -> None:
        if self.detail is not None:
            self.console.start_password_reset(self.detail.id)

    def action_education(self) -> None:
        if self.detail is not None:
            self.console.open_education(self.detail.id)

    def action_copy_link(self) -> None:
        link = self.selected_link
        if link is not None:
            self.console.copy_text(link.url)

    def action_save_link(self) -> None:
        link = self.selected_link
        if link is not None and self.detail is not None:
            self.console.save_export(f"{self.detail.id}-{link.kind}.txt", link.url + "\n")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_copy_link()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_url()
        self.refresh_availability()

    def _show_url(self) -> None:
        """The address of the highlighted link, in full (it is what "c" copies)."""
        link = self.selected_link
        url = self.query_one(".tenant-link-url", Static)
        url.update(link_text(link.url) if link else Text(""))
        url.display = link is not None
