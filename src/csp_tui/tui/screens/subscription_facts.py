"""One subscription (or perpetual licence) in words: the detail screen's facts and history.

What it is, its term and billing explained, when it renews, how long it can still be cancelled
or reduced (with the time left), the seats that can be refunded, where the customer's admin
finds it, what can be changed now and why not, and the changes sent lately. Plain functions of
a cached record and the time, so the screen (``subscription_detail.py``) only draws them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from csp_tui.cache import views
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import commerce_rules as rules
from csp_tui.services.record_dates import record_moment
from csp_tui.services.seat_words import detail_text
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.links import link_text
from csp_tui.tui.screens.subscription_words import action_label, allowed_text

LABEL_WIDTH = 20
#: The label of a row whose value is an address: drawn on its own line, never wrapped (a
#: wrapped address cannot be selected and pasted).
LINK = "\x00link"
HISTORY_LIMIT = 5
_TERM_EXPLAINED = ("P1M", "P1Y", "P3Y")

def is_perpetual(record: dict[str, Any]) -> bool:
    """An entitlements row (a perpetual licence) rather than a subscription."""
    return "product_name" in record and "offer_name" not in record

# -- the facts, in words --------------------------------------------------------------------


def _moment_with_left(moment: datetime | None, now: datetime) -> str:
    return t("subs.detail.until_left",
             when=terms.moment_in_words(moment, None, now.tzinfo, now),
             left=terms.time_left(moment, now))


def term_text(term: str | None, kind: str = "online") -> str:
    """"1 year — a one-year commitment: …" (the code itself in words, then what it means)."""
    words = terms.term_in_words(term)
    code = (term or "").strip().upper()
    if kind == "software" and code:
        # Software subscriptions cannot grow: more cores mean another subscription.
        return t("subs.detail.term_explained", term=words, meaning=t("subs.term.software"))
    if code in _TERM_EXPLAINED:
        return t("subs.detail.term_explained", term=words, meaning=t(f"subs.term.{code}"))
    return words


def renewal_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    zone = now.tzinfo
    end = terms.date_in_words(sub.term_end, None, zone)
    if sub.term_end is None:
        return terms.NOTHING
    if sub.status == "active" and sub.auto_renew:
        renews = sub.renews_at
        days = max(0, (renews - now).days) if renews else 0
        return t("subs.detail.renews", date=terms.date_in_words(renews, None, zone),
                 term=terms.term_in_words(sub.term_duration),
                 days=terms.plural(days, "day"))
    if sub.status == "suspended":
        return t("subs.detail.renews_not_suspended", end=end)
    if sub.status in ("expired", "disabled", "deleted"):
        return t("subs.detail.renews_over", end=end)
    return t("subs.detail.renews_off", end=end)


def cancellation_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    if sub.cancel_until is None:
        return terms.NOTHING
    if sub.cancel_until > now:
        return t("subs.detail.cancel_open", until=_moment_with_left(sub.cancel_until, now))
    return t("subs.detail.cancel_closed",
             closed=terms.moment_in_words(sub.cancel_until, None, now.tzinfo, now))


def removable_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    removable, until = rules.removable_seats(sub, now)
    if removable:
        return t("subs.detail.removable", seats=terms.plural(removable, "seat"),
                 until=_moment_with_left(until, now))
    if sub.refundable_closed_at is not None:
        return t("subs.detail.removable_closed",
                 closed=terms.moment_in_words(sub.refundable_closed_at, None, now.tzinfo, now))
    return t("subs.detail.removable_none")


def refundable_text(record: dict[str, Any], sub: rules.SubscriptionFacts, now: datetime) -> str:
    """Partner Center's ``refundableQuantity``: every batch of seats with its own deadline."""
    if not sub.refundable:
        total = record.get("refundable_quantity")
        return str(total) if total else "0"
    parts = [t("subs.detail.refundable_batch", seats=terms.plural(batch.quantity, "seat"),
               until=_moment_with_left(batch.until, now) if batch.until > now
               else t("subs.detail.closed_at", closed=terms.moment_in_words(
                   batch.until, None, now.tzinfo, now)))
             for batch in sub.refundable]
    return "; ".join(parts)


def _status_text(sub: rules.SubscriptionFacts, trial: bool) -> str:
    words = terms.status_in_words(sub.status)
    if trial:
        words = t("subs.detail.trial", status=words)
    if sub.status in ("suspended", "expired", "disabled", "deleted", "pending"):
        return t("subs.detail.status_hint", status=words,
                 hint=t(f"subs.status_hint.{sub.status}"))
    return words


def subscription_facts(record: dict[str, Any], customer: str, now: datetime
                       ) -> list[tuple[str, str]]:
    """(label, value) rows for a subscription, every value plain text."""
    sub = rules.facts(record)
    zone = now.tzinfo
    place = terms.where_customer_sees(sub.kind)
    offer = safe_text(record.get("offer_name") or "", 120)
    rows = [
        (t("subs.detail.customer"), customer),
        (t("subs.detail.product"), sub.product),
    ]
    if offer and offer != sub.product:
        rows.append((t("subs.detail.offer"), offer))
    start = record_moment(record.get("effective_start_date"))
    rows += [
        (t("subs.detail.status"), _status_text(sub, bool(record.get("is_trial")))),
        (t("subs.detail.quantity"), terms.plural(sub.quantity, "seat")),
        (t("seats.detail.label"), detail_text(
            record.get("seats_bought"), record.get("seats_assigned"),
            record.get("seats_unused"), int(record.get("seats_shared") or 0),
            record.get("seats_reason"))),
        (t("subs.detail.term"), term_text(sub.term_duration, sub.kind)),
        (t("subs.detail.billing"), terms.billing_in_words(sub.billing_cycle)),
        (t("subs.detail.period"), t("subs.detail.period_value",
                                    start=terms.date_in_words(start, None, zone),
                                    end=terms.date_in_words(sub.term_end, None, zone))),
        (t("subs.detail.auto_renew"), terms.say("yes") if sub.auto_renew
         else terms.say("no") if sub.auto_renew is not None else terms.NOTHING),
        (t("subs.detail.renewal"), renewal_text(sub, now)),
        (t("subs.detail.cancellation"), cancellation_text(sub, now)),
        (t("subs.detail.removable_label"), removable_text(sub, now)),
        (t("subs.detail.refundable"), refundable_text(record, sub, now)),
        (t("subs.detail.where"), place.path),
        (LINK, place.url),
    ]
    if place.hint:
        rows.append(("", place.hint))
    rows += [
        (t("subs.detail.subscription_id"), safe_text(record.get("id") or "", 80)),
        (t("subs.detail.offer_id"), safe_text(record.get("offer_id") or "", 120)),
        (t("subs.detail.customer_id"), safe_text(record.get("customer_id") or "", 80)),
        (t("subs.detail.synced"), terms.moment_in_words(
            record_moment(record.get("synced_at")), None, zone, now)),
    ]
    return rows


def perpetual_facts(record: dict[str, Any], customer: str, now: datetime
                    ) -> list[tuple[str, str]]:
    """(label, value) rows for a perpetual licence: what, when bought, refundable until."""
    zone = now.tzinfo
    bought = record_moment(record.get("purchase_date"))
    refund_until = bought + timedelta(days=views.PERPETUAL_REFUND_DAYS) if bought else None
    if refund_until is None:
        refund = terms.NOTHING
    elif refund_until > now:
        refund = t("subs.detail.refund_open", until=_moment_with_left(refund_until, now),
                   days=views.PERPETUAL_REFUND_DAYS)
    else:
        refund = t("subs.detail.refund_closed",
                   closed=terms.date_in_words(refund_until, None, zone),
                   days=views.PERPETUAL_REFUND_DAYS)
    place = terms.where_customer_sees("perpetual")
    rows = [
        (t("subs.detail.customer"), customer),
        (t("subs.detail.product"), safe_text(record.get("product_name") or "", 120)),
        (t("subs.detail.quantity"), str(record.get("quantity") or 0)),
        (t("subs.detail.purchased"), terms.date_in_words(bought, None, zone)),
        (t("subs.detail.billing"), terms.billing_in_words("onetime")),
        (t("subs.detail.renewal"), t("subs.detail.never_renews")),
        (t("subs.detail.refund"), refund),
        (t("subs.detail.where"), place.path),
        (LINK, place.url),
        ("", place.hint),
        (t("subs.detail.order_id"), safe_text(record.get("order_id") or terms.NOTHING, 80)),
        (t("subs.detail.product_id"), safe_text(
            "/".join(part for part in (record.get("product_id"), record.get("sku_id")) if part)
            or terms.NOTHING, 80)),
        (t("subs.detail.customer_id"), safe_text(record.get("customer_id") or "", 80)),
    ]
    return rows


def action_lines(record: dict[str, Any], now: datetime,
                 routes: dict[str, Any] | None = None) -> list[tuple[bool, str, str]]:
    """(possible, action, what it does or why not) for every change, as the rules see it.
    ``routes`` (action -> the role matrix's answer): changes no route leads to are left out,
    those the distributor makes are labelled as requests to it."""
    sub = rules.facts(record)
    if sub.kind == "perpetual":
        return [(False, t("subs.detail.no_changes"),
                 rules.reason_text(rules.Allowed(False, "sub.reason.perpetual")))]
    routes = routes or {}
    return [(allowed.ok,
             action_label(action, sub,
                          distributor=routes.get(action) is roles.Access.DISTRIBUTOR),
             allowed_text(action, allowed, sub, now))
            for action, allowed in rules.allowed_actions(sub, now).items()
            if routes.get(action) is not roles.Access.REFUSED]


def recent_changes(state: Any, subscription_id: str, limit: int = HISTORY_LIMIT, *,
                   customer_id: str | None = None) -> list[OutboxEntry]:
    """The latest changes sent (or waiting) for this subscription, newest first (only the
    given customer's when the same id exists under two)."""
    owner = "" if customer_id is None else (
        "AND lower(json_extract(payload, '$.customer_id')) = ? ")
    params: tuple[Any, ...] = (subscription_id.lower(),) + (
        () if customer_id is None else (customer_id.lower(),)) + (limit,)
    ids = [row[0] for row in state.execute(
        "SELECT id FROM outbox WHERE kind = 'patch_subscription' "
        "AND lower(json_extract(payload, '$.subscription_id')) = ? " + owner +
        "ORDER BY created_at DESC, rowid DESC LIMIT ?", params)]
    entries = [outbox.get(state, entry_id) for entry_id in ids]
    return [entry for entry in entries if entry is not None]


def _grid(rows: Iterable[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold", min_width=LABEL_WIDTH)
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), Text(safe_text(value, 600)))
    return grid


def facts_block(rows: list[tuple[str, str]], width: int) -> Group:
    """The label/value rows; an address (:data:`LINK`) goes on a line of its own, under the
    values when it fits there, else from the left edge."""
    parts: list[Table | Text] = []
    pending: list[tuple[str, str]] = []
    for label, value in rows:
        if label != LINK:
            pending.append((label, value))
            continue
        if pending:
            parts.append(_grid(pending))
            pending = []
        url = safe_text(value, 300)
        indent = LABEL_WIDTH + 1 if LABEL_WIDTH + 1 + len(url) <= width else 0
        line = Text(" " * indent, no_wrap=True, overflow="ignore")
        line.append_text(link_text(value, shown=url))
        parts.append(line)
    if pending:
        parts.append(_grid(pending))
    return Group(*parts)



def waiting_text(entry: OutboxEntry, now: datetime) -> str:
    """Why a queued change waits and when it is tried again ("Partner Center asked to wait:
    … Next attempt tomorrow 10:02."). The outbox schedules on the machine's clock; the time is
    shown in the world's, like every other time on this screen."""
    due = record_moment(entry.next_attempt_at)
    if due is not None:
        due += now - datetime.now(UTC)
    return t("subs.outbox.waiting", reason=entry.error_message or "",
             when=terms.moment_in_words(due, None, now.tzinfo, now))
