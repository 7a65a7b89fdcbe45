"""The emulated Partner Center's entities: partners, customers, subscriptions, licences,
qualifications, and who is calling.

Plain dataclasses, shared by the world (:mod:`csp_tui.sandbox.world`, which holds and saves
them), the rules that change them (:mod:`csp_tui.sandbox.rules`), the demo data that creates
them (:mod:`csp_tui.sandbox.demo_data`) and their wire forms (:mod:`csp_tui.sandbox.wire`).
They live apart from :class:`~csp_tui.sandbox.world.World` so the demo data can make them
without importing the world that is made from it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

ROLE_RESELLER = "indirect-reseller"
ROLE_PROVIDER = "indirect-provider"
ROLE_DIRECT = "direct"
ROLES = (ROLE_RESELLER, ROLE_PROVIDER, ROLE_DIRECT)

# A customer created through the API is unknown to GET-by-id for this long, and missing from
# the list for longer (Partner Center's documented propagation delay after creation).
HIDDEN_FROM_GET = timedelta(seconds=30)
HIDDEN_FROM_LIST = timedelta(seconds=90)
# A bought subscription is provisioned (and listed) this long after the checkout; the order
# stays out of the customer's order list for longer ("orders can take up to 15 minutes to
# appear", partner-center-api §6.3) but is readable by id at once.
PROVISIONING_DELAY = timedelta(seconds=60)
ORDER_LIST_DELAY = timedelta(minutes=15)
# A cart not checked out expires after a week (cart-create-nce-response.json).
CART_LIFETIME = timedelta(days=7)
# NCE and software subscriptions: cancellation / seat reduction within 7 days (168 h).
CANCEL_WINDOW = timedelta(days=7)

# Initial-domain prefixes that are never free (they exist in the real world, or are ours).
RESERVED_PREFIXES = frozenset({
    "admin", "contoso", "fabrikam", "microsoft", "northwind", "test", "wingtiptoys",
    "vltavaitpartner", "moraviaclouddistribuce", "krkonosesoftware",
})


# -- entities ---------------------------------------------------------------------------


@dataclass
class SeatBatch:
    """Seats bought together (purchase, mid-term addition or renewal): reducible for 7 days."""

    quantity: int
    added_at: datetime


@dataclass
class Subscription:
    id: str
    offer_id: str
    offer_name: str
    friendly_name: str
    product_type: str  # OnlineServicesNCE | Software
    quantity: int
    min_quantity: int
    max_quantity: int
    billing_cycle: str
    term_duration: str
    status: str
    auto_renew: bool
    is_trial: bool
    creation_date: datetime
    # Start of the current term: the purchase, or the last renewal.
    term_start: datetime
    # Last day of the term (inclusive), at midnight UTC, as Partner Center returns it.
    commitment_end: datetime
    partner_id: str
    order_id: str
    version: int = 1
    batches: list[SeatBatch] = field(default_factory=list)
    status_changed_at: datetime | None = None
    # Bought through a cart: not in the list (nor readable) before it is provisioned.
    provisioned_at: datetime | None = None

    @property
    def product_id(self) -> str:
        return self.offer_id.split(":")[0]

    @property
    def is_software(self) -> bool:
        return self.product_type.lower() == "software"

    @property
    def cancel_until(self) -> datetime:
        return self.term_start + CANCEL_WINDOW

    def in_cancel_window(self, now: datetime) -> bool:
        return now < self.cancel_until

    def refundable(self, now: datetime) -> list[SeatBatch]:
        """Seat batches that may still be removed (added less than 7 days ago)."""
        if self.status not in ("active",):
            return []
        return [b for b in self.batches if now < b.added_at + CANCEL_WINDOW and b.quantity > 0]

    @property
    def etag(self) -> str:
        payload = json.dumps({"id": self.id, "version": self.version}, separators=(",", ":"))
        return base64.b64encode(payload.encode()).decode()


@dataclass
class Entitlement:
    """A perpetual software licence (bought once, ``one_time``), as a software entitlement."""

    product_id: str
    sku_id: str
    product_name: str
    quantity: int
    order_id: str
    alternate_id: str
    line_item_id: str
    purchase_date: datetime
    included: list[str] = field(default_factory=list)  # "productId:skuId"


@dataclass
class Qualification:
    qualification: str  # Education | StateOwnedEntity | GovernmentCommunityCloud
    vetting_status: str | None = None  # InReview | Approved | Denied
    vetting_created: datetime | None = None
    # When an InReview request turns into its outcome (virtual time).
    vetting_due: datetime | None = None
    outcome: str | None = None
    outcome_reason: str | None = None
    vetting_reason: str | None = None
    education_segment: str | None = None
    website: str | None = None
    # Vetting requests made so far: a denied Education review may be requested again, up to
    # three times per customer (domain facts §6).
    attempts: int = 1


@dataclass
class CartLine:
    id: int
    catalog_item_id: str
    quantity: int
    term_duration: str
    billing_cycle: str
    friendly_name: str = ""
    # The indirect reseller the provider orders for (participants transaction_reseller).
    transaction_reseller: str = ""


@dataclass
class Cart:
    id: str
    created: datetime
    status: str  # Active | Processing | Ordered
    lines: list[CartLine] = field(default_factory=list)
    modified_by: str = ""


@dataclass
class OrderLine:
    number: int
    offer_id: str
    friendly_name: str
    quantity: int
    term_duration: str
    subscription_id: str = ""
    partner_id: str = ""


@dataclass
class PlacedOrder:
    """An order made by a checkout (orders of the demo data are told by their subscriptions
    and licences instead)."""

    id: str
    alternate_id: str
    billing_cycle: str
    created: datetime
    provisioned_at: datetime
    lines: list[OrderLine] = field(default_factory=list)


@dataclass
class Customer:
    id: str
    commerce_id: str
    company_name: str
    domain: str  # the initial <prefix>.onmicrosoft.com
    custom_domains: list[str]
    web_domain: str
    ico: str | None
    street: str
    city: str
    postal_code: str
    country: str
    phone: str
    email: str
    first_name: str
    last_name: str
    culture: str
    language: str
    billing_id: str
    created_at: datetime
    # The partner the customer is related to: the indirect provider, or a direct partner.
    provider_id: str | None = None
    # The indirect reseller (associatedPartnerId), if any.
    reseller_id: str | None = None
    state: str = "customer"  # customer | prospect
    seq: int = 0
    api_created: bool = False
    allow_delegated_access: bool = False
    billing_version: int = 1
    # Prospects: seconds after the world's creation when the customer accepts the invitation.
    accepts_after: float | None = None
    related_at: datetime | None = None
    # Started as a prospect: a tenant that existed before any relationship with us.
    was_prospect: bool = False
    contact_name: str = ""
    subscriptions: list[Subscription] = field(default_factory=list)
    entitlements: list[Entitlement] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    carts: list[Cart] = field(default_factory=list)
    orders: list[PlacedOrder] = field(default_factory=list)
    # The Microsoft Customer Agreement's acceptance confirmed (else purchases get 403 13605).
    mca_accepted: bool = True

    @property
    def key(self) -> str:
        return self.id.lower()

    @property
    def all_domains(self) -> list[str]:
        return [self.domain, *self.custom_domains]

    @property
    def billing_etag(self) -> str:
        digest = hashlib.sha1(f"{self.billing_id}:{self.billing_version}".encode()).hexdigest()
        return str(-int(digest[:15], 16))


@dataclass
class Partner:
    tenant_id: str
    name: str
    mpn_id: str
    role: str
    location: str = "CZ"


@dataclass
class PartnerLink:
    """``provider`` IsIndirectCloudSolutionProviderOf ``reseller`` (and the reverse)."""

    provider_id: str
    reseller_id: str
    state: str = "Active"


@dataclass(frozen=True)
class Caller:
    role: str
    tenant_id: str

    @property
    def key(self) -> str:
        return self.tenant_id.lower()
