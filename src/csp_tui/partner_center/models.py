"""Wire models for the Partner Center REST API, tolerant of everything the API really sends.

Partner Center mixes camelCase, PascalCase and lower-case keys (sometimes in one object),
sends numbers as strings and ids as numbers, spells one enum value four ways, uses ``""``,
``null`` and "absent" interchangeably, and has at least a dozen date formats. The models here
absorb all of that so the rest of the application sees one clean shape:

* keys are matched case-insensitively (``companyName``, ``CompanyName``, ``companyname`` and
  the snake_case attribute name all work); unknown keys are ignored;
* ``""`` and ``null`` count as absent, so optional fields get their default;
* numbers-as-strings become numbers, numbers-as-ids become strings; ids stay opaque;
* enums are compared case- and separator-insensitively and land in ``UNKNOWN`` rather than
  failing on a value nobody documented;
* every model keeps the dict it was read from in ``raw`` (excluded from dumps), so the cache
  can store the original JSON and a PATCH can send the whole object back.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum
from typing import Annotated, Any, ClassVar, Generic, TypeVar, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    model_validator,
)

from csp_tui.partner_center.dates import parse_pc_datetime

__all__ = [
    "Address",
    "BillingCycle",
    "BillingProfile",
    "Bool",
    "Collection",
    "CompanyProfile",
    "CreatedCustomer",
    "Customer",
    "CustomerCreate",
    "CustomerFilter",
    "CustomerUser",
    "EntitledArtifact",
    "Entitlement",
    "Id",
    "Int",
    "Link",
    "LinkHeader",
    "Links",
    "Order",
    "OrderLineItem",
    "PCDateTime",
    "PCEnum",
    "PCModel",
    "Page",
    "PartnerRelationship",
    "PartnerRelationshipType",
    "Product",
    "ProductType",
    "Qualification",
    "QualificationType",
    "QuantityDetail",
    "ReferenceOrder",
    "RefundOption",
    "RefundableQuantity",
    "RefundableQuantityDetail",
    "RelationshipRequest",
    "RelationshipToPartner",
    "Subscription",
    "SubscriptionStatus",
    "Text",
    "TextList",
    "UserCredentials",
    "ValidationError",
    "VettingStatus",
    "parse_collection",
]


# --------------------------------------------------------------------------------------------
# Scalars


def _text(value: Any) -> Any:
    """Numbers become strings (``0`` -> ``"0"``); containers are not text and count as absent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping | list | tuple | set):
        return None
    return value


# SQLite keeps integers in 64 bits. A larger number from the wire cannot be stored: it spoils
# the item that carries it (the item is reported and skipped), never the sync.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def _in_range(number: int) -> int:
    if not INT_MIN <= number <= INT_MAX:
        raise ValueError("number out of range")
    return number


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _in_range(value)
    if isinstance(value, float):
        return _in_range(int(value)) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit() and len(text) > 20:
            # Longer than any 64-bit number (and int() refuses beyond 4,300 digits anyway).
            raise ValueError("number out of range")
        try:
            return _in_range(int(text))
        except ValueError as exc:
            if "out of range" in str(exc):
                raise
            try:
                number = float(text)
            except ValueError:
                return None
            return _in_range(int(number)) if number.is_integer() else None
    return None


#: Partner Center's ids are GUIDs or short offer/sku codes; a longer "id" is not one.
MAX_ID_CHARS = 256


def _id(value: Any) -> Any:
    text = _text(value)
    if isinstance(text, str) and len(text) > MAX_ID_CHARS:
        raise ValueError(f"id longer than {MAX_ID_CHARS} characters")
    return text


def _lenient_int(value: Any) -> int | None:
    """An informative number (``totalCount``): out of range counts as absent."""
    try:
        return _int(value)
    except ValueError:
        return None


_TRUE = frozenset({"true", "yes", "y", "1", "on", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "f"})


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return None


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    result = []
    for item in items:
        text = _text(item)
        if isinstance(text, str) and text.strip():
            result.append(text)
    return result


Text = Annotated[str | None, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_id)]
Int = Annotated[int | None, BeforeValidator(_int)]
LenientInt = Annotated[int | None, BeforeValidator(_lenient_int)]
Bool = Annotated[bool | None, BeforeValidator(_bool)]
TextList = Annotated[list[str], BeforeValidator(_text_list)]
PCDateTime = Annotated[datetime | None, BeforeValidator(parse_pc_datetime)]


# --------------------------------------------------------------------------------------------
# Enums


def _squash(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch.isalnum())


class PCEnum(StrEnum):
    """An enum read case- and separator-insensitively ("OneTime" == "one_time" == "onetime").

    Values Partner Center has not documented land in ``UNKNOWN`` instead of failing. Each
    subclass must define ``UNKNOWN``; ``_aliases`` maps extra squashed spellings to members.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if value is None:
            return None
        key = _squash(str(value))
        for member in cls:
            if _squash(member.value) == key or _squash(member.name) == key:
                return member
        alias = cls._alias_table().get(key)
        if alias is not None:
            return cls[alias]
        return cls["UNKNOWN"]

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {}

    @classmethod
    def parse(cls, value: object) -> Any:
        """The member for ``value``; ``None`` for absent or blank values."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, cls):
            return value
        return cls(value)


class RelationshipToPartner(PCEnum):
    NONE = "none"
    RESELLER = "reseller"
    ADVISOR = "advisor"
    SYNDICATION = "syndication"
    MICROSOFT_SUPPORT = "microsoft_support"
    UNKNOWN = "unknown"


class SubscriptionStatus(PCEnum):
    NONE = "none"
    ACTIVE = "active"
    PENDING = "pending"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    DISABLED = "disabled"
    DELETED = "deleted"
    UNKNOWN = "unknown"


class BillingCycle(PCEnum):
    MONTHLY = "monthly"
    ANNUAL = "annual"
    TRIENNIAL = "triennial"
    ONE_TIME = "one_time"
    NONE = "none"
    UNKNOWN = "unknown"

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {"yearly": "ANNUAL", "month": "MONTHLY", "year": "ANNUAL", "once": "ONE_TIME"}


class QualificationType(PCEnum):
    NONE = "None"
    EDUCATION = "Education"
    NONPROFIT = "Nonprofit"
    GOVERNMENT_COMMUNITY_CLOUD = "GovernmentCommunityCloud"
    STATE_OWNED_ENTITY = "StateOwnedEntity"
    UNKNOWN = "Unknown"

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {"gcc": "GOVERNMENT_COMMUNITY_CLOUD", "soe": "STATE_OWNED_ENTITY",
                "nonprofitorganization": "NONPROFIT"}


class VettingStatus(PCEnum):
    NONE = "None"
    IN_REVIEW = "InReview"
    APPROVED = "Approved"
    DENIED = "Denied"
    UNKNOWN = "Unknown"


class PartnerRelationshipType(PCEnum):
    IS_INDIRECT_RESELLER_OF = "is_indirect_reseller_of"
    IS_INDIRECT_CLOUD_SOLUTION_PROVIDER_OF = "is_indirect_cloud_solution_provider_of"
    UNKNOWN = "unknown"


# --------------------------------------------------------------------------------------------
# The tolerant base


def _strip_optional(annotation: Any) -> Any:
    """``X | None`` -> ``X`` (Annotated metadata removed)."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, PCModel)


class _FieldPlan:
    """How the base validator treats one class's incoming keys (computed once per class)."""

    def __init__(self, cls: type[PCModel]) -> None:
        self.keys: dict[str, tuple[str, int]] = {}
        self.models: dict[str, type[PCModel]] = {}
        self.model_lists: dict[str, type[PCModel]] = {}
        self.dicts: set[str] = set()
        for name, info in cls.model_fields.items():
            if name == "raw":
                continue
            for key in {name.lower(), name.replace("_", "").lower(),
                        (info.alias or name).lower()}:
                self.keys[key] = (name, 0)
            target = _strip_optional(info.annotation)
            origin = typing.get_origin(target)
            if _is_model(target):
                self.models[name] = target
            elif origin is list and typing.get_args(target) and _is_model(
                    _strip_optional(typing.get_args(target)[0])):
                self.model_lists[name] = _strip_optional(typing.get_args(target)[0])
            elif target is dict or origin is dict:
                self.dicts.add(name)
        for alternate, name in cls._alternate_keys.items():
            self.keys.setdefault(alternate.lower(), (name, 1))


_PLANS: dict[type, _FieldPlan] = {}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _lower_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).lower(): value for key, value in data.items()}


class PCModel(BaseModel):
    """Base of every wire model: case-insensitive keys, blank == absent, raw dict kept."""

    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        coerce_numbers_to_str=True,
    )

    #: Extra incoming key spellings (lower case) -> field name, e.g. ``{"region": "state"}``.
    #: A field's own name wins over an alternate when both are present.
    _alternate_keys: ClassVar[dict[str, str]] = {}
    #: Lower-case keys never copied into ``raw`` (secrets must not reach the cache).
    _raw_drop: ClassVar[frozenset[str]] = frozenset()
    #: The field a bare string fills (``"education"`` is a Qualification); ``None``: a bare
    #: string is not this model.
    _scalar_field: ClassVar[str | None] = None

    raw: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    @classmethod
    def _plan(cls) -> _FieldPlan:
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _FieldPlan(cls)
        return plan

    @classmethod
    def _accepts(cls, value: Any) -> bool:
        return isinstance(value, Mapping) or (
            cls._scalar_field is not None and isinstance(value, str) and bool(value.strip()))

    @model_validator(mode="before")
    @classmethod
    def _normalise_input(cls, data: Any) -> Any:
        if isinstance(data, str) and cls._scalar_field is not None:
            data = {cls._scalar_field: data}
        if not isinstance(data, Mapping):
            return data
        plan = cls._plan()
        chosen: dict[str, tuple[int, Any]] = {}
        for key, value in data.items():
            target = plan.keys.get(str(key).lower())
            if target is None or _blank(value):
                continue
            name, priority = target
            if name in plan.models and not plan.models[name]._accepts(value):
                continue
            if name in plan.model_lists:
                element = plan.model_lists[name]
                items = value if isinstance(value, list | tuple) else [value]
                value = [item for item in items if element._accepts(item)]
            if name in plan.dicts and not isinstance(value, Mapping):
                continue
            if name not in chosen or priority < chosen[name][0]:
                chosen[name] = (priority, value)
        result = {name: value for name, (_, value) in chosen.items()}
        if "etag" in cls.model_fields and "etag" not in result:
            attributes = _lower_keys(data).get("attributes")
            if isinstance(attributes, Mapping):
                etag = _lower_keys(attributes).get("etag")
                if not _blank(etag):
                    result["etag"] = etag
        result["raw"] = {k: v for k, v in data.items() if str(k).lower() not in cls._raw_drop}
        return result

    @classmethod
    def parse(cls, data: Any) -> typing.Self:
        """Validate wire data (a dict, or a model's raw JSON text)."""
        if isinstance(data, str | bytes) and cls._scalar_field is None:
            data = json.loads(data)
        return cls.model_validate(data)


# --------------------------------------------------------------------------------------------
# Links and collections


class LinkHeader(PCModel):
    key: Text = None
    value: Text = None


class Link(PCModel):
    uri: Text = None
    method: Text = None
    headers: list[LinkHeader] = Field(default_factory=list)
    body: Text = None

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive) carried by this link."""
        wanted = name.lower()
        for item in self.headers:
            if item.key and item.key.strip().lower() == wanted:
                return item.value
        return None


class Links(PCModel):
    self: Link | None = None
    next: Link | None = None
    previous: Link | None = None


T = TypeVar("T", bound=PCModel)


class Collection(PCModel, Generic[T]):
    """The ``{"totalCount", "items", "links", "continuationToken"}`` envelope.

    ``total_count`` is whatever the server wrote (often the size of *this* page, sometimes
    neither): never use it as a grand total or a loop bound.
    """

    items: list[T] = Field(default_factory=list)
    total_count: LenientInt = None
    links: Links | None = None
    continuation_token: Text = None
    # Items that could not be read, one line each (see :class:`Page`); private, so no wire
    # key can fill it.
    _skipped: list[str] = PrivateAttr(default_factory=list)

    @property
    def skipped_items(self) -> list[str]:
        return self._skipped


class Page(list[T]):
    """The items of a collection that could be read, and ``skipped``: one line per item that
    could not (``"items[3]: id: Field required"``). A bad item spoils only itself: the page
    keeps the rest and the caller reports the skipped ones."""

    def __init__(self, items: Any = (), skipped: Any = ()) -> None:
        super().__init__(items)
        self.skipped: list[str] = list(skipped)


def _item_id(item: Any) -> str | None:
    if isinstance(item, Mapping):
        value = _lower_keys(item).get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)[:80]
    return None


def _read_items(item_model: type[T], items: Any) -> Page[T]:
    if items is None:
        return Page()
    if not isinstance(items, list | tuple):
        items = [items]
    page: Page[T] = Page()
    for index, item in enumerate(items):
        if not item_model._accepts(item):
            page.skipped.append(f"items[{index}]: {type(item).__name__}")
            continue
        try:
            page.append(item_model.model_validate(item))
        except (ValidationError, ValueError, TypeError, RecursionError) as exc:
            name = _item_id(item)
            where = f"items[{index}]" + (f" (id {name})" if name else "")
            page.skipped.append(f"{where}: {_first_problem(exc)}")
    return page


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ()))
        return f"{field}: {first.get('msg', '')}"[:200]
    return f"{type(exc).__name__}: {exc}"[:200]


# Keys that make a mapping a collection envelope (lower case): Partner Center's ``items`` /
# ``totalCount``, the ``transition`` list of get-transitions, OData's ``value``.
_ENVELOPE_KEYS = frozenset({"items", "totalcount", "transition", "value"})


def _says_collection(data: Mapping[str, Any]) -> bool:
    """``attributes.objectType == "Collection"``: an envelope, even one without items."""
    attributes = _lower_keys(data).get("attributes")
    if not isinstance(attributes, Mapping):
        return False
    kind = _lower_keys(attributes).get("objecttype")
    return isinstance(kind, str) and kind.strip().lower() == "collection"


def _item_key_hits(item_model: type[PCModel], data: Mapping[str, Any]) -> int:
    """How many of ``data``'s keys are fields of ``item_model``."""
    plan = item_model._plan()
    return sum(1 for key in data if str(key).lower() in plan.keys)


def _envelope_items(item_model: type[PCModel], data: Mapping[str, Any]) -> tuple[dict[str, Any],
                                                                                 Any]:
    """(the envelope without its items, the items) of a mapping answer.

    A mapping with ``items`` / ``totalCount`` (or ``transition`` / ``value``, or
    ``attributes.objectType == "Collection"``) is the envelope. A mapping without them that
    reads as one item (some of its keys are the item's fields, and it validates) is that one
    item: a qualification answered as ``{"qualification": ...}`` is one qualification, never
    "no qualifications". Anything else raises ``TypeError``.
    """
    lowered = _lower_keys(data)
    if set(lowered) & _ENVELOPE_KEYS or _says_collection(data):
        envelope = {k: v for k, v in data.items()
                    if str(k).lower() not in ("items", "transition", "value")}
        for key in ("items", "transition", "value"):
            if key in lowered:
                items = lowered[key]
                return envelope, items if isinstance(items, list) or items is None else [items]
        # totalCount without items: only an honest "nothing here" if it says 0.
        total = _int(lowered.get("totalcount"))
        if total not in (0, None):
            raise TypeError(f"a collection of {total} without its items")
        return envelope, []
    if _item_key_hits(item_model, data):
        item_model.model_validate(data)  # an object that is not a valid item is refused
        return {}, [data]
    raise TypeError("expected a collection, got an object that is neither a collection nor "
                    f"a {item_model.__name__}")


def parse_collection(item_model: type[T], data: Any) -> Collection[T]:
    """A collection from an envelope, a bare JSON array (qualifications), a bare string
    (the old qualification API), one item on its own, or ``null``.

    An answer that cannot be read as any of those raises ``TypeError`` - refused loudly,
    never taken for an empty list. Items are read one by one: an item that cannot be read
    (``null``, a customer without an id, a number out of range) is left out and named in
    ``skipped_items``; the others are kept.
    """
    model = Collection[item_model]  # type: ignore[valid-type]
    if data is None:
        return model()
    if isinstance(data, str) and item_model._scalar_field is not None:
        data = [data]
    if isinstance(data, list | tuple):
        envelope: dict[str, Any] = {}
        items: Any = list(data)
    elif isinstance(data, Mapping):
        envelope, items = _envelope_items(item_model, data)
    else:
        raise TypeError(f"expected a collection, got {type(data).__name__}")
    collection = model.model_validate(envelope)
    page = _read_items(item_model, items)
    collection.items = list(page)
    collection._skipped = page.skipped
    return collection


# --------------------------------------------------------------------------------------------
# Customers


class Address(PCModel):
    _alternate_keys: ClassVar[dict[str, str]] = {"region": "state"}

    country: Text = None
    #: ``state`` in billing addresses, ``region`` in company-profile addresses.
    state: Text = None
    city: Text = None
    address_line1: Text = None
    address_line2: Text = None
    address_line3: Text = None
    postal_code: Text = None
    first_name: Text = None
    last_name: Text = None
    phone_number: Text = None

    @property
    def region(self) -> str | None:
        return self.state


class CompanyProfile(PCModel):
    tenant_id: Text = None
    domain: Text = None
    company_name: Text = None
    address: Address | None = None
    email: Text = None
    organization_registration_number: Text = None


class BillingProfile(PCModel):
    id: Text = None
    first_name: Text = None
    last_name: Text = None
    email: Text = None
    culture: Text = None
    language: Text = None
    company_name: Text = None
    default_address: Address | None = None
    #: From ``attributes.etag``; needed (quoted) as If-Match when the profile is updated.
    etag: Text = None


class Customer(PCModel):
    """A customer tenant. Listing items carry only id, company profile and relationship."""

    id: Id
    commerce_id: Text = None
    company_profile: CompanyProfile | None = None
    billing_profile: BillingProfile | None = None
    relationship_to_partner: RelationshipToPartner | None = None
    allow_delegated_access: Bool = None
    custom_domains: TextList = Field(default_factory=list)
    associated_partner_id: Text = None

    @property
    def company_name(self) -> str | None:
        profile = self.company_profile
        name = profile.company_name if profile else None
        if not name and self.billing_profile:
            name = self.billing_profile.company_name
        return name

    @property
    def domain(self) -> str | None:
        return self.company_profile.domain if self.company_profile else None


class UserCredentials(PCModel):
    """The first admin's sign-in, returned once when a tenant is created."""

    _raw_drop: ClassVar[frozenset[str]] = frozenset({"password"})

    user_name: Text = None
    password: SecretStr | None = None


class CustomerUser(PCModel):
    """A user of a customer's tenant (``/customers/{id}/users``); the password a reset sets
    never reaches ``raw``."""

    _raw_drop: ClassVar[frozenset[str]] = frozenset({"passwordprofile"})

    id: Id
    user_principal_name: Text = None
    display_name: Text = None
    state: Text = None


class CreatedCustomer(Customer):
    # The temporary password must never reach the cache through ``raw``.
    _raw_drop: ClassVar[frozenset[str]] = frozenset({"usercredentials"})

    user_credentials: UserCredentials | None = None


CustomerSearchField = typing.Literal[
    "CompanyName", "Domain", "IndirectReseller", "IndirectCloudSolutionProvider"]
_SEARCH_FIELDS: dict[str, CustomerSearchField] = {
    _squash(name): name for name in typing.get_args(CustomerSearchField)}


@dataclass(frozen=True)
class CustomerFilter:
    """``GET /v1/customers?filter=…``: customers whose ``field`` starts with ``value``."""

    field: CustomerSearchField
    value: str

    def __post_init__(self) -> None:
        canonical = _SEARCH_FIELDS.get(_squash(str(self.field)))
        if canonical is None:
            raise ValueError(f"unknown customer search field {self.field!r}")
        object.__setattr__(self, "field", canonical)

    def to_json(self) -> str:
        return json.dumps({"Field": self.field, "Value": self.value, "Operator": "starts_with"},
                          separators=(",", ":"), ensure_ascii=False)


class CustomerCreate(PCModel):
    """What the console asks for when it creates a tenant; :meth:`to_wire` is the POST body."""

    company_name: Id
    email: Id
    domain: Id  # the full initial domain, ``prefix.onmicrosoft.com``
    first_name: Id
    last_name: Id
    address_line1: Id
    city: Id
    country: Id
    culture: Id = "cs-CZ"
    language: Id = "cs"
    address_line2: Text = None
    state: Text = None
    postal_code: Text = None
    phone_number: Text = None
    organization_registration_number: Text = None
    associated_partner_id: Text = None
    enable_gdap_by_default: Bool = True

    def to_wire(self) -> dict[str, Any]:
        def present(mapping: dict[str, Any]) -> dict[str, Any]:
            return {key: value for key, value in mapping.items() if value not in (None, "")}

        address = present({
            "firstName": self.first_name,
            "lastName": self.last_name,
            "addressLine1": self.address_line1,
            "addressLine2": self.address_line2,
            "city": self.city,
            "state": self.state,
            "postalCode": self.postal_code,
            "country": self.country,
            "phoneNumber": self.phone_number,
        })
        body: dict[str, Any] = {
            "enableGDAPByDefault": bool(self.enable_gdap_by_default)
            if self.enable_gdap_by_default is not None else True,
            "companyProfile": present({
                "domain": self.domain,
                "organizationRegistrationNumber": self.organization_registration_number,
            }),
            "billingProfile": {
                "culture": self.culture,
                "email": self.email,
                "language": self.language,
                "companyName": self.company_name,
                "defaultAddress": address,
            },
        }
        if self.associated_partner_id:
            body["associatedPartnerId"] = self.associated_partner_id
        return body


class RelationshipRequest(PCModel):
    url: Text = None


class PartnerRelationship(PCModel):
    """A reseller or provider linked to us (``/v1/relationships``) or to a customer."""

    id: Id
    name: Text = None
    relationship_type: PartnerRelationshipType | None = None
    state: Text = None
    mpn_id: Text = None
    location: Text = None


# --------------------------------------------------------------------------------------------
# Subscriptions


class ProductType(PCModel):
    id: Text = None
    display_name: Text = None
    sub_type: Text = None


class RefundOption(PCModel):
    _alternate_keys: ClassVar[dict[str, str]] = {"expiresafter": "expires_at"}

    type: Text = None
    expires_at: PCDateTime = None


class RefundableQuantityDetail(PCModel):
    quantity: Int = None
    allowed_until_date_time: PCDateTime = None


class RefundableQuantity(PCModel):
    total_quantity: Int = None
    details: list[RefundableQuantityDetail] = Field(default_factory=list)


# Fields a PATCH may change, with their camelCase wire key.
_WRITABLE_SUBSCRIPTION_FIELDS = {
    "quantity": "quantity",
    "friendly_name": "friendlyName",
    "status": "status",
    "auto_renew_enabled": "autoRenewEnabled",
    "billing_cycle": "billingCycle",
    "term_duration": "termDuration",
    "partner_id": "partnerId",
}


class Subscription(PCModel):
    id: Id
    offer_id: Text = None
    offer_name: Text = None
    friendly_name: Text = None
    entitlement_id: Text = None
    product_type: ProductType | None = None
    quantity: Int = None
    unit_type: Text = None
    has_purchasable_addons: Bool = None
    creation_date: PCDateTime = None
    effective_start_date: PCDateTime = None
    commitment_end_date: PCDateTime = None
    cancellation_allowed_until_date: PCDateTime = None
    status: SubscriptionStatus | None = None
    auto_renew_enabled: Bool = None
    is_trial: Bool = None
    billing_type: Text = None
    billing_cycle: BillingCycle | None = None
    term_duration: Text = None
    renewal_term_duration: Text = None
    refund_options: list[RefundOption] = Field(default_factory=list)
    refundable_quantity: RefundableQuantity | None = None
    is_microsoft_product: Bool = None
    publisher_name: Text = None
    contract_type: Text = None
    partner_id: Text = None
    order_id: Text = None
    parent_subscription_id: Text = None
    promotion_id: Text = None
    suspension_reasons: TextList = Field(default_factory=list)
    actions: TextList = Field(default_factory=list)
    links: Links | None = None
    #: From ``attributes.etag``; sent (quoted) as If-Match on PATCH.
    etag: Text = None

    def to_wire(self) -> dict[str, Any]:
        """The whole object as Partner Center sent it, with this model's changes applied.

        A PATCH must carry the complete subscription: a minimal body silently switches
        auto-renew off and drops scheduled next-term instructions. Only fields whose value
        differs from ``raw`` are rewritten, so untouched values keep their original spelling.
        """
        body = dict(self.raw)
        original = type(self).model_validate(self.raw) if self.raw else None
        existing = {str(key).lower(): key for key in body}
        for name, wire_key in _WRITABLE_SUBSCRIPTION_FIELDS.items():
            value = getattr(self, name)
            if original is not None and getattr(original, name) == value:
                continue
            if value is None and original is None:
                continue
            key = existing.get(wire_key.lower(), wire_key)
            body[key] = value.value if isinstance(value, Enum) else value
        if "id" not in existing:
            body["id"] = self.id
        return body


# --------------------------------------------------------------------------------------------
# Entitlements (perpetual software, reserved instances)


class ReferenceOrder(PCModel):
    id: Text = None
    line_item_id: Text = None
    alternate_id: Text = None


class EntitledArtifact(PCModel):
    artifact_type: Text = None
    resource_id: Text = None
    link: Link | None = None


class QuantityDetail(PCModel):
    quantity: Int = None
    status: Text = None


class Entitlement(PCModel):
    product_id: Text = None
    sku_id: Text = None
    quantity: Int = None
    entitlement_type: Text = None
    fulfillment_state: Text = None
    reference_order: ReferenceOrder | None = None
    included_entitlements: list[Entitlement] = Field(default_factory=list)
    entitled_artifacts: list[EntitledArtifact] = Field(default_factory=list)
    quantity_details: list[QuantityDetail] = Field(default_factory=list)
    expiry_date: PCDateTime = None
    dynamic_attributes: dict[str, Any] = Field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Product catalog and orders (where entitlements get their names and purchase dates)


class Product(PCModel):
    """``GET /v1/products/{id}?country=``: the catalog's name (``title``) of a product."""

    id: Id
    title: Text = None
    description: Text = None
    product_type: ProductType | None = None


class OrderLineItem(PCModel):
    line_item_number: Int = None
    offer_id: Text = None
    friendly_name: Text = None
    quantity: Int = None


class Order(PCModel):
    """``GET /v1/customers/{id}/orders/{orderId}``; ``creation_date`` is the purchase date."""

    id: Id
    reference_customer_id: Text = None
    billing_cycle: BillingCycle | None = None
    creation_date: PCDateTime = None
    status: Text = None
    line_items: list[OrderLineItem] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Qualifications


class Qualification(PCModel):
    """One qualification; the old sync API returned just the bare string (``"education"``)."""

    _alternate_keys: ClassVar[dict[str, str]] = {"vettingcreatedate": "vetting_created_date"}
    _scalar_field: ClassVar[str | None] = "qualification"

    qualification: QualificationType | None = None
    vetting_status: VettingStatus | None = None
    vetting_reason: Text = None
    vetting_created_date: PCDateTime = None
