"""Esc on a new-tenant form with nothing typed in it keeps nothing and says nothing about a
draft: untouched, or typed into and emptied again (before and after the draft was saved).
What was typed and left is kept, and said so (the control that the notice is seen)."""

from __future__ import annotations

from typing import Any

import pytest

from csp_tui.i18n import t
from csp_tui.services import onboarding
from csp_tui.tui.screens.new_tenant import NewTenantScreen

from . import new_tenant_support as support
from .new_tenant_support import form, settled, type_text, wait_until

form_console = support.form_console  # the fixture, used by name

NARROW = (80, 24)


def _notices(app: Any) -> list[str]:
    seen: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        seen.append(str(message))
        original(message, **options)

    app.notify = notify
    return seen


async def _open(pilot: Any, *, wait: bool = True) -> None:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                     what="the form")
    if wait:
        await settled(pilot)


async def _leave(pilot: Any) -> None:
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, NewTenantScreen),
                     what="the form to close")
    await pilot.pause(0.2)  # a late draft timer would fire in here


@pytest.mark.parametrize(("role", "language", "how"), [
    ("indirect-provider", "en", "at_once"),  # Esc while the resellers are still being listed
    ("indirect-provider", "en", "settled"),
    ("indirect-provider", "cs", "settled"),  # Czech defaults (country, language) are no input
    ("indirect-provider", "en", "typed_and_deleted"),  # before the draft was saved
    ("indirect-provider", "en", "typed_saved_and_deleted"),  # after, so it is taken back
    ("indirect-reseller", "en", "settled"),
    ("indirect-reseller", "cs", "typed_saved_and_deleted"),
])
async def test_esc_on_an_empty_form_keeps_no_draft(form_console, role, language, how) -> None:
    console = form_console(role, language=language)
    async with console.app.run_test(size=NARROW) as pilot:
        notices = _notices(console.app)
        await _open(pilot, wait=how != "at_once")
        if how.startswith("typed"):
            await type_text(pilot, "Eko")  # the company name, the first field
            if how == "typed_saved_and_deleted":
                await settled(pilot)
                assert onboarding.load_form_draft(console.backend.state) is not None
            await pilot.press("backspace", "backspace", "backspace")
            assert form(pilot).values()["company_name"] == ""
        await _leave(pilot)
        assert notices == []
        assert onboarding.load_form_draft(console.backend.state) is None
        # Opened again, it is a fresh form (no offer to continue a draft).
        await _open(pilot)


async def test_esc_on_a_form_with_something_typed_keeps_it(form_console) -> None:
    console = form_console("indirect-provider")
    async with console.app.run_test(size=NARROW) as pilot:
        notices = _notices(console.app)
        await _open(pilot)
        await type_text(pilot, "Eko")
        await _leave(pilot)
        assert notices == [t("tenant_form.draft.kept")]
        saved = onboarding.load_form_draft(console.backend.state)
        assert saved is not None and saved[0]["company_name"] == "Eko"
