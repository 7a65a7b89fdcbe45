"""The role matrix itself: complete, sourced, unambiguous, and the same roles and routes as the
configuration and the sandbox use."""

from __future__ import annotations

import pytest
from starlette.routing import Route as StarletteRoute

from csp_tui.config import Role
from csp_tui.domain import roles
from csp_tui.sandbox import entities as sandbox_entities
from csp_tui.sandbox.app import _routes
from csp_tui.services import invitations
from csp_tui.services.subscriptions import ACTION_OPERATIONS

# One concrete path per route parameter, to ask the matrix as the sandbox would.
SAMPLE = {"{customer_id}": "0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968",
          "{subscription_id}": "5ab00000-0000-4000-8000-000000000001",
          "{domain}": "pekarnalhota.onmicrosoft.com", "{product_id}": "DG7GMGF0DWTK",
          "{order_id}": "NUXMSvmS20EQ4kFsZmzkSqb747fqKmNk1",
          "{user_id}": "4f3a2b1c-0000-4000-8000-000000000009"}


def concrete(pattern: str) -> str:
    for name, value in SAMPLE.items():
        pattern = pattern.replace(name, value)
    return pattern


def test_roles_are_the_configs_and_the_sandboxs() -> None:
    assert set(roles.ROLES) == {role.value for role in Role}
    assert set(roles.ROLES) == set(sandbox_entities.ROLES)
    assert (roles.INDIRECT_RESELLER, roles.INDIRECT_PROVIDER, roles.DIRECT) == (
        sandbox_entities.ROLE_RESELLER, sandbox_entities.ROLE_PROVIDER,
        sandbox_entities.ROLE_DIRECT)
    # A config.Role reads the same cell as its string.
    for role in Role:
        assert roles.cell(role, roles.CUSTOMER_CREATE) == roles.cell(role.value,
                                                                    roles.CUSTOMER_CREATE)
    with pytest.raises(ValueError, match="unknown role"):
        roles.access("distributor", roles.CUSTOMERS_LIST)
    with pytest.raises(ValueError, match="unknown operation"):
        roles.access(roles.DIRECT, "subscription.transfer")


def test_every_cell_says_how_and_where_it_is_written() -> None:
    ids = [operation.id for operation in roles.OPERATIONS]
    assert len(ids) == len(set(ids))
    for operation in roles.OPERATIONS:
        assert set(operation.cells) == set(roles.ROLES), operation.id
        for role, cell in operation.cells.items():
            assert isinstance(cell.access, roles.Access)
            assert len(cell.source) > 20, (operation.id, role)
            # "may lack" qualifies an API read; a refusal already is one.
            assert not cell.may_lack or (cell.access is roles.Access.API
                                         and not operation.write), (operation.id, role)
        # Nothing is a request for the distributor unless a reseller makes it.
        for role in (roles.INDIRECT_PROVIDER, roles.DIRECT):
            assert operation.cell(role).access is not roles.Access.DISTRIBUTOR


def test_the_console_and_cli_operations_are_all_there() -> None:
    reads = {roles.CUSTOMERS_LIST, roles.CUSTOMER_GET, roles.CUSTOM_DOMAINS,
             roles.CUSTOMER_RELATIONSHIPS, roles.SUBSCRIPTIONS_LIST, roles.SUBSCRIPTION_GET,
             roles.ENTITLEMENTS_LIST, roles.QUALIFICATIONS_LIST, roles.PROVIDERS_LIST,
             roles.RESELLERS_LIST, roles.RELATIONSHIP_REQUEST_LINK, roles.DOMAIN_AVAILABILITY,
             roles.PRODUCT_GET, roles.ORDER_GET, roles.AUDIT_RECORDS, roles.USER_LIST,
             roles.CATALOG_LIST, roles.CUSTOMER_CATALOG, roles.ORDERS_LIST,
             roles.ORDER_PROVISIONING, roles.SUBSCRIBED_SKUS}
    writes = {roles.CUSTOMER_CREATE, roles.SUBSCRIPTION_QUANTITY, roles.SUBSCRIPTION_SUSPEND,
              roles.SUBSCRIPTION_REACTIVATE, roles.SUBSCRIPTION_CANCEL,
              roles.SUBSCRIPTION_AUTO_RENEW, roles.QUALIFICATION_CREATE,
              roles.USER_PASSWORD_RESET, roles.CART_CREATE, roles.CART_CHECKOUT}
    assert {op.id for op in roles.OPERATIONS if not op.write} == reads
    assert {op.id for op in roles.OPERATIONS if op.write} == writes
    # Every change the subscription screens offer is a row.
    assert set(ACTION_OPERATIONS.values()) == writes & {
        op.id for op in roles.OPERATIONS if op.id.startswith("subscription.")}


def test_what_partner_center_refuses_an_indirect_reseller() -> None:
    reseller = roles.INDIRECT_RESELLER
    for op_id in (roles.CUSTOMER_CREATE, *ACTION_OPERATIONS.values(),
                  roles.QUALIFICATION_CREATE, roles.CART_CREATE, roles.CART_CHECKOUT):
        assert roles.access(reseller, op_id) is roles.Access.DISTRIBUTOR, op_id
        assert "Get started with Partner Center APIs" in roles.cell(reseller, op_id).source
        assert roles.through_api(roles.INDIRECT_PROVIDER, op_id)
        assert roles.through_api(roles.DIRECT, op_id)
    assert roles.access(reseller, roles.USER_PASSWORD_RESET) is roles.Access.REFUSED
    assert roles.access(reseller, roles.RESELLERS_LIST) is roles.Access.REFUSED
    assert roles.access(roles.INDIRECT_PROVIDER, roles.PROVIDERS_LIST) is roles.Access.REFUSED
    # What the reseller reads for sure, and what it may find refused (callers degrade).
    for op_id in (roles.CUSTOMERS_LIST, roles.CUSTOMER_GET, roles.SUBSCRIPTIONS_LIST,
                  roles.SUBSCRIPTION_GET, roles.RELATIONSHIP_REQUEST_LINK,
                  roles.PROVIDERS_LIST):
        assert roles.through_api(reseller, op_id) and not roles.may_lack(reseller, op_id)
    for op_id in (roles.CUSTOM_DOMAINS, roles.CUSTOMER_RELATIONSHIPS, roles.ENTITLEMENTS_LIST,
                  roles.QUALIFICATIONS_LIST, roles.DOMAIN_AVAILABILITY, roles.PRODUCT_GET,
                  roles.ORDER_GET, roles.AUDIT_RECORDS, roles.RESELLERS_LIST,
                  roles.CATALOG_LIST, roles.CUSTOMER_CATALOG, roles.ORDERS_LIST,
                  roles.ORDER_PROVISIONING):
        assert roles.may_lack(reseller, op_id), op_id


def test_seats_in_use_are_read_by_every_role_and_may_be_refused_to_any() -> None:
    """subscribedskus is App+User only and needs a GDAP role in the customer's tenant
    (Microsoft Learn, "Get a list of available licenses"): every role reads it, and every
    role may find it refused."""
    for role in roles.ROLES:
        assert roles.through_api(role, roles.SUBSCRIBED_SKUS)
        assert roles.may_lack(role, roles.SUBSCRIBED_SKUS)
        assert "Get a list of available licenses" in roles.cell(role, roles.SUBSCRIBED_SKUS).source
    found = roles.match("GET", "/v1/customers/0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968/subscribedSkus")
    assert found is not None and found.id == roles.SUBSCRIBED_SKUS


@pytest.mark.parametrize("operation", roles.OPERATIONS, ids=lambda op: op.id)
def test_each_route_leads_back_to_its_operation(operation: roles.Operation) -> None:
    """What the sandbox asks (method, path, query) finds this row — or, where operations share
    a route (the subscription PATCHes), a row whose cells are the same for every role."""
    for route in operation.routes:
        query = dict(route.query)
        found = roles.match(route.method, concrete(route.pattern), query)
        assert found is not None
        assert found is operation or all(
            found.cell(role).access is operation.cell(role).access for role in roles.ROLES)
        # Partner Center's paths ignore case; a trailing slash changes nothing.
        upper = roles.match(route.method.lower(), concrete(route.pattern).upper() + "/",
                            {k.upper(): v.lower() for k, v in query.items()})
        assert upper is found
        # Another method is another operation (or none).
        other = roles.match("DELETE", concrete(route.pattern), query)
        assert other is None


def test_literal_routes_win_over_parameters() -> None:
    link = roles.match("GET", "/v1/customers/relationshiprequests")
    assert link is not None and link.id == roles.RELATIONSHIP_REQUEST_LINK
    assert roles.match("GET", "/v1/customers/relationshipRequests") is link
    customer = roles.match("GET", "/v1/customers/0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968")
    assert customer is not None and customer.id == roles.CUSTOMER_GET
    # The partner relationships are told apart by their query only.
    assert roles.match("GET", "/v1/relationships") is None
    assert roles.match("GET", "/v1/relationships", {"relationship_type": "Other"}) is None


def test_every_sandbox_route_is_in_the_matrix() -> None:
    """The sandbox cannot serve a /v1 route the table does not know (so it cannot forget to
    enforce it)."""
    for route in _routes():
        assert isinstance(route, StarletteRoute)
        if not route.path.startswith("/v1"):
            continue
        for method in route.methods or ():
            if method == "HEAD" and "GET" in (route.methods or ()):
                continue  # Starlette's automatic HEAD for a GET route
            query = ({"relationship_type": "IsIndirectResellerOf"}
                     if route.path == "/v1/relationships" else {})
            assert roles.match(method, concrete(route.path), query) is not None, (
                method, route.path)


def test_the_services_ask_for_the_relationships_their_role_may_read() -> None:
    providers = roles.operation(roles.PROVIDERS_LIST).routes[0].query
    resellers = roles.operation(roles.RESELLERS_LIST).routes[0].query
    # services.invitations asks for RESELLER_RELATIONSHIP as a reseller, PROVIDER_RELATIONSHIP as a
    # provider (and services.onboarding the latter, as a provider only).
    assert providers == (("relationship_type", invitations.RESELLER_RELATIONSHIP),)
    assert resellers == (("relationship_type", invitations.PROVIDER_RELATIONSHIP),)
    assert roles.through_api(Role.INDIRECT_RESELLER, roles.PROVIDERS_LIST)
    assert roles.through_api(Role.INDIRECT_PROVIDER, roles.RESELLERS_LIST)
