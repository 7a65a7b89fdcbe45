"""A request for a new customer tenant: the form's model, the CLI's file format, and what it
turns into — the Partner Center create-customer call, a confirmation summary, or (for an
indirect reseller, whom Partner Center does not let create customers) a ready-made request to
the distributor.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.i18n import tl

FIELDS: tuple[str, ...] = (
    "company_name", "ico", "dic", "street", "city", "postal_code", "country", "first_name",
    "last_name", "email", "phone", "domain_prefix", "culture", "reseller_id",
)

# Partner Center wants ``organizationRegistrationNumber`` only from these countries and answers
# 400/600002 ("not supported for country") when another country sends one - Czech customers
# included - so the IČO travels to Partner Center only where it is asked for.
REGISTRATION_NUMBER_COUNTRIES = frozenset(
    {"AM", "AZ", "BY", "HU", "IN", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA"})

_FOREIGN_REGISTRATION_MAX = 30


class NewTenantRequest(BaseModel):
    """Everything needed to create a customer tenant, already normalised.

    Building one directly (``NewTenantRequest(**data)`` or ``model_validate``) runs the same
    validators as :func:`validate_request` and stores their normalised values, so an instance
    never holds "170 00" in one place and "17000" in another.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    company_name: str
    ico: str
    dic: str | None = None
    street: str
    city: str
    postal_code: str
    country: str = v.DEFAULT_COUNTRY
    first_name: str
    last_name: str
    email: str
    phone: str
    domain_prefix: str
    culture: str = v.DEFAULT_CULTURE
    reseller_id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        known = {k: data[k] for k in FIELDS if k in data}
        results = check_fields(known)
        errors = [f"{name}: {result.message('en')}" for name, result in results.items()
                  if not result.ok]
        if errors:
            raise ValueError("; ".join(errors))
        normalised: dict[str, str | None] = {name: result.value
                                             for name, result in results.items()}
        for optional in ("dic", "reseller_id"):
            normalised[optional] = normalised[optional] or None
        # Unknown keys stay in so that ``extra="forbid"`` reports them.
        return {**{k: val for k, val in data.items() if k not in FIELDS}, **normalised}

    @property
    def domain(self) -> str:
        """The initial domain the tenant will get: ``prefix.onmicrosoft.com``."""
        return self.domain_prefix + v.ONMICROSOFT_SUFFIX

    @property
    def language(self) -> str:
        return v.language_of(self.culture)


# --------------------------------------------------------------------------------------------
# Validation of a whole request
# --------------------------------------------------------------------------------------------


def _validate_ico_for(country: str) -> Callable[[object], v.FieldResult]:
    if country == "CZ":
        return v.validate_ico

    # A foreign company has no Czech IČO; keep whatever registration number was given, if any.
    def foreign(text: object) -> v.FieldResult:
        value = " ".join(safe_text(v.as_text(text)).split())
        if len(value) > _FOREIGN_REGISTRATION_MAX:
            return v.FieldResult(False, value, "validation.too_long",
                                 {"field_key": v.label_key("ico"), "count": len(value),
                                  "max": _FOREIGN_REGISTRATION_MAX})
        return v.FieldResult(True, value)

    return foreign


# Characters a person cannot see in a field: controls (an escape sequence, NUL), format
# characters (bidi overrides, zero-width spaces), surrogates, private-use and unassigned code
# points, line and paragraph separators. Tab and line breaks are whitespace like a space.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_WHITESPACE_CONTROLS = frozenset("\t\n\r")
# Joiners are part of what is seen (the cook in 👩‍🍳, Persian words), not hidden.
_VISIBLE_FORMAT = frozenset("\u200c\u200d")


def first_hidden_char(text: str) -> tuple[int, str] | None:
    """(1-based position, character) of the first character nobody can see, or None."""
    for position, ch in enumerate(text, 1):
        if ch in _WHITESPACE_CONTROLS or ch in _VISIBLE_FORMAT:
            continue
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES:
            return position, ch
    return None


def _refuse_hidden(name: str, raw_value: object, result: v.FieldResult) -> v.FieldResult:
    """One rule for every field: what Partner Center receives is what the person typed and
    can see, so a field holding a character nobody can see is refused (field, character and
    where), never silently cleaned."""
    found = first_hidden_char(v.as_text(raw_value))
    if found is None:
        return result
    position, ch = found
    return v.FieldResult(False, result.value, "validation.hidden_char",
                         {"field_key": v.label_key(name), "char": v.describe_char(ch),
                          "position": position})


def check_fields(raw: Mapping[str, object]) -> dict[str, v.FieldResult]:
    """Run every field's validator on ``raw`` (missing fields count as empty); never stops early."""
    results = _check_fields(raw)
    return {name: _refuse_hidden(name, raw.get(name), result)
            for name, result in results.items()}


def _check_fields(raw: Mapping[str, object]) -> dict[str, v.FieldResult]:
    country_result = v.validate_country(raw.get("country"))
    country = country_result.value if country_result.ok else v.DEFAULT_COUNTRY
    ico_result = _validate_ico_for(country)(raw.get("ico"))
    return {
        "company_name": v.validate_name(raw.get("company_name"), "organisation"),
        "ico": ico_result,
        "dic": v.validate_dic(raw.get("dic"), ico_result.value if ico_result.ok else None),
        "street": v.validate_street(raw.get("street")),
        "city": v.validate_city(raw.get("city")),
        "postal_code": v.validate_psc(raw.get("postal_code"), country),
        "country": country_result,
        "first_name": v.validate_name(raw.get("first_name"), "first_name"),
        "last_name": v.validate_name(raw.get("last_name"), "last_name"),
        "email": v.validate_email(raw.get("email")),
        "phone": v.validate_phone(raw.get("phone"), country),
        "domain_prefix": v.validate_domain_prefix(raw.get("domain_prefix")),
        "culture": v.validate_culture(raw.get("culture")),
        "reseller_id": v.validate_partner_id(raw.get("reseller_id")),
    }


def _as_field_text(value: object) -> str | None:
    """Text as it may appear in a request file; ``None`` when the JSON type makes no sense.

    Whole numbers are accepted (an IČO or PSČ written without quotes); a number that lost its
    leading zeros is then caught by the field's own check ("IČO has 8 digits; you typed 6").
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def validate_request(
    data: Mapping[str, object],
) -> tuple[NewTenantRequest | None, dict[str, v.FieldResult]]:
    """Check every field of a request (a form's values or a parsed JSON file).

    Returns the per-field results — all of them, including warnings and unknown keys — and the
    model only when no field has an error.
    """
    results: dict[str, v.FieldResult] = {}
    if not isinstance(data, Mapping):
        return None, {"": v.FieldResult(False, "", "validation.request.not_object", {})}
    raw: dict[str, object] = {}
    for key, value in data.items():
        name = v.as_text(key)
        if name not in FIELDS:
            results[safe_text(name, limit=60)] = _unknown_field(name)
            continue
        text = _as_field_text(value)
        if text is None:
            results[name] = v.FieldResult(False, "", "validation.not_text",
                                          {"field_key": v.label_key(name)})
        else:
            raw[name] = text
    for name, result in check_fields(raw).items():
        results.setdefault(name, result)
    if not all(result.ok for result in results.values()):
        return None, results
    values = {name: results[name].value for name in FIELDS}
    return NewTenantRequest(**values), results


def _unknown_field(name: str) -> v.FieldResult:
    shown = safe_text(name, limit=60)
    close = difflib.get_close_matches(name.strip().lower(), FIELDS, n=1, cutoff=0.6)
    if close:
        return v.FieldResult(False, "", "validation.unknown_field",
                             {"field": shown, "suggestion": close[0]})
    return v.FieldResult(False, "", "validation.unknown_field.no_suggestion",
                         {"field": shown, "fields": ", ".join(FIELDS)})


# --------------------------------------------------------------------------------------------
# What a request turns into
# --------------------------------------------------------------------------------------------


def to_customer_create_payload(
    req: NewTenantRequest, *, associated_partner_id: str | None
) -> dict[str, Any]:
    """Keyword arguments for the adapter's ``CustomerCreate``.

    ``associated_partner_id`` is the reseller's tenant id when a distributor creates the tenant
    for a reseller; ``None`` makes the customer the caller's own (direct) customer.
    """
    return {
        "company_name": req.company_name,
        "email": req.email,
        "culture": req.culture,
        "language": req.language,
        "first_name": req.first_name,
        "last_name": req.last_name,
        "address_line1": req.street,
        "city": req.city,
        "postal_code": req.postal_code,
        "country": req.country,
        "phone_number": req.phone,
        "domain": req.domain,
        "organization_registration_number":
            (req.ico or None) if req.country in REGISTRATION_NUMBER_COUNTRIES else None,
        "associated_partner_id": associated_partner_id or None,
        "enable_gdap_by_default": True,
    }


def partner_center_body(
    req: NewTenantRequest, *, associated_partner_id: str | None
) -> dict[str, Any]:
    """The documented ``POST /v1/customers`` body (camelCase), for people who send it by hand."""
    p = to_customer_create_payload(req, associated_partner_id=associated_partner_id)

    def present(mapping: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in mapping.items() if value not in (None, "")}

    body: dict[str, Any] = {
        "enableGDAPByDefault": p["enable_gdap_by_default"],
        "companyProfile": present({
            "domain": p["domain"],
            "organizationRegistrationNumber": p["organization_registration_number"],
        }),
        "billingProfile": {
            "culture": p["culture"],
            "email": p["email"],
            "language": p["language"],
            "companyName": p["company_name"],
            "defaultAddress": present({
                "firstName": p["first_name"],
                "lastName": p["last_name"],
                "addressLine1": p["address_line1"],
                "city": p["city"],
                "postalCode": p["postal_code"],
                "country": p["country"],
                "phoneNumber": p["phone_number"],
            }),
        },
    }
    if p["associated_partner_id"]:
        body["associatedPartnerId"] = p["associated_partner_id"]
    return body


def _display_postal(req: NewTenantRequest) -> str:
    return v.format_psc(req.postal_code) if req.country == "CZ" else req.postal_code


def summary_lines(req: NewTenantRequest) -> list[tuple[str, str]]:
    """``(label key, value)`` pairs for the confirmation screen, in form order.

    Values are display forms ("170 00", "+420 603 123 456") of data a person typed or ARES
    returned: render them literally, never as markup.
    """
    lines: list[tuple[str, str]] = [
        (v.label_key("company_name"), req.company_name),
        (v.label_key("ico"), req.ico),
    ]
    if req.dic:
        lines.append((v.label_key("dic"), req.dic))
    lines += [
        (v.label_key("street"), req.street),
        (v.label_key("city"), req.city),
        (v.label_key("postal_code"), _display_postal(req)),
        (v.label_key("country"), req.country),
        (v.label_key("first_name"), req.first_name),
        (v.label_key("last_name"), req.last_name),
        (v.label_key("email"), req.email),
        (v.label_key("phone"), v.format_phone(req.phone)),
        (v.label_key("domain"), req.domain),
        (v.label_key("culture"), req.culture),
    ]
    if req.reseller_id:
        lines.append((v.label_key("reseller_id"), req.reseller_id))
    return [(key, safe_text(value)) for key, value in lines]


def distributor_request(
    req: NewTenantRequest,
    *,
    reseller_name: str,
    reseller_mpn_id: str,
    language: str,
    reseller_tenant_id: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """An e-mail asking the distributor to create the tenant, and the same as a JSON document.

    Partner Center refuses customer creation to indirect resellers; the distributor creates the
    tenant with ``associatedPartnerId`` = the reseller's tenant id. The document carries the
    request in this module's file format (``customer``, which :func:`validate_request` reads
    back) and the Partner Center body the distributor would send. No credentials are in it: the
    administrator password exists only once the distributor has created the tenant.
    """
    lang = language if language in ("cs", "en") else "en"
    tenant_id = reseller_tenant_id or req.reseller_id
    name = safe_text(reseller_name)
    mpn = safe_text(reseller_mpn_id)

    def say(key: str, **kw: object) -> str:
        return tl(key, lang, **kw)

    def row(field: str, value: str) -> str:
        return f"  {say(v.label_key(field))}: {safe_text(value)}"

    address = f"{req.street}, {_display_postal(req)} {req.city}, {req.country}"
    customer_rows = [row("company_name", req.company_name), row("ico", req.ico)]
    if req.dic:
        customer_rows.append(row("dic", req.dic))
    customer_rows += [
        row("address", address),
        row("contact", f"{req.first_name} {req.last_name}"),
        row("email", req.email),
        row("phone", v.format_phone(req.phone)),
        row("domain", req.domain),
        row("culture", req.culture),
    ]
    reseller_line = say("tenant.email.reseller", name=name, mpn=mpn)
    if tenant_id:
        reseller_line += "\n" + say("tenant.email.reseller_tenant", tenant_id=tenant_id)
    text = "\n".join([
        say("tenant.email.subject", company=safe_text(req.company_name)),
        "",
        say("tenant.email.greeting"),
        "",
        say("tenant.email.ask"),
        reseller_line,
        "",
        say("tenant.email.customer"),
        *customer_rows,
        "",
        say("tenant.email.domain_note", domain=req.domain),
        say("tenant.email.credentials_note", admin=f"admin@{req.domain}"),
        say("tenant.email.attachment"),
        "",
        say("tenant.email.closing"),
        name,
        "",
    ])
    document: dict[str, Any] = {
        "kind": "csp-tui/new-tenant-request",
        "version": 1,
        "reseller": {"name": name, "mpn_id": mpn, "tenant_id": tenant_id},
        "customer": req.model_dump(),
        "partner_center": {
            "method": "POST",
            "path": "/v1/customers",
            "body": partner_center_body(req, associated_partner_id=tenant_id),
        },
    }
    return text, document
