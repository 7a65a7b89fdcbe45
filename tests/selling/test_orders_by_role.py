"""Every role × every kind of order, end to end against the sandbox: a distributor and a direct
partner place it through the outbox (cart, checkout) and see the subscriptions at once as
provisioning; an indirect reseller gets the complete order request for its distributor, and
nothing reaches Partner Center."""

from __future__ import annotations

import json

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.config.profiles import Role
from csp_tui.domain import catalog as rules
from csp_tui.services import orders
from csp_tui.services.catalog import refresh_catalog
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

from .shop import FROZEN_AT, ORDER_KINDS, open_shop

ROLES = (Role.INDIRECT_PROVIDER, Role.DIRECT, Role.INDIRECT_RESELLER)


@pytest.mark.parametrize("kind", sorted(ORDER_KINDS))
@pytest.mark.parametrize("role", ROLES, ids=str)
async def test_every_role_and_order_kind(tmp_path, role: Role, kind: str) -> None:
    shop = open_shop(tmp_path, role)
    item_id, term, billing, quantity = ORDER_KINDS[kind]
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
        draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, item_id,
                               quantity=quantity, term=term, billing=billing, now=FROZEN_AT)
        assert draft.valid, draft.problems
        assert draft.item.kind == kind
        subs_before = len(shop.customer.subscriptions)
        licences_before = len(shop.customer.entitlements)

        if role is Role.INDIRECT_RESELLER:
            assert draft.via == orders.VIA_DISTRIBUTOR
            with pytest.raises(orders.OrderError):
                orders.enqueue(shop.state, draft, "en")
            for language in ("cs", "en"):
                request = orders.distributor_request(
                    shop.cache, shop.profile, draft, language=language,
                    exports_dir=tmp_path / "exports")
                document = json.loads(request.json_text)
                assert document["kind"] == orders.ORDER_KIND
                assert document["order"]["catalog_item_id"] == item_id
                assert document["order"]["quantity"] == quantity
                assert document["order"]["billing_cycle"] == billing
                assert document["customer"]["tenant_id"] == shop.customer.id.lower()
                line = document["partner_center"]["body"]["lineItems"][0]
                assert line["participants"] == [{"key": "transaction_reseller",
                                                 "value": identity.RESELLER_MPN_ID}]
                assert shop.customer.company_name in request.email_text
                assert item_id in request.email_text
                assert (request.saved_path.stat().st_mode & 0o777) == 0o600
            assert "Objednávka" in orders.distributor_request(
                shop.cache, shop.profile, draft, language="cs",
                exports_dir=tmp_path / "exports").email_text
            # Nothing was sent: no cart, no order, nothing queued.
            assert shop.customer.carts == [] and shop.customer.orders == []
            assert outbox.list_entries(shop.state) == []
            return

        assert draft.via == orders.VIA_API
        entry = orders.enqueue(shop.state, draft, "en")
        runner = OutboxRunner(client, shop.state, cache=shop.cache)
        assert await runner.run_once() >= 1
    done = outbox.get(shop.state, entry.id)
    assert done is not None and done.state is OutboxState.DONE, done
    assert len(shop.customer.orders) == 1
    order = shop.customer.orders[0]
    assert order.lines[0].offer_id == item_id and order.lines[0].quantity == quantity
    # A distributor orders for the customer's reseller; a direct partner is its own partner.
    expected_partner = (identity.RESELLER_MPN_ID if role is Role.INDIRECT_PROVIDER
                        else identity.PROVIDER_MPN_ID)
    assert order.lines[0].partner_id == expected_partner
    if kind == rules.KIND_PERPETUAL:
        assert len(shop.customer.entitlements) == licences_before + 1
        assert len(shop.customer.subscriptions) == subs_before
    else:
        assert len(shop.customer.subscriptions) == subs_before + 1
        # Shown at once, as provisioning, in the customer's subscriptions.
        rows = shop.cache.execute(
            "SELECT status, quantity, offer_id FROM subscriptions WHERE customer_id = ?",
            (shop.customer.id.lower(),)).fetchall()
        assert ("provisioning", quantity, item_id) in rows
