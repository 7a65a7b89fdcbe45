"""Subscriptions: the list, one subscription, and changing one (PATCH, then polling a 202)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.calls import MAX_THROTTLE_WAIT_S, Answer
from csp_tui.partner_center.models import Subscription
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import loggable_path, normalise_link, segment, split_target

# Logged under the client's name, as every line about a call.
log = logging.getLogger("csp_tui.partner_center.client")

#: Waits between GETs after a PATCH answered 202 Accepted.
PATCH_POLL_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 15.0, 15.0)


def _quote_etag(etag: str) -> str:
    etag = etag.strip()
    if etag.startswith('"') or etag.startswith("W/"):
        return etag
    return f'"{etag}"'


def _dedupe_keys(body: Mapping[str, Any]) -> dict[str, Any]:
    """One key per case-insensitive name: a later value wins but keeps the first spelling.

    ``dict(raw) | changes`` can hold both ``Quantity`` (from a PascalCase GET) and ``quantity``
    (the change); Partner Center reads keys case-insensitively, so the change must replace the
    original rather than travel beside it.
    """
    spelled: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in body.items():
        lower = str(key).lower()
        if lower in spelled:
            result[spelled[lower]] = value
        else:
            spelled[lower] = key
            result[key] = value
    return result


class SubscriptionCalls(PagingClient):
    """Subscriptions: the list, one subscription, and changing one (PATCH, then polling a 202)."""

    def _subscriptions_path(self, customer_id: str) -> str:
        return f"/v1/customers/{segment(customer_id, 'customer_id')}/subscriptions"

    async def list_subscriptions(self, customer_id: str) -> list[Subscription]:
        return await self._collect(self._subscriptions_path(customer_id), Subscription)

    async def get_subscription(self, customer_id: str, subscription_id: str) -> Subscription:
        target = (f"{self._subscriptions_path(customer_id)}/"
                  f"{segment(subscription_id, 'subscription_id')}")
        return self._model(Subscription, await self._get(target), target)

    async def patch_subscription(
        self,
        customer_id: str,
        subscription: Subscription | dict[str, Any],
        *,
        request_id: str,
        etag: str | None = None,
    ) -> Subscription:
        """Send the WHOLE subscription back with the changes applied.

        A minimal body silently turns auto-renew off, so a model is sent as its full original
        JSON (:meth:`Subscription.to_wire`) and a dict is sent as given. When Partner Center
        answers 202 Accepted, the subscription is re-read (bounded) until it shows the change.
        """
        if isinstance(subscription, Subscription):
            body = subscription.to_wire()
        else:
            body = _dedupe_keys(subscription)
        subscription_id = next(
            (str(v) for k, v in body.items() if str(k).lower() == "id" and v), "")
        target = f"{self._subscriptions_path(customer_id)}/" \
                 f"{segment(subscription_id, 'subscription_id')}"
        headers = {"If-Match": _quote_etag(etag)} if etag else None
        answer = await self._call("PATCH", target, json_body=body, request_id=request_id,
                                  extra_headers=headers)
        if answer.status != 202 and answer.body is not None:
            return self._model(Subscription, answer.body, target)
        location = answer.headers.get("location")
        poll_target = target
        if location:
            candidate = normalise_link(location, self.base_url)
            if candidate is not None and split_target(candidate)[0].lower() == target.lower():
                poll_target = candidate
        return await self._poll_subscription(poll_target, body, answer)

    async def _poll_subscription(
        self, target: str, body: Mapping[str, Any], accepted: Answer
    ) -> Subscription:
        try:
            wanted: Subscription | None = Subscription.model_validate(body)
        except ValidationError:
            wanted = None
        delays = list(PATCH_POLL_DELAYS_S)
        first_wait = pce.parse_retry_after(accepted.headers.get("retry-after"))
        if first_wait is not None and accepted.status == 202:
            delays[0] = min(first_wait, MAX_THROTTLE_WAIT_S)
        if accepted.status != 202:
            delays = [0.0]  # 200 without a body: just read the result
        latest: Subscription | None = None
        for delay in delays:
            if delay > 0:
                await self._sleep(delay)
            latest = self._model(Subscription, await self._get(target), target)
            if wanted is None or _shows_changes(latest, wanted, body):
                return latest
        assert latest is not None
        log.info("PATCH %s accepted; change not visible after polling", loggable_path(target))
        return latest


def _shows_changes(current: Subscription, wanted: Subscription, body: Mapping[str, Any]) -> bool:
    """Whether the re-read subscription carries the values the PATCH asked for."""
    sent = {str(key).lower() for key in body}
    checks = {
        "quantity": "quantity",
        "status": "status",
        "autorenewenabled": "auto_renew_enabled",
        "friendlyname": "friendly_name",
    }
    for key, name in checks.items():
        if key in sent and getattr(wanted, name) is not None \
                and getattr(current, name) != getattr(wanted, name):
            return False
    return True
