"""Which host names are this machine: plain http is allowed only to them (the sandbox served on
loopback), and a relationship link from them is the emulator's. One check, used by the config
and the invitation links."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1); nothing is resolved."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
