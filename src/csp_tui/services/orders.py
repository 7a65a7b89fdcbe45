"""Ordering from the catalog for one customer: the order checked against the availability
(terms, billing, quantity, the Education gate), its effect put into words, and placed the way
the profile's role may (``domain/roles.py``):

- a distributor (indirect provider) or a direct partner places it through the **outbox** — a
  cart, then its checkout, both sent with an idempotency key as ``MS-RequestId`` (derived from
  the entry's, so every attempt sends the same ones). After a crash or a timeout the order is
  looked up first (the customer's orders, then the cart itself: an ``Ordered`` cart was checked
  out, and the checkout is replayed by its key, never repeated). The subscriptions bought are
  shown at once, marked as provisioning, until Partner Center lists them (the sending is
  ``services/order_sending.py``);
- an indirect reseller gets the complete, validated order as a request for its distributor
  (e-mail text in Czech or English, and the same JSON), as tenant creation does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from csp_tui.cache.views import customer_detail
from csp_tui.cache.views.catalog import catalog_item
from csp_tui.config import Profile
from csp_tui.domain import catalog as rules
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl
from csp_tui.services import distributor_requests as requests
from csp_tui.services.catalog import profile_country, qualifications_of
from csp_tui.services.order_sending import KIND_PLACE_ORDER, cart_body
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry
from csp_tui.timestamps import wire_stamp

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


_SAME_ORDER_KEYS = ("customer_id", "catalog_item_id", "quantity", "term", "billing")


def waiting_entry(state: sqlite3.Connection, draft: OrderDraft) -> OutboxEntry | None:
    """The same order, queued earlier and not finished (a command killed mid-send and run
    again): resumed rather than placed a second time."""
    wanted = payload(draft)
    for entry in outbox.list_entries(state, states=outbox.PENDING_STATES):
        if entry.kind == KIND_PLACE_ORDER and all(
                entry.payload.get(key) == wanted[key] for key in _SAME_ORDER_KEYS):
            return entry
    return None


def enqueue(state: sqlite3.Connection, draft: OrderDraft, language: str) -> OutboxEntry:
    """Queue the order (never twice: the same checked draft is one entry until it is done)."""
    if not draft.valid or draft.via != VIA_API:
        raise OrderError(t("selling.error.not_placeable"))
    return outbox.enqueue(state, kind=KIND_PLACE_ORDER, payload=payload(draft),
                          subject=subject(draft, language), customer_id=draft.customer_id,
                          now=wire_stamp(draft.prepared_at))


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
