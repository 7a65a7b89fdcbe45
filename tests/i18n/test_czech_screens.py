"""A Czech user never meets an English word they did not choose: the console is driven in Czech
through every screen, and what it draws is checked against the English-only vocabulary.

The vocabulary is every word of the English catalog that no Czech text uses (so "tenant",
"online", "Partner Center" — words Czech uses too — do not count). Data is not chrome: words of
the cached records (company and product names, domains, contacts, the command log's remote
errors) are taken out before the check; the chrome — titles, headers, footer, labels, notes,
notifications — is what must be Czech.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from csp_tui import i18n
from csp_tui.state import invitations as ledger
from csp_tui.tui.screens.subscription_actions import open_subscription_actions
from csp_tui.tui.screens.subscription_detail import open_subscription_detail
from tui.conftest import WIDE, screen_text
from tui.subscriptions_support import NEW, seed_bakery

from .vocabulary import ENGLISH_ONLY, english_in, words

#: Columns whose values are states and kinds the console translates: they are not data here,
#: so a state shown untranslated ("active") is caught.
_ENUM_COLUMNS = frozenset({
    "status", "kind", "state", "billing_cycle", "relationship", "product_type",
    "entitlement_type", "vetting_status", "qualification", "language", "culture", "role",
    "term_duration", "attention",
})


def data_words(*databases: sqlite3.Connection) -> set[str]:
    """Every word stored in the caches except in state and kind columns: that is data."""
    found: set[str] = set()
    for database in databases:
        for table in Database(database).tables:
            columns = [c.name for c in table.columns
                       if c.type.upper() == "TEXT" and c.name not in _ENUM_COLUMNS]
            for row in table.rows:
                for column in columns:
                    if isinstance(row.get(column), str):
                        found |= words(row[column])
    return found


class Tour:
    """Collects the English words of every screen visited."""

    def __init__(self, app: Any, pilot: Any, data: set[str]) -> None:
        self.app = app
        self.pilot = pilot
        self.data = data
        self.found: dict[str, list[str]] = {}
        self.seen: dict[str, str] = {}  # what was looked at -> the screen it was on

    async def look(self, name: str) -> None:
        await self.pilot.pause()
        self.seen[name] = type(self.app.screen).__name__
        english = english_in(screen_text(self.app), self.data)
        if english:
            self.found[name] = english

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def back_to_main(self) -> None:
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()
            await self.pilot.pause()


def test_the_vocabulary_knows_english_from_czech() -> None:
    assert {"loading", "renews", "request", "offer"} <= ENGLISH_ONLY
    assert not {"tenant", "online", "partner"} & ENGLISH_ONLY
    assert english_in("Předplatné  Zákazníci", set()) == []
    assert english_in("Zákazníci  Loading…", set()) == ["loading"]
    # Typed commands are the same in both languages.
    assert english_in("Předplatná  :subscriptions  csp-tui customers --json", set()) == []


async def test_every_screen_speaks_czech(make_console) -> None:
    console = make_console(language="cs", customers=20)
    seed_bakery(console.cache)
    data = data_words(console.cache, console.state)
    # The test double's own words reach the screen when a form asks it for work.
    data |= words("the fake backend has no worker")
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        tour = Tour(app, pilot, data)
        await tour.look("main")
        for pane in ("customers", "tenant", "subscriptions", "invitations"):
            app.main_screen.focus_pane(pane)
            await tour.look(f"main: {pane}")
        await tour.press("question_mark")
        await tour.look("help")
        await tour.back_to_main()

        await tour.press("colon")
        await tour.look("command line")
        await tour.press("escape")
        await tour.press("ctrl+p")
        await tour.look("palette")
        await tour.press("x", "y", "z", "q")
        await pilot.pause(0.7)  # the palette says "no matches" after half a second
        await tour.look("palette: no matches")
        await tour.back_to_main()

        await tour.press("l")
        await tour.look("command log")
        await tour.press("enter")
        await tour.look("command log record")
        await tour.back_to_main()

        app.main_screen.focus_pane("customers")
        await tour.press("enter")
        await tour.look("customer record")
        await tour.back_to_main()

        open_subscription_detail(app, NEW)
        await tour.look("subscription detail")
        await tour.back_to_main()
        open_subscription_actions(app, NEW)
        await tour.look("subscription actions")
        await tour.press("q")
        await tour.look("subscription quantity")
        await tour.back_to_main()

        invitation = ledger.list_invitations(console.state)[0]
        app.open_record("invitation", invitation.id)
        await tour.look("invitation record")
        await tour.back_to_main()
        app.main_screen.focus_pane("invitations")
        await tour.press("m")
        await tour.look("invitation menu")
        await tour.back_to_main()
        app.cancel_invitation(invitation.id)
        await tour.look("invitation cancel")
        await tour.back_to_main()

        app.show_sign_in(i18n.t("tui.sign_in.prompt"), "ABCD-1234",
                         "https://microsoft.com/devicelogin")
        await tour.look("sign-in")
        await tour.back_to_main()

        app.open_invite()
        await tour.look("invite form")
        await tour.back_to_main()
        app.open_new_tenant()
        await tour.look("new-tenant form")
        await tour.back_to_main()
        app.action_sync()
        await tour.look("notification")

    # The tour reached every screen it meant to (a missed key would check main twice).
    assert tour.seen == EXPECTED_SCREENS
    assert tour.found == {}, _report(tour.found.items())


EXPECTED_SCREENS = {
    "main": "MainScreen", "main: customers": "MainScreen", "main: tenant": "MainScreen",
    "main: subscriptions": "MainScreen", "main: invitations": "MainScreen",
    "help": "HelpScreen", "command line": "MainScreen", "palette": "ConsolePalette",
    "palette: no matches": "ConsolePalette", "command log": "CommandLogScreen",
    "command log record": "DetailScreen", "customer record": "DetailScreen",
    "subscription detail": "SubscriptionDetailScreen",
    "subscription actions": "SubscriptionActionsScreen",
    "subscription quantity": "QuantityScreen", "invitation record": "DetailScreen",
    "invitation menu": "InvitationMenuScreen", "invitation cancel": "ConfirmCancelScreen",
    "sign-in": "SignInScreen", "invite form": "InviteScreen",
    "new-tenant form": "NewTenantScreen", "notification": "MainScreen",
}


def _report(found: Iterable[tuple[str, list[str]]]) -> str:
    return "English on Czech screens:\n" + "\n".join(
        f"  {screen}: {', '.join(english)}" for screen, english in found)
