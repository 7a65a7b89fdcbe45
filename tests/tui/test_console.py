"""Commands, palette, keymap, read-only, back-end events, clipboard and remote text."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.command import CommandPalette

from csp_tui.cache import views
from csp_tui.db import Transaction
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.services import events as ev
from csp_tui.tui.console_commands import COMMANDS
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.screens.sign_in import SignInScreen
from csp_tui.tui.widgets.command_line import CommandLine
from csp_tui.tui.widgets.lists import CustomersPane, InvitationsPane, SubscriptionsPane
from csp_tui.tui.widgets.tenant import PARTNER_CENTER_CUSTOMER, TenantPane

from .conftest import NARROW, binding_actions, footer_keys, screen_text
from .waiting import wait_for


def focused_pane(app) -> str | None:
    for node in app.focused.ancestors_with_self:
        if getattr(node, "id", None) in {"customers", "tenant", "subscriptions", "invitations"}:
            return node.id
    return None


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_colon_commands_aliases_arguments_and_history(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        command_line = screen.query_one(CommandLine)
        for typed, pane in [("subs", "subscriptions"), ("i", "invitations"),
                            ("ten", "tenant"), ("c", "customers")]:
            await pilot.press("colon", *typed, "enter")
            await pilot.pause()
            assert screen.active_pane == pane, typed
            assert not command_line.display
            assert focused_pane(console.app) == pane
        # ":c TEXT" filters the pane it shows.
        await pilot.press("colon", *"c šum", "enter")
        await pilot.pause()
        pane = screen.query_one(CustomersPane)
        assert pane.filter_text == "šum"
        assert pane.table.row_count == views.count_customers(console.cache, "šum")
        # History: newest last, up goes back, down returns to the empty line.
        assert console.app.command_history == ["subs", "i", "ten", "c", "c šum"]
        await pilot.press("colon", "up", "up")
        assert command_line.field.value == "c"
        await pilot.press("down", "down")
        assert command_line.field.value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert not command_line.display
        assert focused_pane(console.app) == "customers"


async def test_unknown_command_says_so_and_sync_reaches_the_backend(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"zz", "enter")
        await pilot.pause()
        assert any(":zz" in text and ":help" in text for text in notices(console.app))
        await pilot.press("colon", *"sync", "enter", "r")
        await pilot.pause()
        assert console.backend.sync_requests == 2


async def test_help_and_quit_commands(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("colon", "h", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, HelpScreen)
        await pilot.press("escape", "colon", "q", "enter")
        await pilot.pause()
    assert console.app.return_code == 0
    assert console.backend.stopped


async def test_new_tenant_and_invite_go_through_the_app_hooks(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        calls: list[str] = []
        console.app.open_new_tenant = lambda: calls.append("new-tenant")
        console.app.open_invite = lambda: calls.append("invite")
        await pilot.press("n", "i", "colon", *"new", "enter", "colon", *"invite", "enter")
        await pilot.pause()
    assert calls == ["new-tenant", "invite", "new-tenant", "invite"]


async def test_palette_offers_the_commands_and_runs_them(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(console.app.screen, CommandPalette)
        await pilot.press(*"sync now")
        await console.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Sync now" in screen_text(console.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        assert console.backend.sync_requests == 1


async def test_keymap_from_settings_rebinds_keys(make_console) -> None:
    console = make_console(keymap={"sync": "f5", "filter": "f"})
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert {"f5", "f"} <= footer_keys(console.app)
        assert not {"r", "slash"} & footer_keys(console.app)
        await pilot.press("r")
        await pilot.pause()
        assert console.backend.sync_requests == 0
        await pilot.press("f5")
        await pilot.pause()
        assert console.backend.sync_requests == 1
        await pilot.press("f", "x")
        await pilot.pause()
        assert console.app.screen.query_one(CustomersPane).filter_text == "x"


async def test_unknown_keymap_ids_and_key_names_are_warned_about_at_start(make_console) -> None:
    console = make_console(keymap={"sync": "f5,notakey", "synk": "f6", "filter": "ctrl+f"})
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        warnings = [n.message for n in console.app._notifications
                    if n.severity == "warning"]
        assert any("synk" in text and "no key binding has this id" in text
                   for text in warnings), warnings
        assert any('"notakey"' in text for text in warnings), warnings
        assert not any("filter" in text or "ctrl+f" in text for text in warnings)


async def test_read_only_hides_every_mutating_action(make_console) -> None:
    console = make_console(read_only=True)
    hooks: list[str] = []
    console.app.open_new_tenant = lambda: hooks.append("new-tenant")
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        app = console.app
        assert not {"new_tenant", "invite"} & binding_actions(app)
        await pilot.press("n")
        await pilot.pause()
        assert hooks == []
        await pilot.press("3")
        await pilot.pause()
        assert "manage_subscription" not in binding_actions(app)
        await pilot.press("4")
        await pilot.pause()
        assert "cancel_invitation" not in binding_actions(app)
        # The help screen agrees with the footer.
        await pilot.press("question_mark")
        await pilot.pause()
        help_labels = {label for _, label, _ in app.screen.keys}
        assert not {"New tenant", "Invite", "Cancel invitation"} & help_labels
        assert not any(name.startswith((":new-tenant", ":invite")) for name, _, _ in
                       app.screen.commands)
        await pilot.press("escape")
        await pilot.pause()
        # So does the command line...
        await pilot.press("colon", *"new-tenant", "enter")
        await pilot.pause()
        assert hooks == []
        assert any("read-only" in text for text in notices(app))
        # ...and the palette.
        allowed = [command.name for command in COMMANDS if app.command_allowed(command)]
        assert "new-tenant" not in allowed and "invite" not in allowed and "sync" in allowed


async def test_read_only_palette_has_no_mutating_commands(make_console) -> None:
    console = make_console(read_only=True)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"tenant")
        await console.app.workers.wait_for_complete()
        await pilot.pause()
        palette = console.app.screen
        assert isinstance(palette, CommandPalette)
        text = screen_text(console.app)
        assert "New tenant" not in text
        assert "Tenant of the selected customer" in text


async def test_cache_change_keeps_the_cursor_on_the_same_customer(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        await pilot.press(*["down"] * 10)
        await pilot.pause()
        key = pane.table.cursor_key
        index = pane.table.cursor_index
        top = pane.table.scroll_offset.y
        # A sync adds a customer that sorts first and renames the one under the cursor.
        with Transaction(console.cache) as conn:
            name = "Aaa Nová firma s.r.o."
            conn.execute(
                "INSERT INTO customers (id, company_name, name_fold, sort_key, "
                "primary_domain, domain_fold, first_seen_at, listed_at) "
                "VALUES ('new-1', ?, ?, ?, 'nova.onmicrosoft.com', "
                "'nova.onmicrosoft.com', 'x', 'x')", (name, fold(name), czech_sort_key(name)))
            conn.execute("UPDATE customers SET company_name = 'Přejmenovaná s.r.o.' "
                         "WHERE id = ?", (key,))
        console.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))
        await pilot.pause()
        assert pane.table.cursor_key == key
        assert pane.table.cursor_index == index + 1
        assert pane.table.scroll_offset.y == top + 1  # same place on screen
        assert pane.table.row_count == views.count_customers(console.cache)
        assert "Přejmenovaná s.r.o." in screen_text(console.app)
        # The customer disappears (removed by a later sync): the cursor stays in place.
        with Transaction(console.cache) as conn:
            conn.execute("UPDATE customers SET removed_at = 'x' WHERE id = ?", (key,))
        console.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))
        await pilot.pause()
        assert pane.table.cursor_key != key
        assert pane.table.cursor_index == index + 1


async def test_sync_events_update_the_status_bar(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        backend = console.backend
        backend.emit(ev.SyncStarted(run_id=1, kind="full"))
        backend.emit(ev.SyncProgress(run_id=1, phase="customers", done=40, total=None))
        await pilot.pause()
        assert "sync 40…" in screen_text(console.app)
        # Progress is drawn at most a few times a second: the next one may wait a moment.
        backend.emit(ev.SyncProgress(run_id=1, phase="details", done=12, total=60))
        await wait_for(pilot, lambda: "sync 12/60" in screen_text(console.app))
        backend.emit(ev.SyncFinished(run_id=1, kind="full", ok=True, error=None,
                                     finished_at=datetime(2026, 11, 24, 9, 44, tzinfo=UTC)))
        await pilot.pause()
        assert "synced 09:44" in screen_text(console.app)
        backend.emit(ev.SyncFinished(run_id=2, kind="full", ok=False, error="HTTP 401"))
        await pilot.pause()
        assert "sync failed: HTTP 401 (last good 09:44)" in screen_text(console.app)
        backend.set_status(outbox_pending=3)
        backend.emit(ev.OutboxUpdated(entry_id="e1", kind="patch_subscription",
                                      state="queued", subject="x"))
        await pilot.pause()
        assert "outbox 3" in screen_text(console.app)


async def test_outbox_and_invitation_events_notify(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        console.backend.emit(ev.OutboxUpdated(entry_id="e1", kind="patch_subscription",
                                              state="done", subject="Novák s.r.o.: 12 -> 10"))
        console.backend.emit(ev.OutboxUpdated(entry_id="e2", kind="create_customer",
                                              state="failed", subject="Nová s.r.o.",
                                              error="HTTP 403"))
        console.backend.emit(ev.InvitationAccepted(invitation_id="i1",
                                                   company_name="[b]Šumavská[/b] pekárna",
                                                   customer_id="c1"))
        await pilot.pause()
        texts = notices(console.app)
        assert any("Done: Novák s.r.o.: 12 -> 10" in text for text in texts)
        assert any("Failed: Nová s.r.o." in text and "HTTP 403" in text for text in texts)
        assert any("[b]Šumavská[/b] pekárna accepted" in text for text in texts)
        # Remote text in a toast is shown as typed, not as markup.
        assert not any(notification.markup for notification in console.app._notifications)


async def test_copy_link_uses_the_clipboard_and_save_writes_a_file(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("2", "down", "down")
        await pilot.pause()
        tenant = console.app.screen.query_one(TenantPane)
        expected = PARTNER_CENTER_CUSTOMER.format(tenant_id=tenant.customer_id)
        assert tenant.selected_link.url == expected
        await pilot.press("c")
        await pilot.pause()
        assert console.app.clipboard == expected
        assert f"Sent {len(expected)} characters to the terminal (OSC 52)" in " ".join(
            notices(console.app))
        await pilot.press("w")
        await pilot.pause()
        files = list(console.backend.settings.locations.exports_dir.iterdir())
        assert [path.read_text().strip() for path in files] == [expected]


async def test_hostile_names_never_reach_the_terminal_as_control(make_console) -> None:
    console = make_console(hostile=True)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [screen_text(console.app)]
        svgs = [console.app.export_screenshot()]
        assert "[bold red]X[/]" in shown[0]  # sorts first: the tenant pane shows it too
        await pilot.press("slash", *"evil", "enter")
        await pilot.pause()
        shown.append(screen_text(console.app))
        # The sequence's bytes are gone; what is left is harmless text.
        assert "Evil]52;c;ZXZpbA== Clipboard s.r.o." in shown[-1]
        await pilot.press("enter")  # the detail screen: every field, literally
        await pilot.pause()
        shown.append(screen_text(console.app))
        svgs.append(console.app.export_screenshot())
        for text in [*shown, *svgs]:
            for forbidden in ("\x1b", "\x07", "\u202e", "\u202c"):
                assert forbidden not in text


async def test_sign_in_screen_copies_code_and_address(make_console) -> None:
    console = make_console()
    results: list[bool | None] = []
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.show_sign_in("Sign in", "ABCD-1234", "https://example.test/x",
                                          results.append)
        await pilot.pause()
        assert isinstance(console.app.screen, SignInScreen)
        await pilot.press("c")
        assert console.app.clipboard == "ABCD-1234"
        await pilot.press("u")
        assert console.app.clipboard == "https://example.test/x"
        screen.complete()
        await pilot.pause()
        assert results == [True]
        assert isinstance(console.app.screen, MainScreen)


async def test_subscription_and_invitation_actions_use_hooks(make_console) -> None:
    console = make_console()
    changed: list[str] = []
    cancelled: list[str] = []
    owners: list[str | None] = []
    console.app.open_subscription_actions = (  # type: ignore[method-assign]
        lambda sid, customer_id=None: (changed.append(sid), owners.append(customer_id)))
    console.app.cancel_invitation = cancelled.append
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3", "m")
        await pilot.pause()
        subscriptions = console.app.screen.query_one(SubscriptionsPane)
        assert changed == [subscriptions.table.cursor_key]
        assert owners == [subscriptions.table.cursor_row.customer_id]
        await pilot.press("4")
        await pilot.pause()
        invitations = console.app.screen.query_one(InvitationsPane)
        # Move to a pending invitation (cancelling an accepted one is not offered).
        for _ in range(invitations.table.row_count):
            row = invitations.table.cursor_row
            if row.status == "pending":
                break
            await pilot.press("down")
        assert "x" in footer_keys(console.app)
        await pilot.press("x")
        await pilot.pause()
        assert cancelled == [invitations.table.cursor_key]


async def test_every_built_in_theme_styles_the_console(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        themes = sorted(console.app.available_themes)
        assert {"ansi-dark", "textual-light", "nord"} <= set(themes)
        for theme in themes:
            console.app.theme = theme
            await pilot.pause()
            assert console.app.current_theme.name == theme
            assert "Customers (5)" in screen_text(console.app)


async def test_backend_lifecycle_and_failures_are_reported(make_console) -> None:
    console = make_console(customers=5)
    backend = console.backend

    async def broken_start() -> None:
        backend.started = True
        raise RuntimeError("token cache unreadable")

    backend.start = broken_start
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        await console.app.workers.wait_for_complete()
        await pilot.pause()
        assert backend.started and len(backend.callbacks) == 1
        assert console.app.status_snapshot.sync_state == "error"
        assert console.app.status_snapshot.last_error == "token cache unreadable"
        assert "sync failed: token" in screen_text(console.app)  # (a toast covers the rest)
        assert any("could not start: token cache unreadable" in text
                   for text in notices(console.app))
        backend.emit(ev.SignInRequired(reason="HTTP 401 from Partner Center"))
        await pilot.pause()
        assert any("Sign-in required: HTTP 401" in text for text in notices(console.app))
    # Leaving the console stops the back end and drops the subscription.
    assert backend.stopped and backend.callbacks == []
