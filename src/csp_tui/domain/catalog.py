"""What the catalog sells and the rules of an order: which term and billing an availability
allows, the quantity it takes, who may buy an Education availability, and what an order does
(term, billing, first renewal, cancellation window).

Pure functions over plain values: the catalog service fills :class:`CatalogItem` from Partner
Center's products, SKUs and availabilities (partner-center-api §6.1), the order screen, the
command line and the sandbox read the same rules. No I/O here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from csp_tui.domain.text import fold

KIND_ONLINE = "online"
KIND_SOFTWARE = "software"
KIND_PERPETUAL = "perpetual"
KINDS: tuple[str, ...] = (KIND_ONLINE, KIND_SOFTWARE, KIND_PERPETUAL)

SEGMENT_COMMERCIAL = "commercial"
SEGMENT_EDUCATION = "education"

#: New-commerce online services and software subscriptions: cancellable (with a prorated
#: refund) for 7 days after the purchase (partner-center-api §5.4; domain-facts).
CANCEL_WINDOW = timedelta(days=7)
#: Perpetual software: an order may be cancelled within 30 days, never after
#: (partner-center-api §6.2, "Cancel within 30 days").
PERPETUAL_REFUND_WINDOW = timedelta(days=30)
#: The one billing of a perpetual licence, as Partner Center spells it.
ONE_TIME = "one_time"

_TERM_MONTHS = {"P1M": 1, "P1Y": 12, "P3Y": 36}


@dataclass(frozen=True)
class Choice:
    """A term and a billing cycle an availability is sold on (``term`` empty: perpetual)."""

    term: str
    billing: str

    @property
    def key(self) -> str:
        return f"{self.term or '-'}/{self.billing}"


@dataclass(frozen=True)
class CatalogItem:
    """One availability of one SKU of one product, for one country and segment."""

    product_id: str
    sku_id: str
    availability_id: str
    title: str  # the SKU's title: what the customer buys
    product_title: str
    kind: str  # KINDS
    segment: str  # commercial | education | …
    country: str
    choices: tuple[Choice, ...]
    min_quantity: int = 1
    max_quantity: int = 300
    is_trial: bool = False
    purchasable: bool = True

    @property
    def catalog_item_id(self) -> str:
        return f"{self.product_id}:{self.sku_id}:{self.availability_id}"

    @property
    def search_fold(self) -> str:
        return fold(" ".join((self.title, self.product_title, self.catalog_item_id)))


_BILLING_ORDER = ("monthly", "annual", "triennial", ONE_TIME)


def in_order(choices: Iterable[Choice]) -> tuple[Choice, ...]:
    """Shortest term first, then billed monthly before paid in advance (the order the form
    offers them in, whatever order Partner Center listed them)."""
    def rank(choice: Choice) -> tuple[int, int]:
        billing = choice.billing.lower()
        return (_TERM_MONTHS.get(choice.term.upper(), 0),
                _BILLING_ORDER.index(billing) if billing in _BILLING_ORDER else 99)
    return tuple(sorted(dict.fromkeys(choices), key=rank))


def kind_of(product_type: str | None, terms: Iterable[str]) -> str:
    """Online service, software subscription or perpetual licence, as the rest of the console
    tells them apart: software without a term is perpetual (bought ``one_time``)."""
    has_term = any(term.strip() for term in terms)
    if (product_type or "").strip().lower() == "software":
        return KIND_SOFTWARE if has_term else KIND_PERPETUAL
    return KIND_ONLINE


def split_catalog_item_id(value: str) -> tuple[str, str, str] | None:
    """``product:sku:availability`` -> its three parts, or None when it is not one."""
    parts = [part.strip().upper() for part in value.strip().split(":")]
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def matches(item: CatalogItem, folded_filter: str, kind: str | None = None) -> bool:
    """The accent-free filter of the lists (``folded_filter`` already folded)."""
    if kind and item.kind != kind:
        return False
    return all(word in item.search_fold for word in folded_filter.split())


# -- Education ---------------------------------------------------------------------------------

#: Why an availability may not be offered to this customer (None: it may).
GATE_NO_QUALIFICATION = "none"
GATE_IN_REVIEW = "in_review"
GATE_DENIED = "denied"


def education_gate(item: CatalogItem,
                   qualifications: Sequence[tuple[str, str | None]]) -> str | None:
    """An Education availability is offered only to a customer whose Education qualification
    is approved (partner-center-api §6.1: the customer-scoped catalog filters by qualification;
    §7). ``qualifications`` are (qualification, vetting status) pairs; a status of None is an
    approved qualification without vetting (Partner Center's older answers)."""
    if item.segment != SEGMENT_EDUCATION:
        return None
    statuses = [(status or "approved").strip().lower()
                for name, status in qualifications if name.strip().lower() == "education"]
    if "approved" in statuses:
        return None
    if "inreview" in statuses or "in review" in statuses:
        return GATE_IN_REVIEW
    if "denied" in statuses:
        return GATE_DENIED
    return GATE_NO_QUALIFICATION


# -- an order ----------------------------------------------------------------------------------

PROBLEM_CHOICE = "choice"  # a term / billing the availability does not sell
PROBLEM_QUANTITY_LOW = "quantity_low"
PROBLEM_QUANTITY_HIGH = "quantity_high"
PROBLEM_NOT_PURCHASABLE = "not_purchasable"
PROBLEM_EDUCATION = "education"
PROBLEM_AUTO_RENEW = "auto_renew"  # a perpetual licence never renews


@dataclass(frozen=True)
class Problem:
    code: str
    #: What the rule needs to be said (limits, the education gate's reason).
    detail: dict[str, str]


def find_choice(item: CatalogItem, term: str | None, billing: str | None) -> Choice | None:
    """The availability's choice with this term and billing; a missing part is taken when only
    one choice has the other (``--term P1Y`` alone on a product billed only yearly)."""
    wanted_term = (term or "").strip().upper()
    wanted_billing = (billing or "").strip().lower()
    candidates = [c for c in item.choices
                  if (not wanted_term or c.term.upper() == wanted_term)
                  and (not wanted_billing or c.billing.lower() == wanted_billing)]
    return candidates[0] if len(candidates) == 1 else None


def check_order(item: CatalogItem, choice: Choice | None, quantity: int, *, auto_renew: bool,
                gate: str | None) -> list[Problem]:
    """Everything Partner Center would refuse in this order line, found before it is sent."""
    problems: list[Problem] = []
    if not item.purchasable:
        problems.append(Problem(PROBLEM_NOT_PURCHASABLE, {}))
    if gate is not None:
        problems.append(Problem(PROBLEM_EDUCATION, {"reason": gate}))
    if choice is None or choice not in item.choices:
        problems.append(Problem(PROBLEM_CHOICE, {
            "allowed": ", ".join(c.key for c in item.choices)}))
    if quantity < item.min_quantity:
        problems.append(Problem(PROBLEM_QUANTITY_LOW, {"min": str(item.min_quantity)}))
    if quantity > item.max_quantity:
        problems.append(Problem(PROBLEM_QUANTITY_HIGH, {"max": str(item.max_quantity)}))
    if auto_renew and item.kind == KIND_PERPETUAL:
        problems.append(Problem(PROBLEM_AUTO_RENEW, {}))
    return problems


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class OrderEffect:
    """What buying it does, in values the review puts into words."""

    kind: str
    term: str
    billing: str
    quantity: int
    auto_renew: bool
    #: The term's last day; the first renewal is the day after (None: perpetual).
    term_end: date | None
    first_renewal: date | None
    #: Until when the order may be cancelled (with a refund).
    cancel_until: datetime


def order_effect(item: CatalogItem, choice: Choice, quantity: int, *, auto_renew: bool,
                 now: datetime) -> OrderEffect:
    """Term and billing, when it first renews (a term ends the day before its anniversary, as
    Partner Center's ``commitmentEndDate`` does), and the cancellation window."""
    if item.kind == KIND_PERPETUAL or not choice.term:
        return OrderEffect(item.kind, "", choice.billing, quantity, False, None, None,
                           now + PERPETUAL_REFUND_WINDOW)
    months = _TERM_MONTHS.get(choice.term.upper(), 12)
    end = _add_months(now.date(), months) - timedelta(days=1)
    return OrderEffect(item.kind, choice.term, choice.billing, quantity, auto_renew, end,
                       end + timedelta(days=1) if auto_renew else None, now + CANCEL_WINDOW)
