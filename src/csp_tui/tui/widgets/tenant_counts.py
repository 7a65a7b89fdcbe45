"""The tenant pane's count of a customer's products: the rows its subscriptions list shows
(that list's title counts the same rows), then what they are, parts with none left out."""

from __future__ import annotations

from csp_tui.cache import views
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t


def listed_counts_text(detail: views.CustomerDetailView) -> str:
    """"7 in the list (in force 4, expired 1, cancelled 1, perpetual licences 1)"."""
    current = (detail.subscriptions_listed - detail.subscriptions_expired
               - detail.subscriptions_cancelled)
    parts = [t("tui.tenant.part.current", count=fmt.number_text(current))]
    for key, count in (("expired", detail.subscriptions_expired),
                       ("cancelled", detail.subscriptions_cancelled),
                       ("perpetual", detail.entitlement_count)):
        if count:
            parts.append(t(f"tui.tenant.part.{key}", count=fmt.number_text(count)))
    total = detail.subscriptions_listed + detail.entitlement_count
    return t("tui.tenant.listed", total=fmt.number_text(total), parts=", ".join(parts))
