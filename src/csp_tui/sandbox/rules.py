"""Partner Center's business rules, as the sandbox enforces them.

- New-commerce subscription changes (PATCH): quantity range (2002), seat decreases only for
  seats added in the last 7 days (800090), cancellation only inside the 7-day window (900117 for
  online services, 900213 for software subscriptions), deleted is final (2011), a suspended
  subscription may only change status (800091), suspending turns auto-renew off, and the
  documented quirk: a body without ``autoRenewEnabled`` switches auto-renew off.
- The passage of (virtual) time: renewals, expiry, disabling, education vetting outcomes and
  prospects accepting the reseller's invitation — all evaluated lazily, on the next request.
- Validation of a new customer and of a qualification request.

Violations raise :class:`ApiError`, which the routes render as Partner Center's classic error
body ``{code, description, data, source}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.domain.text import fold
from csp_tui.sandbox.clock import add_business_days, add_months, midnight
from csp_tui.sandbox.world import (
    ROLE_PROVIDER,
    Caller,
    Customer,
    Qualification,
    SeatBatch,
    Subscription,
    World,
)

TERM_MONTHS = {"P1M": 1, "P1Y": 12, "P3Y": 36}
EXPIRED_FOR = timedelta(days=30)
DISABLED_FOR = timedelta(days=90)
VETTING_BUSINESS_DAYS = 3
# Far enough that "nothing is scheduled" needs no special case.
_NEVER = datetime(9999, 1, 1, tzinfo=UTC)

DOMAIN_RE = re.compile(r"^[a-z0-9]+\.onmicrosoft\.com$")
# A DNS label; Microsoft documents no shorter limit for the initial domain.
DOMAIN_PREFIX_MAX = 63
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CZ_POSTAL_RE = re.compile(r"^\d{3} ?\d{2}$")
COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
# Countries whose customers need an organisation registration number (INN).
INN_COUNTRIES = frozenset({"AM", "AZ", "BY", "HU", "IN", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA"})

DENIED_REASON = "Not an Education Customer"
# Words that make an organisation look like an accredited school (folded, no diacritics).
_SCHOOL_WORDS = (
    "zakladni skola", "materska skola", "zs a ms", "zs ", "ms ", "gymnazium", "stredni skola",
    "stredni odborna", "odborne uciliste", "vysoka skola", "univerzita", "konzervator",
    "lyceum", "vyssi odborna", "skolni",
)
_NOT_SCHOOL_WORDS = ("jazykova skola", "autoskola", "taneční skola", "tanecni skola")


class ApiError(Exception):
    """A Partner Center error answer: HTTP status, error code and description."""

    def __init__(self, status: int, code: int, description: str,
                 data: list[str] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description
        self.data = data or []


def ci(value: Any) -> Any:
    """JSON input is case-insensitive: every object key lower-cased, recursively."""
    if isinstance(value, dict):
        return {str(k).lower(): ci(v) for k, v in value.items()}
    if isinstance(value, list):
        return [ci(v) for v in value]
    return value


def term_end(start: datetime, term: str) -> datetime:
    """The last day (inclusive) of a term that starts at ``start``, at midnight UTC."""
    return midnight(add_months(start.date(), TERM_MONTHS.get(term, 12)) - timedelta(days=1))


# -- time passing ---------------------------------------------------------------------------


def advance(world: World, now: datetime) -> bool:
    """Apply everything that became due by ``now``; True if the world changed.

    Cheap when nothing is due: the world remembers its next event and this returns at once.
    """
    due = world.next_event_at
    if due is not None and now < due:
        return False
    changed = False
    upcoming: list[datetime] = []

    waiting = [c for c in world.customers if c.state == "prospect" and c.accepts_after is not None]
    for prospect in sorted(waiting, key=lambda c: (c.accepts_after or 0.0, c.key)):
        at = world.created_at + timedelta(seconds=prospect.accepts_after or 0.0)
        if now >= at:
            accept_prospect(world, prospect, at)
            changed = True
        else:
            upcoming.append(at)

    for customer in world.customers:
        for sub in customer.subscriptions:
            sub_changed, next_at = _advance_subscription(sub, now)
            changed |= sub_changed
            if next_at is not None:
                upcoming.append(next_at)
        for qualification in customer.qualifications:
            if qualification.vetting_status != "InReview" or qualification.vetting_due is None:
                continue
            if now >= qualification.vetting_due:
                qualification.vetting_status = qualification.outcome or "Approved"
                if qualification.vetting_status == "Denied":
                    qualification.vetting_reason = qualification.outcome_reason or DENIED_REASON
                changed = True
            else:
                upcoming.append(qualification.vetting_due)

    if changed:
        world.changed()
    world.next_event_at = min(upcoming) if upcoming else _NEVER
    return changed


def _advance_subscription(sub: Subscription, now: datetime) -> tuple[bool, datetime | None]:
    changed = False
    # Bounded: a monthly subscription across a clock jump of years renews many times.
    for _ in range(1000):
        if sub.status == "active":
            renew_at = sub.commitment_end + timedelta(days=1)
            if now < renew_at:
                return changed, renew_at
            if sub.auto_renew and not sub.is_trial:
                # A new term, and with it a new 7-day window for the renewed seats.
                sub.term_start = renew_at
                sub.commitment_end = term_end(renew_at, sub.term_duration)
                sub.batches = [SeatBatch(sub.quantity, renew_at)]
            else:
                sub.status = "expired"
                sub.status_changed_at = renew_at
        elif sub.status == "suspended":
            at = sub.commitment_end + timedelta(days=1)
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "disabled", at
        elif sub.status == "expired":
            at = (sub.status_changed_at or sub.commitment_end) + EXPIRED_FOR
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "disabled", at
        elif sub.status == "disabled":
            at = (sub.status_changed_at or sub.commitment_end) + DISABLED_FOR
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "deleted", at
        else:
            return changed, None
        sub.version += 1
        changed = True
    return changed, now


def accept_prospect(world: World, prospect: Customer, at: datetime,
                    reseller_id: str = identity.RESELLER_TENANT_ID) -> None:
    """The prospect's admin accepted the reseller's invitation: it becomes a customer."""
    providers = world.providers_of(reseller_id)
    prospect.state = "customer"
    prospect.reseller_id = reseller_id
    prospect.provider_id = providers[0].tenant_id if providers else identity.PROVIDER_TENANT_ID
    prospect.related_at = at
    prospect.seq = world.take_seq()
    world.changed()


# -- subscription changes -----------------------------------------------------------------


def _etag_matches(header: str, sub: Subscription) -> bool:
    value = header.strip()
    if value == "*":
        return True
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') == sub.etag


def _quantity(value: Any) -> int:
    if isinstance(value, bool):
        raise ApiError(400, 3000, "quantity must be a whole number.", ["quantity"])
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ApiError(400, 3000, "quantity must be a whole number.", ["quantity"])


def patch_subscription(sub: Subscription, body: dict[str, Any], now: datetime,
                       if_match: str | None = None) -> None:
    """Apply a PATCH body (keys lower-cased) to ``sub``, or raise :class:`ApiError`."""
    if if_match is not None and not _etag_matches(if_match, sub):
        raise ApiError(400, 2055, "The etag is no longer valid. Get the subscription again "
                                  "and retry the update.")
    if sub.status == "deleted":
        raise ApiError(400, 2011, "The subscription is deleted and cannot be updated.")

    requested_status = body.get("status")
    if requested_status is not None and not isinstance(requested_status, str):
        raise ApiError(400, 3000, "status must be text.", ["status"])
    target = requested_status.strip().lower() if requested_status else None
    quantity = _quantity(body["quantity"]) if body.get("quantity") is not None else None
    friendly = body.get("friendlyname")
    if friendly is not None and not isinstance(friendly, str):
        raise ApiError(400, 3000, "friendlyName must be text.", ["friendlyName"])
    auto = body.get("autorenewenabled")
    if auto is not None and not isinstance(auto, bool):
        raise ApiError(400, 3000, "autoRenewEnabled must be true or false.", ["autoRenewEnabled"])

    status_change = target is not None and target != sub.status
    quantity_change = quantity is not None and quantity != sub.quantity
    name_change = friendly is not None and friendly != sub.friendly_name

    if sub.status == "suspended" and (quantity_change or name_change or auto is True):
        raise ApiError(400, 800091, "A suspended subscription cannot be updated; only its "
                                    "status can be changed.")
    if sub.status in ("expired", "disabled") and (status_change or quantity_change
                                                  or auto is True):
        raise ApiError(400, 3000, f"The subscription is {sub.status} and can no longer be "
                                  "changed; purchase a new one.")

    if status_change:
        _change_status(sub, target or "", quantity_change, now)
        if name_change and sub.status != "deleted":
            sub.friendly_name = friendly or sub.friendly_name
    else:
        if quantity is not None and quantity_change:
            _change_quantity(sub, quantity, now)
        if name_change:
            sub.friendly_name = friendly or sub.friendly_name
        if auto is None:
            # Documented behaviour: PATCH takes the whole subscription; a body that leaves
            # autoRenewEnabled out is read as "false".
            sub.auto_renew = False
        else:
            if auto and (sub.is_trial or sub.status != "active"):
                raise ApiError(400, 800093, "The subscription is not eligible to auto-renew.")
            sub.auto_renew = auto
    sub.version += 1


def _change_status(sub: Subscription, target: str, quantity_change: bool,
                   now: datetime) -> None:
    if target == "deleted":
        if not sub.in_cancel_window(now):
            code = 900213 if sub.is_software else 900117
            raise ApiError(400, code, "The subscription can only be cancelled within 7 days "
                                      "(168 hours) of its purchase or renewal.")
        sub.status = "deleted"
        sub.auto_renew = False
        sub.status_changed_at = now
        sub.batches = []
    elif target == "suspended":
        if sub.status != "active":
            raise ApiError(400, 3000, f"A {sub.status} subscription cannot be suspended.")
        if quantity_change:
            raise ApiError(400, 2001, "The quantity cannot be changed while suspending the "
                                      "subscription.")
        # New commerce: suspending switches auto-renew off; it stays off after reactivation.
        sub.status = "suspended"
        sub.auto_renew = False
        sub.status_changed_at = now
    elif target == "active":
        if sub.status != "suspended":
            raise ApiError(400, 3000, f"A {sub.status} subscription cannot be activated.")
        sub.status = "active"
        sub.status_changed_at = now
    else:
        raise ApiError(400, 3000, f"The status '{target}' cannot be set.", ["status"])


def _change_quantity(sub: Subscription, quantity: int, now: datetime) -> None:
    if not sub.min_quantity <= quantity <= sub.max_quantity:
        raise ApiError(400, 2002, f"The quantity {quantity} is outside the allowed range "
                                  f"({sub.min_quantity}–{sub.max_quantity}).", ["quantity"])
    if sub.status != "active":
        raise ApiError(400, 3000, f"The quantity of a {sub.status} subscription cannot be "
                                  "changed.")
    if sub.is_software:
        # Software subscriptions: no mid-term changes; cancel inside the window and rebuy.
        raise ApiError(400, 900275, "The quantity of a software subscription cannot be "
                                    "changed; purchase an additional subscription instead.")
    delta = quantity - sub.quantity
    if delta > 0:
        sub.batches.append(SeatBatch(delta, now))
    else:
        remove = -delta
        refundable = sub.refundable(now)
        if remove > sum(b.quantity for b in refundable):
            raise ApiError(400, 800090, "Subscription quantity cannot be decreased.")
        # Seats come off the most recently added batches first.
        for batch in sorted(refundable, key=lambda b: b.added_at, reverse=True):
            take = min(batch.quantity, remove)
            batch.quantity -= take
            remove -= take
            if remove == 0:
                break
        sub.batches = [b for b in sub.batches if b.quantity > 0]
    sub.quantity = quantity


# -- qualifications ---------------------------------------------------------------------------

_QUALIFICATIONS = {
    "education": "Education",
    "stateownedentity": "StateOwnedEntity",
    "governmentcommunitycloud": "GovernmentCommunityCloud",
    "nonprofit": "Nonprofit",
    "none": "None",
}
_SEGMENTS = {"k12": "K12", "highereducation": "HigherEducation"}


def looks_like_school(customer: Customer, website: str | None = None) -> bool:
    """The sandbox's deterministic vetting: accredited-school names (or an .edu site) pass."""
    text = f" {fold(customer.company_name)} "
    if any(word in text for word in _NOT_SCHOOL_WORDS):
        return False
    sites = [website or "", *customer.all_domains]
    if any(fold(site).rstrip("/").endswith(".edu") for site in sites):
        return True
    return any(word in text for word in _SCHOOL_WORDS)


#: Education verification requests per customer (the first one and two more after denials).
MAX_VETTING_ATTEMPTS = 3


def request_qualification(customer: Customer, body: dict[str, Any],
                          now: datetime) -> Qualification:
    """Validate a POST …/qualifications body and add the qualification to ``customer``."""
    raw = body.get("qualification")
    if not isinstance(raw, str) or not raw.strip():
        raise ApiError(400, 3000, "qualification is required.", ["qualification"])
    name = _QUALIFICATIONS.get(raw.strip().lower())
    if name is None:
        raise ApiError(400, 3000, f"Unknown qualification '{raw}'.", ["qualification"])
    if name in ("None", "Nonprofit"):
        raise ApiError(400, 3000, f"Partners cannot set the {name} qualification.",
                       ["qualification"])
    existing = next((q for q in customer.qualifications if q.qualification == name), None)
    resubmitted = (existing is not None and name == "Education"
                   and existing.vetting_status == "Denied"
                   and existing.attempts < MAX_VETTING_ATTEMPTS)
    if existing is not None and not resubmitted:
        raise ApiError(400, 3000, f"The customer already has the {name} qualification; a "
                                  "qualification cannot be changed once set.",
                       ["qualification"])
    if resubmitted:
        # Verification may be requested again after a denial (the organisation's profile was
        # corrected), up to three times per customer: the same qualification goes back to review.
        assert existing is not None
        customer.qualifications.remove(existing)
    if name == "Education":
        segment_raw = body.get("educationsegment")
        segment = _SEGMENTS.get(str(segment_raw or "").strip().lower())
        if segment is None:
            raise ApiError(400, 3000, "educationSegment is required (K12 or HigherEducation).",
                           ["educationSegment"])
        website = body.get("website")
        website = website.strip() if isinstance(website, str) and website.strip() else None
        approved = looks_like_school(customer, website)
        qualification = Qualification(
            qualification="Education",
            vetting_status="InReview",
            vetting_created=now,
            vetting_due=add_business_days(now, VETTING_BUSINESS_DAYS),
            outcome="Approved" if approved else "Denied",
            outcome_reason=None if approved else DENIED_REASON,
            education_segment=segment,
            website=website,
            attempts=existing.attempts + 1 if resubmitted and existing is not None else 1,
        )
    elif name == "GovernmentCommunityCloud":
        code = body.get("validationcode")
        if not isinstance(code, str | int) or not str(code).strip():
            raise ApiError(400, 3000, "validationCode is required for GovernmentCommunityCloud.",
                           ["validationCode"])
        if customer.country.upper() != "US":
            raise ApiError(400, 3000, "GovernmentCommunityCloud is available to US government "
                                      "customers only.")
        qualification = Qualification(qualification=name, vetting_status="InReview",
                                      vetting_created=now,
                                      vetting_due=add_business_days(now, VETTING_BUSINESS_DAYS),
                                      outcome="Approved")
    else:
        qualification = Qualification(qualification=name)
    customer.qualifications.append(qualification)
    return qualification


# -- new customers ------------------------------------------------------------------------------


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
    if country == "CZ" and registration is not None and not ico_valid(registration):
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


def ico_check_digit(first_seven: str) -> int:
    """The eighth digit of an IČO: weights 8..2, mod 11, then (11 - r) mod 10."""
    total = sum(int(digit) * weight
                for digit, weight in zip(first_seven, range(8, 1, -1), strict=True))
    return (11 - total % 11) % 10


def ico_valid(text: str) -> bool:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return False
    return ico_check_digit(text[:7]) == int(text[7])
