"""The all-subscriptions list's sorts by quantity and customer, and the tenant pane's count of
what its subscriptions list holds (the same number the list's title shows)."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.sort.quantity": {"en": "quantity", "cs": "množství"},
    "tui.sort.customer": {"en": "customer", "cs": "zákazník"},
    # Every row of the subscriptions pane (its count in the title), then what they are.
    "tui.tenant.listed_counts": {
        "en": "{total} in the subscriptions list: in force {current}, expired {expired}, "
              "cancelled {cancelled}, perpetual licences {perpetual}",
        "cs": "{total} v seznamu předplatných: platná {current}, vypršelá {expired}, "
              "zrušená {cancelled}, trvalé licence {perpetual}",
    },
}
