"""The emulated Partner Center world: every entity, the virtual clock, and the file they live in.

One :class:`World` holds everything and round-trips through one JSON file (``World.load`` /
``world.save``; atomic replace, owner-only mode). The entities themselves are plain dataclasses
in :mod:`csp_tui.sandbox.entities`; their wire forms (the documented JSON shapes) are in
:mod:`csp_tui.sandbox.wire`. Business rules that change the world over time or on request
live in :mod:`csp_tui.sandbox.rules`; a fresh world is made from :mod:`csp_tui.sandbox.demo_data`.

What the file never contains: temporary passwords. Created customers' credentials are kept in
memory only for the lifetime of the process (see :mod:`csp_tui.sandbox.context`).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import threading
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox import demo_data
from csp_tui.sandbox.clock import VirtualClock, from_iso, to_iso_precise, utc_now
from csp_tui.sandbox.entities import (
    HIDDEN_FROM_GET,
    HIDDEN_FROM_LIST,
    RESERVED_PREFIXES,
    ROLE_RESELLER,
    Caller,
    Customer,
    Partner,
    PartnerLink,
)
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS
from csp_tui.world_clock import write_clock_file

FORMAT = 1



class WorldFileError(Exception):
    """The world file is missing, unreadable or not a sandbox world."""


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
        audit_records: list[dict[str, Any]] | None = None,
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
        # The audit log (see sandbox.audit), oldest first.
        self.audit_records: list[dict[str, Any]] = audit_records or []
        # Roles refused the audit log although their cell allows it ("may lack": Partner
        # Center answers it to some partners only); set by tests and tools, not saved.
        self.audit_refused_roles: set[str] = set()
        # The same for the licence pools (subscribedskus: a GDAP role in the customer's tenant
        # is needed, which a partner may lack).
        self.seats_refused_roles: set[str] = set()
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
        if customers < 0:
            raise ValueError("customers must be >= 0")
        real_now = utc_now()
        start = now or real_now
        clock = VirtualClock(frozen_at=start) if frozen else VirtualClock(
            offset_seconds=(start - real_now).total_seconds())
        partners, links = demo_data.demo_partners()
        taken = demo_data.Taken()
        # Prospects first: their domains are claimed before any generated customer could take
        # them.
        prospects = [demo_data.make_prospect(n, seed, start, taken)
                     for n in range(len(demo_data.PROSPECTS))]
        generated = [demo_data.make_customer(i, seed, start, taken) for i in range(customers)]
        for seq, customer in enumerate(generated, start=1):
            customer.seq = seq
        epoch = random.Random(f"csp-sandbox:{seed}:epoch").getrandbits(64)
        world = cls(
            seed=seed,
            epoch=f"{epoch:016x}",
            created_at=start,
            clock=clock,
            partners=partners,
            links=links,
            customers=[*generated, *prospects],
            default_caller=None,
            next_seq=len(generated) + 1,
            generated=customers,
        )
        world.dirty = True
        return world

    def grow(self, total: int) -> int:
        """Add generated customers until the world has ``total`` customers; returns how many."""
        taken = demo_data.Taken(self.customers)
        now = self.now()
        have = sum(1 for c in self.customers if c.state == "customer")
        added = 0
        while have + added < total:
            customer = demo_data.make_customer(self.generated, self.seed, now, taken)
            self.generated += 1
            if self.customer(customer.id) is not None:
                continue
            self.add_customer(customer)
            added += 1
        return added

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
            "auditRecords": self.audit_records,
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
                audit_records=list(data.get("auditRecords") or []),
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
                     "default_caller", "next_seq", "generated", "replays", "audit_records"):
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
