"""A new password for a tenant's administrator, when the first one never reached a person.

Partner Center shows a new tenant's temporary password once, in the answer that created it.
If the process ended before that answer was shown (a crash, a hang-up mid-POST), the restart
finds the tenant — created once, correctly — but the password is gone. The person is told so,
and offered a reset: an outbox entry like any other write (its idempotency key sent as
``MS-RequestId``), which picks a new password when it is sent, hands it to the person once
(memory only, never the outbox, the cache or a log) and makes the user change it at the next
sign-in.
"""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.state import outbox
from csp_tui.state.outbox import KIND_CREATE_CUSTOMER, OutboxEntry, OutboxState

if TYPE_CHECKING:
    from csp_tui.partner_center.client import PartnerCenterClient

KIND_RESET_PASSWORD = "reset_user_password"

SecretSink = Callable[[str, dict[str, str]], None]


def admin_user_name(entry: OutboxEntry) -> str:
    """The administrator a create_customer entry made (``admin@<domain>``)."""
    result = entry.result or {}
    user = str(result.get("user_name") or "admin")
    domain = str(result.get("domain") or entry.payload.get("domain") or "").lower()
    return user if "@" in user or not domain else f"{user}@{domain}"


def credentials_lost(entry: OutboxEntry) -> bool:
    """A done write that made (or reset) a password nobody was shown."""
    return (entry.state is OutboxState.DONE
            and entry.kind in (KIND_CREATE_CUSTOMER, KIND_RESET_PASSWORD)
            and bool((entry.result or {}).get("credentials_lost")))


def lost_credentials(state: sqlite3.Connection) -> list[OutboxEntry]:
    """Tenants whose administrator's password is lost and not yet being reset (a later
    reset entry for the customer settles it, whatever its state but failed)."""
    entries = outbox.list_entries(state, limit=1000)
    settled: set[str] = set()
    lost: list[OutboxEntry] = []
    for entry in entries:  # newest first
        customer = str((entry.result or {}).get("customer_id") or entry.customer_id or "")
        if (entry.kind == KIND_RESET_PASSWORD and entry.state is not OutboxState.FAILED
                and not credentials_lost(entry)):
            settled.add(customer)  # a reset is queued, sending or done
            continue
        if credentials_lost(entry) and customer and customer not in settled:
            settled.add(customer)
            lost.append(entry)
    return lost


def offer_text(entry: OutboxEntry) -> str:
    """The sentence telling the person, with the command that resets the password."""
    result = entry.result or {}
    customer = str(result.get("customer_id") or entry.customer_id or "")
    admin = str(result.get("user_name") or "") if entry.kind == KIND_RESET_PASSWORD \
        else admin_user_name(entry)
    company = safe_text(str(result.get("company_name") or entry.payload.get("company_name")
                            or customer), 120)
    return t("reset.offer", company=company, admin=safe_text(admin, 120), customer=customer)


def queue_reset(state: sqlite3.Connection, *, customer_id: str, user_name: str,
                company_name: str) -> OutboxEntry:
    """Queue the reset (one live entry per customer and user). No password is stored: it is
    chosen when the entry is sent."""
    customer_id = customer_id.strip().lower()
    return outbox.enqueue(
        state, kind=KIND_RESET_PASSWORD, customer_id=customer_id, subject=user_name,
        payload={"customer_id": customer_id, "user_name": user_name,
                 "company_name": company_name},
        dedupe_key=f"reset:{customer_id}:{user_name.lower()}")


def can_show(sink: SecretSink | None, entry_id: str) -> bool:
    """Whether ``sink`` has a person to show a new password to right now.

    A sink may say so by a ``can_show(entry_id)`` method (the console's back end: only while
    the console listens, so a reset queued by the CLI and picked up by a console worker is
    shown there, or waits); a plain callable (the CLI printing it) always can."""
    if sink is None:
        return False
    check = getattr(sink, "can_show", None)
    return True if check is None else bool(check(entry_id))


def lost_admin(entry: OutboxEntry) -> tuple[str, str, str]:
    """(customer id, administrator, company) of an entry :func:`lost_credentials` named."""
    result = entry.result or {}
    customer_id = str(result.get("customer_id") or entry.customer_id or "").lower()
    admin = str(result.get("user_name") or "") if entry.kind == KIND_RESET_PASSWORD \
        else admin_user_name(entry)
    company = str(result.get("company_name") or entry.payload.get("company_name")
                  or customer_id)
    return customer_id, admin, company


def lost_for(state: sqlite3.Connection, customer_id: str) -> OutboxEntry | None:
    """The entry that lost ``customer_id``'s administrator password, if one did and no reset
    is under way."""
    wanted = customer_id.strip().lower()
    return next((entry for entry in lost_credentials(state)
                 if lost_admin(entry)[0] == wanted), None)


def new_password() -> str:
    """16 characters with every class Microsoft 365 asks for."""
    import secrets  # here: hashlib and hmac are not needed to draw the console's first frame

    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "*!#$%&@?")
    chars = [secrets.choice(c) for c in classes]
    chars += [secrets.choice("".join(classes)) for _ in range(12)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


async def send(client: PartnerCenterClient, entry: OutboxEntry,
               secret_sink: SecretSink | None) -> dict[str, Any]:
    """Reset the password of the entry's user and hand the new one to ``secret_sink``.

    Without a sink (a run nobody watches) nothing is sent: a password set where no person can
    read it would be lost again."""
    # Here, on the worker's thread: the console imports this module for its words, at start.
    from csp_tui.partner_center import errors as pce

    payload = entry.payload
    customer_id = str(payload["customer_id"])
    wanted = str(payload["user_name"]).lower()
    if secret_sink is None or not can_show(secret_sink, entry.id):
        # Not an outcome in doubt: nothing was sent. Wait for a run that can show it (a
        # console worker nobody listens to would otherwise record it as delivered).
        waiting = pce.PartnerCenterError(message_key="reset.no_one_to_show",
                                         retry_after=300.0)
        waiting.retryable = True
        raise waiting
    try:
        users = await client.list_customer_users(customer_id)
    except pce.NotFoundError as exc:
        # A tenant created a moment ago is not visible everywhere yet: try again shortly.
        exc.retryable = True
        exc.retry_after = exc.retry_after or 30.0
        raise
    user = next((u for u in users if (u.user_principal_name or "").lower() == wanted), None)
    if user is None:
        raise pce.NotFoundError(message_key="reset.user_not_found", params={"user": wanted})
    password = new_password()
    await client.reset_user_password(customer_id, user.id, password,
                                     request_id=entry.idempotency_key)
    secret_sink(entry.id, {"user_name": user.user_principal_name or wanted,
                           "password": password})
    return {"customer_id": customer_id, "user_name": user.user_principal_name or wanted,
            "credentials_delivered": True, "credentials_lost": False}
