"""What one sync run found, and how its problems are put in words.

The engine (``services.sync``) fills a :class:`SyncResult` as it goes; the worker, the CLI's
summary and the tests read it. Kept apart from the engine so a reader of results does not
need the engine's machinery (the REST client, the read order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from csp_tui.cache import store
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce
from csp_tui.services import events


@dataclass(frozen=True)
class PartProblem:
    """One part of one customer that this run could not read (its old rows were kept)."""

    customer_id: str
    part: str  # store.PARTS
    state: str  # refused | missing | failed
    status: int | None
    code: str | None
    message: str


@dataclass
class SyncResult:
    run_id: int
    kind: str
    ok: bool
    customers_listed: int = 0
    customers_done: int = 0
    failed_customers: dict[str, str] = field(default_factory=dict)
    changes: list[events.Change] = field(default_factory=list)
    error: str | None = None
    # Items Partner Center sent that could not be read or stored, one line each (where, which
    # item, why): left out, everything else kept.
    skipped_items: list[str] = field(default_factory=list)
    #: Parts that could not be read: the run finished, but the cache is not all current.
    incomplete: list[PartProblem] = field(default_factory=list)
    #: The run got through the listing and every detail read (only parts may be missing).
    completed: bool = False
    #: What a first fill of the cache added (customers, subscriptions, perpetual); None when
    #: the cache had been filled before (its changes say what is new).
    added: dict[str, int] | None = None
    #: Rows that arrived with the first complete read of a customer's part (a new customer,
    #: or a part that could not be read before): filled silently, so counted here.
    first_read: dict[str, int] = field(default_factory=dict)
    #: What kind of refresh ran (services.refresh: full | refresh | fallback); None when the
    #: run was not a refresh cycle (one customer, a direct full read).
    cycle: str | None = None
    #: Why a cycle read everything: a ``refresh.why.*`` key, or the audit log's error.
    cycle_reason: str | None = None
    #: A refresh's re-reads by reason (new, audit, dates, sweep).
    reread: dict[str, int] = field(default_factory=dict)
    #: The oldest full read of a listed customer after the run (a stored moment; None when
    #: some customer was never read in full).
    oldest_read: str | None = None
    #: Requests this run made.
    requests: int = 0

    @property
    def partial(self) -> bool:
        """Finished, but parts of some customers (or single items) could not be read: the
        cache kept what it had for them. A customer that could not be read or stored at all
        (a storage failure, a step deadline, data nobody foresaw) makes the run failed."""
        return self.completed and not self.ok and not self.failed_customers

    @property
    def status(self) -> str:
        """``sync_runs.status``: ok | partial | failed."""
        return "ok" if self.ok else "partial" if self.partial else "failed"


def part_read(exc: pce.PartnerCenterError) -> store.PartRead:
    """How a part's read failed, in the cache's words: refused (403), missing (404 on the
    part's route), or failed (a server error, a timeout or an unreadable answer still failing
    after the client's retries, or anything else Partner Center answered)."""
    if isinstance(exc, pce.ForbiddenError):
        state = "refused"
    elif isinstance(exc, pce.NotFoundError):
        state = "missing"
    else:
        state = "failed"
    return store.PartRead(state=state, status=exc.status, code=exc.code,
                          message=exc.description or str(exc))


def skipped_of(items: Any) -> list[str]:
    """The lines naming items a listing left out (see ``partner_center.models.Page``)."""
    return list(getattr(items, "skipped", None) or ())


def skipped_summary(skipped: list[str]) -> str:
    return t("sync.items_skipped", count=len(skipped), sample=skipped[0])


def short_error(exc: BaseException) -> str:
    """An exception in one line for a person (the traceback goes to the log file)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__
