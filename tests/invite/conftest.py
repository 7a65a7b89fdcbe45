"""Sessions on the in-process sandbox, with every request the client sends recorded."""

from __future__ import annotations

import pytest

from csp_tui.config import Settings
from csp_tui.services.session import Session, open_session, sandbox_transport_for

from .sandbox_session import RecordingTransport


@pytest.fixture
async def sessions():
    """``await open_(settings, **sandbox_options) -> (session, recorder)``; every session is
    closed afterwards. Options go to the emulator (e.g. ``customers=5`` for a small world)."""
    opened: list[Session] = []

    async def open_(settings: Settings, **options: object) -> tuple[Session, RecordingTransport]:
        recorder = RecordingTransport(sandbox_transport_for(settings, **options))
        session = open_session(settings, transport=recorder)
        opened.append(session)
        return session, recorder

    yield open_
    for session in opened:
        await session.aclose()
