"""Requests for the distributor: what an indirect reseller sends where Partner Center refuses
it the call (domain/roles.py says where: subscription changes, the Education qualification).

Like the new-tenant request (:func:`csp_tui.services.onboarding.distributor_package`), each is
an e-mail text plus the same request as a JSON document, saved owner-only (0600) under the
profile's exports directory. Both name the customer (name, tenant id, domain), exactly what to
do, the facts that decide whether Partner Center accepts it (for a subscription: its current
seats, status, term and billing, and the new-commerce window the change must fit in), and the
Partner Center call the distributor would make. Nothing here talks to Partner Center; the
callers check the request first (the commerce rules, the qualification's fields).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from csp_tui.cache import views
from csp_tui.config import Profile
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import tl
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.services.clipboard import save_to_file
from csp_tui.services.onboarding.own_identity import own_identity
from csp_tui.state import reject_secrets
from csp_tui.timestamps import wire_stamp

SUBSCRIPTION_KIND = "csp-tui/subscription-change-request"
EDUCATION_KIND = "csp-tui/education-qualification-request"
VERSION = 1


class DistributorRequest(NamedTuple):
    """The e-mail to send, the same as JSON, and where the JSON was saved."""

    email_text: str
    json_text: str
    saved_path: Path


@dataclass(frozen=True)
class CustomerFacts:
    tenant_id: str
    name: str
    domain: str
    email: str
    city: str
    country: str


@dataclass(frozen=True)
class ResellerFacts:
    name: str
    mpn_id: str
    tenant_id: str | None


def customer_facts(cache: sqlite3.Connection, customer_id: str) -> CustomerFacts:
    """What the cache knows of the customer (its id alone when it knows nothing)."""
    key = customer_id.strip().lower()
    record = views.customer_detail(cache, key)
    if record is None:
        return CustomerFacts(key, key, "", "", "", "")
    return CustomerFacts(
        tenant_id=key,
        name=safe_text(record.company_name or key, 200),
        domain=safe_text(record.initial_domain or record.primary_domain or "", 255),
        email=safe_text(record.email or "", 255),
        city=safe_text(record.city or "", 100),
        country=safe_text(record.country or "", 10),
    )


def reseller_facts(profile: Profile, language: str) -> ResellerFacts:
    """The reseller signing the request (name, MPN id, tenant id)."""
    # The same signature as the new-tenant request (a blank to fill in where Partner Center
    # offers no call that names the reseller).
    name, mpn = own_identity(profile, language)
    tenant = profile.tenant_id.strip().lower()
    return ResellerFacts(safe_text(name, 200), safe_text(mpn, 40), tenant or None)


def _lang(language: str | None) -> str:
    return language if language in ("cs", "en") else "en"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return wire_stamp(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _rows(lang: str, rows: Sequence[tuple[str, str]]) -> list[str]:
    return [f"  {tl(f'roles.email.row.{key}', lang)}: {safe_text(value, 300) or terms.NOTHING}"
            for key, value in rows]


def _header(lang: str, subject: str, ask: str, reseller: ResellerFacts) -> list[str]:
    lines = [subject, "", tl("tenant.email.greeting", lang), "", ask,
             tl("tenant.email.reseller", lang, name=reseller.name, mpn=reseller.mpn_id)]
    if reseller.tenant_id:
        lines.append(tl("roles.email.reseller_tenant", lang, tenant_id=reseller.tenant_id))
    return lines


def _customer_lines(lang: str, customer: CustomerFacts, *, contact: bool = False) -> list[str]:
    rows = [("company", customer.name), ("tenant_id", customer.tenant_id),
            ("domain", customer.domain)]
    if contact:
        rows += [("email", customer.email), ("city", customer.city),
                 ("country", customer.country)]
    return ["", tl("roles.email.customer", lang), *_rows(lang, rows)]


def _closing(lang: str, reseller: ResellerFacts) -> list[str]:
    return ["", tl("tenant.email.attachment", lang), "", tl("tenant.email.closing", lang),
            reseller.name, ""]


def _customer_document(customer: CustomerFacts) -> dict[str, Any]:
    return {"name": customer.name, "tenant_id": customer.tenant_id, "domain": customer.domain}


def _reseller_document(reseller: ResellerFacts) -> dict[str, Any]:
    return {"name": reseller.name, "mpn_id": reseller.mpn_id, "tenant_id": reseller.tenant_id}


# -- a subscription change ----------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionChange:
    """A change the commerce rules allowed, in the words and values the request needs."""

    action: str  # commerce_rules.ACTIONS
    summary: str  # "12 → 10 seats"
    effect: str  # the effect in a sentence, in the request's language
    changes: Mapping[str, Any]  # the wire keys the distributor sets (camelCase)
    before: Mapping[str, Any]  # the same keys as they are now
    facts: Sequence[str]  # what the rules said, sentences in the request's language
    allowed_until: datetime | None  # when Partner Center stops accepting it, if ever


def subscription_change(
    *,
    reseller: ResellerFacts,
    customer: CustomerFacts,
    record: Mapping[str, Any],
    change: SubscriptionChange,
    language: str,
    checked_at: datetime,
    zone: tzinfo | None = None,
) -> tuple[str, dict[str, Any]]:
    """The e-mail and the JSON document asking the distributor to change one subscription."""
    lang = _lang(language)
    product = safe_text(record.get("friendly_name") or record.get("offer_name")
                        or record.get("id") or "", 200)
    sub_id = str(record.get("id") or "")
    term_end = record.get("commitment_end_date")
    cancel_until = record.get("cancellation_allowed_until")
    auto = record.get("auto_renew")
    sub_rows = [
        ("subscription_id", sub_id),
        ("product", product),
        ("offer_id", str(record.get("offer_id") or "")),
        ("seats", str(record.get("quantity") or 0)),
        ("status", terms.status_in_words(record.get("status"), lang)),
        ("term", terms.term_in_words(record.get("term_duration"), lang)),
        ("billing", terms.billing_in_words(record.get("billing_cycle"), lang)),
        ("term_end", terms.date_in_words(parse_pc_datetime(term_end), lang, zone)),
        ("auto_renew", terms.NOTHING if auto is None else terms.say("yes" if auto else "no",
                                                                     lang)),
        ("cancel_until", terms.moment_in_words(parse_pc_datetime(cancel_until), lang, zone,
                                               checked_at)),
    ]
    path = f"/v1/customers/{customer.tenant_id}/subscriptions/{sub_id}"
    changes_text = json.dumps(dict(change.changes), ensure_ascii=False)
    facts = list(change.facts)
    if change.allowed_until is not None:
        facts.append(tl("roles.email.deadline", lang,
                        until=terms.moment_in_words(change.allowed_until, lang, zone,
                                                    checked_at),
                        left=terms.time_left(change.allowed_until, checked_at, lang)))
    fact_lines = [f"  - {safe_text(fact, 400)}" for fact in facts]
    text = "\n".join([
        *_header(lang, tl("roles.email.sub.subject", lang, customer=customer.name,
                          change=f"{product}, {change.summary}"),
                 tl("roles.email.sub.ask", lang), reseller),
        *_customer_lines(lang, customer),
        "",
        tl("roles.email.subscription", lang),
        *_rows(lang, sub_rows),
        "",
        tl("roles.email.change", lang),
        f"  {safe_text(change.effect, 400)}",
        "",
        tl("roles.email.rules", lang, checked=terms.moment_in_words(checked_at, lang, zone)),
        *fact_lines,
        "",
        tl("roles.email.api", lang, method="PATCH", path=path, changes=changes_text),
        *_closing(lang, reseller),
    ])
    document: dict[str, Any] = {
        "kind": SUBSCRIPTION_KIND,
        "version": VERSION,
        "language": lang,
        "reseller": _reseller_document(reseller),
        "customer": _customer_document(customer),
        "subscription": {
            "id": sub_id,
            "product": product,
            "offer_id": record.get("offer_id"),
            "offer_name": record.get("offer_name"),
            "quantity": record.get("quantity"),
            "status": record.get("status"),
            "term_duration": record.get("term_duration"),
            "billing_cycle": record.get("billing_cycle"),
            "auto_renew": None if auto is None else bool(auto),
            "commitment_end_date": term_end,
            "cancellation_allowed_until": cancel_until,
        },
        "change": {
            "action": change.action,
            "summary": change.summary,
            "effect": change.effect,
            "from": _jsonable(change.before),
            "to": _jsonable(change.changes),
        },
        "rules": {
            "checked_at": wire_stamp(checked_at) if checked_at else None,
            "allowed_until": (wire_stamp(change.allowed_until)
                              if change.allowed_until else None),
            "facts": facts,
        },
        "partner_center": {
            "method": "PATCH",
            "path": path,
            # PATCH takes the whole subscription: read it, set these keys, send it back.
            "changes": _jsonable(change.changes),
        },
    }
    return text, document


# -- the Education qualification -----------------------------------------------------------------


def education(
    *,
    reseller: ResellerFacts,
    customer: CustomerFacts,
    body: Mapping[str, str],
    segment_words: str,
    current: Sequence[str],
    expected_days: int,
    language: str,
) -> tuple[str, dict[str, Any]]:
    """The e-mail and the JSON document asking the distributor to request Education."""
    lang = _lang(language)
    path = f"/v1/customers/{customer.tenant_id}/qualifications"
    rows = [("segment", segment_words), ("website", body.get("website") or terms.NOTHING),
            ("current", "; ".join(current) if current else tl("roles.email.none", lang))]
    text = "\n".join([
        *_header(lang, tl("roles.email.edu.subject", lang, customer=customer.name),
                 tl("roles.email.edu.ask", lang), reseller),
        *_customer_lines(lang, customer, contact=True),
        "",
        tl("roles.email.qualification", lang),
        f"  {safe_text(body.get('qualification', ''), 40)}",
        *_rows(lang, rows),
        "",
        tl("roles.email.edu.note", lang, days=expected_days),
        tl("roles.email.edu.api", lang, method="POST", path=path,
           body=json.dumps(dict(body), ensure_ascii=False)),
        *_closing(lang, reseller),
    ])
    document: dict[str, Any] = {
        "kind": EDUCATION_KIND,
        "version": VERSION,
        "language": lang,
        "reseller": _reseller_document(reseller),
        "customer": {**_customer_document(customer), "email": customer.email,
                     "city": customer.city, "country": customer.country},
        "qualification": dict(body),
        "current_qualifications": list(current),
        "partner_center": {"method": "POST", "path": path, "body": dict(body)},
    }
    return text, document


# -- saving -------------------------------------------------------------------------------------


def save(email_text: str, document: dict[str, Any], exports_dir: Path,
         stem: str) -> DistributorRequest:
    """Write the JSON (0600, never over an existing file) and return the whole request."""
    reject_secrets(document)
    json_text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path = save_to_file(json_text, exports_dir, stem, extension="json")
    return DistributorRequest(email_text, json_text, path)


# -- shared with the other requests for the distributor (services/orders.py: an order) ---------

header_lines = _header
customer_lines = _customer_lines
closing_lines = _closing
customer_document = _customer_document
reseller_document = _reseller_document
