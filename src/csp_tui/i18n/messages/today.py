"""Today: what changed since the person last looked and what is due (screen, chart, CLI)."""

MESSAGES = {
    # Sections and headings
    "today.title": {"en": "Today", "cs": "Dnes"},
    "today.section.changed": {
        "en": "Since you last looked ({since})",
        "cs": "Od posledního pohledu ({since})",
    },
    "today.section.changed_never": {
        "en": "Since you last looked (never: everything recorded)",
        "cs": "Od posledního pohledu (ještě nikdy: vše zaznamenané)",
    },
    "today.section.due": {"en": "Due", "cs": "K vyřízení"},
    "today.nothing_changed": {"en": "Nothing changed.", "cs": "Nic se nezměnilo."},
    "today.nothing_due": {"en": "Nothing is due.", "cs": "Nic nečeká."},
    "today.report.header": {
        "en": "csp-tui today · profile {profile} · {now}",
        "cs": "csp-tui dnes · profil {profile} · {now}",
    },
    "today.marked": {
        "en": "Marked as seen: the next report starts from {when}.",
        "cs": "Označeno jako viděné: příští přehled začne od {when}.",
    },
    # Since you last looked
    "today.changed.customer_added": {"en": "New customer: {customer}",
                                     "cs": "Nový zákazník: {customer}"},
    "today.changed.customer_removed": {"en": "Customer gone: {customer}",
                                       "cs": "Zákazník zmizel: {customer}"},
    "today.changed.invitation_accepted": {
        "en": "Invitation accepted: {customer}",
        "cs": "Pozvánka přijata: {customer}",
    },
    "today.changed.subscription_added": {
        "en": "New subscription: {product}, {seats} · {customer}",
        "cs": "Nové předplatné: {product}, {seats} · {customer}",
    },
    "today.changed.quantity_changed": {
        "en": "Seats {old} → {new}: {product} · {customer} ({by})",
        "cs": "Licence {old} → {new}: {product} · {customer} ({by})",
    },
    "today.changed.status_changed": {
        "en": "Status {old} → {new}: {product} · {customer} ({by})",
        "cs": "Stav {old} → {new}: {product} · {customer} ({by})",
    },
    "today.changed.auto_renew_changed": {
        "en": "Auto-renew {old} → {new}: {product} · {customer} ({by})",
        "cs": "Automatické obnovení {old} → {new}: {product} · {customer} ({by})",
    },
    "today.changed.education_approved": {
        "en": "Education approved: {customer}",
        "cs": "Education schváleno: {customer}",
    },
    "today.changed.education_denied": {
        "en": "Education denied: {customer}",
        "cs": "Education zamítnuto: {customer}",
    },
    "today.changed.education_moved": {
        "en": "Education review now {status}: {customer}",
        "cs": "Ověření Education nyní {status}: {customer}",
    },
    "today.changed.other": {"en": "{kind}: {customer}", "cs": "{kind}: {customer}"},
    "today.changed.outbox_done": {
        "en": "Done: {subject} · {customer}",
        "cs": "Hotovo: {subject} · {customer}",
    },
    "today.changed.outbox_refused": {
        "en": "Refused: {subject} · {customer} — {error}",
        "cs": "Odmítnuto: {subject} · {customer} — {error}",
    },
    "today.changed.outbox_waiting": {
        "en": "Waiting in the outbox: {subject} · {customer}",
        "cs": "Čeká v odchozích: {subject} · {customer}",
    },
    "today.changed.sync_failed": {
        "en": "Sync failed {when}: {error}",
        "cs": "Synchronizace selhala {when}: {error}",
    },
    "today.by.console": {"en": "by this console", "cs": "z této konzole"},
    "today.by.partner_center": {"en": "in Partner Center", "cs": "v Partner Center"},
    "today.by.user": {"en": "by {user} in Partner Center", "cs": "{user} v Partner Center"},
    "today.by.lifecycle": {
        "en": "Partner Center, as the term ended",
        "cs": "Partner Center po konci období",
    },
    "today.renew.on": {"en": "on", "cs": "zapnuto"},
    "today.renew.off": {"en": "off", "cs": "vypnuto"},
    # Due
    "today.due.window_today": {
        "en": "today, {left} left · {product}, {seats} · {customer}",
        "cs": "dnes, zbývá {left} · {product}, {seats} · {customer}",
    },
    "today.due.window_tomorrow": {
        "en": "tomorrow, {left} left · {product}, {seats} · {customer}",
        "cs": "zítra, zbývá {left} · {product}, {seats} · {customer}",
    },
    "today.due.renewal": {
        "en": "{day} · {product}, {seats} · {customer}",
        "cs": "{day} · {product}, {seats} · {customer}",
    },
    "today.due.renewal_off": {
        "en": "{day} · auto-renew OFF, ends · {product}, {seats} · {customer}",
        "cs": "{day} · automatické obnovení VYPNUTO, skončí · {product}, {seats} · {customer}",
    },
    "today.due.invitation": {
        "en": "{days} unanswered, worth a resend · {company} ({domain})",
        "cs": "{days} bez odpovědi, pošlete ji znovu · {company} ({domain})",
    },
    "today.due.education": {
        "en": "{days} working days (usually up to {expected}) · {customer}",
        "cs": "{days} prac. d. (obvykle do {expected}) · {customer}",
    },
    "today.due.tenant_pending": {
        "en": "created {when} · {customer}",
        "cs": "vytvořen {when} · {customer}",
    },
    # What is not listed
    "today.more": {"en": "… and {count} more", "cs": "… a dalších {count}"},
    "today.more.open": {
        "en": "… and {count} more — enter: the whole list",
        "cs": "… a dalších {count} — enter: celý seznam",
    },
    "today.more.cli": {
        "en": "… and {count} more: {command}",
        "cs": "… a dalších {count}: {command}",
    },
    # Groups of the due list
    "today.group.window": {
        "en": "Cancellation windows closing today and tomorrow",
        "cs": "Lhůty pro zrušení končící dnes a zítra",
    },
    "today.group.renewal_7": {"en": "Renewals in the next 7 days",
                              "cs": "Obnovení v příštích 7 dnech"},
    "today.group.renewal_30": {"en": "Renewals in the next 30 days",
                               "cs": "Obnovení v příštích 30 dnech"},
    "today.group.invitation": {"en": "Invitations waiting", "cs": "Čekající pozvánky"},
    "today.group.education": {"en": "Education reviews longer than usual",
                              "cs": "Ověření Education delší než obvykle"},
    "today.group.tenant": {"en": "Tenants created, not yet listed by Partner Center",
                           "cs": "Vytvořené tenanty, které Partner Center zatím neuvádí"},
    # The chart
    "today.chart.renewals": {
        "en": "Seats renewing per week, next 13 weeks",
        "cs": "Obnovení licencí po týdnech, příštích 13 týdnů",
    },
    "today.chart.online": {"en": "online", "cs": "online"},
    "today.chart.software": {"en": "software", "cs": "software"},
    "today.chart.max": {"en": "max {count}", "cs": "max {count}"},
    "today.chart.none": {
        "en": "No renewals in the next 13 weeks.",
        "cs": "V příštích 13 týdnech žádné obnovení.",
    },
    "today.chart.seats": {
        "en": "Seats over the last syncs: {customer}",
        "cs": "Licence za poslední synchronizace: {customer}",
    },
    "today.chart.seats_range": {
        "en": "{first} → {last} (min {low}, max {high})",
        "cs": "{first} → {last} (min {low}, max {high})",
    },
    "today.chart.no_customer": {
        "en": "Seats over the last syncs: choose a line about a customer.",
        "cs": "Licence za poslední synchronizace: vyberte řádek o zákazníkovi.",
    },
    # Keys, commands, palette
    "today.key.open": {"en": "Today", "cs": "Dnes"},
    "today.keyhelp.open": {
        "en": "What changed since you last looked, and what is due",
        "cs": "Co se změnilo od posledního pohledu a co je potřeba vyřídit",
    },
    "today.key.seen": {"en": "Mark seen", "cs": "Viděno"},
    "today.keyhelp.seen": {
        "en": "Mark everything shown as seen (the next look starts from now)",
        "cs": "Označit vše zobrazené jako viděné (příští pohled začne od teď)",
    },
    "today.key.back": {"en": "Back", "cs": "Zpět"},
    "today.keyhelp.back": {
        "en": "Back to the lists (marks what you saw as seen)",
        "cs": "Zpět na seznamy (označí zobrazené jako viděné)",
    },
    "today.cmd.title": {"en": "Today", "cs": "Dnes"},
    "today.cmd.help": {
        "en": "What changed since you last looked, and what is due",
        "cs": "Co se změnilo od posledního pohledu a co je potřeba vyřídit",
    },
    "today.notify.seen": {
        "en": "Marked as seen.",
        "cs": "Označeno jako viděné.",
    },
    "today.notify.no_target": {
        "en": "This line is about nothing that can be opened.",
        "cs": "Tento řádek nemá co otevřít.",
    },
    # The command line
    "today.cli.help": {
        "en": "what changed since you last looked and what is due (a morning report)",
        "cs": "co se změnilo od posledního pohledu a co je potřeba vyřídit (ranní přehled)",
    },
    "today.cli.opt.since": {
        "en": "changes of this last period instead (e.g. 24h, 3d, 1w)",
        "cs": "místo toho změny za toto období (např. 24h, 3d, 1w)",
    },
    "today.cli.opt.since_last": {
        "en": "changes since the last look (the default)",
        "cs": "změny od posledního pohledu (výchozí)",
    },
    "today.cli.opt.mark_seen": {
        "en": "afterwards, mark everything reported as seen",
        "cs": "potom označit vše vypsané jako viděné",
    },
    "today.cli.opt.output": {"en": "output format", "cs": "formát výstupu"},
    "today.cli.metavar.duration": {"en": "DURATION", "cs": "DOBA"},
    "today.cli.bad_duration": {
        "en": "--since {value}: write a number and a unit: m, h, d or w (e.g. 24h)",
        "cs": "--since {value}: napište číslo a jednotku: m, h, d nebo w (např. 24h)",
    },
}
