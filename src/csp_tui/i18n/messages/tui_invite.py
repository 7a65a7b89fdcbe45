"""The console's invitation form, its result, and the pending relationship requests' actions."""

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the form
    "tui.invite.title": {
        "en": "Invite an existing tenant (reseller relationship request)",
        "cs": "Pozvat existujícího tenanta (žádost o vztah s prodejcem)",
    },
    "tui.invite.intro": {
        "en": "For an organisation that already has Microsoft 365: the invitation is recorded "
              "and you get the link and an e-mail for its Global administrator to accept.",
        "cs": "Pro organizaci, která už Microsoft 365 má: pozvánka se zaznamená a dostanete "
              "odkaz a e-mail pro jejího globálního správce, který ji přijme.",
    },
    "tui.invite.field.company": {"en": "Organisation", "cs": "Organizace"},
    "tui.invite.field.contact_name": {"en": "Admin's name", "cs": "Jméno správce"},
    "tui.invite.field.contact_email": {"en": "Admin's e-mail", "cs": "E-mail správce"},
    "tui.invite.field.domain": {"en": "Tenant's domain", "cs": "Doména tenanta"},
    "tui.invite.field.language": {"en": "E-mail language", "cs": "Jazyk e-mailu"},
    "tui.invite.field.reseller": {"en": "Reseller", "cs": "Prodejce"},
    "tui.invite.placeholder.company_name": {
        "en": "e.g. Novák a syn s.r.o.", "cs": "např. Novák a syn s.r.o.",
    },
    "tui.invite.placeholder.contact_name": {
        "en": "optional, used in the greeting", "cs": "nepovinné, uloží se k pozvánce",
    },
    "tui.invite.placeholder.contact_email": {
        "en": "e.g. admin@novak.cz", "cs": "např. spravce@novak.cz",
    },
    "tui.invite.placeholder.domain": {
        "en": "novak.cz or novak.onmicrosoft.com", "cs": "novak.cz nebo novak.onmicrosoft.com",
    },
    "tui.invite.language.cs": {"en": "Czech", "cs": "čeština"},
    "tui.invite.language.en": {"en": "English", "cs": "angličtina"},
    "tui.invite.reseller.loading": {"en": "Loading resellers…", "cs": "Načítám prodejce…"},
    "tui.invite.reseller.choose": {"en": "Choose the reseller", "cs": "Vyberte prodejce"},
    "tui.invite.reseller.none": {
        "en": "No resellers known", "cs": "Žádní prodejci nejsou známi",
    },
    "tui.invite.reseller.failed": {
        "en": "The list of resellers could not be loaded: {error}",
        "cs": "Seznam prodejců nelze načíst: {error}",
    },
    "tui.invite.button.submit": {"en": "Create invitation (F2)", "cs": "Vytvořit pozvánku (F2)"},
    "tui.invite.button.cancel": {"en": "Back (Esc)", "cs": "Zpět (Esc)"},
    "tui.invite.sending": {
        "en": "Asking Partner Center for the relationship link…",
        "cs": "Žádám Partner Center o odkaz na vztah…",
    },
    "tui.invite.error.offline": {
        "en": "This console runs without a connection to Partner Center; invitations need one.",
        "cs": "Tato konzole běží bez spojení s Partner Center; pozvánky ho potřebují.",
    },
    "tui.invite.error.failed": {
        "en": "The invitation was not created: {error}",
        "cs": "Pozvánka nebyla vytvořena: {error}",
    },
    "tui.invite.key.submit": {"en": "Create", "cs": "Vytvořit"},
    "tui.invite.keyhelp.submit": {
        "en": "Check the fields and create the invitation",
        "cs": "Zkontrolovat pole a vytvořit pozvánku",
    },
    # ---- the result
    "tui.invite.result.title": {"en": "Invitation: {company}", "cs": "Pozvánka: {company}"},
    "tui.invite.result.recorded": {
        "en": "Recorded as pending. Send the e-mail below to {email}; the invitation turns "
              "accepted when a sync finds {company} among your customers.",
        "cs": "Zaznamenáno jako čekající. Pošlete níže uvedený e-mail na {email}; pozvánka "
              "se označí jako přijatá, až synchronizace najde {company} mezi zákazníky.",
    },
    "tui.invite.result.duplicate": {
        "en": "An invitation for {domain} is already pending (sent {sent}, {count}×). Here it "
              "is; nothing new was recorded. To remind the customer, resend it (e) from the "
              "pending requests.",
        "cs": "Pro doménu {domain} už čekající pozvánka existuje (odeslána {sent}, {count}×). "
              "Tady je; nic nového se nezaznamenalo. Pro připomenutí ji znovu odešlete (e) "
              "z čekajících žádostí.",
    },
    "tui.invite.result.resent": {
        "en": "Reminder recorded (sent {count}×). Send this e-mail to {email} again.",
        "cs": "Připomenutí zaznamenáno (odesláno {count}×). Pošlete tento e-mail znovu "
              "na {email}.",
    },
    "tui.invite.result.link": {"en": "Link:", "cs": "Odkaz:"},
    "tui.invite.result.to": {"en": "To:", "cs": "Komu:"},
    "tui.invite.result.subject": {"en": "Subject:", "cs": "Předmět:"},
    "tui.invite.result.hint": {
        "en": "c copies the link, e the e-mail text, t the subject. If your terminal does not "
              "pass the clipboard through (OSC 52), w saves it all to a file.",
        "cs": "c zkopíruje odkaz, e text e-mailu, t předmět. Pokud terminál schránku "
              "nepropouští (OSC 52), w vše uloží do souboru.",
    },
    "tui.invite.key.copy_link": {"en": "Copy link", "cs": "Kopírovat odkaz"},
    "tui.invite.key.copy_email": {"en": "Copy e-mail", "cs": "Kopírovat e-mail"},
    "tui.invite.key.copy_subject": {"en": "Copy subject", "cs": "Kopírovat předmět"},
    "tui.invite.keyhelp.copy_link": {
        "en": "Copy the relationship link to the clipboard (OSC 52)",
        "cs": "Zkopírovat odkaz na vztah do schránky (OSC 52)",
    },
    "tui.invite.keyhelp.copy_email": {
        "en": "Copy the e-mail text to the clipboard",
        "cs": "Zkopírovat text e-mailu do schránky",
    },
    "tui.invite.keyhelp.copy_subject": {
        "en": "Copy the e-mail's subject to the clipboard",
        "cs": "Zkopírovat předmět e-mailu do schránky",
    },
    "tui.invite.keyhelp.save": {
        "en": "Save the addressee, subject and text to a file in the exports folder",
        "cs": "Uložit adresáta, předmět a text do souboru ve složce exportů",
    },
    # ---- the pending requests pane
    "tui.invitations.key.menu": {"en": "Actions", "cs": "Akce"},
    "tui.invitations.keyhelp.menu": {
        "en": "What can be done with this invitation",
        "cs": "Co lze s touto pozvánkou udělat",
    },
    "tui.invitations.key.resend": {"en": "Resend", "cs": "Znovu poslat"},
    "tui.invitations.keyhelp.resend": {
        "en": "Remind the customer: count a new sending and show the e-mail again",
        "cs": "Připomenout zákazníkovi: započítat nové odeslání a znovu ukázat e-mail",
    },
    "tui.invitations.key.copy_link": {"en": "Copy link", "cs": "Kopírovat odkaz"},
    "tui.invitations.keyhelp.copy_link": {
        "en": "Copy this invitation's link to the clipboard",
        "cs": "Zkopírovat odkaz této pozvánky do schránky",
    },
    "tui.invitations.key.note": {"en": "Note", "cs": "Poznámka"},
    "tui.invitations.keyhelp.note": {
        "en": "Add a dated note (a phone call, a promise …)",
        "cs": "Přidat datovanou poznámku (telefonát, příslib …)",
    },
    "tui.invitations.key.sandbox_accept": {
        "en": "Sandbox: accept", "cs": "Sandbox: přijmout",
    },
    "tui.invitations.keyhelp.sandbox_accept": {
        "en": "Sandbox: the customer accepts this invitation now (then a sync notices it)",
        "cs": "Sandbox: zákazník tuto pozvánku přijme hned (synchronizace to pak zjistí)",
    },
    "tui.invitations.key.sandbox_advance": {
        "en": "Sandbox: +1 day", "cs": "Sandbox: +1 den",
    },
    "tui.invitations.keyhelp.sandbox_advance": {
        "en": "Sandbox: move the emulator's clock one day ahead (customers accept, "
              "subscriptions renew)",
        "cs": "Sandbox: posunout hodiny emulátoru o den dopředu (zákazníci přijímají, "
              "předplatná se obnovují)",
    },
    "tui.invitations.key.confirm": {"en": "Yes, cancel", "cs": "Ano, zrušit"},
    "tui.invitations.keyhelp.confirm": {
        "en": "Cancel the invitation", "cs": "Zrušit pozvánku",
    },
    "tui.invitations.key.keep": {"en": "No, keep", "cs": "Ne, ponechat"},
    "tui.invitations.keyhelp.keep": {
        "en": "Keep the invitation as it is", "cs": "Ponechat pozvánku, jak je",
    },
    "tui.invitations.menu.title": {"en": "Invitation", "cs": "Pozvánka"},
    "tui.invitations.menu.resend": {
        "en": "Resend the e-mail (a reminder)", "cs": "Znovu poslat e-mail (připomenutí)",
    },
    "tui.invitations.menu.copy_link": {"en": "Copy the link", "cs": "Zkopírovat odkaz"},
    "tui.invitations.menu.note": {"en": "Add a note…", "cs": "Přidat poznámku…"},
    "tui.invitations.menu.cancel": {"en": "Cancel the invitation…", "cs": "Zrušit pozvánku…"},
    "tui.invitations.menu.sandbox_accept": {
        "en": "Sandbox: the customer accepts now",
        "cs": "Sandbox: zákazník pozvánku přijme hned",
    },
    "tui.invitations.menu.sandbox_advance": {
        "en": "Sandbox: advance the clock one day",
        "cs": "Sandbox: posunout hodiny o jeden den",
    },
    "tui.invitations.menu.hint": {
        "en": "a letter does it · or ↑↓ choose and enter · esc close",
        "cs": "písmeno akci provede · nebo ↑↓ výběr a enter · esc zavřít",
    },
    "tui.invitations.not_open": {
        "en": "The invitation for {company} is {status}: nothing to do.",
        "cs": "Pozvánka pro {company} je ve stavu „{status}“: není co dělat.",
    },
    "tui.invitations.cancel.question": {
        "en": "Cancel the invitation for {company} ({domain})?",
        "cs": "Zrušit pozvánku pro {company} ({domain})?",
    },
    "tui.invitations.cancel.effect": {
        "en": "It is marked cancelled in your records and no longer waited for. The link itself "
              "cannot be withdrawn (Partner Center gives the same one to every customer): if "
              "the customer accepts anyway, it simply becomes your customer.",
        "cs": "V záznamech se označí jako zrušená a přestane se na ni čekat. Samotný odkaz "
              "odvolat nelze (Partner Center dává všem zákazníkům stejný): pokud ho zákazník "
              "přesto přijme, prostě se stane vaším zákazníkem.",
    },
    "tui.invitations.cancel.yes": {"en": "Cancel invitation (y)", "cs": "Zrušit pozvánku (y)"},
    "tui.invitations.cancel.no": {"en": "Keep it (n)", "cs": "Ponechat (n)"},
    "tui.invitations.cancelled": {
        "en": "Invitation for {company} ({domain}) cancelled.",
        "cs": "Pozvánka pro {company} ({domain}) zrušena.",
    },
    "tui.invitations.note.title": {"en": "Add a note", "cs": "Přidat poznámku"},
    "tui.invitations.note.placeholder": {
        "en": "e.g. called the admin, will accept on Monday",
        "cs": "např. volal(a) jsem správci, přijme v pondělí",
    },
    "tui.invitations.note.hint": {
        "en": "enter saves (dated today) · esc drops it",
        "cs": "enter uloží (s dnešním datem) · esc zahodí",
    },
    "tui.invitations.noted": {
        "en": "Note added to the invitation for {company}.",
        "cs": "Poznámka k pozvánce pro {company} přidána.",
    },
    "tui.invitations.sandbox.accepted": {
        "en": "Sandbox: {company} accepted the request. Syncing to notice it…",
        "cs": "Sandbox: {company} žádost přijal(a). Synchronizuji, aby se to projevilo…",
    },
    "tui.invitations.sandbox.no_prospect": {
        "en": "The sandbox has no tenant waiting for an invitation at {domain} (only its "
              "prospects can accept).",
        "cs": "V sandboxu na doméně {domain} žádný tenant na pozvánku nečeká (přijmout "
              "mohou jen připravení zájemci).",
    },
    "tui.invitations.sandbox.only": {
        "en": "The sandbox controls exist only for sandbox profiles.",
        "cs": "Ovládání sandboxu existuje jen u sandboxových profilů.",
    },
    "tui.invitations.sandbox.failed": {
        "en": "The sandbox refused the control (HTTP {status}).",
        "cs": "Sandbox ovládací požadavek odmítl (HTTP {status}).",
    },
    "unit.day.one": {"en": "{count} day", "cs": "{count} den"},
    "unit.day.few": {"en": "{count} days", "cs": "{count} dny"},
    "unit.day.many": {"en": "{count} days", "cs": "{count} dní"},
    "tui.invitations.sandbox.advanced": {
        "en": "Sandbox clock moved {span} ahead, now {now}. Syncing…",
        "cs": "Hodiny sandboxu posunuty o {span}, nyní {now}. Synchronizuji…",
    },
}
