"""``y`` / ``Y`` copy a row's ids; a copy says truthfully where the text went."""

from __future__ import annotations

from typing import Any

from csp_tui.services.clipboard import OSC52_MAX_ENCODED_BYTES
from csp_tui.tui.screens.copy_menu import CopyMenuScreen
from csp_tui.tui.writes import GROUP

from .conftest import NARROW


def notices(app: Any) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def settle(pilot: Any) -> None:
    """Let the console's writes come back (they run on the writer thread)."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group == GROUP:
            await worker.wait()
    await pilot.pause()


def pane_row(app: Any, name: str) -> Any:
    return app.main_screen.pane(name).table.cursor_row


async def test_y_copies_the_customers_tenant_id_and_says_it_was_sent(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        row = pane_row(console.app, "customers")
        await pilot.press("y")
        await pilot.pause()
        assert console.app.clipboard == row.id
        assert any(row.id in note and "sent to the terminal (OSC 52)" in note
                   for note in notices(console.app))


async def test_capital_y_offers_the_others_and_a_digit_copies_one(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        row = pane_row(console.app, "customers")
        await pilot.press("Y")
        await pilot.pause()
        assert isinstance(console.app.screen, CopyMenuScreen)
        labels = [label for label, _value in console.app.screen.choices]
        assert labels[:2] == ["Tenant id", "Domain"]
        assert "Company name" in labels
        await pilot.press("2")
        await pilot.pause()
        assert not isinstance(console.app.screen, CopyMenuScreen)
        assert console.app.clipboard == row.primary_domain
        await pilot.press("Y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert console.app.clipboard == row.primary_domain  # esc copies nothing


async def test_y_in_the_other_panes(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("a")  # every customer's subscriptions
        await pilot.pause()
        subscription = pane_row(console.app, "subscriptions")
        await pilot.press("y")
        await pilot.pause()
        assert console.app.clipboard == subscription.id
        await pilot.press("4")
        await pilot.pause()
        invitation = pane_row(console.app, "invitations")
        await pilot.press("y")
        await pilot.pause()
        assert console.app.clipboard == invitation.domain
        await pilot.press("2")
        await pilot.pause()
        tenant = console.app.main_screen.pane("tenant").detail
        await pilot.press("y")
        await pilot.pause()
        assert console.app.clipboard == tenant.id


async def test_too_long_for_osc52_is_written_to_a_file_and_said_so(make_console) -> None:
    console = make_console(customers=2)
    text = "x" * (OSC52_MAX_ENCODED_BYTES // 4 * 3 + 10)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        console.app.copy_text("short")
        assert console.app.clipboard == "short"
        console.app.copy_text(text)
        await settle(pilot)
        # Nothing was sent: the terminal would have dropped it without a word.
        assert console.app.clipboard == "short"
        files = list(console.backend.settings.locations.exports_dir.iterdir())
        assert [path.read_text(encoding="utf-8") for path in files] == [text]
        assert oct(files[0].stat().st_mode & 0o777) == oct(0o600)
        assert any("written to file" in note and str(files[0]) in note
                   for note in notices(console.app))
        assert not any(f"Sent {len(text)}" in note for note in notices(console.app))
