"""Today: what changed since the person last looked, and what is due — one pure read.

The console's Today screen and ``csp-tui today`` both call :func:`build_today`, so the two can
never disagree. It reads only the local databases (the sync's events, the subscriptions, the
qualifications, the invitation ledger, the outbox): no Partner Center call.

Two clocks meet here. *Since* compares wall-clock moments: the sync records its events, the
outbox its results and the marker its moment by the wall clock. *Due* is judged by the world's
clock (the sandbox's virtual one), as every pane judges a window or a renewal.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from csp_tui.cache import store
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import (
    NOTHING,
    date_text,
    datetime_text,
    status_words,
    time_left,
)
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.services.qualifications import EXPECTED_WORKING_DAYS, working_days_between
from csp_tui.timestamps import parse_timestamp, stamp

#: An invitation unanswered this long is worth a reminder (the resend action).
INVITATION_WAITING_DAYS = 7
#: The renewals chart looks this many weeks ahead.
CHART_WEEKS = 13
#: How many syncs the seats chart of one customer goes back.
SEATS_RUNS = 12
NAME_LIMIT = 60
#: How many entries of one kind of *Due* are listed; the rest is counted (``Today.more``).
GROUP_LIMIT = 100
#: How many changes *Since* lists (a fortnight away from the console can mean thousands).
CHANGED_LIMIT = 500

SINCE = "since"
DUE = "due"

#: Outbox states as Today groups them: finished, refused, still waiting.
_OUTBOX_GROUPS = {"done": "outbox_done", "failed": "outbox_refused",
                  "needs_attention": "outbox_refused", "queued": "outbox_waiting",
                  "sending": "outbox_waiting"}


#: The due list's headings, by the kind of entry (in the order they are listed).
GROUPS = {"window_closing_today": "window", "window_closing_tomorrow": "window",
          "renewal_7": "renewal_7", "renewal_30": "renewal_30",
          "invitation_waiting": "invitation", "education_overdue": "education",
          "tenant_not_listed": "tenant"}


@dataclass(frozen=True)
class TodayEntry:
    """One line of Today. ``kind`` and ``fields`` are stable for scripts (``--output json``);
    ``text`` is the line a person reads, in the process's language."""

    section: str  # since | due
    kind: str
    text: str
    at: str | None = None  # when it happened (since) or is due (due), a stored moment
    customer_id: str | None = None
    subscription_id: str | None = None
    invitation_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def group(self) -> str:
        """The heading it is listed under in *Due* (``today.group.<group>``); changes: "" ."""
        return GROUPS.get(self.kind, "")

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "at": self.at,
                "customer_id": self.customer_id, "subscription_id": self.subscription_id,
                "invitation_id": self.invitation_id, "text": self.text,
                "fields": dict(self.fields)}


@dataclass(frozen=True)
class RenewalWeek:
    """Seats renewing in one week (Monday to Sunday), by kind."""

    start: date
    online: int
    software: int


@dataclass(frozen=True)
class Today:
    since: datetime | None  # None: never looked (everything recorded counts)
    now: datetime
    changed: tuple[TodayEntry, ...]
    due: tuple[TodayEntry, ...]
    weeks: tuple[RenewalWeek, ...]
    #: Entries not listed, by group ("changed" for *Since*): "… and 40 more".
    more: dict[str, int] = field(default_factory=dict)
    #: The newest sync event when this was read (0: none yet): what marking it seen records.
    last_event: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "now": self.now.isoformat(),
            "changed": [entry.as_json() for entry in self.changed],
            "due": [entry.as_json() for entry in self.due],
            "renewals_by_week": [{"week_start": week.start.isoformat(), "online": week.online,
                                  "software": week.software} for week in self.weeks],
            "more": dict(self.more),
        }


def build_today(cache: sqlite3.Connection, state: sqlite3.Connection, *, now: datetime,
                since: datetime | None, since_event: int | None = None,
                invitation_days: int = INVITATION_WAITING_DAYS,
                limit: int = GROUP_LIMIT, changed_limit: int = CHANGED_LIMIT) -> Today:
    """Today's content: ``now`` is the world's clock (aware, in the zone dates are shown in);
    ``since`` the wall-clock moment the person last looked (None: never), ``since_event`` the
    last sync event they saw (sync events are then told by their order: a sandbox stamps them
    by its own clock). Each kind of *Due* lists its first ``limit`` entries, *Since* its first
    ``changed_limit``; ``more`` counts the rest, so a cache of 100k subscriptions reads in
    well under a second."""
    names = _Names(cache)
    more: dict[str, int] = {}
    after = _stamp_after(since)
    newest = int(cache.execute("SELECT coalesce(max(id), 0) FROM sync_events").fetchone()[0])
    if since_event is not None and since_event > newest:
        since_event = None  # a rebuilt cache numbers its events anew: go by time
    events = (("id > ?", since_event) if since_event is not None else ("at > ?", after))
    changed = [*_sync_changes(cache, state, events, after, names, changed_limit),
               *_outbox_results(state, after, names, changed_limit),
               *_sync_failures(cache, after, changed_limit)]
    changed.sort(key=lambda entry: entry.at or "")
    total = _count_changed(cache, state, events, after)
    if total > changed_limit:
        more["changed"] = total - changed_limit
    due = [*_windows_closing(cache, now, names, limit, more),
           *_renewals(cache, now, names, limit, more),
           *_invitations_waiting(state, now, invitation_days, limit, more),
           *_education_overdue(cache, now, names),
           *_tenants_not_listed(cache, now, names)]
    return Today(since=since, now=now, changed=tuple(changed[:changed_limit]), due=tuple(due),
                 weeks=tuple(renewal_weeks(cache, now)), more=more,
                 last_event=newest)


class _Names:
    """Customers' names, read when first needed (Today names a few hundred at most)."""

    def __init__(self, cache: sqlite3.Connection) -> None:
        self._cache = cache
        self._known: dict[str, str | None] = {}

    def get(self, customer_id: str | None, default: str = "") -> str:
        if not customer_id:
            return default
        if customer_id not in self._known:
            row = self._cache.execute("SELECT company_name FROM customers WHERE id = ?",
                                      (customer_id,)).fetchone()
            self._known[customer_id] = (safe_text(row[0] or customer_id, NAME_LIMIT)
                                        if row is not None else None)
        return self._known[customer_id] or default or safe_text(customer_id, NAME_LIMIT)


def _count_changed(cache: sqlite3.Connection, state: sqlite3.Connection,
                   events_after: tuple[str, object], after: str) -> int:
    where, value = events_after
    events = cache.execute(f"SELECT count(*) FROM sync_events WHERE {where}",
                           (value,)).fetchone()
    runs = cache.execute("SELECT count(*) FROM sync_runs WHERE status IN ('failed', "
                         "'interrupted') AND finished_at > ?", (after,)).fetchone()
    placeholders = ",".join("?" for _ in _OUTBOX_GROUPS)
    results = state.execute(
        f"SELECT count(*) FROM outbox WHERE updated_at > ? AND state IN ({placeholders})",
        (after, *_OUTBOX_GROUPS)).fetchone()
    return int(events[0]) + int(runs[0]) + int(results[0])


def _limited(conn: sqlite3.Connection, select: str, where: str, order: str,
             params: tuple[Any, ...], limit: int, group: str,
             more: dict[str, int]) -> list[tuple[Any, ...]]:
    """The first ``limit`` rows of ``select where order``; how many more there are goes to
    ``more[group]``."""
    rows = conn.execute(f"{select} {where} {order} LIMIT ?", (*params, limit + 1)).fetchall()
    if len(rows) > limit:
        table = select.rsplit(" FROM ", 1)[1]
        count = conn.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()
        more[group] = more.get(group, 0) + int(count[0]) - limit
    return rows[:limit]


def _stamp_after(since: datetime | None) -> str:
    """The text every stored moment after ``since`` sorts above (stored moments are ISO UTC)."""
    if since is None:
        return ""
    return stamp(since)


def _console_changes(state: sqlite3.Connection, after: str) -> dict[str, list[str]]:
    """Subscriptions this console changed (outbox entries done), with when each finished;
    from a day before ``after``: a change sent just before the look is seen by a later sync."""
    moment = parse_timestamp(after)
    start = stamp(moment - timedelta(days=1)) if moment is not None else ""
    done: dict[str, list[str]] = {}
    for payload, updated_at in state.execute(
            "SELECT payload, updated_at FROM outbox WHERE kind = 'patch_subscription' "
            "AND state = 'done' AND updated_at > ?", (start,)):
        try:
            subscription_id = str(json.loads(payload).get("subscription_id") or "").lower()
        except (ValueError, AttributeError):
            continue
        done.setdefault(subscription_id, []).append(updated_at)
    return done


#: Status steps nobody takes: Partner Center's lifecycle after a term ends without renewal
#: (expired), after a suspension (disabled), and on to deleted.
LIFECYCLE = {("active", "expired"), ("suspended", "disabled"), ("expired", "disabled"),
             ("disabled", "deleted")}


def _who(done: dict[str, list[str]], subscription_id: str | None,
         step: tuple[str, str] | None = None) -> str:
    """Who or what changed a subscription: this console (an outbox entry for it finished since
    the look, or just before it), Partner Center's lifecycle (a status step nobody takes),
    else someone or something in Partner Center. (The outbox's moments are the wall clock's,
    a sandbox's events its own clock's: they are not compared.)"""
    if subscription_id is not None and subscription_id.lower() in done:
        return "console"
    if step is not None and step in LIFECYCLE:
        return "lifecycle"
    return "partner_center"


def _user(cache: sqlite3.Connection, subscription_id: str | None, at: str) -> str | None:
    """Who made a change in Partner Center, as its audit log names them (remote text)."""
    if subscription_id is None:
        return None
    user = store.last_change_by(cache, subscription_id, at)
    return safe_text(user, NAME_LIMIT) if user else None


def _seats(value: object) -> str:
    return terms.plural(int(value), "seat") if isinstance(value, int) else NOTHING


def _renew_words(value: object) -> str:
    if value is None:
        return NOTHING
    return t("today.renew.on") if value else t("today.renew.off")


def _sync_changes(cache: sqlite3.Connection, state: sqlite3.Connection,
                  events_after: tuple[str, object], after: str, names: _Names,
                  limit: int) -> Iterable[TodayEntry]:
    where, value = events_after
    rows = cache.execute(
        f"SELECT at, kind, customer_id, subscription_id, detail FROM sync_events "
        f"WHERE {where} ORDER BY id LIMIT ?", (value, limit)).fetchall()
    done = _console_changes(state, after)
    for at, kind, customer_id, subscription_id, raw in rows:
        try:
            detail = json.loads(raw) if raw else {}
        except ValueError:
            detail = {}
        customer = names.get(customer_id, safe_text(
            detail.get("company_name") or customer_id or "", NAME_LIMIT))
        product = safe_text(detail.get("name") or detail.get("offer_name") or "", NAME_LIMIT)
        fields: dict[str, Any] = {"customer": customer}
        if kind in ("customer_added", "customer_removed", "invitation_accepted"):
            text = t(f"today.changed.{kind}", customer=customer)
        elif kind == "subscription_added":
            fields.update(product=product, seats=detail.get("quantity"))
            text = t("today.changed.subscription_added", customer=customer, product=product,
                     seats=_seats(detail.get("quantity")))
        elif kind in ("quantity_changed", "status_changed", "auto_renew_changed"):
            old, new = detail.get("old"), detail.get("new")
            step = (str(old).lower(), str(new).lower()) if kind == "status_changed" else None
            who = _who(done, subscription_id, step)
            user = _user(cache, subscription_id, at) if who == "partner_center" else None
            fields.update(product=product, old=old, new=new, by=who, user=user)
            if kind == "status_changed":
                old_text, new_text = status_words(str(old)), status_words(str(new))
            elif kind == "auto_renew_changed":
                old_text, new_text = _renew_words(old), _renew_words(new)
            else:
                old_text, new_text = str(old), str(new)
            by = t("today.by.user", user=user) if user else t(f"today.by.{who}")
            text = t(f"today.changed.{kind}", customer=customer, product=product, old=old_text,
                     new=new_text, by=by)
        elif kind == "qualification_changed":
            new_status = str(detail.get("new") or "").lower()
            fields.update(qualification=detail.get("qualification"), old=detail.get("old"),
                          new=detail.get("new"))
            key = {"approved": "approved", "denied": "denied"}.get(new_status, "moved")
            text = t(f"today.changed.education_{key}", customer=customer,
                     status=safe_text(detail.get("new") or NOTHING, 40))
            kind = "education_decision"
        else:
            text = t("today.changed.other", customer=customer, kind=safe_text(kind, 40))
        yield TodayEntry(SINCE, kind, text, at=at, customer_id=customer_id,
                         subscription_id=subscription_id, fields=fields)


def _outbox_results(state: sqlite3.Connection, after: str, names: _Names,
                    limit: int) -> Iterable[TodayEntry]:
    rows = state.execute(
        "SELECT id, kind, customer_id, subject, state, updated_at, error_message, payload "
        "FROM outbox WHERE updated_at > ? ORDER BY updated_at, id LIMIT ?",
        (after, limit)).fetchall()
    for entry_id, kind, customer_id, subject, entry_state, updated_at, error, payload in rows:
        group = _OUTBOX_GROUPS.get(entry_state)
        if group is None:
            continue
        customer = names.get(customer_id)
        try:
            subscription_id = json.loads(payload).get("subscription_id")
        except (ValueError, AttributeError):
            subscription_id = None
        shown_subject = safe_text(subject, NAME_LIMIT)
        text = t(f"today.changed.{group}", customer=customer or NOTHING, subject=shown_subject,
                 error=safe_text(error or "", 120))
        yield TodayEntry(SINCE, group, text, at=updated_at, customer_id=customer_id,
                         subscription_id=subscription_id,
                         fields={"outbox_id": entry_id, "outbox_kind": kind,
                                 "state": entry_state, "subject": shown_subject,
                                 "customer": customer})


def _sync_failures(cache: sqlite3.Connection, after: str,
                   limit: int) -> Iterable[TodayEntry]:
    rows = cache.execute(
        "SELECT id, kind, finished_at, status, error FROM sync_runs "
        "WHERE status IN ('failed', 'interrupted') AND finished_at > ? ORDER BY finished_at "
        "LIMIT ?", (after, limit)).fetchall()
    for run_id, kind, finished_at, status, error in rows:
        text = t("today.changed.sync_failed", when=datetime_text(finished_at),
                 error=safe_text(error or status, 120))
        yield TodayEntry(SINCE, "sync_failed", text, at=finished_at,
                         fields={"run_id": run_id, "run_kind": kind, "status": status})


# SQL: a subscription that renews. The unary plus keeps SQLite from walking the status
# index (most rows are active) instead of the date's, which gives the order and the range.
_LIVE = "+status='active'"


def _subscription_rows(cache: sqlite3.Connection, column: str, low: str, high: str,
                       limit: int, group: str, more: dict[str, int]) -> list[tuple[Any, ...]]:
    return _limited(
        cache, "SELECT id, customer_id, friendly_name, offer_name, quantity, kind, auto_renew, "
               "commitment_end_date, cancellation_allowed_until FROM subscriptions",
        f"WHERE {_LIVE} AND {column} > ? AND {column} <= ?", f"ORDER BY {column}, id",
        (low, high), limit, group, more)


def _end_of_day(moment: datetime, days: int = 0) -> datetime:
    """The last instant of the day ``days`` after ``moment``'s, in ``moment``'s zone."""
    day = moment.date() + timedelta(days=days + 1)
    return datetime(day.year, day.month, day.day, tzinfo=moment.tzinfo) - timedelta(
        microseconds=1)


def _windows_closing(cache: sqlite3.Connection, now: datetime, names: _Names, limit: int,
                     more: dict[str, int]) -> Iterable[TodayEntry]:
    rows = _subscription_rows(cache, "cancellation_allowed_until", stamp(now),
                              stamp(_end_of_day(now, 1)), limit, "window", more)
    for sub_id, customer_id, friendly, offer, seats, kind, _renew, _end, until in rows:
        product = safe_text(friendly or offer, NAME_LIMIT)
        customer = names.get(customer_id)
        moment = parse_timestamp(until)
        when = "today" if moment and moment.astimezone(now.tzinfo).date() == now.date() \
            else "tomorrow"
        left = time_left(until, now)
        text = t(f"today.due.window_{when}", product=product, seats=_seats(seats),
                 customer=customer,
                 left=left)
        yield TodayEntry(DUE, f"window_closing_{when}", text, at=until, customer_id=customer_id,
                         subscription_id=sub_id,
                         fields={"product": product, "seats": seats, "customer": customer,
                                 "kind": kind, "time_left": left})


def _renewals(cache: sqlite3.Connection, now: datetime, names: _Names, limit: int,
              more: dict[str, int]) -> Iterable[TodayEntry]:
    # A term renews the day after its commitment ends: renewing within 7 days means ending
    # within 6, and so on.
    week = _subscription_rows(cache, "commitment_end_date", stamp(now - timedelta(days=1)),
                              stamp(now + timedelta(days=6)), limit, "renewal_7", more)
    month = _subscription_rows(cache, "commitment_end_date", stamp(now + timedelta(days=6)),
                               stamp(now + timedelta(days=29)), limit, "renewal_30", more)
    for sub_id, customer_id, friendly, offer, seats, kind, renew, end, _until in [*week, *month]:
        ended = parse_timestamp(end)
        if ended is None:
            continue
        renews = ended + timedelta(days=1)
        within = 7 if renews <= now + timedelta(days=7) else 30
        product = safe_text(friendly or offer, NAME_LIMIT)
        customer = names.get(customer_id)
        off = renew is not None and not renew
        key = "today.due.renewal_off" if off else "today.due.renewal"
        text = t(key, product=product, seats=_seats(seats), customer=customer,
                 day=date_text(renews, now.tzinfo))
        yield TodayEntry(DUE, f"renewal_{within}", text, at=end, customer_id=customer_id,
                         subscription_id=sub_id,
                         fields={"product": product, "seats": seats, "customer": customer,
                                 "kind": kind, "auto_renew": None if renew is None
                                 else bool(renew), "renews_on": renews.date().isoformat()})


def _invitations_waiting(state: sqlite3.Connection, now: datetime, days: int, limit: int,
                         more: dict[str, int]) -> Iterable[TodayEntry]:
    rows = _limited(
        state, "SELECT id, company_name, domain, created_at, last_sent_at, send_count "
               "FROM invitations",
        "WHERE status = 'pending' AND last_sent_at <= ?", "ORDER BY last_sent_at, id",
        (stamp(now - timedelta(days=days)),), limit, "invitation", more)
    for invitation_id, company, domain, created_at, last_sent_at, send_count in rows:
        sent = parse_timestamp(last_sent_at)
        age = max(0, (now - sent).days) if sent else 0
        name = safe_text(company, NAME_LIMIT)
        text = t("today.due.invitation", company=name, domain=safe_text(domain, NAME_LIMIT),
                 days=terms.plural(age, "day"))
        yield TodayEntry(DUE, "invitation_waiting", text, at=last_sent_at,
                         invitation_id=invitation_id,
                         fields={"company": name, "domain": domain, "days_waiting": age,
                                 "send_count": send_count, "created_at": created_at,
                                 "action": "resend"})


def _education_overdue(cache: sqlite3.Connection, now: datetime,
                       names: _Names) -> Iterable[TodayEntry]:
    rows = cache.execute(
        "SELECT customer_id, qualification, vetting_created_at FROM qualifications "
        "WHERE lower(vetting_status) = 'inreview' ORDER BY vetting_created_at, customer_id"
    ).fetchall()
    for customer_id, qualification, created in rows:
        since = parse_pc_datetime(created)
        if since is None:
            continue
        working = working_days_between(since, now)
        if working <= EXPECTED_WORKING_DAYS:
            continue
        customer = names.get(customer_id)
        text = t("today.due.education", customer=customer, days=working,
                 expected=EXPECTED_WORKING_DAYS)
        yield TodayEntry(DUE, "education_overdue", text, at=created, customer_id=customer_id,
                         fields={"customer": customer, "qualification": qualification,
                                 "working_days": working})


def _tenants_not_listed(cache: sqlite3.Connection, now: datetime,
                        names: _Names) -> Iterable[TodayEntry]:
    rows = cache.execute(
        "SELECT id, created_pending_at FROM customers WHERE created_pending_at IS NOT NULL "
        "AND removed_at IS NULL ORDER BY created_pending_at, id").fetchall()
    for customer_id, created in rows:
        customer = names.get(customer_id)
        text = t("today.due.tenant_pending", customer=customer,
                 when=datetime_text(created, now.tzinfo))
        yield TodayEntry(DUE, "tenant_not_listed", text, at=created, customer_id=customer_id,
                         fields={"customer": customer})


def renewal_weeks(cache: sqlite3.Connection, now: datetime,
                  weeks: int = CHART_WEEKS) -> list[RenewalWeek]:
    """Seats renewing per week (weeks start on Monday, the first holds today), by kind."""
    first = now.date() - timedelta(days=now.weekday())
    online = [0] * weeks
    software = [0] * weeks
    # Summed per hour of the commitment's end in SQL (a few thousand rows at most, however
    # many subscriptions), then placed in the local week of the day after.
    rows = cache.execute(
        f"SELECT substr(commitment_end_date, 1, 13), kind, sum(quantity) FROM subscriptions "
        f"WHERE {_LIVE} AND commitment_end_date > ? AND commitment_end_date <= ? "
        f"GROUP BY 1, 2",
        (stamp(now - timedelta(days=1)), stamp(now + timedelta(days=7 * weeks + 7)))).fetchall()
    for hour, kind, quantity in rows:
        ended = parse_timestamp(f"{hour}:00:00Z")
        if ended is None:
            continue
        renews = (ended + timedelta(days=1)).astimezone(now.tzinfo).date()
        index = (renews - first).days // 7
        if renews < now.date() or not 0 <= index < weeks:
            continue
        if kind == "software":
            software[index] += int(quantity or 0)
        else:
            online[index] += int(quantity or 0)
    return [RenewalWeek(first + timedelta(days=7 * i), online[i], software[i])
            for i in range(weeks)]


def seats_over_syncs(cache: sqlite3.Connection, customer_id: str,
                     runs: int = SEATS_RUNS) -> list[int]:
    """The customer's seats (live subscriptions) after each of the last ``runs`` finished
    syncs, oldest first: today's count, walked back through the changes each run recorded."""
    total = int(cache.execute(
        "SELECT coalesce(sum(quantity), 0) FROM subscriptions WHERE customer_id = ? "
        f"AND {_LIVE}", (customer_id,)).fetchone()[0])
    run_ids = [row[0] for row in cache.execute(
        "SELECT id FROM sync_runs WHERE status = 'ok' ORDER BY id DESC LIMIT ?", (runs,))]
    series: list[int] = []
    for run_id in run_ids:
        series.append(max(0, total))
        for kind, raw in cache.execute(
                "SELECT kind, detail FROM sync_events WHERE run_id = ? AND customer_id = ? "
                "AND kind IN ('quantity_changed', 'subscription_added')", (run_id, customer_id)):
            try:
                detail = json.loads(raw) if raw else {}
            except ValueError:
                continue
            if kind == "quantity_changed":
                total -= int(detail.get("new") or 0) - int(detail.get("old") or 0)
            else:
                total -= int(detail.get("quantity") or 0)
    return list(reversed(series))
