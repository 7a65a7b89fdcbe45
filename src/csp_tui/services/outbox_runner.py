"""Executes the outbox: queued writes to Partner Center, each sent with its idempotency key.

The outbox row is written *before* anything is sent, so a crash, a timeout or a restart never
loses an order; the row's idempotency key goes out as ``MS-RequestId`` on every attempt, so
Partner Center treats a resend as the same request and never acts twice. When the outcome of an
attempt is unknown (timeout, dropped connection, a process killed mid-send) the runner *checks*
before resending.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui.cache import store
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import SignInRequiredError
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import CustomerCreate, CustomerFilter
from csp_tui.services import events, password_reset
from csp_tui.state import command_log, outbox
from csp_tui.state.operator import engine_of
from csp_tui.state.outbox import (
    KIND_CREATE_CUSTOMER,
    KIND_CREATE_QUALIFICATION,
    KIND_PATCH_SUBSCRIPTION,
    OutboxEntry,
)
from csp_tui.timestamps import stamp

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
#: Conflicts (409) are Partner Center saying "not now", not "no": allow a few days of them.
MAX_CONFLICT_ATTEMPTS = 12
#: The longest wait between two attempts: Partner Center's longest hint is 24 hours.
MAX_RETRY_DELAY_S = 25 * 3600.0
# The kinds are defined in state.outbox and offered here too, beside the runner that sends them.
__all__ = ["KIND_CREATE_CUSTOMER", "KIND_CREATE_QUALIFICATION", "KIND_PATCH_SUBSCRIPTION",
           "MAX_ATTEMPTS", "OutboxRunner", "SecretSink"]

# Receives a created tenant's one-time credentials; they are held in memory only, never
# written to the outbox, the cache or a log.
SecretSink = Callable[[str, dict[str, str]], None]


def _later(seconds: float) -> str:
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return stamp(moment)


def _backoff(attempts: int) -> float:
    return float(min(300, 5 * 2 ** max(0, attempts - 1)))


#: The error code an attempt whose outcome is unknown (timeout, dropped connection) leaves.
UNKNOWN_OUTCOME = "timeout"
#: Writes Partner Center does not document as idempotent under MS-RequestId: after an unknown
#: outcome (timeout, dropped answer) they are looked for before being sent again, since a
#: repeat would be applied again. Customer creation is not among them: Partner Center replays
#: it by its MS-RequestId, with the one-time password that a look-up could never recover.
_CHECK_AFTER_UNKNOWN = frozenset({KIND_CREATE_QUALIFICATION, KIND_PATCH_SUBSCRIPTION})


def _check_first(entry: OutboxEntry) -> bool:
    return entry.kind in _CHECK_AFTER_UNKNOWN and entry.error_code == UNKNOWN_OUTCOME


class OutboxRunner:
    def __init__(
        self,
        client: PartnerCenterClient,
        state: sqlite3.Connection,
        *,
        publish: Callable[[events.Event], None] | None = None,
        secret_sink: SecretSink | None = None,
        read_only: bool = False,
        cache: sqlite3.Connection | None = None,
    ) -> None:
        self.client = client
        self.state = state
        # Where a created tenant is shown at once (see _show_created).
        self.cache = cache
        self.publish = publish or (lambda event: None)
        self.secret_sink = secret_sink
        self.read_only = read_only

    async def recover(self) -> int:
        """Entries a crashed process left in SENDING: check what happened, then go on.

        A read-only profile sends nothing, not even a resend: the entries wait."""
        if self.read_only:
            return 0
        stale = outbox.recover_stale_sending(self.state)
        for entry in stale:
            await self._execute(entry, checking=True)
        return len(stale)

    async def run_once(self) -> int:
        """Send every entry that is due; returns how many were processed."""
        if self.read_only:
            return 0
        processed = 0
        if engine_of(self.state) == "postgres":
            # A team: another operator's runner may have died mid-send. Its entries are taken
            # over once their lease ends, and checked before anything is resent.
            for taken in outbox.take_over_expired(self.state):
                await self._execute(taken, checking=True)
                processed += 1
        while True:
            entry = outbox.claim_next(self.state)
            if entry is None:
                return processed
            await self._execute(entry, checking=_check_first(entry))
            processed += 1

    async def _execute(self, entry: OutboxEntry, *, checking: bool) -> None:
        self._emit(entry, "sending")
        try:
            if checking:
                done = await self._already_done(entry)
                if done is not None:
                    outbox.mark_done(self.state, entry.id, done)
                    self._show_created(entry, done)
                    self._emit(entry, "done")
                    return
                if self._answered_but_not_found(entry):
                    return
            result = await self._send(entry)
        except (pce.AuthenticationError, SignInRequiredError) as exc:
            # Refused at the door (401) or never sent: Partner Center did not act. The entry
            # waits in the queue (same key, backing off so a worker does not knock every
            # second) and this pass stops: only signing in again helps.
            outbox.mark_retry(self.state, entry.id, next_attempt_at=_later(_backoff(
                entry.attempts)), code="sign_in", message=str(exc))
            self._emit(entry, "queued", str(exc))
            raise
        except pce.TransportError as exc:
            self._unknown_outcome(entry, exc)
            return
        except pce.PartnerCenterError as exc:
            # A 409 (a renewal or an order in progress) says when to come back, up to a day
            # later: the write keeps waiting for that, over more attempts than a failure gets.
            limit = MAX_CONFLICT_ATTEMPTS if isinstance(exc, pce.ConflictError) else MAX_ATTEMPTS
            if exc.retryable and entry.attempts < limit:
                delay = min(exc.retry_after or _backoff(entry.attempts), MAX_RETRY_DELAY_S)
                outbox.mark_retry(self.state, entry.id, next_attempt_at=_later(delay),
                                  code=exc.code, message=exc.description)
                self._emit(entry, "queued", exc.description)
            else:
                outbox.mark_failed(self.state, entry.id, code=exc.code or str(exc.status or ""),
                                   message=exc.description)
                self._emit(entry, "failed", exc.description)
            return
        outbox.mark_done(self.state, entry.id, result)
        self._show_created(entry, result)
        self._emit(entry, "done")

    def _answered_but_not_found(self, entry: OutboxEntry) -> bool:
        """The call log (a team's is shared) says Partner Center accepted this entry's
        ``MS-RequestId``, yet its effect cannot be found: something changed it since, and a
        resend of a write that is not replayed by its id would apply it again over that. A
        person decides."""
        if entry.kind not in _CHECK_AFTER_UNKNOWN:
            return False
        status = command_log.last_status(self.state, entry.idempotency_key)
        if status is None or not 200 <= status < 300:
            return False
        message = t("state.team.answered_not_found", status=status)
        outbox.mark_needs_attention(self.state, entry.id, message=message)
        self._emit(entry, "needs_attention", message)
        return True

    def _show_created(self, entry: OutboxEntry, result: dict[str, Any]) -> None:
        """A tenant was created: into the cache's customers list now, marked as waiting for
        Partner Center to list it (which takes a few minutes). Never fails the entry."""
        if entry.kind == KIND_CREATE_CUSTOMER and self.cache is not None:
            try:
                customer_id = str(result.get("customer_id") or "").lower()
                if store.add_created_customer(
                        self.cache, customer_id,
                        company_name=str(result.get("company_name") or ""),
                        domain=str(result.get("domain") or "")):
                    self.publish(events.CacheChanged(tables=frozenset({"customers", "domains"}),
                                                     customer_ids=frozenset({customer_id})))
            except Exception:  # the cache is rebuildable; the next listing shows it anyway
                log.exception("could not show the created tenant in the cache")

    def _unknown_outcome(self, entry: OutboxEntry, exc: Exception) -> None:
        if entry.attempts < MAX_ATTEMPTS:
            # Same idempotency key next time: Partner Center replays instead of acting twice.
            retry_at = _later(_backoff(entry.attempts))
            outbox.mark_retry(self.state, entry.id, next_attempt_at=retry_at, code=UNKNOWN_OUTCOME,
                              message=str(exc))
            self._emit(entry, "queued", str(exc))
        else:
            outbox.mark_needs_attention(self.state, entry.id, message=str(exc))
            self._emit(entry, "needs_attention", str(exc))

    # -- per kind -----------------------------------------------------------------------

    async def _send(self, entry: OutboxEntry) -> dict[str, Any]:
        payload = entry.payload
        key = entry.idempotency_key
        if entry.kind == KIND_CREATE_CUSTOMER:
            created = await self.client.create_customer(CustomerCreate(**payload), request_id=key)
            profile = created.company_profile
            credentials = created.user_credentials
            # Delivered only when handed to someone who shows it: a run without a sink (a
            # headless sync resending after a crash) must not record it as delivered.
            delivered = bool(credentials and credentials.password
                             and self.secret_sink is not None)
            if credentials is not None and self.secret_sink is not None:
                self.secret_sink(entry.id, {
                    "user_name": credentials.user_name or "",
                    "password": credentials.password.get_secret_value()
                    if credentials.password else "",
                })
            return {
                "customer_id": str(created.id).lower(),
                "domain": (profile.domain if profile else None) or payload.get("domain"),
                "company_name": (profile.company_name if profile else None)
                or payload.get("company_name"),
                "user_name": credentials.user_name if credentials else None,
                "credentials_delivered": delivered,
                "credentials_lost": not delivered,
            }
        if entry.kind == password_reset.KIND_RESET_PASSWORD:
            return await password_reset.send(self.client, entry, self.secret_sink)
        if entry.kind == KIND_PATCH_SUBSCRIPTION:
            customer_id = payload["customer_id"]
            current = await self.client.get_subscription(customer_id, payload["subscription_id"])
            body = dict(current.raw)
            body.update(payload["changes"])
            updated = await self.client.patch_subscription(
                customer_id, body, request_id=key, etag=current.etag)
            return {"subscription_id": str(updated.id).lower(), "quantity": updated.quantity,
                    "status": str(getattr(updated.status, "value", updated.status)),
                    "auto_renew": updated.auto_renew_enabled}
        if entry.kind == KIND_CREATE_QUALIFICATION:
            qualification = await self.client.create_qualification(
                payload["customer_id"], payload["body"], request_id=key)
            return {"qualification": str(getattr(qualification.qualification, "value",
                                                 qualification.qualification)),
                    "vetting_status": str(getattr(qualification.vetting_status, "value",
                                                  qualification.vetting_status))}
        raise pce.BadRequestError(f"unknown outbox entry kind {entry.kind!r}")

    async def _already_done(self, entry: OutboxEntry) -> dict[str, Any] | None:
        """After a crash mid-send: did Partner Center act? None means "not known to be done"
        and the entry is resent with the same idempotency key."""
        payload = entry.payload
        if entry.kind == KIND_CREATE_CUSTOMER:
            domain = str(payload.get("domain", "")).lower()
            if not domain or not await self.client.domain_exists(domain):
                return None
            found = await self.client.list_customers(
                filter=CustomerFilter(field="Domain", value=domain))
            for customer in found:
                profile = customer.company_profile
                if profile and (profile.domain or "").lower() == domain:
                    return {"customer_id": str(customer.id).lower(), "domain": domain,
                            "company_name": profile.company_name,
                            "user_name": None, "credentials_delivered": False,
                            # Created before the crash: its password was never shown.
                            "credentials_lost": True}
            return None
        if entry.kind == KIND_PATCH_SUBSCRIPTION:
            current = await self.client.get_subscription(payload["customer_id"],
                                                         payload["subscription_id"])
            raw_lower = {str(k).lower(): v for k, v in current.raw.items()}
            wanted = {str(k).lower(): v for k, v in payload["changes"].items()}
            if all(str(raw_lower.get(k)).lower() == str(v).lower() for k, v in wanted.items()):
                return {"subscription_id": str(current.id).lower(), "quantity": current.quantity,
                        "status": str(getattr(current.status, "value", current.status)),
                        "auto_renew": current.auto_renew_enabled}
            return None
        if entry.kind == KIND_CREATE_QUALIFICATION:
            wanted_kind = str({str(k).lower(): v for k, v in payload["body"].items()}
                              .get("qualification", "")).strip().lower()
            existing = await self.client.list_qualifications(payload["customer_id"])
            for qualification in existing:
                kind = getattr(qualification.qualification, "value", qualification.qualification)
                if wanted_kind and str(kind).lower() == wanted_kind:
                    return {"qualification": str(kind),
                            "vetting_status": str(getattr(qualification.vetting_status, "value",
                                                          qualification.vetting_status))}
            return None
        return None

    def _emit(self, entry: OutboxEntry, state: str, error: str | None = None) -> None:
        try:
            self.publish(events.OutboxUpdated(entry.id, entry.kind, state, entry.subject, error,
                                              customer_id=entry.customer_id))
        except Exception:
            log.exception("outbox event subscriber failed")
