"""The tenant and subscriptions panes say, per part, what the last sync could not read; the
customers list marks a tenant created here that Partner Center does not list yet."""

from __future__ import annotations

from csp_tui.cache import store, views
from csp_tui.db import Transaction
from csp_tui.tui.widgets.lists import SubscriptionsPane
from csp_tui.tui.widgets.tenant import TenantPane

from .conftest import screen_text

WIDE_ENOUGH = (200, 50)


def _mark(cache, customer_id: str, part: str, state: str, *, last_ok_at: str | None,
          status: int | None, code: str | None, message: str | None) -> None:
    with Transaction(cache) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO customer_parts(customer_id, part, state, read_at, "
            "last_ok_at, status, code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (customer_id, part, state, "2026-11-24T09:40:00Z", last_ok_at, status, code,
             message))


def _plain(app) -> str:
    # Side by side, a wrapped line is interrupted by the focused pane's lit edge: read across it.
    return " ".join(screen_text(app).replace("▊", " ").split())


async def test_tenant_and_subscriptions_panes_say_which_parts_are_not_current(make_console):
    console = make_console(customers=5)
    first = views.customer_rows(console.cache, limit=1)[0].id
    _mark(console.cache, first, "subscriptions", "refused", last_ok_at="2026-11-20T08:15:00Z",
          status=403, code="2000", message="Access is denied [bold]for[/bold] this role.")
    _mark(console.cache, first, "relationships", "missing", last_ok_at=None, status=404,
          code=None, message="Not found.")
    async with console.app.run_test(size=WIDE_ENOUGH) as pilot:
        await pilot.pause()
        tenant = console.app.screen.query_one(TenantPane)
        assert tenant.customer_id == first
        text = _plain(console.app)
        assert "Not current" in text
        assert ("Subscriptions: last read 20 Nov 2026 08:15, Partner Center refused: Access "
                "is denied [bold]for[/bold] this role. (HTTP 403, code 2000)") in text
        assert ("Partner relationships: not available to this role (Partner Center does not "
                "offer this read: Not found. (HTTP 404))") in text
        subscriptions = console.app.screen.query_one(SubscriptionsPane)
        title = subscriptions.title_text().plain
        assert "Subscriptions: last read 20 Nov 2026 08:15" in title
        assert "relationships" not in title.lower()


async def test_a_created_tenant_is_marked_in_the_list_and_told_in_the_tenant_pane(make_console):
    console = make_console(customers=5)
    # Sorted first ("Aaa"), so the pane shows it without moving the cursor.
    store.add_created_customer(console.cache, "00000000-0000-4000-8000-0000000000aa",
                               company_name="Aaa Nová s.r.o.",
                               domain="aaanova.onmicrosoft.com", now="2026-11-24T09:41:00Z")
    async with console.app.run_test(size=WIDE_ENOUGH) as pilot:
        await pilot.pause()
        text = _plain(console.app)
        assert "+ Aaa Nová s.r.o." in text
        assert ("created 09:41, waiting for Partner Center to list it (usually a few minutes)"
                in text)
        subscriptions = console.app.screen.query_one(SubscriptionsPane)
        assert subscriptions.empty_text() == (
            "Tenant created; its subscriptions appear once Partner Center lists it.")


async def test_the_education_qualification_is_asked_for_from_the_tenant_pane(make_console):
    # The pane shows the qualification ("denied … request again"): the request is one key away.
    from csp_tui.tui.screens.qualification import EducationScreen

    console = make_console(customers=5)
    first = views.customer_rows(console.cache, limit=1)[0].id
    async with console.app.run_test(size=WIDE_ENOUGH) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert console.app.focused is not None
        await pilot.press("e")
        for _ in range(50):
            if isinstance(console.app.screen, EducationScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(console.app.screen, EducationScreen)
        assert console.app.screen.customer_id == first
