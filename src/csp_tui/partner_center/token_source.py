"""What the client asks of a source of bearer tokens: one protocol, met by every provider in
:mod:`csp_tui.partner_center.auth` (and by test doubles).

A provider may also offer ``mfa_challenge(claims, token)``; the client calls it when Partner
Center asks for multi-factor authentication (see :mod:`csp_tui.partner_center.mfa`)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class TokenProvider(Protocol):
    async def get_token(self, *, force_refresh: bool = False) -> str: ...
