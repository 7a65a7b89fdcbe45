"""The console's subscription screens (detail, changes, named views, Education) and the
``csp-tui subscriptions`` filters."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- the subscriptions pane's extra view
    "tui.preset.perpetual": {"en": "perpetual licences", "cs": "trvalé licence"},
    # -- keys
    "subs.key.quantity": {"en": "Seats", "cs": "Počet"},
    "subs.key.auto_renew": {"en": "Auto-renew", "cs": "Aut. obnovení"},
    "subs.key.suspend": {"en": "Suspend", "cs": "Pozastavit"},
    "subs.key.reactivate": {"en": "Reactivate", "cs": "Aktivovat"},
    "subs.key.cancel": {"en": "Cancel sub.", "cs": "Zrušit předpl."},
    "subs.key.confirm": {"en": "Yes, do it", "cs": "Ano, provést"},
    "subs.key.keep": {"en": "No", "cs": "Ne"},
    "subs.key.copy_link": {"en": "Copy link", "cs": "Kopírovat odkaz"},
    "subs.key.copy_id": {"en": "Copy ID", "cs": "Kopírovat ID"},
    "subs.key.education": {"en": "Education", "cs": "Školství"},
    "subs.key.fields": {"en": "All fields", "cs": "Všechna pole"},
    "subs.key.renewing": {"en": "Renewing", "cs": "Obnovení"},
    "subs.key.window": {"en": "Cancellable", "cs": "Lze zrušit"},
    "subs.keyhelp.quantity": {"en": "Change the number of seats",
                              "cs": "Změnit počet licencí"},
    "subs.keyhelp.auto_renew": {"en": "Turn automatic renewal on or off",
                                "cs": "Zapnout nebo vypnout automatické obnovení"},
    "subs.keyhelp.suspend": {"en": "Suspend the subscription (billing continues)",
                             "cs": "Pozastavit předplatné (účtuje se dál)"},
    "subs.keyhelp.reactivate": {"en": "Reactivate a suspended subscription",
                                "cs": "Znovu aktivovat pozastavené předplatné"},
    "subs.keyhelp.cancel": {"en": "Cancel the subscription (only within 7 days, final)",
                            "cs": "Zrušit předplatné (jen do 7 dní, nevratné)"},
    "subs.keyhelp.close": {"en": "Close without changing anything",
                           "cs": "Zavřít beze změny"},
    "subs.keyhelp.confirm": {"en": "Queue the change for Partner Center",
                             "cs": "Zařadit změnu k odeslání do Partner Center"},
    "subs.keyhelp.keep": {"en": "Keep everything as it is",
                          "cs": "Nechat vše, jak je"},
    "subs.keyhelp.copy_link": {
        "en": "Copy the admin-center address where the customer sees this product",
        "cs": "Zkopírovat adresu centra pro správu, kde zákazník produkt vidí",
    },
    "subs.keyhelp.copy_id": {"en": "Copy the subscription ID", "cs": "Zkopírovat ID předplatného"},
    "subs.keyhelp.education": {
        "en": "Education qualification of this customer (status, request)",
        "cs": "Kvalifikace pro školství u tohoto zákazníka (stav, žádost)",
    },
    "subs.keyhelp.fields": {"en": "Every stored field, as synced",
                            "cs": "Všechna uložená pole, jak byla synchronizována"},
    "subs.keyhelp.renewing": {
        "en": "All customers: what renews within 30 days",
        "cs": "Všichni zákazníci: co se obnoví do 30 dní",
    },
    "subs.keyhelp.window": {
        "en": "All customers: what can still be cancelled today",
        "cs": "Všichni zákazníci: co lze ještě dnes zrušit",
    },
    # -- named views (palette help)
    "subs.view_help.renewing": {
        "en": "Active subscriptions with auto-renew on whose term ends within 30 days",
        "cs": "Aktivní předplatná s automatickým obnovením, kterým do 30 dní končí období",
    },
    "subs.view_help.in_window": {
        "en": "What can still be cancelled (or reduced) with a refund, every customer",
        "cs": "Co lze ještě zrušit (nebo snížit) s vrácením peněz, u všech zákazníků",
    },
    "subs.view_help.suspended": {
        "en": "Suspended subscriptions — still billed",
        "cs": "Pozastavená předplatná — stále se účtují",
    },
    "subs.view_help.auto_renew_off": {
        "en": "Active subscriptions that will expire at the end of the term",
        "cs": "Aktivní předplatná, která na konci období vyprší",
    },
    "subs.view_help.software": {
        "en": "Software subscriptions and perpetual licences",
        "cs": "Softwarová předplatná a trvalé licence",
    },
    "subs.view_help.perpetual": {
        "en": "Perpetual licences of every customer, with the purchase date",
        "cs": "Trvalé licence všech zákazníků s datem nákupu",
    },
    "subs.view_help.expired": {
        "en": "Expired and disabled subscriptions",
        "cs": "Vypršelá a deaktivovaná předplatná",
    },
    # -- the detail screen
    "subs.detail.title.online": {"en": "Subscription · {product}",
                                 "cs": "Předplatné · {product}"},
    "subs.detail.title.software": {"en": "Software subscription · {product}",
                                   "cs": "Softwarové předplatné · {product}"},
    "subs.detail.title.perpetual": {"en": "Perpetual licence · {product}",
                                    "cs": "Trvalá licence · {product}"},
    "subs.detail.kind_line": {"en": "{kind} — {hint}", "cs": "{kind} — {hint}"},
    "subs.kind_hint.online": {
        "en": "seats assigned to users, billed for the term",
        "cs": "licence přidělované uživatelům, účtované za období",
    },
    "subs.kind_hint.software": {
        "en": "term licence for on-premises servers; seats cannot be added later",
        "cs": "časová licence pro servery ve vlastní správě; licence nelze později přidat",
    },
    "subs.kind_hint.perpetual": {
        "en": "bought once, never expires; full refund within 30 days",
        "cs": "kupuje se jednou, nikdy nevyprší; plné vrácení peněz do 30 dní",
    },
    "subs.detail.customer": {"en": "Customer", "cs": "Zákazník"},
    "subs.detail.product": {"en": "Product", "cs": "Produkt"},
    "subs.detail.offer": {"en": "Offer", "cs": "Nabídka"},
    "subs.detail.status": {"en": "Status", "cs": "Stav"},
    "subs.detail.trial": {"en": "{status} (trial)", "cs": "{status} (zkušební verze)"},
    "subs.detail.status_hint": {"en": "{status} — {hint}", "cs": "{status} — {hint}"},
    "subs.status_hint.suspended": {
        "en": "users have no access; you are still billed until the term ends",
        "cs": "uživatelé nemají přístup; účtuje se dál až do konce období",
    },
    "subs.status_hint.expired": {
        "en": "users still work for 30 days; it cannot be reactivated — buy a new one",
        "cs": "uživatelé pracují ještě 30 dní; nelze znovu aktivovat — kupte nové",
    },
    "subs.status_hint.disabled": {
        "en": "users are locked out; only admins reach the data",
        "cs": "uživatelé jsou zablokovaní; k datům se dostanou jen správci",
    },
    "subs.status_hint.deleted": {
        "en": "cancelled; nothing can be changed any more",
        "cs": "zrušené; už nelze nic měnit",
    },
    "subs.status_hint.pending": {
        "en": "Partner Center is still setting it up",
        "cs": "Partner Center ho ještě zřizuje",
    },
    "subs.detail.quantity": {"en": "Quantity", "cs": "Počet"},
    "subs.detail.term": {"en": "Term", "cs": "Období"},
    "subs.detail.term_explained": {"en": "{term} — {meaning}", "cs": "{term} — {meaning}"},
    "subs.term.P1M": {
        "en": "month to month: renews every month; seats can be reduced at each monthly renewal",
        "cs": "měsíc po měsíci: obnovuje se každý měsíc; licence lze snížit při každém "
              "měsíčním obnovení",
    },
    "subs.term.P1Y": {
        "en": "a one-year commitment: the price is fixed for the year; seats can be added any "
              "time, removed only within 7 days of buying or renewing",
        "cs": "roční závazek: cena je pevná na celý rok; licence lze kdykoli přidat, odebrat "
              "jen do 7 dní od nákupu nebo obnovení",
    },
    "subs.term.P3Y": {
        "en": "a three-year commitment: the price is fixed for three years; seats can be added "
              "any time, removed only within 7 days of buying or renewing",
        "cs": "tříletý závazek: cena je pevná na tři roky; licence lze kdykoli přidat, odebrat "
              "jen do 7 dní od nákupu nebo obnovení",
    },
    "subs.term.software": {
        "en": "a term licence: the price is fixed for the term; the quantity cannot be raised "
              "later (buy an additional subscription), seats can be removed only within 7 days "
              "of buying or renewing",
        "cs": "časová licence: cena je pevná na celé období; počet nelze později zvýšit (kupte "
              "další předplatné), licence lze odebrat jen do 7 dní od nákupu nebo obnovení",
    },
    "subs.detail.billing": {"en": "Billing", "cs": "Fakturace"},
    "subs.detail.period": {"en": "Current term", "cs": "Aktuální období"},
    "subs.detail.period_value": {"en": "{start} – {end}", "cs": "{start} – {end}"},
    "subs.detail.auto_renew": {"en": "Auto-renew", "cs": "Aut. obnovení"},
    "subs.detail.renewal": {"en": "Renewal", "cs": "Obnovení"},
    "subs.detail.renews": {
        "en": "renews on {date} for another {term} (in {days})",
        "cs": "obnoví se {date} na další {term} (za {days})",
    },
    "subs.detail.renews_off": {
        "en": "does not renew: auto-renew is off, it expires after {end}",
        "cs": "neobnoví se: automatické obnovení je vypnuté, vyprší po {end}",
    },
    "subs.detail.renews_not_suspended": {
        "en": "does not renew while suspended; the term ends on {end}",
        "cs": "pozastavené se neobnoví; období končí {end}",
    },
    "subs.detail.renews_over": {"en": "over — the term ended on {end}",
                                "cs": "skončilo — období skončilo {end}"},
    "subs.detail.until_left": {"en": "{when} ({left} left)", "cs": "{when} (zbývá {left})"},
    "subs.detail.cancellation": {"en": "Cancellation", "cs": "Zrušení"},
    "subs.detail.cancel_open": {"en": "possible until {until}",
                                "cs": "možné do {until}"},
    "subs.detail.cancel_closed": {
        "en": "no longer possible — the 7-day window closed on {closed}",
        "cs": "už nelze — sedmidenní lhůta skončila {closed}",
    },
    "subs.detail.removable_label": {"en": "Seats to remove", "cs": "Odebrání licencí"},
    "subs.detail.removable": {"en": "up to {seats} until {until}",
                              "cs": "až {seats} do {until}"},
    "subs.detail.removable_closed": {
        "en": "none now — the window closed on {closed}; reduce at renewal",
        "cs": "teď žádné — lhůta skončila {closed}; snižte při obnovení",
    },
    "subs.detail.removable_none": {"en": "none now", "cs": "teď žádné"},
    "subs.detail.refundable": {"en": "Refundable quantity", "cs": "Vratný počet"},
    "subs.detail.refundable_batch": {"en": "{seats} until {until}",
                                     "cs": "{seats} do {until}"},
    "subs.detail.closed_at": {"en": "{closed} (closed)", "cs": "{closed} (uzavřeno)"},
    "subs.detail.where": {"en": "Customer sees it in", "cs": "Zákazník to vidí v"},
    "subs.detail.subscription_id": {"en": "Subscription ID", "cs": "ID předplatného"},
    "subs.detail.offer_id": {"en": "Offer ID", "cs": "ID nabídky"},
    "subs.detail.customer_id": {"en": "Tenant ID", "cs": "ID tenantu"},
    "subs.detail.synced": {"en": "Synced", "cs": "Synchronizováno"},
    "subs.detail.purchased": {"en": "Purchased", "cs": "Zakoupeno"},
    "subs.detail.never_renews": {"en": "never — bought once, the licence does not expire",
                                 "cs": "nikdy — kupuje se jednou, licence nevyprší"},
    "subs.detail.refund": {"en": "Full refund", "cs": "Plné vrácení peněz"},
    "subs.detail.refund_open": {
        "en": "possible until {until}; {days} days from purchase",
        "cs": "možné do {until}; {days} dní od nákupu",
    },
    "subs.detail.refund_closed": {
        "en": "no longer — the {days} days ended on {closed}",
        "cs": "už ne — {days} dní skončilo {closed}",
    },
    "subs.detail.order_id": {"en": "Order ID", "cs": "ID objednávky"},
    "subs.detail.product_id": {"en": "Product / SKU", "cs": "Produkt / SKU"},
    "subs.detail.actions_title": {"en": "What can be changed now",
                                  "cs": "Co lze teď změnit"},
    "subs.detail.no_changes": {"en": "Nothing", "cs": "Nic"},
    "subs.detail.history_title": {"en": "Changes sent lately",
                                  "cs": "Nedávno odeslané změny"},
    "subs.outbox.queued": {"en": "waiting", "cs": "čeká"},
    "subs.outbox.waiting": {"en": "Partner Center asked to wait: {reason} Next attempt {when}.",
                            "cs": "Partner Center požádal o strpení: {reason} Další pokus "
                                  "{when}."},
    "subs.outbox.sending": {"en": "sending", "cs": "odesílá se"},
    "subs.outbox.done": {"en": "done", "cs": "hotovo"},
    "subs.outbox.failed": {"en": "refused", "cs": "odmítnuto"},
    "subs.outbox.needs_attention": {"en": "outcome unknown — check",
                                    "cs": "výsledek neznámý — ověřte"},
    # -- the changes
    "subs.actions.title": {"en": "Change the subscription", "cs": "Změnit předplatné"},
    "subs.actions.heading": {"en": "{product} · {customer} · {seats} · {status}",
                             "cs": "{product} · {customer} · {seats} · {status}"},
    "subs.actions.refused": {"en": "{action}: not possible now (why: above); nothing was "
                                   "queued.",
                             "cs": "{action}: teď nelze (proč: viz výše); nic nebylo zařazeno "
                                   "k odeslání."},
    "subs.actions.possible": {"en": "possible", "cs": "lze"},
    "subs.actions.not_possible": {"en": "not possible now", "cs": "teď nelze"},
    "subs.action.change_quantity": {"en": "Change the number of seats",
                                    "cs": "Změnit počet licencí"},
    "subs.action.auto_renew_on": {"en": "Turn auto-renew on",
                                  "cs": "Zapnout automatické obnovení"},
    "subs.action.auto_renew_off": {"en": "Turn auto-renew off",
                                   "cs": "Vypnout automatické obnovení"},
    "subs.action.suspend": {"en": "Suspend", "cs": "Pozastavit"},
    "subs.action.reactivate": {"en": "Reactivate", "cs": "Znovu aktivovat"},
    "subs.action.cancel": {"en": "Cancel the subscription", "cs": "Zrušit předplatné"},
    "subs.hint.quantity_both": {
        "en": "add seats any time; remove down to {min} until {until} ({left} left)",
        "cs": "přidat lze kdykoli; odebrat až na {min} do {until} (zbývá {left})",
    },
    "subs.hint.quantity_decrease": {
        "en": "remove down to {min} until {until} ({left} left); no seats can be added",
        "cs": "odebrat až na {min} do {until} (zbývá {left}); přidat nelze",
    },
    "subs.hint.quantity_increase": {
        "en": "add seats any time (removing is possible only within 7 days of buying or "
              "renewing)",
        "cs": "přidat lze kdykoli (odebrat jen do 7 dní od nákupu nebo obnovení)",
    },
    "subs.quantity.title": {"en": "New number of seats", "cs": "Nový počet licencí"},
    "subs.quantity.current": {"en": "{product}: now {seats}", "cs": "{product}: nyní {seats}"},
    "subs.quantity.not_number": {"en": "Type a whole number.", "cs": "Zadejte celé číslo."},
    "subs.confirm.title": {"en": "Confirm the change", "cs": "Potvrďte změnu"},
    "subs.confirm.subscription": {"en": "Subscription", "cs": "Předplatné"},
    "subs.confirm.customer": {"en": "Customer", "cs": "Zákazník"},
    "subs.confirm.effect": {"en": "What happens", "cs": "Co se stane"},
    "subs.confirm.question": {
        "en": "Send it to Partner Center? y = yes, n = no",
        "cs": "Odeslat do Partner Center? y = ano, n = ne",
    },
    "subs.notify.queued": {"en": "Queued: {subject}", "cs": "Zařazeno k odeslání: {subject}"},
    "subs.notify.already_waiting": {
        "en": "A change of this kind still waits to be sent: {subject}. It goes first; try "
              "again when it is done.",
        "cs": "Změna tohoto druhu ještě čeká na odeslání: {subject}. Pošle se první; zkuste to "
              "znovu, až bude hotová.",
    },
    "subs.notify.refused": {"en": "Partner Center refused: {subject}",
                            "cs": "Partner Center odmítl: {subject}"},
    # -- Education qualification
    "subs.edu.title": {"en": "Education qualification · {customer}",
                       "cs": "Kvalifikace pro školství · {customer}"},
    "subs.edu.status": {"en": "Qualifications", "cs": "Kvalifikace"},
    "subs.edu.none": {"en": "none yet — commercial prices only",
                      "cs": "zatím žádná — jen komerční ceny"},
    "subs.edu.segment": {"en": "Education segment", "cs": "Typ vzdělávací instituce"},
    "subs.edu.website": {"en": "School website (optional)", "cs": "Web školy (nepovinné)"},
    "subs.edu.website_placeholder": {"en": "e.g. www.zs-example.cz",
                                     "cs": "např. www.zs-priklad.cz"},
    "subs.edu.note": {
        "en": "Microsoft reviews it, usually within {days} working days.",
        "cs": "Microsoft žádost prověří, obvykle do {days} pracovních dnů.",
    },
    "subs.edu.send": {"en": "Send the request", "cs": "Odeslat žádost"},
    "subs.edu.read_only": {
        "en": "This profile is read-only: requests cannot be sent from it.",
        "cs": "Tento profil je jen pro čtení: žádosti z něj nelze odesílat.",
    },
    "subs.edu.confirm_title": {"en": "Request the Education qualification",
                               "cs": "Požádat o kvalifikaci pro školství"},
    "subs.edu.effect": {
        "en": "Microsoft reviews the organisation (usually up to {days} working days); until "
              "it is approved, academic offers cannot be bought.",
        "cs": "Microsoft organizaci prověří (obvykle nejvýš {days} pracovní dny); do schválení "
              "nelze akademické nabídky nakupovat.",
    },
    "subs.edu.final": {
        "en": "A qualification cannot be removed once it is set.",
        "cs": "Jednou nastavenou kvalifikaci nelze odebrat.",
    },
    # -- csp-tui subscriptions
    "subs.cli.days": {"en": "DAYS", "cs": "DNÍ"},
    "subs.cli.opt.renewing_within": {
        "en": "only active subscriptions with auto-renew on that renew within DAYS days",
        "cs": "jen aktivní předplatná s automatickým obnovením, která se obnoví do DNÍ dní",
    },
    "subs.cli.opt.in_window": {
        "en": "only what can still be cancelled (inside the cancellation window)",
        "cs": "jen co lze ještě zrušit (ve lhůtě pro zrušení)",
    },
    "subs.cli.opt.kind": {
        "en": "only online services, software subscriptions or perpetual licences",
        "cs": "jen online služby, softwarová předplatná nebo trvalé licence",
    },
    "subs.cli.error.days": {
        "en": "--renewing-within: {value} is not a number of days from 0 to {max}",
        "cs": "--renewing-within: {value} není počet dní od 0 do {max}",
    },
    "subs.cli.col.purchased": {"en": "PURCHASED", "cs": "ZAKOUPENO"},
    "subs.cli.col.refund_until": {"en": "REFUND UNTIL", "cs": "VRÁCENÍ DO"},
}
