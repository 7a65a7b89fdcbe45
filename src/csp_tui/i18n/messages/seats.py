"""Seats in use: licence pools read by the sync, what each subscription's seats are (bought,
assigned, unused, or why there is nothing to show), the subscription pane's column and
``csp-tui seats``."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the part of a customer (sync_parts.part.* / part_title.*) ------------------------------
    "sync_parts.part.seats": {"en": "seats in use (licence pools)",
                              "cs": "využití licencí (fondy licencí)"},
    "sync_parts.part_title.seats": {"en": "Seats in use", "cs": "Využití licencí"},
    # --- a subscription's seats ------------------------------------------------------------------
    "seats.bought_assigned": {"en": "{bought} bought, {assigned} assigned",
                              "cs": "{bought} koupeno, {assigned} přiřazeno"},
    "seats.with_shared": {
        "en": "{text} (pool shared with {count} other subscription(s))",
        "cs": "{text} (fond sdílený s dalšími předplatnými: {count})",
    },
    "seats.unused": {"en": "{count} unused", "cs": "nevyužito {count}"},
    "seats.detail_unused": {"en": "{text} — {unused}", "cs": "{text} – {unused}"},
    "seats.reason.not_read": {
        "en": "not known: the customer's licence pools have not been read",
        "cs": "neznámé: fondy licencí zákazníka nebyly načteny",
    },
    "seats.reason.not_assignable": {
        "en": "not assigned to users (a software subscription or a perpetual licence is used "
              "through its key)",
        "cs": "nepřiřazuje se uživatelům (softwarové předplatné či trvalá licence se používá "
              "přes klíč)",
    },
    "seats.reason.inactive": {
        "en": "the subscription holds no seats now (it is not active or suspended)",
        "cs": "předplatné teď nemá žádné licence (není aktivní ani pozastavené)",
    },
    "seats.reason.no_pool": {
        "en": "no licence pool of the customer names this subscription's offer or SKU",
        "cs": "žádný fond licencí zákazníka neuvádí nabídku ani SKU tohoto předplatného",
    },
    "seats.reason.ambiguous": {
        "en": "the offer matches more than one licence pool of the customer",
        "cs": "nabídka odpovídá více fondům licencí zákazníka",
    },
    "seats.reason.unknown": {"en": "not known", "cs": "neznámé"},
    # --- the subscription pane -------------------------------------------------------------------
    "seats.cell": {"en": "{assigned}/{bought}", "cs": "{assigned}/{bought}"},
    "seats.sort.unused": {"en": "unused seats", "cs": "nevyužité licence"},
    "seats.detail.label": {"en": "Seats in use", "cs": "Využití licencí"},
    # --- csp-tui seats ---------------------------------------------------------------------------
    "seats.cli.cmd": {
        "en": "seats bought and assigned to users per subscription (from the cache)",
        "cs": "koupené a uživatelům přiřazené licence podle předplatných (z mezipaměti)",
    },
    "seats.cli.opt.customer": {"en": "only this customer (tenant id)",
                               "cs": "jen tento zákazník (id tenanta)"},
    "seats.cli.opt.unused": {
        "en": "only subscriptions with unused seats, the most unused first",
        "cs": "jen předplatná s nevyužitými licencemi, nejvíce nevyužitých napřed",
    },
    "seats.cli.col.bought": {"en": "BOUGHT", "cs": "KOUPENO"},
    "seats.cli.col.assigned": {"en": "ASSIGNED", "cs": "PŘIŘAZENO"},
    "seats.cli.col.unused": {"en": "UNUSED", "cs": "NEVYUŽITO"},
    "seats.cli.col.why_not": {"en": "WHY NOT SHOWN", "cs": "PROČ NEUVEDENO"},
    # --- the record screen's labels of the stored columns (tui/screens/detail.py) -------------
    "tui.field.seats_bought": {"en": "Seats bought (pool)", "cs": "Koupeno licencí (fond)"},
    "tui.field.seats_assigned": {"en": "Seats assigned", "cs": "Přiřazeno licencí"},
    "tui.field.seats_unused": {"en": "Seats unused", "cs": "Nevyužito licencí"},
    "tui.field.seats_shared": {"en": "Pool shared with (subscriptions)",
                               "cs": "Fond sdílí (předplatná)"},
    "tui.field.seats_pool": {"en": "Licence pool (SKU)", "cs": "Fond licencí (SKU)"},
    "tui.field.seats_reason": {"en": "Why no seats in use", "cs": "Proč bez využití"},
}
