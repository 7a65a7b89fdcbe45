"""Seats in use in words: "12 bought, 9 assigned" for the subscription pane and its detail,
why a subscription shows none, and the ``csp-tui seats`` listing's texts."""

from __future__ import annotations

from csp_tui.domain import seats
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t


def seats_text(bought: int | None, assigned: int | None, shared: int = 0) -> str:
    """"12 bought, 9 assigned" (with "shared with 1 other subscription" where the pool is
    shared); the dash when there is nothing to show."""
    if bought is None or assigned is None:
        return fmt.NOTHING
    text = t("seats.bought_assigned", bought=fmt.number_text(bought),
             assigned=fmt.number_text(assigned))
    if shared:
        text = t("seats.with_shared", text=text, count=fmt.number_text(shared))
    return text


def seats_cell(bought: int | None, assigned: int | None) -> str:
    """The list's cell: "9/12" (assigned of bought); the dash when there is nothing."""
    if bought is None or assigned is None:
        return fmt.NOTHING
    return t("seats.cell", assigned=fmt.number_text(assigned), bought=fmt.number_text(bought))


def unused_text(unused: int | None) -> str:
    return fmt.NOTHING if unused is None else t("seats.unused", count=fmt.number_text(unused))


def reason_text(reason: str | None) -> str:
    """Why a subscription shows no seats in use (``domain/seats.REASONS``)."""
    if reason in seats.REASONS:
        return t(f"seats.reason.{reason}")
    return t("seats.reason.unknown") if reason else ""


def detail_text(bought: int | None, assigned: int | None, unused: int | None, shared: int,
                reason: str | None) -> str:
    """The subscription detail's line: "12 bought, 9 assigned — 3 unused" or the reason."""
    if bought is None or assigned is None:
        # No reason recorded: a row from before seats were read (or written by another tool).
        return reason_text(reason or seats.REASON_NOT_READ)
    text = seats_text(bought, assigned, shared)
    return t("seats.detail_unused", text=text, unused=unused_text(unused)) if unused else text
