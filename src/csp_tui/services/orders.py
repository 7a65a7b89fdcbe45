"""Ordering from the catalog for one customer: the order checked against the availability
(terms, billing, quantity, the Education gate), its effect put into words, and placed the way
the profile's role may (``domain/roles.py``):

- a distributor (indirect provider) or a direct partner places it through the **outbox** — a
  cart, then its checkout, both sent with an idempotency key as ``MS-RequestId`` (derived from
  the entry's, so every attempt sends the same ones). After a crash or a timeout the order is
  looked up first (the customer's orders, then the cart itself: an ``Ordered`` cart was checked
  out, and the checkout is replayed by its key, never repeated). The subscriptions bought are
  shown at once, marked as provisioning, until Partner Center lists them;
- an indirect reseller gets the complete, validated order as a request for its distributor
  (e-mail text in Czech or English, and the same JSON), as tenant creation does.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from csp_tui.cache.store.ordered import add_ordered_subscriptions
from csp_tui.cache.views import customer_detail
from csp_tui.cache.views.catalog import catalog_item
from csp_tui.config import Profile
from csp_tui.domain import catalog as rules
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import Order
from csp_tui.services import distributor_requests as requests
from csp_tui.services.catalog import profile_country, qualifications_of
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry
from csp_tui.timestamps import parse_timestamp, wire_stamp

log = logging.getLogger(__name__)

KIND_PLACE_ORDER = "place_order"
ORDER_KIND = "csp-tui/order-request"

VIA_API = "api"
VIA_DISTRIBUTOR = "distributor"
VIA_REFUSED = "refused"


class OrderError(ValueError):
    """The order cannot be prepared (unknown customer or catalog item)."""


@dataclass(frozen=True)
class OrderDraft:
    customer_id: str
    customer_name: str
    item: rules.CatalogItem
    choice: rules.Choice | None
    quantity: int
    auto_renew: bool
    problems: tuple[rules.Problem, ...]
    effect: rules.OrderEffect | None
    via: str  # VIA_*
    #: The reseller a distributor orders for (its MPN id, as transaction_reseller).
    transaction_reseller: str
    prepared_at: datetime

    @property
    def valid(self) -> bool:
        return not self.problems and self.effect is not None


def placing_way(profile: Profile) -> str:
    """How this role places an order: the cart and checkout rows of the role matrix."""
    access = roles.access(profile.role, roles.CART_CHECKOUT)
    return {roles.Access.API: VIA_API,
            roles.Access.DISTRIBUTOR: VIA_DISTRIBUTOR}.get(access, VIA_REFUSED)


def _reseller_mpn(cache: sqlite3.Connection, customer_id: str) -> str:
    detail = customer_detail(cache, customer_id)
    if detail is None:
        return ""
    for relationship in detail.relationships:
        kind = relationship.relationship_type.replace("_", "").lower()
        if kind == "isindirectcloudsolutionproviderof" and relationship.mpn_id:
            return relationship.mpn_id.strip()
    return ""


def prepare(cache: sqlite3.Connection, profile: Profile, customer_id: str,
            catalog_item_id: str, *, quantity: int, term: str | None = None,
            billing: str | None = None, auto_renew: bool | None = None,
            now: datetime | None = None) -> OrderDraft:
    """The order, checked: raises :class:`OrderError` for an unknown customer or item."""
    moment = now or datetime.now(UTC)
    key = customer_id.strip().lower()
    detail = customer_detail(cache, key)
    if detail is None:
        raise OrderError(t("selling.error.customer", customer=safe_text(key, 80)))
    item = catalog_item(cache, profile_country(profile), catalog_item_id)
    if item is None:
        raise OrderError(t("selling.error.item",
                            item=safe_text(catalog_item_id, 80)))
    choice = rules.find_choice(item, term, billing)
    renew = (item.kind != rules.KIND_PERPETUAL) if auto_renew is None else auto_renew
    gate = rules.education_gate(item, qualifications_of(cache, key))
    problems = tuple(rules.check_order(item, choice, quantity, auto_renew=renew, gate=gate))
    effect = (rules.order_effect(item, choice, quantity, auto_renew=renew, now=moment)
              if choice is not None else None)
    via = placing_way(profile)
    reseller = _reseller_mpn(cache, key) if profile.role == roles.INDIRECT_PROVIDER else ""
    return OrderDraft(key, detail.company_name or key, item, choice, quantity, renew, problems,
                      effect, via, reseller, moment)


# -- words ----------------------------------------------------------------------------------------


def problem_words(problem: rules.Problem, language: str) -> str:
    detail = dict(problem.detail)
    if problem.code == rules.PROBLEM_EDUCATION:
        detail["reason"] = tl(f"selling.gate.{detail.get('reason', 'none')}", language)
    return tl(f"selling.problem.{problem.code}", language, **detail)


def _day(value: date | None, language: str) -> str:
    if value is None:
        return terms.NOTHING
    return terms.date_in_words(datetime.combine(value, time(12), tzinfo=UTC), language, UTC)


def review_lines(draft: OrderDraft, language: str, zone: tzinfo | None = None) -> list[str]:
    """The effect of the order in sentences: what is bought, term, billing, the first renewal,
    the cancellation window, and where the price comes from."""
    item, effect = draft.item, draft.effect
    lines = [tl("selling.review.what", language, quantity=draft.quantity,
                product=safe_text(item.title, 200),
                kind=terms.kind_in_words(item.kind, language),
                customer=safe_text(draft.customer_name, 200))]
    if effect is None:
        return lines
    until = terms.moment_in_words(effect.cancel_until, language, zone, draft.prepared_at)
    if item.kind == rules.KIND_PERPETUAL:
        lines += [tl("selling.review.perpetual", language,
                     billing=terms.billing_in_words(effect.billing, language)),
                  tl("selling.review.perpetual_cancel", language, until=until)]
    else:
        lines.append(tl("selling.review.term", language,
                        term=terms.term_in_words(effect.term, language),
                        billing=terms.billing_in_words(effect.billing, language),
                        end=_day(effect.term_end, language)))
        if effect.auto_renew:
            lines.append(tl("selling.review.renews", language,
                            day=_day(effect.first_renewal, language)))
        else:
            lines.append(tl("selling.review.no_renewal", language,
                            day=_day(effect.term_end, language)))
        lines.append(tl("selling.review.cancel", language, until=until))
    lines.append(tl("selling.review.price", language))
    if draft.via == VIA_API:
        lines.append(tl("selling.review.via_api", language))
    elif draft.via == VIA_DISTRIBUTOR:
        lines.append(tl("selling.review.via_distributor", language))
    return lines


def subject(draft: OrderDraft, language: str) -> str:
    return tl("selling.subject", language, quantity=draft.quantity,
              product=safe_text(draft.item.title, 120),
              customer=safe_text(draft.customer_name, 120))


# -- through the outbox (distributor, direct partner) ---------------------------------------------


def payload(draft: OrderDraft) -> dict[str, Any]:
    assert draft.choice is not None
    return {
        "customer_id": draft.customer_id,
        "customer_name": draft.customer_name,
        "catalog_item_id": draft.item.catalog_item_id,
        "name": draft.item.title,
        "kind": draft.item.kind,
        "quantity": draft.quantity,
        "term": draft.choice.term,
        "billing": draft.choice.billing,
        "auto_renew": draft.auto_renew,
        "transaction_reseller": draft.transaction_reseller,
    }


def enqueue(state: sqlite3.Connection, draft: OrderDraft, language: str) -> OutboxEntry:
    """Queue the order (never twice: the same checked draft is one entry until it is done)."""
    if not draft.valid or draft.via != VIA_API:
        raise OrderError(t("selling.error.not_placeable"))
    return outbox.enqueue(state, kind=KIND_PLACE_ORDER, payload=payload(draft),
                          subject=subject(draft, language), customer_id=draft.customer_id,
                          now=wire_stamp(draft.prepared_at))


def cart_body(data: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {"id": 0, "catalogItemId": data["catalog_item_id"],
                            "friendlyName": data.get("name") or "",
                            "quantity": int(data["quantity"]),
                            "billingCycle": data["billing"]}
    if data.get("term"):
        line["termDuration"] = data["term"]
    if data.get("transaction_reseller"):
        # An indirect provider orders for its reseller (partner-center-api §6.3).
        line["participants"] = [{"key": "transaction_reseller",
                                 "value": data["transaction_reseller"]}]
    return {"lineItems": [line]}


def cart_request_id(key: str) -> str:
    """The cart's own ``MS-RequestId``: derived from the entry's key, the same on every
    attempt (a resend gets the first cart back), never equal to the checkout's."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"csp-tui:cart:{key}"))


def _result(data: dict[str, Any], orders: list[Order]) -> dict[str, Any]:
    return {
        "customer_id": data["customer_id"],
        "order_ids": [str(o.id) for o in orders],
        "alternate_ids": [o.alternate_id for o in orders if o.alternate_id],
        "status": [str(o.status or "") for o in orders],
        "subscription_ids": [line.subscription_id for o in orders for line in o.line_items
                             if line.subscription_id],
        "lines": [{"offer_id": data["catalog_item_id"], "name": data.get("name"),
                   "kind": data.get("kind"), "quantity": data["quantity"],
                   "term": data.get("term"), "billing": data.get("billing"),
                   "auto_renew": data.get("auto_renew")}],
    }


async def send(client: PartnerCenterClient, entry: OutboxEntry) -> dict[str, Any]:
    """Create the cart (replayed by its key), then check it out — unless the cart shows it
    was checked out already, when the checkout is replayed by its key instead."""
    data = entry.payload
    customer_id = data["customer_id"]
    created = await client.create_cart(customer_id, cart_body(data),
                                       request_id=cart_request_id(entry.idempotency_key))
    # A replayed creation answers the cart as it was then: read its state now.
    cart = await client.get_cart(customer_id, str(created.id))
    if (cart.status or "").lower() == "ordered":
        log.info("order %s: the cart was checked out already; replaying the checkout",
                 entry.id)
    result = await client.checkout_cart(customer_id, str(cart.id),
                                        request_id=entry.idempotency_key)
    return await _with_subscriptions(client, data, _result(data, list(result.orders)))


async def _with_subscriptions(client: PartnerCenterClient, data: dict[str, Any],
                              result: dict[str, Any]) -> dict[str, Any]:
    """The subscriptions' ids, which the checkout gives only once provisioned: the
    provisioning status names them (``resourceId``) before. Best effort: a read that fails
    leaves the ids to the next sync."""
    if result["subscription_ids"] or data.get("kind") == rules.KIND_PERPETUAL:
        return result
    found: list[str] = []
    for order_id in result["order_ids"]:
        try:
            lines = await client.order_provisioning(data["customer_id"], order_id)
        except Exception:  # the order stands; only the follow-ups wait for the sync
            log.info("provisioning status of order %s not read", order_id, exc_info=True)
            continue
        found += [str(line.resource_id) for line in lines if line.resource_id]
    return {**result, "subscription_ids": found}


def follow_ups(state: sqlite3.Connection, entry: OutboxEntry, result: dict[str, Any],
               language: str) -> list[OutboxEntry]:
    """Auto-renew asked off: one subscription change per subscription bought (Partner Center
    buys with auto-renew on; the change waits out the provisioning as a 409 "not ready")."""
    data = entry.payload
    if data.get("auto_renew", True) or data.get("kind") == rules.KIND_PERPETUAL:
        return []
    queued = []
    for sub_id in result.get("subscription_ids", []):
        queued.append(outbox.enqueue(
            state, kind=outbox.KIND_PATCH_SUBSCRIPTION,
            payload={"customer_id": data["customer_id"], "subscription_id": sub_id,
                     "changes": {"autoRenewEnabled": False}},
            subject=tl("selling.subject_auto_renew_off", language,
                       product=safe_text(data.get("name") or "", 120),
                       customer=safe_text(data.get("customer_name") or "", 120)),
            customer_id=data["customer_id"], dedupe_key=f"order-auto-renew:{sub_id}"))
    return queued


def _same_order(order: Order, data: dict[str, Any], since: datetime | None) -> bool:
    if since is not None and order.creation_date is not None and order.creation_date < since:
        return False
    wanted = str(data["catalog_item_id"]).lower()
    return any(str(line.offer_id or "").lower() == wanted
               and int(line.quantity or 0) == int(data["quantity"])
               for line in order.line_items)


async def already_done(client: PartnerCenterClient,
                       entry: OutboxEntry) -> dict[str, Any] | None:
    """After a crash or a timeout: the order, if Partner Center has it. The customer's orders
    first (an order may take 15 minutes to be listed); then the cart — a cart that shows
    ``Ordered`` was checked out, and the checkout's replay (same key) says which order it
    made. None: not ordered yet (the entry is sent again, with the same keys)."""
    data = entry.payload
    customer_id = data["customer_id"]
    since = parse_timestamp(entry.created_at)
    for order in await client.list_orders(customer_id):
        if _same_order(order, data, since):
            return await _with_subscriptions(client, data, _result(data, [order]))
    created = await client.create_cart(customer_id, cart_body(data),
                                       request_id=cart_request_id(entry.idempotency_key))
    cart = await client.get_cart(customer_id, str(created.id))
    if (cart.status or "").lower() != "ordered":
        return None
    result = await client.checkout_cart(customer_id, str(cart.id),
                                        request_id=entry.idempotency_key)
    return await _with_subscriptions(client, data, _result(data, list(result.orders)))


def show_ordered(cache: sqlite3.Connection, entry: OutboxEntry,
                 result: dict[str, Any]) -> bool:
    """The new subscriptions into the customer's pane at once, as provisioning."""
    ids = [*result.get("alternate_ids", []), *result.get("order_ids", [])]
    return add_ordered_subscriptions(cache, entry.payload["customer_id"], order_ids=ids,
                                     lines=result.get("lines", [])) > 0


# -- for the distributor (an indirect reseller) ---------------------------------------------------


def distributor_request(cache: sqlite3.Connection, profile: Profile, draft: OrderDraft, *,
                        language: str, exports_dir: Path,
                        zone: tzinfo | None = None) -> requests.DistributorRequest:
    """The complete order as a request for the distributor: the e-mail and the same JSON,
    saved owner-only. Only a valid order becomes a request."""
    if not draft.valid or draft.choice is None or draft.effect is None:
        raise OrderError(t("selling.error.not_placeable"))
    lang = language if language in ("cs", "en") else "en"
    reseller = requests.reseller_facts(profile, lang)
    customer = requests.customer_facts(cache, draft.customer_id)
    text, document = order_request(reseller=reseller, customer=customer, draft=draft,
                                   language=lang, zone=zone)
    stem = f"order-request-{draft.customer_id[:8]}"
    return requests.save(text, document, exports_dir, stem)


def order_request(*, reseller: requests.ResellerFacts, customer: requests.CustomerFacts,
                  draft: OrderDraft, language: str,
                  zone: tzinfo | None = None) -> tuple[str, dict[str, Any]]:
    """The e-mail and the JSON document asking the distributor to place this order."""
    assert draft.choice is not None and draft.effect is not None
    lang = language
    item, effect = draft.item, draft.effect
    body = cart_body({**payload(draft), "transaction_reseller": reseller.mpn_id or ""})
    path = f"/v1/customers/{customer.tenant_id}/carts"
    rows = [
        ("product", item.title),
        ("catalog_item_id", item.catalog_item_id),
        ("kind", terms.kind_in_words(item.kind, lang)),
        ("quantity", str(draft.quantity)),
        ("term", terms.term_in_words(effect.term or None, lang)),
        ("billing", terms.billing_in_words(effect.billing, lang)),
        ("auto_renew", terms.say("yes" if effect.auto_renew else "no", lang)),
    ]
    text = "\n".join([
        *requests.header_lines(lang, tl("selling.email.subject", lang, customer=customer.name,
                                        product=safe_text(item.title, 120),
                                        quantity=draft.quantity),
                               tl("selling.email.ask", lang), reseller),
        *requests.customer_lines(lang, customer),
        "",
        tl("selling.email.order", lang),
        *[f"  {tl(f'selling.email.row.{key}', lang)}: {safe_text(value, 300)}"
          for key, value in rows],
        "",
        tl("selling.email.effect", lang),
        *[f"  - {line}" for line in review_lines(draft, lang, zone)[1:]
          if line not in (tl("selling.review.via_distributor", lang),)],
        "",
        tl("selling.email.api", lang, path=path),
        *requests.closing_lines(lang, reseller),
    ])
    document: dict[str, Any] = {
        "kind": ORDER_KIND,
        "version": requests.VERSION,
        "language": lang,
        "reseller": requests.reseller_document(reseller),
        "customer": requests.customer_document(customer),
        "order": {
            "catalog_item_id": item.catalog_item_id,
            "product_id": item.product_id,
            "sku_id": item.sku_id,
            "availability_id": item.availability_id,
            "product": item.title,
            "kind": item.kind,
            "segment": item.segment,
            "quantity": draft.quantity,
            "term_duration": effect.term or None,
            "billing_cycle": effect.billing,
            "auto_renew": effect.auto_renew,
            "first_renewal": effect.first_renewal.isoformat() if effect.first_renewal else None,
            "cancellable_until": wire_stamp(effect.cancel_until),
        },
        "checked_at": wire_stamp(draft.prepared_at),
        "partner_center": {"method": "POST", "path": path, "body": body,
                           "then": {"method": "POST", "path": path + "/{cartId}/checkout"}},
    }
    return text, document
