"""Partner Center's rules for a new customer, as the sandbox enforces them: the body of
``POST /v1/customers`` validated field by field (the documented error codes), the initial domain
free and well-formed, the IČO's check digit for a Czech company."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from csp_tui.domain.validation import ico_checksum_ok
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.entities import ROLE_PROVIDER, Caller
from csp_tui.sandbox.world import World

DOMAIN_RE = re.compile(r"^[a-z0-9]+\.onmicrosoft\.com$")
# A DNS label; Microsoft documents no shorter limit for the initial domain.
DOMAIN_PREFIX_MAX = 63
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CZ_POSTAL_RE = re.compile(r"^\d{3} ?\d{2}$")
COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
# Countries whose customers need an organisation registration number (INN).
INN_COUNTRIES = frozenset({"AM", "AZ", "BY", "HU", "IN", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA"})


@dataclass(frozen=True)
class NewCustomer:
    domain: str
    company_name: str
    email: str
    culture: str
    language: str
    first_name: str
    last_name: str
    street: str
    city: str
    postal_code: str
    country: str
    phone: str
    registration_number: str | None
    reseller_id: str | None
    gdap_by_default: bool


def _text(container: dict[str, Any], key: str, label: str, *, required: bool = True,
          limit: int = 200) -> str:
    value = container.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ApiError(400, 3000, f"{label} is required.", [label])
        return ""
    if not isinstance(value, str | int):
        raise ApiError(400, 3000, f"{label} must be text.", [label])
    text = str(value).strip()
    if len(text) > limit:
        raise ApiError(400, 3000, f"{label} is longer than {limit} characters.", [label])
    return text


def _culture(value: str) -> str:
    language, _, region = value.partition("-")
    return f"{language.lower()}-{region.upper()}" if region else language.lower()


def validate_new_customer(world: World, caller: Caller, body: Any) -> NewCustomer:
    """Check a POST /v1/customers body (keys lower-cased) the way Partner Center does."""
    if not isinstance(body, dict):
        raise ApiError(400, 800002, "The request body must be a customer object.")
    company = body.get("companyprofile")
    billing = body.get("billingprofile")
    if not isinstance(company, dict):
        raise ApiError(400, 3000, "companyProfile is required.", ["companyProfile"])
    if not isinstance(billing, dict):
        raise ApiError(400, 3000, "billingProfile is required.", ["billingProfile"])
    address = billing.get("defaultaddress")
    if not isinstance(address, dict):
        raise ApiError(400, 3000, "billingProfile.defaultAddress is required.",
                       ["billingProfile.defaultAddress"])

    domain = _text(company, "domain", "companyProfile.domain", limit=300)
    lowered = domain.lower()
    if not DOMAIN_RE.match(lowered):
        raise ApiError(400, 3000, f"The domain '{domain}' is not valid: use "
                                  "<prefix>.onmicrosoft.com with letters and digits only.",
                       ["companyProfile.domain"])
    prefix = lowered.split(".", 1)[0]
    if len(prefix) > DOMAIN_PREFIX_MAX:
        raise ApiError(400, 3000, f"The domain prefix is longer than {DOMAIN_PREFIX_MAX} "
                                  "characters.", ["companyProfile.domain"])
    if world.is_domain_taken(lowered):
        raise ApiError(400, 800002, f"The domain '{domain}' is not available.",
                       ["companyProfile.domain"])

    email = _text(billing, "email", "billingProfile.email", limit=254)
    if not EMAIL_RE.match(email):
        raise ApiError(400, 3000, f"'{email}' is not a valid e-mail address.",
                       ["billingProfile.email"])
    culture = _culture(_text(billing, "culture", "billingProfile.culture", limit=20))
    language = _text(billing, "language", "billingProfile.language", limit=10)
    company_name = _text(billing, "companyname", "billingProfile.companyName", limit=200)
    first = _text(address, "firstname", "defaultAddress.firstName", limit=50)
    last = _text(address, "lastname", "defaultAddress.lastName", limit=50)
    street = _text(address, "addressline1", "defaultAddress.addressLine1", limit=200)
    city = _text(address, "city", "defaultAddress.city", limit=100)
    country = _text(address, "country", "defaultAddress.country", limit=2).upper()
    if not COUNTRY_RE.match(country):
        raise ApiError(400, 3000, "defaultAddress.country must be a two-letter ISO code.",
                       ["defaultAddress.country"])
    postal = _text(address, "postalcode", "defaultAddress.postalCode",
                   required=country == "CZ", limit=20)
    if country == "CZ":
        if not CZ_POSTAL_RE.match(postal):
            raise ApiError(400, 3000, f"'{postal}' is not a valid postal code for CZ (NNN NN).",
                           ["defaultAddress.postalCode"])
        postal = postal.replace(" ", "")
    phone = _text(address, "phonenumber", "defaultAddress.phoneNumber", required=False,
                  limit=30)
    if phone and not PHONE_RE.match(phone):
        raise ApiError(400, 3000, f"'{phone}' is not a valid phone number.",
                       ["defaultAddress.phoneNumber"])

    registration = _text(company, "organizationregistrationnumber",
                         "companyProfile.organizationRegistrationNumber", required=False,
                         limit=30) or None
    if country in INN_COUNTRIES and not registration:
        raise ApiError(400, 600049, "The organization registration number is required for "
                                    f"{country}.", ["organizationRegistrationNumber"])
    if country == "CZ" and registration is not None and not ico_checksum_ok(registration):
        raise ApiError(400, 600050, "The organization registration number does not match the "
                                    "format ^\\d{8}$ with a valid check digit.",
                       ["organizationRegistrationNumber"])

    reseller_id: str | None = None
    associated = body.get("associatedpartnerid")
    if associated not in (None, ""):
        valid = {p.tenant_id.lower(): p.tenant_id for p in world.resellers_of(caller.tenant_id)}
        reseller_id = valid.get(str(associated).strip().lower()) if (
            caller.role == ROLE_PROVIDER) else None
        if reseller_id is None:
            raise ApiError(400, 800016, f"The PartnerID '{associated}' is not a valid indirect "
                                        "reseller of this partner.", ["associatedPartnerId"])
    gdap = body.get("enablegdapbydefault")
    return NewCustomer(
        domain=domain,
        company_name=company_name,
        email=email,
        culture=culture,
        language=language,
        first_name=first,
        last_name=last,
        street=street,
        city=city,
        postal_code=postal,
        country=country,
        phone=phone,
        registration_number=registration,
        reseller_id=reseller_id,
        gdap_by_default=bool(gdap) if isinstance(gdap, bool) else False,
    )
