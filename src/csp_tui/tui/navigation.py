"""Which screen a request of the console opens, and when its module is first imported.

The app's ``open_*`` methods (the :class:`~csp_tui.tui.console.Console` interface) land here.
Every screen below is imported inside the function that opens it, on purpose: the
subscription, invitation, qualification and new-tenant screens bring the REST stack (httpx,
the Partner Center client and its pydantic models, the use cases), which the console must
not wait for before its first frame (tests/tui/test_start_imports.py keeps that list). Only
the app imports this module; screens and widgets ask the console, so none of them imports
another screen's module and the graph stays free of circles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from csp_tui.tui.console import Console, SignInWindow

if TYPE_CHECKING:
    from textual.command import Provider

    from csp_tui.tui.screens.help import HelpScreen


def open_new_tenant(console: Console) -> None:
    """Start the new-tenant form (offering to continue a saved draft)."""
    if console.read_only:
        return
    from csp_tui.tui.screens.new_tenant import open_new_tenant_form  # REST stack: lazy

    open_new_tenant_form(console)


def open_invite(console: Console) -> None:
    """Start the reseller-relationship invitation (prefilled from the selected customer)."""
    if console.read_only:
        return
    from csp_tui.tui.screens.invite import open_invite_form  # REST stack: lazy

    open_invite_form(console)


def open_subscription_detail(console: Console, subscription_id: str,
                             customer_id: str | None = None) -> None:
    """``enter`` on a subscription or perpetual licence (``customer_id``: whose row)."""
    from csp_tui.tui.screens.subscription_detail import (  # REST stack: lazy
        open_subscription_detail as open_detail,
    )

    open_detail(console, subscription_id, customer_id)


def open_subscription_actions(console: Console, subscription_id: str,
                              customer_id: str | None = None) -> None:
    """Changes to one subscription (quantity, auto-renew, suspend) of ``customer_id``."""
    if console.read_only:
        return
    from csp_tui.tui.screens.subscription_actions import (  # REST stack: lazy
        open_subscription_actions as open_actions,
    )

    open_actions(console, subscription_id, customer_id=customer_id)


def show_subscription_view(console: Console, name: str | None) -> bool:
    from csp_tui.tui.screens.subscription_views import show_preset  # REST stack: lazy

    return show_preset(console, name)


def run_subscriptions_command(console: Console, argument: str) -> bool:
    """``:subscriptions renewing`` and friends (False: the argument is filter text)."""
    from csp_tui.tui.screens.subscription_views import (  # REST stack: lazy
        run_subscriptions_command as run_command,
    )

    return run_command(console, argument)


def subscription_views_provider() -> type[Provider]:
    """The palette's subscription views, imported when the palette first asks for them
    (Textual accepts a callable that returns the provider class in ``COMMANDS``)."""
    from csp_tui.tui.screens.subscription_views import SubscriptionViewsProvider  # lazy

    return SubscriptionViewsProvider


def open_education(console: Console, customer_id: str) -> bool:
    from csp_tui.tui.screens.qualification import open_education as open_screen  # lazy

    return open_screen(console, customer_id)


def open_order(console: Console, customer_id: str | None) -> bool:
    """The catalog to order from for a customer (None: the one selected in the panes)."""
    from csp_tui.tui.screens.order import open_order as open_screen  # REST stack: lazy

    if customer_id is None:
        try:
            pane = getattr(console.main_screen, "pane", None)
        except LookupError:
            pane = None
        tenant = pane("tenant") if callable(pane) else None
        customer_id = getattr(tenant, "customer_id", None)
    return open_screen(console, customer_id)


def invitation_action(console: Console, action: str, invitation_id: str | None) -> None:
    """A key of the invitations pane: the menu, the clock, or an action on one row."""
    from csp_tui.tui.invitation_keys import MENU, SANDBOX_ADVANCE  # with its pane
    from csp_tui.tui.screens import invitation_actions as actions  # REST stack: lazy

    if action == SANDBOX_ADVANCE:
        actions.sandbox_advance_clock(console)
    elif invitation_id is None:
        return
    elif action == MENU:
        actions.open_menu(console, invitation_id)
    else:
        actions.run_action(console, action, invitation_id)


def cancel_invitation(console: Console, invitation_id: str) -> None:
    """Mark an invitation cancelled in the ledger, once the user confirmed it."""
    if console.read_only:
        return
    from csp_tui.tui.screens.invitation_actions import confirm_cancel  # REST stack: lazy

    confirm_cancel(console, invitation_id)


def start_password_reset(console: Console, customer_id: str) -> None:
    from csp_tui.tui.password_reset_flow import start_reset  # the onboarding stack: lazy

    start_reset(console, customer_id)


def start_sign_in(console: Console) -> None:
    """The device-code sign-in, unless one is running already."""
    from csp_tui.tui.sign_in_flow import run_sign_in  # MSAL's glue: lazy

    # exclusive: a second "sign-in required" while the code is shown replaces nothing.
    if any(w.group == "sign-in" and w.is_running for w in console.workers):
        return
    console.run_worker(run_sign_in(console), group="sign-in", exclusive=True,
                       exit_on_error=False)


def show_sign_in(console: Console, prompt_text: str, user_code: str, url: str,
                 callback: Callable[[bool | None], Any] | None = None) -> SignInWindow:
    from csp_tui.tui.screens.sign_in import SignInScreen  # lazy: rarely shown

    screen = SignInScreen(prompt_text, user_code, url)
    console.push_screen(screen, callback)
    return screen


def toggle_help(console: Console) -> None:
    """``?``: the keys of what is on screen, or away with them when they are shown."""
    from csp_tui.tui.screens.help import HelpScreen  # lazy: not needed for the first frame

    if isinstance(console.screen, HelpScreen):
        console.screen.dismiss()
        return
    console.push_screen(help_screen_for(console, console.screen))


def help_screen_for(console: Console, screen: Screen[Any]) -> HelpScreen:
    from csp_tui.tui.screens.help import help_screen_for as build  # lazy, as above

    return build(console, screen)


def open_today(console: Console) -> None:
    """``:today`` / ``t``: what changed since the last look, and what is due (once on the
    stack: a second ``t`` does not stack another)."""
    from csp_tui.tui.screens.today import TodayScreen  # its chart and services: lazy

    if not isinstance(console.screen, TodayScreen):
        console.push_screen(TodayScreen())
