"""The emulated Partner Center world: partners, customers, subscriptions, licences, qualifications.

One :class:`World` holds everything and round-trips through one JSON file (``World.load`` /
``world.save``; atomic replace, owner-only mode). Entities are plain dataclasses; the wire forms
(the documented JSON shapes, camelCase) are rendered here too, so every route answers with the
same shape for the same thing. Business rules that change the world over time or on request
live in :mod:`csp_tui.sandbox.rules`.

What the file never contains: temporary passwords. Created customers' credentials are kept in
memory only for the lifetime of the process (see :mod:`csp_tui.sandbox.app`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import threading
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.clock import VirtualClock, from_iso, to_iso, to_iso_precise
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS
from csp_tui.world_clock import write_clock_file

FORMAT = 1

ROLE_RESELLER = "indirect-reseller"
ROLE_PROVIDER = "indirect-provider"
ROLE_DIRECT = "direct"
ROLES = (ROLE_RESELLER, ROLE_PROVIDER, ROLE_DIRECT)

# A customer created through the API is unknown to GET-by-id for this long, and missing from
# the list for longer (Partner Center's documented propagation delay after creation).
HIDDEN_FROM_GET = timedelta(seconds=30)
HIDDEN_FROM_LIST = timedelta(seconds=90)
# NCE and software subscriptions: cancellation / seat reduction within 7 days (168 h).
CANCEL_WINDOW = timedelta(days=7)

# Initial-domain prefixes that are never free (they exist in the real world, or are ours).
RESERVED_PREFIXES = frozenset({
    "admin", "contoso", "fabrikam", "microsoft", "northwind", "test", "wingtiptoys",
    "vltavaitpartner", "moraviaclouddistribuce", "krkonosesoftware",
})


class WorldFileError(Exception):
    """The world file is missing, unreadable or not a sandbox world."""


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


# -- (de)serialisation ------------------------------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime):
        return to_iso_precise(value)
    if isinstance(value, list):
        return [encode(item) for item in value]
    return value


def _decode_value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode_value(options[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode_value(item, element) for element in value]
    if hint is datetime:
        return from_iso(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return decode(hint, value)
    return value


def decode(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    kwargs = {}
    for f in fields(cls):
        if f.name in data:
            kwargs[f.name] = _decode_value(hints[f.name], data[f.name])
    return cls(**kwargs)


# -- the world --------------------------------------------------------------------------


class World:
    """Every entity of the emulated Partner Center, plus the virtual clock."""

    def __init__(
        self,
        *,
        seed: int,
        epoch: str,
        created_at: datetime,
        clock: VirtualClock,
        partners: list[Partner],
        links: list[PartnerLink],
        customers: list[Customer],
        default_caller: Caller | None = None,
        next_seq: int = 1,
        generated: int = 0,
        replays: list[dict[str, Any]] | None = None,
    ) -> None:
        self.seed = seed
        self.epoch = epoch
        self.created_at = created_at
        self.clock = clock
        self.partners = partners
        self.links = links
        self.customers = customers
        self.default_caller = default_caller or Caller(ROLE_RESELLER, identity.RESELLER_TENANT_ID)
        self.next_seq = next_seq
        # How many demo customers were generated (the next index for ``grow``).
        self.generated = generated
        self.replays: list[dict[str, Any]] = replays or []
        # Re-entrant: one request may hold it while a rule reads the world again.
        self.lock = threading.RLock()
        # Set by anything that changes the world; whoever saves clears it.
        self.dirty = False
        # The earliest virtual instant at which something time-based happens (see rules).
        self.next_event_at: datetime | None = None
        self._by_id: dict[str, Customer] = {}
        self._by_domain: dict[str, Customer] = {}
        self.reindex()

    # -- construction -------------------------------------------------------------------

    @classmethod
    def generate(cls, seed: int = 7, customers: int = DEFAULT_CUSTOMERS, *,
                 now: datetime | None = None, frozen: bool = False) -> World:
        """A fresh demo world, deterministic for ``seed`` (and ``now``, if given)."""
        from csp_tui.sandbox import demo_data

        return demo_data.generate_world(seed=seed, customers=customers, now=now, frozen=frozen)

    @classmethod
    def load(cls, path: Path) -> World:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise WorldFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise WorldFileError(f"{path} is not valid JSON: {exc}") from exc
        return cls.from_dict(data)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename) and readable by the owner only."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        # The console and the CLI read the clock on every render: a small file of its own.
        write_clock_file(path, self.clock.to_dict())

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "seed": self.seed,
            "epoch": self.epoch,
            "createdAt": to_iso_precise(self.created_at),
            "clock": self.clock.to_dict(),
            "defaultCaller": encode(self.default_caller),
            "nextSeq": self.next_seq,
            "generated": self.generated,
            "partners": encode(self.partners),
            "links": encode(self.links),
            "customers": encode(self.customers),
            "replays": self.replays,
        }

    @classmethod
    def from_dict(cls, data: Any) -> World:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise WorldFileError("not a sandbox world file of a known format")
        try:
            caller = data.get("defaultCaller") or {}
            return cls(
                seed=int(data["seed"]),
                epoch=str(data["epoch"]),
                created_at=from_iso(data["createdAt"]),
                clock=VirtualClock.from_dict(data.get("clock") or {}),
                partners=[decode(Partner, p) for p in data["partners"]],
                links=[decode(PartnerLink, link) for link in data["links"]],
                customers=[decode(Customer, c) for c in data["customers"]],
                default_caller=Caller(caller["role"], caller["tenant_id"]) if caller else None,
                next_seq=int(data.get("nextSeq", 1)),
                generated=int(data.get("generated", 0)),
                replays=list(data.get("replays") or []),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise WorldFileError(f"the world file is damaged: {exc}") from exc

    # -- indexes ------------------------------------------------------------------------

    def reindex(self) -> None:
        self._by_id = {c.key: c for c in self.customers}
        self._by_domain = {}
        for customer in self.customers:
            for domain in customer.all_domains:
                self._by_domain[domain.lower()] = customer

    def now(self) -> datetime:
        return self.clock.now()

    def customer(self, customer_id: str) -> Customer | None:
        return self._by_id.get(customer_id.lower())

    def domain_owner(self, domain: str) -> Customer | None:
        return self._by_domain.get(domain.strip().lower())

    def is_domain_taken(self, domain: str) -> bool:
        name = domain.strip().lower()
        if name in self._by_domain:
            return True
        prefix, _, rest = name.partition(".")
        return rest == "onmicrosoft.com" and prefix in RESERVED_PREFIXES

    def add_customer(self, customer: Customer) -> None:
        if customer.key in self._by_id:
            raise ValueError(f"customer {customer.id} exists")
        if customer.state == "customer" and not customer.seq:
            customer.seq = self.take_seq()
        self.customers.append(customer)
        self._by_id[customer.key] = customer
        for domain in customer.all_domains:
            self._by_domain[domain.lower()] = customer
        self.changed()

    def changed(self) -> None:
        """Something changed: save it, and look again for the next time-based event."""
        self.dirty = True
        self.next_event_at = None

    def adopt(self, other: World) -> None:
        """Take over ``other``'s content (a newer copy of the file), keeping this object and
        its lock, so everybody holding a reference sees the new state."""
        for name in ("seed", "epoch", "created_at", "clock", "partners", "links", "customers",
                     "default_caller", "next_seq", "generated", "replays"):
            setattr(self, name, getattr(other, name))
        self.dirty = False
        self.next_event_at = None
        self.reindex()

    def take_seq(self) -> int:
        seq = self.next_seq
        self.next_seq += 1
        return seq

    # -- partners -----------------------------------------------------------------------

    def partner(self, tenant_id: str) -> Partner | None:
        wanted = tenant_id.lower()
        return next((p for p in self.partners if p.tenant_id.lower() == wanted), None)

    def resellers_of(self, provider_id: str) -> list[Partner]:
        wanted = provider_id.lower()
        ids = [link.reseller_id for link in self.links
               if link.provider_id.lower() == wanted and link.state == "Active"]
        return [p for p in (self.partner(i) for i in ids) if p is not None]

    def providers_of(self, reseller_id: str) -> list[Partner]:
        wanted = reseller_id.lower()
        ids = [link.provider_id for link in self.links
               if link.reseller_id.lower() == wanted and link.state == "Active"]
        return [p for p in (self.partner(i) for i in ids) if p is not None]

    def mpn_id(self, tenant_id: str | None) -> str:
        partner = self.partner(tenant_id) if tenant_id else None
        return partner.mpn_id if partner else ""

    # -- visibility ---------------------------------------------------------------------

    def related_to(self, caller: Caller, customer: Customer) -> bool:
        if customer.state != "customer":
            return False
        if caller.role == ROLE_RESELLER:
            return (customer.reseller_id or "").lower() == caller.key
        return (customer.provider_id or "").lower() == caller.key

    def readable(self, caller: Caller, customer: Customer, now: datetime) -> bool:
        """GET-by-id and the customer's sub-resources."""
        if not self.related_to(caller, customer):
            return False
        return not (customer.api_created and now - customer.created_at < HIDDEN_FROM_GET)

    def listed(self, caller: Caller, customer: Customer, now: datetime) -> bool:
        if not self.related_to(caller, customer):
            return False
        return not (customer.api_created and now - customer.created_at < HIDDEN_FROM_LIST)

    def prospects(self) -> list[Customer]:
        return [c for c in self.customers if c.was_prospect]

    def counts(self) -> dict[str, int]:
        related = [c for c in self.customers if c.state == "customer"]
        return {
            "customers": len(related),
            "prospectsWaiting": sum(1 for c in self.customers if c.state == "prospect"),
            "subscriptions": sum(len(c.subscriptions) for c in related),
            "entitlements": sum(len(c.entitlements) for c in related),
            "qualifications": sum(len(c.qualifications) for c in related),
            "partners": len(self.partners),
        }


# -- wire forms (the documented JSON shapes) -----------------------------------------------


def _link(uri: str) -> dict[str, Any]:
    return {"uri": uri, "method": "GET", "headers": []}


def customer_thin(customer: Customer) -> dict[str, Any]:
    """A list item: only what ``GET /v1/customers`` returns."""
    return {
        "id": customer.id,
        "companyProfile": {
            "tenantId": customer.id,
            "domain": customer.domain,
            "companyName": customer.company_name,
            "links": {"self": _link(f"/customers/{customer.id}/profiles/company")},
            "attributes": {"objectType": "CustomerCompanyProfile"},
        },
        "relationshipToPartner": "reseller",
        "links": {"self": _link(f"/customers/{customer.id}")},
        "attributes": {"objectType": "Customer"},
    }


def company_profile(customer: Customer) -> dict[str, Any]:
    return {
        "tenantId": customer.id,
        "domain": customer.domain,
        "companyName": customer.company_name,
        "address": {
            "country": customer.country,
            "city": customer.city,
            "addressLine1": customer.street,
            "postalCode": customer.postal_code,
            "phoneNumber": customer.phone,
        },
        "email": customer.email,
        "organizationRegistrationNumber": customer.ico,
        "links": {"self": _link(f"/customers/{customer.id}/profiles/company")},
        "attributes": {"objectType": "CustomerCompanyProfile"},
    }


def billing_profile(customer: Customer) -> dict[str, Any]:
    return {
        "id": customer.billing_id,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "email": customer.email,
        "culture": customer.culture,
        "language": customer.language,
        "companyName": customer.company_name,
        "defaultAddress": {
            "country": customer.country,
            "city": customer.city,
            "addressLine1": customer.street,
            "postalCode": customer.postal_code,
            "firstName": customer.first_name,
            "lastName": customer.last_name,
            "phoneNumber": customer.phone,
        },
        "links": {"self": _link(f"/customers/{customer.id}/profiles/billing")},
        "attributes": {"etag": customer.billing_etag, "objectType": "CustomerBillingProfile"},
    }


def customer_full(customer: Customer) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": customer.id,
        "commerceId": customer.commerce_id,
        "companyProfile": company_profile(customer),
        "billingProfile": billing_profile(customer),
        "relationshipToPartner": "reseller",
        "allowDelegatedAccess": customer.allow_delegated_access,
        "links": {"self": _link(f"/customers/{customer.id}")},
        "attributes": {"objectType": "Customer"},
    }
    # Only when they apply: the documented customers carry neither key (customer-get.json);
    # a customer without verified domains or an indirect reseller has nothing to say here.
    if customer.custom_domains:
        body["customDomains"] = customer.all_domains
    if customer.reseller_id:
        body["associatedPartnerId"] = customer.reseller_id
    return body


def subscription_wire(customer: Customer, sub: Subscription, now: datetime, *,
                      detail: bool = True) -> dict[str, Any]:
    """One subscription. ``detail``: the GET-by-id (and PATCH) answer, the only one that
    carries ``refundableQuantity``; list items leave it out, as Partner Center does."""
    product_id, sku_id, availability_id = [*sub.offer_id.split(":"), "", ""][:3]
    refundable = sub.refundable(now)
    refund_options: list[dict[str, Any]] = []
    if sub.status == "active" and sub.in_cancel_window(now):
        full_until = sub.term_start + timedelta(days=1)
        if now < full_until:
            refund_options.append({"type": "Full", "expiresAt": to_iso(full_until)})
        refund_options.append({"type": "Partial", "expiresAt": to_iso(sub.cancel_until)})
    product_type = "Software" if sub.is_software else "OnlineServicesNCE"
    body: dict[str, Any] = {
        "id": sub.id,
        "offerId": sub.offer_id,
        "offerName": sub.offer_name,
        "friendlyName": sub.friendly_name,
        "productType": {"id": product_type, "displayName": product_type},
        "quantity": sub.quantity,
        "unitType": "Licenses",
        "hasPurchasableAddons": False,
        "creationDate": to_iso(sub.creation_date),
        "effectiveStartDate": to_iso(sub.term_start),
        "commitmentEndDate": to_iso(sub.commitment_end),
        "cancellationAllowedUntilDate": to_iso(sub.cancel_until),
        "status": sub.status,
        "autoRenewEnabled": sub.auto_renew,
        "isTrial": sub.is_trial,
        "billingType": "license",
        "billingCycle": sub.billing_cycle,
        "termDuration": sub.term_duration,
        "renewalTermDuration": "",
        "refundOptions": refund_options,
        "isMicrosoftProduct": True,
        "publisherName": "Microsoft Corporation",
        "partnerId": sub.partner_id,
        "attentionNeeded": False,
        "actionTaken": False,
        "contractType": "subscription",
        "orderId": sub.order_id,
        "links": {
            "product": _link(f"/products/{product_id}?country={customer.country}"),
            "sku": _link(f"/products/{product_id}/skus/{sku_id}?country={customer.country}"),
            "availability": _link(f"/products/{product_id}/skus/{sku_id}/availabilities/"
                                  f"{availability_id}?country={customer.country}"),
            "self": _link(f"/customers/{customer.id}/subscriptions/{sub.id}"),
        },
        "attributes": {"etag": sub.etag, "objectType": "Subscription"},
    }
    if detail:
        body["refundableQuantity"] = {
            "totalQuantity": sum(b.quantity for b in refundable),
            "details": [
                {"quantity": b.quantity, "allowedUntilDateTime": to_iso(b.added_at + CANCEL_WINDOW)}
                for b in refundable
            ],
        }
    if sub.status == "suspended":
        body["suspensionReasons"] = ["PartnerInitiated"]
    return body


def entitlement_wire(ent: Entitlement, *, show_expiry: bool = False) -> dict[str, Any]:
    """A software entitlement, in the documented shape (entitlements-list.json): no product
    name and no purchase date - a client reads those from the product catalog and from the
    order (``referenceOrder.id``). Perpetual licences never expire, so ``showExpiry`` adds
    nothing to them (only some items carry ``expiryDate`` in the documented answer)."""
    del show_expiry  # accepted for the route's sake; no perpetual licence has an expiry
    order = {
        "id": ent.order_id,
        "lineItemId": ent.line_item_id,
        "alternateId": ent.alternate_id,
    }
    included = []
    for item in ent.included:
        product_id, _, sku_id = item.partition(":")
        included.append({
            "includedEntitlements": [], "referenceOrder": dict(order), "productId": product_id,
            "quantity": ent.quantity, "entitledArtifacts": [], "skuId": sku_id,
            "entitlementType": "software",
        })
    return {
        "includedEntitlements": included,
        "referenceOrder": order,
        "productId": ent.product_id,
        "skuId": ent.sku_id,
        "quantity": ent.quantity,
        "entitledArtifacts": [],
        "entitlementType": "software",
    }


def product_wire(product_id: str, title: str, description: str, product_type: str,
                 country: str) -> dict[str, Any]:
    """``GET /v1/products/{id}?country=`` as documented (get-a-product-by-id)."""
    return {
        "id": product_id,
        "title": title,
        "description": description,
        "productType": {"id": product_type, "displayName": product_type},
        "links": {
            "skus": _link(f"/products/{product_id}/skus?country={country}"),
            "self": _link(f"/products/{product_id}?country={country}"),
        },
    }


def order_wire(customer: Customer, order_id: str, *, billing_cycle: str, created: datetime,
               lines: list[tuple[str, str, int]], country: str) -> dict[str, Any]:
    """``GET /v1/customers/{id}/orders/{orderId}`` as documented (order-get.json).

    ``lines``: (offer id ``product:sku[:availability]``, friendly name, quantity)."""
    line_items = []
    for number, (offer_id, name, quantity) in enumerate(lines):
        product_id, _, rest = offer_id.partition(":")
        sku_id = rest.split(":")[0]
        line_items.append({
            "lineItemNumber": number,
            "offerId": offer_id,
            "friendlyName": name,
            "quantity": quantity,
            "links": {"sku": _link(f"/products/{product_id}/skus/{sku_id}?country={country}")},
        })
    base = f"/customers/{customer.id}/orders/{order_id}"
    return {
        "id": order_id,
        "referenceCustomerId": customer.id,
        "billingCycle": billing_cycle,
        "currencyCode": "CZK",
        "currencySymbol": "Kč",
        "lineItems": line_items,
        "creationDate": to_iso_precise(created),
        "status": "completed",
        "links": {
            "provisioningStatus": _link(f"{base}/provisioningstatus"),
            "self": _link(base),
        },
        "attributes": {"objectType": "Order"},
    }


def qualification_wire(q: Qualification) -> dict[str, Any]:
    body: dict[str, Any] = {"qualification": q.qualification}
    if q.vetting_status:
        body["vettingStatus"] = q.vetting_status
        if q.vetting_reason:
            body["vettingReason"] = q.vetting_reason
        if q.vetting_created:
            body["vettingCreatedDate"] = to_iso(q.vetting_created)
    return body


def partner_relationship(partner: Partner, relationship_type: str) -> dict[str, Any]:
    return {
        "id": partner.tenant_id,
        "name": partner.name,
        "relationshipType": relationship_type,
        "state": "Active",
        "mpnId": partner.mpn_id,
        "location": partner.location,
        "attributes": {"objectType": "PartnerRelationship"},
    }
