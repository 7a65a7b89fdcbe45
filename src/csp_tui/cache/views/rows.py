"""The rows and views the cache's reads return: plain frozen records the console and the CLI
show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CustomerListRow:
    id: str
    company_name: str
    primary_domain: str
    relationship: str
    subscription_count: int
    attention: int
    attention_reason: str | None
    created_pending_at: str | None = None  # a tenant created here, not listed yet


@dataclass(frozen=True, slots=True)
class SubscriptionListRow:
    id: str
    customer_id: str
    customer_name: str
    product: str  # the friendly name, else the offer name
    offer_name: str
    kind: str  # online | software | perpetual
    quantity: int
    status: str
    term_duration: str | None
    billing_cycle: str | None
    auto_renew: bool | None
    commitment_end_date: str | None
    cancellation_allowed_until: str | None
    is_trial: bool
    purchase_date: str | None = None  # perpetual licences only
    # Seats in use (domain/seats.py): bought, assigned to users, unused, how many other
    # subscriptions share the pool; or None with the reason why not.
    seats_bought: int | None = None
    seats_assigned: int | None = None
    seats_unused: int | None = None
    seats_shared: int = 0
    seats_reason: str | None = None


@dataclass(frozen=True, slots=True)
class RelationshipView:
    partner_id: str
    name: str
    relationship_type: str
    mpn_id: str | None


@dataclass(frozen=True, slots=True)
class QualificationView:
    qualification: str
    vetting_status: str | None
    vetting_reason: str | None
    vetting_created_at: str | None


@dataclass(frozen=True, slots=True)
class PartView:
    """How the last read of one part of a customer went (``customer_parts``)."""

    part: str  # customer | subscriptions | entitlements | qualifications | relationships
    state: str  # ok | refused | missing | failed
    read_at: str
    last_ok_at: str | None = None  # the last complete read; None: never
    status: int | None = None
    code: str | None = None
    message: str | None = None  # Partner Center's words (remote text)

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass(frozen=True, slots=True)
class CustomerDetailView:
    """What the tenant pane shows for one customer."""

    id: str
    company_name: str
    primary_domain: str
    initial_domain: str | None
    other_domains: tuple[str, ...]
    relationship: str
    relationships: tuple[RelationshipView, ...]
    allow_delegated_access: bool | None
    qualifications: tuple[QualificationView, ...]
    subscription_count: int
    entitlement_count: int
    attention: int
    attention_reason: str | None
    email: str | None
    city: str | None
    country: str | None
    detail_synced_at: str | None
    listed_at: str
    #: Set while a tenant created here waits for Partner Center to list it.
    created_pending_at: str | None = None
    #: The parts the last sync could not read (their rows are from an earlier read, if any).
    stale_parts: tuple[PartView, ...] = ()
    #: What the customer's subscriptions list holds now, counted from the same rows: every
    #: subscription whatever its status, and of them the expired (or disabled) and the
    #: cancelled ones. ``subscription_count`` is the sync's count, without the cancelled.
    subscriptions_listed: int = 0
    subscriptions_expired: int = 0
    subscriptions_cancelled: int = 0
