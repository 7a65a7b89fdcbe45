"""The all-subscriptions list's sorts by quantity and customer, the tenant pane's count of
what its subscriptions list holds (the same number the list's title shows), and the one note
of a suspension that its effect does not already say."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.sort.quantity": {"en": "quantity", "cs": "množství"},
    "tui.sort.customer": {"en": "customer", "cs": "zákazník"},
    # Every row of the subscriptions pane (its title counts the same), then what they are.
    "tui.tenant.listed": {"en": "{total} in the list ({parts})",
                          "cs": "v seznamu {total} ({parts})"},
    "tui.tenant.part.current": {"en": "in force {count}", "cs": "platná {count}"},
    "tui.tenant.part.expired": {"en": "expired {count}", "cs": "vypršelá {count}"},
    "tui.tenant.part.cancelled": {"en": "cancelled {count}", "cs": "zrušená {count}"},
    "tui.tenant.part.perpetual": {"en": "perpetual licences {count}",
                                  "cs": "trvalé licence {count}"},
    # Suspending: the effect says billing goes on and auto-renew turns off; this is the rest.
    "sub.note.suspend_auto_renew_after": {
        "en": "After reactivation auto-renew stays off until you turn it on.",
        "cs": "Po opětovné aktivaci zůstane automatické obnovení vypnuté, dokud ho nezapnete.",
    },
}
