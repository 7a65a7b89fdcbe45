"""Who may do what through the Partner Center API: one table, read by the console, the command
line and the sandbox.

Every operation the console or ``csp-tui`` can start has a row; every role a column. A cell
says how that role gets it done:

- ``api`` — through the Partner Center API;
- ``distributor`` — not through the API; the way is a complete, validated request the reseller
  sends to its distributor (indirect provider), who makes the change in Partner Center;
- ``refused`` — no way from this application at all (it is not offered).

Each cell names its source (a Microsoft Learn article or a section of the project's reference
notes). A read marked ``may_lack`` is answered to some partners and refused (403 ``1002``) or
missing (404) to others: callers treat such an answer as "not available to this role" and keep
what they had — they never fail on it.

The sandbox maps a request to its operation through :func:`match` (method, route pattern and,
where the route alone does not tell, a query parameter) and answers a cell that is not ``api``
with Partner Center's documented refusal, so client and emulator read the same table.

No I/O here, and no imports from the configuration or the sandbox: role values are the same
strings as ``config.Role`` and the sandbox's ``ROLE_*`` constants (a test holds them equal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# -- roles ----------------------------------------------------------------------------------

INDIRECT_RESELLER = "indirect-reseller"
INDIRECT_PROVIDER = "indirect-provider"
DIRECT = "direct"
ROLES: tuple[str, ...] = (INDIRECT_RESELLER, INDIRECT_PROVIDER, DIRECT)


class Access(StrEnum):
    API = "api"
    DISTRIBUTOR = "distributor"
    REFUSED = "refused"


# -- operations (ids) -----------------------------------------------------------------------

# Reads
CUSTOMERS_LIST = "customers.list"
CUSTOMER_GET = "customer.get"
CUSTOM_DOMAINS = "customer.custom_domains"
CUSTOMER_RELATIONSHIPS = "customer.relationships"
SUBSCRIPTIONS_LIST = "subscriptions.list"
SUBSCRIPTION_GET = "subscription.get"
ENTITLEMENTS_LIST = "entitlements.list"
QUALIFICATIONS_LIST = "qualifications.list"
PROVIDERS_LIST = "relationships.providers"  # relationship_type=IsIndirectResellerOf
RESELLERS_LIST = "relationships.resellers"  # relationship_type=IsIndirectCloudSolutionProviderOf
RELATIONSHIP_REQUEST_LINK = "relationship_request.link"
DOMAIN_AVAILABILITY = "domain.availability"
PRODUCT_GET = "product.get"
ORDER_GET = "order.get"
AUDIT_RECORDS = "audit_records.list"
# Writes
CUSTOMER_CREATE = "customer.create"
SUBSCRIPTION_QUANTITY = "subscription.quantity"
SUBSCRIPTION_SUSPEND = "subscription.suspend"
SUBSCRIPTION_REACTIVATE = "subscription.reactivate"
SUBSCRIPTION_CANCEL = "subscription.cancel"
SUBSCRIPTION_AUTO_RENEW = "subscription.auto_renew"
QUALIFICATION_CREATE = "qualification.create"
USER_PASSWORD_RESET = "user.reset_password"
USER_LIST = "user.list"
# Selling (catalog, carts, orders)
CATALOG_LIST = "catalog.list"
CUSTOMER_CATALOG = "catalog.customer"
ORDERS_LIST = "orders.list"
ORDER_PROVISIONING = "order.provisioning_status"
CART_CREATE = "cart.create"
CART_CHECKOUT = "cart.checkout"
SUBSCRIBED_SKUS = "customer.subscribed_skus"  # licence pools: seats bought and assigned
#: The changes of a subscription the console offers (one PATCH route, several operations).
SUBSCRIPTION_CHANGES: tuple[str, ...] = (SUBSCRIPTION_QUANTITY, SUBSCRIPTION_AUTO_RENEW,
                                         SUBSCRIPTION_SUSPEND, SUBSCRIPTION_REACTIVATE,
                                         SUBSCRIPTION_CANCEL)


# -- sources --------------------------------------------------------------------------------

_GET_STARTED = ("Microsoft Learn, “Get started with Partner Center APIs”: API access for "
                "indirect resellers isn't supported")
_RESELLER_NO_SUBSCRIPTIONS = (_GET_STARTED + "; domain-facts §7.1: a reseller cannot buy or "
                              "manage subscriptions in Partner Center — its indirect provider "
                              "does (§8.2: subscription management ✗, view only)")
_RESELLER_NO_CUSTOMERS = (_GET_STARTED + "; domain-facts §7.1: a reseller cannot add new "
                          "customers or tenants — the indirect provider creates them with "
                          "associatedPartnerId")
_RESELLER_NO_QUALIFICATION = (_GET_STARTED + "; domain-facts §6 and §7.1: the Education "
                              "qualification is set in Partner Center by the partner that "
                              "transacts for the customer — for a reseller, its distributor")
_RESELLER_READS = ("partner-center-api (caveat up front): an indirect reseller's App+User token "
                   "reaches some reads (customers, a customer's subscriptions); domain-facts "
                   "§5.5, §8.2 (customer list ✓, subscriptions view only)")
_RESELLER_MAYBE = ("partner-center-api (caveat up front): beyond customers and subscriptions "
                   "many reseller calls fail with 1002 Authorization Failed (PowerShell issues "
                   "#49, #75, #211, #306, #310) — read when answered, degrade when refused")

_LIST_CUSTOMERS = "Microsoft Learn, “Get a list of customers”; partner-center-api §3.1"
_GET_CUSTOMER = "Microsoft Learn, “Get a customer by ID”; partner-center-api §3.1, §3.3"
_CUSTOM_DOMAINS = ("Microsoft Learn, “Get a customer's custom domains” (GDAP Directory "
                   "Writer / Global Reader / Domain Administrator); domain-facts §7.3")
_CUSTOMER_RELATIONSHIPS = ("Microsoft Learn, “Retrieve a customer's relationships with indirect "
                           "resellers” (App+User); partner-center-api §4.2")
_SUBSCRIPTIONS = "Microsoft Learn, “Get all of a customer's subscriptions”; partner-center-api §5.1"
_SUBSCRIPTION = "Microsoft Learn, “Get a subscription by ID”; partner-center-api §5.1"
_ENTITLEMENTS = ("Microsoft Learn, “Get a collection of entitlements” (App+User); "
                 "partner-center-api §6.2")
_QUALIFICATIONS = ("Microsoft Learn, “Get a customer's qualifications” (App-only and App+User); "
                   "partner-center-api §7")
_PROVIDERS = ("Microsoft Learn, “PartnerRelationshipType: IsIndirectResellerOf” — the "
              "reseller's own view of its indirect providers; partner-center-api §4.2, "
              "domain-facts §5.5")
_NOT_A_RESELLER = ("partner-center-api §4.2: IsIndirectResellerOf is the reseller's view; a "
                   "partner that is not an indirect reseller has no indirect providers")
_RESELLERS = ("Microsoft Learn, “Retrieve a list of indirect resellers” (indirect providers, "
              "App+User only); partner-center-api §4.2")
_NOT_A_PROVIDER = ("Microsoft Learn, “Retrieve a list of indirect resellers” applies to "
                   "indirect providers only; partner-center-api §4.2")
_LINK = ("Microsoft Learn, “Get the reseller relationship request link” (App+User); "
         "partner-center-api §4.1, domain-facts §7.2")
_DOMAIN = ("Microsoft Learn, “Verify domain availability” (HEAD, 200 = taken); "
           "partner-center-api §3.1")
_PRODUCT = "Microsoft Learn, “Get a product using the product ID”; partner-center-api §6.1"
_ORDER = "Microsoft Learn, “Get an order by ID”; partner-center-api §6.3"
_AUDIT = "Microsoft Learn, “Request the audit records”; partner-center-api §8"
_CREATE_DIRECT = "Microsoft Learn, “Create a customer” (direct); partner-center-api §3.4"
_CREATE_PROVIDER = ("Microsoft Learn, “Create a customer for an indirect reseller” "
                    "(associatedPartnerId, App+User); partner-center-api §3.4, domain-facts §7.1")
_QUANTITY = ("Microsoft Learn, “Change the quantity of a subscription”; partner-center-api "
             "§5.3, §5.4")
_SUSPEND = ("Microsoft Learn, “Suspend a subscription” (status suspended); partner-center-api "
            "§5.3")
_REACTIVATE = ("Microsoft Learn, “Reactivate a suspended subscription” (status active); "
               "partner-center-api §5.3")
_CANCEL = ("Microsoft Learn, “Cancel a subscription” (status deleted, within the window); "
           "partner-center-api §5.3, §5.4")
_AUTO_RENEW = ("Microsoft Learn, “Update a subscription's auto-renew” (autoRenewEnabled); "
               "partner-center-api §5.3")
_QUALIFICATION = ("Microsoft Learn, “Create a customer's qualification asynchronously” "
                  "(App+User only); partner-center-api §7, domain-facts §6")
_RESET = ("Microsoft Learn, “Reset a user's password for a customer” (App+User, GDAP User "
          "Administrator); partner-center-api §8")
_USERS = ("Microsoft Learn, “Get a list of all user accounts for a customer” (App+User); "
          "partner-center-api §8")
# Seats in use. App+User only (partner-center-api §2.1's table lists subscribedskus there) and
# each caller needs a GDAP role in the customer's tenant — which a reseller does not inherit
# from its provider (domain-facts §7.3) and a customer may never have granted: read when
# answered, degrade when refused, for every role.
_SUBSCRIBED_SKUS = ("Microsoft Learn, “Get a list of available licenses” (App+User only; GDAP "
                    "Directory Reader, Global Reader, User or License Administrator); "
                    "partner-center-api §2.1, §5.1; domain-facts §7.3")
_RESELLER_SUBSCRIBED_SKUS = (_RESELLER_MAYBE + "; " + _SUBSCRIBED_SKUS + "; domain-facts §8.2 "
                             "(a reseller's licence view: via GDAP)")
_RESELLER_NO_RESET = (_GET_STARTED + "; domain-facts §7.1, §7.3: a reseller administers the "
                      "customer's users in the Microsoft 365 admin center under its own GDAP — "
                      "not through Partner Center and not through its distributor")

_CATALOG = ("Microsoft Learn, “Get a list of products (by country)”, “Get a list of SKUs for a "
            "product”, “Get a list of availabilities for a SKU”; partner-center-api §6.1")
_CUSTOMER_CATALOG = ("Microsoft Learn, “Get a list of availabilities for a SKU (by customer)” "
                     "(filters by the customer's country and qualification); "
                     "partner-center-api §6.1")
_ORDERS = ("Microsoft Learn, “Get a list of orders by customer” (orders can take up to 15 "
           "minutes to appear); partner-center-api §6.3")
_PROVISIONING = ("Microsoft Learn, “Get order provisioning status”; partner-center-api §6.3")
_CART = ("Microsoft Learn, “Create a cart”, “Get a cart by ID”, “Update a cart” (indirect "
         "providers name the reseller as transaction_reseller); partner-center-api §6.3")
_CHECKOUT = ("Microsoft Learn, “Checkout a cart” (MS-RequestId idempotent; 409 800064 while "
             "processing, 400 800065 once submitted, 403 13605 without the MCA); "
             "partner-center-api §1.2, §1.4, §6.3")
_RESELLER_NO_ORDERS = (_GET_STARTED + "; domain-facts §7.1: a reseller cannot buy in Partner "
                       "Center — “orders are placed on the distributor's CSP platform”; "
                       "partner-center-api §6.3: the provider orders for it (transaction_"
                       "reseller)")


# -- the table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """How one role gets one operation done, and where that is written."""

    access: Access
    source: str
    #: An ``api`` read that Partner Center may still refuse (or answer 404) to this role:
    #: callers degrade instead of failing.
    may_lack: bool = False


def _api(source: str, *, may_lack: bool = False) -> Cell:
    return Cell(Access.API, source, may_lack)


def _distributor(source: str) -> Cell:
    return Cell(Access.DISTRIBUTOR, source)


def _refused(source: str) -> Cell:
    return Cell(Access.REFUSED, source)


_PARAM = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class Route:
    """An HTTP method, a route pattern (``{name}`` is one path segment) and, when the route
    alone does not tell operations apart, query parameters that must have a value."""

    method: str
    pattern: str
    query: tuple[tuple[str, str], ...] = ()
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = _PARAM.split(self.pattern)
        regex = "[^/]+".join(re.escape(part) for part in parts)
        # Partner Center's paths are case-insensitive (customDomains / customdomains).
        object.__setattr__(self, "_regex", re.compile(f"^{regex}/?$", re.IGNORECASE))

    @property
    def literal_segments(self) -> int:
        """How specific the pattern is: ``/v1/customers/relationshiprequests`` beats
        ``/v1/customers/{customer_id}``."""
        return sum(1 for part in self.pattern.split("/") if part and not _PARAM.fullmatch(part))

    def matches(self, method: str, path: str, query: Mapping[str, str]) -> bool:
        if method.upper() != self.method or not self._regex.match(path):
            return False
        wanted = {key.lower(): value for key, value in query.items()}
        return all(wanted.get(key.lower(), "").strip().lower() == value.lower()
                   for key, value in self.query)


@dataclass(frozen=True)
class Operation:
    """One thing the console or the command line can start."""

    id: str
    write: bool
    title: str  # what it is, for the README and the test report (English)
    routes: tuple[Route, ...]
    cells: Mapping[str, Cell]

    def cell(self, role: str) -> Cell:
        return self.cells[_role(role)]


def _op(op_id: str, title: str, routes: str | tuple[str, ...], *, reseller: Cell,
        provider: Cell, direct: Cell, query: tuple[tuple[str, str], ...] = ()) -> Operation:
    specs = (routes,) if isinstance(routes, str) else routes
    parsed = []
    for spec in specs:
        method, _, pattern = spec.partition(" ")
        parsed.append(Route(method.upper(), pattern, query))
    write = any(route.method not in ("GET", "HEAD") for route in parsed)
    return Operation(op_id, write, title, tuple(parsed), {
        INDIRECT_RESELLER: reseller, INDIRECT_PROVIDER: provider, DIRECT: direct})


_CUSTOMER = "/v1/customers/{customer_id}"
_SUB = _CUSTOMER + "/subscriptions/{subscription_id}"

#: reseller | provider | direct, one row per operation.
OPERATIONS: tuple[Operation, ...] = (
    # -- reads --------------------------------------------------------------------------------
    _op(CUSTOMERS_LIST, "list customers", "GET /v1/customers",
        reseller=_api(_RESELLER_READS), provider=_api(_LIST_CUSTOMERS),
        direct=_api(_LIST_CUSTOMERS)),
    _op(CUSTOMER_GET, "get a customer", "GET " + _CUSTOMER,
        reseller=_api(_RESELLER_READS), provider=_api(_GET_CUSTOMER),
        direct=_api(_GET_CUSTOMER)),
    _op(CUSTOM_DOMAINS, "a customer's custom domains", "GET " + _CUSTOMER + "/customDomains",
        reseller=_api(_RESELLER_MAYBE, may_lack=True),
        provider=_api(_CUSTOM_DOMAINS, may_lack=True),
        direct=_api(_CUSTOM_DOMAINS, may_lack=True)),
    _op(CUSTOMER_RELATIONSHIPS, "a customer's partner relationships",
        "GET " + _CUSTOMER + "/relationships",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_CUSTOMER_RELATIONSHIPS),
        direct=_api(_CUSTOMER_RELATIONSHIPS)),
    _op(SUBSCRIPTIONS_LIST, "list a customer's subscriptions",
        "GET " + _CUSTOMER + "/subscriptions",
        reseller=_api(_RESELLER_READS), provider=_api(_SUBSCRIPTIONS),
        direct=_api(_SUBSCRIPTIONS)),
    _op(SUBSCRIPTION_GET, "get a subscription", "GET " + _SUB,
        reseller=_api(_RESELLER_READS), provider=_api(_SUBSCRIPTION),
        direct=_api(_SUBSCRIPTION)),
    _op(ENTITLEMENTS_LIST, "a customer's entitlements (perpetual licences)",
        "GET " + _CUSTOMER + "/entitlements",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_ENTITLEMENTS),
        direct=_api(_ENTITLEMENTS)),
    _op(QUALIFICATIONS_LIST, "a customer's qualifications", "GET " + _CUSTOMER + "/qualifications",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_QUALIFICATIONS),
        direct=_api(_QUALIFICATIONS)),
    _op(PROVIDERS_LIST, "the reseller's indirect providers", "GET /v1/relationships",
        query=(("relationship_type", "IsIndirectResellerOf"),),
        reseller=_api(_PROVIDERS), provider=_refused(_NOT_A_RESELLER),
        direct=_refused(_NOT_A_RESELLER)),
    _op(RESELLERS_LIST, "the provider's indirect resellers", "GET /v1/relationships",
        query=(("relationship_type", "IsIndirectCloudSolutionProviderOf"),),
        reseller=_refused(_NOT_A_PROVIDER), provider=_api(_RESELLERS),
        direct=_refused(_NOT_A_PROVIDER)),
    _op(RELATIONSHIP_REQUEST_LINK, "the reseller relationship request link",
        "GET /v1/customers/relationshiprequests",
        reseller=_api(_LINK), provider=_api(_LINK), direct=_api(_LINK)),
    _op(DOMAIN_AVAILABILITY, "is a tenant name still free", "HEAD /v1/domains/{domain}",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_DOMAIN),
        direct=_api(_DOMAIN)),
    _op(PRODUCT_GET, "a product of the catalog", "GET /v1/products/{product_id}",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_PRODUCT),
        direct=_api(_PRODUCT)),
    _op(ORDER_GET, "an order of a customer", "GET " + _CUSTOMER + "/orders/{order_id}",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_ORDER),
        direct=_api(_ORDER)),
    _op(AUDIT_RECORDS, "audit records", "GET /v1/auditrecords",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_AUDIT),
        direct=_api(_AUDIT)),
    _op(USER_LIST, "a customer's users (to find the administrator whose password is reset)",
        "GET " + _CUSTOMER + "/users",
        reseller=_refused(_RESELLER_NO_RESET), provider=_api(_USERS), direct=_api(_USERS)),
    _op(SUBSCRIBED_SKUS, "a customer's licence pools (seats bought and assigned)",
        "GET " + _CUSTOMER + "/subscribedskus",
        reseller=_api(_RESELLER_SUBSCRIBED_SKUS, may_lack=True),
        provider=_api(_SUBSCRIBED_SKUS, may_lack=True),
        direct=_api(_SUBSCRIBED_SKUS, may_lack=True)),
    # -- writes -------------------------------------------------------------------------------
    _op(CUSTOMER_CREATE, "create a customer (tenant)", "POST /v1/customers",
        reseller=_distributor(_RESELLER_NO_CUSTOMERS), provider=_api(_CREATE_PROVIDER),
        direct=_api(_CREATE_DIRECT)),
    _op(SUBSCRIPTION_QUANTITY, "change a subscription's seats", "PATCH " + _SUB,
        reseller=_distributor(_RESELLER_NO_SUBSCRIPTIONS), provider=_api(_QUANTITY),
        direct=_api(_QUANTITY)),
    _op(SUBSCRIPTION_SUSPEND, "suspend a subscription", "PATCH " + _SUB,
        reseller=_distributor(_RESELLER_NO_SUBSCRIPTIONS), provider=_api(_SUSPEND),
        direct=_api(_SUSPEND)),
    _op(SUBSCRIPTION_REACTIVATE, "reactivate a subscription", "PATCH " + _SUB,
        reseller=_distributor(_RESELLER_NO_SUBSCRIPTIONS), provider=_api(_REACTIVATE),
        direct=_api(_REACTIVATE)),
    _op(SUBSCRIPTION_CANCEL, "cancel a subscription", "PATCH " + _SUB,
        reseller=_distributor(_RESELLER_NO_SUBSCRIPTIONS), provider=_api(_CANCEL),
        direct=_api(_CANCEL)),
    _op(SUBSCRIPTION_AUTO_RENEW, "switch a subscription's auto-renew", "PATCH " + _SUB,
        reseller=_distributor(_RESELLER_NO_SUBSCRIPTIONS), provider=_api(_AUTO_RENEW),
        direct=_api(_AUTO_RENEW)),
    _op(QUALIFICATION_CREATE, "request the Education qualification",
        "POST " + _CUSTOMER + "/qualifications",
        reseller=_distributor(_RESELLER_NO_QUALIFICATION), provider=_api(_QUALIFICATION),
        direct=_api(_QUALIFICATION)),
    _op(USER_PASSWORD_RESET, "reset a customer user's password",
        "PATCH " + _CUSTOMER + "/users/{user_id}/resetpassword",
        reseller=_refused(_RESELLER_NO_RESET), provider=_api(_RESET), direct=_api(_RESET)),
    # -- selling: catalog, carts, orders ------------------------------------------------------
    _op(CATALOG_LIST, "the catalog for a country (products, SKUs, availabilities)",
        ("GET /v1/products", "GET /v1/products/{product_id}/skus",
         "GET /v1/products/{product_id}/skus/{sku_id}",
         "GET /v1/products/{product_id}/skus/{sku_id}/availabilities"),
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_CATALOG),
        direct=_api(_CATALOG)),
    _op(CUSTOMER_CATALOG, "the catalog as offered to one customer",
        ("GET " + _CUSTOMER + "/products/{product_id}/skus",
         "GET " + _CUSTOMER + "/products/{product_id}/skus/{sku_id}/availabilities"),
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_CUSTOMER_CATALOG),
        direct=_api(_CUSTOMER_CATALOG)),
    _op(ORDERS_LIST, "a customer's orders", "GET " + _CUSTOMER + "/orders",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_ORDERS),
        direct=_api(_ORDERS)),
    _op(ORDER_PROVISIONING, "an order's provisioning status",
        "GET " + _CUSTOMER + "/orders/{order_id}/provisioningstatus",
        reseller=_api(_RESELLER_MAYBE, may_lack=True), provider=_api(_PROVISIONING),
        direct=_api(_PROVISIONING)),
    _op(CART_CREATE, "create (and read) a cart",
        ("POST " + _CUSTOMER + "/carts", "GET " + _CUSTOMER + "/carts/{cart_id}"),
        reseller=_distributor(_RESELLER_NO_ORDERS), provider=_api(_CART), direct=_api(_CART)),
    _op(CART_CHECKOUT, "check a cart out (place the order)",
        "POST " + _CUSTOMER + "/carts/{cart_id}/checkout",
        reseller=_distributor(_RESELLER_NO_ORDERS), provider=_api(_CHECKOUT),
        direct=_api(_CHECKOUT)),
)

_BY_ID: dict[str, Operation] = {operation.id: operation for operation in OPERATIONS}


# -- questions ------------------------------------------------------------------------------


def _role(role: str) -> str:
    value = str(role).strip().lower()  # a StrEnum (config.Role) prints as its value
    if value not in ROLES:
        raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    return value


def operation(op_id: str) -> Operation:
    try:
        return _BY_ID[op_id]
    except KeyError:
        raise ValueError(f"unknown operation {op_id!r}") from None


def cell(role: str, op_id: str) -> Cell:
    """The cell of ``role`` (a ``config.Role`` or its string) for the operation ``op_id``."""
    return operation(op_id).cell(role)


def access(role: str, op_id: str) -> Access:
    return cell(role, op_id).access


def through_api(role: str, op_id: str) -> bool:
    return access(role, op_id) is Access.API


def may_lack(role: str, op_id: str) -> bool:
    """Whether ``role`` may find this operation refused or missing: callers degrade (keep what
    they had, say "not available to this role") instead of failing."""
    found = cell(role, op_id)
    return found.access is not Access.API or found.may_lack


def match(method: str, path: str, query: Mapping[str, str] | None = None) -> Operation | None:
    """The operation a request is, or ``None`` (a route outside the table). Where operations
    share a route (the subscription PATCHes) the first is returned: their cells agree for
    every role (a test holds them to it), so the answer is the same."""
    best: Operation | None = None
    best_rank = (-1, 0)
    for index, candidate in enumerate(OPERATIONS):
        for route in candidate.routes:
            rank = (route.literal_segments * 10 + len(route.query), -index)
            if rank > best_rank and route.matches(method, path, query or {}):
                best, best_rank = candidate, rank
    return best
