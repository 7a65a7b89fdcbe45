"""The all-subscriptions list's sorts by quantity and customer, and the tenant pane's count of
what its subscriptions list holds (the same number the list's title shows)."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.sort.quantity": {"en": "quantity", "cs": "množství"},
    "tui.sort.customer": {"en": "customer", "cs": "zákazník"},
}
