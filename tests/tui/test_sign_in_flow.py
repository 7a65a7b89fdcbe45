"""Signing in from the console: the device code in a modal, then a sync."""

from __future__ import annotations

import dataclasses
import threading
import time

from csp_tui.config import AuthMethod, ProfileKind
from csp_tui.partner_center.auth import AuthCancelledError, DeviceCodePrompt
from csp_tui.services import events as ev
from csp_tui.tui import sign_in_flow
from csp_tui.tui.screens.sign_in import SignInScreen

from .conftest import screen_text


class FakeAuth:
    """Stands in for MSAL's device flow: the test decides when the user has finished."""

    def __init__(self) -> None:
        self.finished = threading.Event()
        self.cancelled = threading.Event()

    def start_device_flow(self) -> DeviceCodePrompt:
        return DeviceCodePrompt(
            user_code="KX7-PQ2",
            verification_uri="https://microsoft.com/devicelogin",
            message="(MSAL's English text, not shown)",
            expires_at=time.time() + 900,
        )

    def finish_device_flow(self, prompt: DeviceCodePrompt) -> str:
        while not self.finished.wait(0.01):
            if self.cancelled.is_set():
                raise AuthCancelledError("cancelled")
        return "jana@partner.example"

    def cancel_device_flow(self, prompt: DeviceCodePrompt) -> None:
        self.cancelled.set()


def _partner_center(console):
    settings = console.backend.settings
    profile = settings.profile.model_copy(
        update={
            "kind": ProfileKind.PARTNER_CENTER,
            "auth": AuthMethod.DEVICE_CODE,
            "client_id": "00000000-0000-0000-0000-000000000001",
        }
    )
    console.backend.settings = dataclasses.replace(settings, profile=profile)


async def test_sign_in_required_shows_the_code_then_syncs(make_console, monkeypatch):
    console = make_console(customers=3)
    _partner_center(console)
    fake = FakeAuth()
    monkeypatch.setattr(sign_in_flow, "make_auth", lambda app: fake)
    async with console.app.run_test(size=(80, 24), notifications=True) as pilot:
        console.backend.emit(ev.SignInRequired("token expired"))
        await pilot.pause()
        for _ in range(50):
            if isinstance(console.app.screen, SignInScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(console.app.screen, SignInScreen)
        text = screen_text(console.app)
        assert "KX7-PQ2" in text and "microsoft.com/devicelogin" in text
        assert "MSAL's English text" not in text  # our translated explanation instead
        syncs_before = console.backend.sync_requests
        fake.finished.set()
        for _ in range(100):
            if not isinstance(console.app.screen, SignInScreen):
                break
            await pilot.pause(0.02)
        assert not isinstance(console.app.screen, SignInScreen)
        assert console.backend.sync_requests == syncs_before + 1


async def test_escape_cancels_the_device_flow(make_console, monkeypatch):
    console = make_console(customers=3)
    _partner_center(console)
    fake = FakeAuth()
    monkeypatch.setattr(sign_in_flow, "make_auth", lambda app: fake)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await console.app.execute_command("login")
        for _ in range(50):
            if isinstance(console.app.screen, SignInScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(console.app.screen, SignInScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert fake.cancelled.wait(2)
        assert not isinstance(console.app.screen, SignInScreen)
        assert console.backend.sync_requests == 0


async def test_sandbox_needs_no_sign_in(make_console, monkeypatch):
    console = make_console(customers=3)
    monkeypatch.setattr(
        sign_in_flow,
        "make_auth",
        lambda app: (_ for _ in ()).throw(AssertionError("no device flow for the sandbox")),
    )
    async with console.app.run_test(size=(80, 24)) as pilot:
        console.backend.emit(ev.SignInRequired("x"))
        await pilot.pause()
        assert not isinstance(console.app.screen, SignInScreen)
