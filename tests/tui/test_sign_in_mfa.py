"""The console's sign-in window when Partner Center asks for multi-factor authentication."""

from __future__ import annotations

import dataclasses

from csp_tui.partner_center.auth import DeviceCodePrompt
from csp_tui.services import events as ev
from csp_tui.tui import sign_in_flow
from csp_tui.tui.screens.sign_in import SignInScreen

from .conftest import screen_text
from .test_sign_in_flow import FakeAuth, _partner_center

MFA_CLAIMS = '{"access_token":{"amr":{"values":["mfa"]}}}'


class StepUpAuth(FakeAuth):
    """A device flow with a pending MFA challenge (or one already refused after a step-up)."""

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status
        self.started = 0

    def mfa_state(self) -> dict[str, str]:
        return {"status": self.status, "claims": MFA_CLAIMS}

    def start_device_flow(self) -> DeviceCodePrompt:
        self.started += 1
        return dataclasses.replace(super().start_device_flow(), claims=MFA_CLAIMS)


async def _wait_for_sign_in(console, pilot) -> bool:
    # Polls (the device flow starts in a thread); returns as soon as the window is up.
    for _ in range(500):
        # Up and drawn: on a busy machine the screen is pushed a few frames before its text.
        if isinstance(console.app.screen, SignInScreen) and screen_text(console.app).strip():
            return True
        await pilot.pause(0.02)
    return False


async def test_the_modal_says_partner_center_asks_for_mfa(make_console, monkeypatch):
    console = make_console(customers=3)
    _partner_center(console)
    fake = StepUpAuth("pending")
    monkeypatch.setattr(sign_in_flow, "make_auth", lambda app: fake)
    try:
        async with console.app.run_test(size=(100, 30), notifications=True) as pilot:
            console.backend.emit(ev.SignInRequired("MFA required"))
            await pilot.pause()
            assert await _wait_for_sign_in(console, pilot)
            text = " ".join(screen_text(console.app).split())
            assert "asks for multi-factor authentication for this action" in text
            assert "approve with MFA" in text
            assert "KX7-PQ2" in text
    finally:
        fake.finished.set()  # never leave the flow's thread waiting
    assert fake.started == 1


async def test_the_modal_in_czech(make_console, monkeypatch):
    from csp_tui import i18n

    console = make_console(customers=3)
    _partner_center(console)
    fake = StepUpAuth("pending")
    monkeypatch.setattr(sign_in_flow, "make_auth", lambda app: fake)
    i18n.set_language("cs")
    try:
        async with console.app.run_test(size=(100, 30)) as pilot:
            await console.app.execute_command("login")
            assert await _wait_for_sign_in(console, pilot)
            text = " ".join(screen_text(console.app).split())
            assert "vyžaduje vícefaktorové ověření" in text
    finally:
        fake.cancelled.set()  # never leave the flow's thread waiting
        i18n.set_language("en")


async def test_after_a_refused_step_up_no_sign_in_starts_by_itself(make_console, monkeypatch):
    console = make_console(customers=3)
    _partner_center(console)
    fake = StepUpAuth("refused")
    monkeypatch.setattr(sign_in_flow, "make_auth", lambda app: fake)
    async with console.app.run_test(size=(100, 30), notifications=True) as pilot:
        console.backend.emit(ev.SignInRequired("MFA required"))
        shown = ""
        for _ in range(500):  # until the sign-in worker has told why it stops
            shown = " ".join(n.message for n in console.app._notifications)
            if "will not help" in shown:
                break
            await pilot.pause(0.02)
        assert not isinstance(console.app.screen, SignInScreen)
    assert fake.started == 0
    assert "Signing in the same way again will not help" in shown
    assert console.backend.sync_requests == 0
