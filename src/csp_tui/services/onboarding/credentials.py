"""Credentials: a created tenant's temporary password, one time, in memory, to whoever asked."""

from __future__ import annotations

import threading

from csp_tui.services.outbox_runner import SecretSink

# entry id -> the sink of whoever submitted it in this process (see route_credentials).
_sinks: dict[str, SecretSink] = {}
_sinks_lock = threading.Lock()


def expect_credentials(entry_id: str, sink: SecretSink) -> None:
    """``sink`` (of whoever submitted ``entry_id``) gets the entry's credentials, whichever
    runner of this process sends it."""
    with _sinks_lock:
        _sinks[entry_id] = sink


def forget_route(entry_id: str) -> None:
    """The submitter got ``entry_id``'s credentials directly: nobody else may."""
    with _sinks_lock:
        _sinks.pop(entry_id, None)


def has_route(entry_id: str) -> bool:
    """Whether a submitter of this process waits for ``entry_id``'s credentials."""
    with _sinks_lock:
        return entry_id in _sinks


def route_credentials(entry_id: str, credentials: dict[str, str]) -> bool:
    """A :data:`SecretSink` for any runner in this process (e.g. the console's background
    worker): hands a created tenant's credentials to the sink given to :func:`submit` for that
    entry, once. Returns whether someone took them."""
    with _sinks_lock:
        sink = _sinks.pop(entry_id, None)
    if sink is None:
        return False
    sink(entry_id, credentials)
    return True
