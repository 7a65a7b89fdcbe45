"""The all-subscriptions list's sorts by quantity and customer, the tenant pane's count of
what its subscriptions list holds (the same number the list's title shows), and the one note
of a suspension that its effect does not already say."""

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
    # Suspending: the effect says billing goes on and auto-renew turns off; this is the rest.
    "sub.note.suspend_auto_renew_after": {
        "en": "After reactivation auto-renew stays off until you turn it on.",
        "cs": "Po opětovné aktivaci zůstane automatické obnovení vypnuté, dokud ho nezapnete.",
    },
}
