"""What a role may do (domain/roles.py), and the requests a reseller sends its distributor for
what Partner Center does not let it do itself: subscription changes and Education."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- refusals and routes (services) ----------------------------------------------------
    "roles.reason.refused": {
        "en": "This role cannot make this change: Partner Center does not allow it, and there "
              "is no request to send instead.",
        "cs": "Tato role tuto změnu provést nemůže: Partner Center ji nedovolí a není ani "
              "komu poslat žádost.",
    },
    "roles.error.distributor_only": {
        "en": "An indirect reseller cannot send this to Partner Center: your distributor makes "
              "it. Prepare it as a request for the distributor instead.",
        "cs": "Nepřímý prodejce to do Partner Center poslat nemůže: provádí to váš distributor. "
              "Připravte místo toho žádost pro distributora.",
    },
    "roles.error.not_distributor": {
        "en": "This profile makes the change in Partner Center itself: there is no request for "
              "a distributor to prepare.",
        "cs": "Tento profil provádí změnu v Partner Center sám: žádost pro distributora se "
              "nepřipravuje.",
    },
    "roles.error.not_offered": {
        "en": "Not available to this role: Partner Center does not allow it.",
        "cs": "Pro tuto roli není k dispozici: Partner Center to nedovoluje.",
    },
    # -- the e-mail to the distributor -----------------------------------------------------
    "roles.email.sub.subject": {
        "en": "Subject: Subscription change for {customer}: {change}",
        "cs": "Předmět: Změna předplatného pro {customer}: {change}",
    },
    "roles.email.sub.ask": {
        "en": "please make the following change to a Microsoft subscription of our customer in "
              "Partner Center. As an indirect reseller we cannot make it through Partner "
              "Center ourselves; nothing has been sent to Partner Center.",
        "cs": "prosíme o následující změnu předplatného Microsoft našeho zákazníka v Partner "
              "Center. Jako nepřímý prodejce ji sami v Partner Center provést nemůžeme; do "
              "Partner Center nebylo nic odesláno.",
    },
    "roles.email.edu.subject": {
        "en": "Subject: Education qualification for {customer}",
        "cs": "Předmět: Kvalifikace pro školství pro {customer}",
    },
    "roles.email.edu.ask": {
        "en": "please request the Education qualification for our customer below in Partner "
              "Center. As an indirect reseller we cannot request it through Partner Center "
              "ourselves; nothing has been sent to Partner Center.",
        "cs": "prosíme o žádost o kvalifikaci pro školství (Education) pro níže uvedeného "
              "zákazníka v Partner Center. Jako nepřímý prodejce o ni sami v Partner Center "
              "požádat nemůžeme; do Partner Center nebylo nic odesláno.",
    },
    "roles.email.reseller_tenant": {"en": "Reseller tenant ID: {tenant_id}",
                                    "cs": "ID tenantu prodejce: {tenant_id}"},
    "roles.email.customer": {"en": "Customer:", "cs": "Zákazník:"},
    "roles.email.subscription": {"en": "Subscription:", "cs": "Předplatné:"},
    "roles.email.change": {"en": "The change:", "cs": "Změna:"},
    "roles.email.qualification": {"en": "Qualification:", "cs": "Kvalifikace:"},
    "roles.email.rules": {
        "en": "Checked against the new-commerce rules on {checked}:",
        "cs": "Ověřeno podle pravidel new commerce {checked}:",
    },
    "roles.email.deadline": {
        "en": "Partner Center accepts it only until {until} ({left} left from the check).",
        "cs": "Partner Center ji přijme jen do {until} (při ověření zbývalo {left}).",
    },
    "roles.email.api": {
        "en": "In Partner Center API terms: {method} {path}, on the whole subscription, with "
              "{changes}.",
        "cs": "V řeči API Partner Center: {method} {path}, na celém předplatném, se změnou "
              "{changes}.",
    },
    "roles.email.edu.api": {
        "en": "In Partner Center API terms: {method} {path} with {body}.",
        "cs": "V řeči API Partner Center: {method} {path} s tělem {body}.",
    },
    "roles.email.edu.note": {
        "en": "A qualification cannot be removed once it is set. Microsoft reviews it, usually "
              "within {days} working days.",
        "cs": "Kvalifikaci nelze po nastavení odebrat. Microsoft ji posuzuje, obvykle do "
              "{days} pracovních dnů.",
    },
    "roles.email.row.company": {"en": "Company", "cs": "Firma"},
    "roles.email.row.tenant_id": {"en": "Tenant ID", "cs": "ID tenantu"},
    "roles.email.row.domain": {"en": "Domain", "cs": "Doména"},
    "roles.email.row.email": {"en": "E-mail", "cs": "E-mail"},
    "roles.email.row.city": {"en": "City", "cs": "Město"},
    "roles.email.row.country": {"en": "Country", "cs": "Země"},
    "roles.email.row.subscription_id": {"en": "Subscription ID", "cs": "ID předplatného"},
    "roles.email.row.product": {"en": "Product", "cs": "Produkt"},
    "roles.email.row.offer_id": {"en": "Offer ID", "cs": "ID nabídky"},
    "roles.email.row.seats": {"en": "Seats", "cs": "Počet licencí"},
    "roles.email.row.status": {"en": "Status", "cs": "Stav"},
    "roles.email.row.term": {"en": "Term", "cs": "Období"},
    "roles.email.row.billing": {"en": "Billing", "cs": "Fakturace"},
    "roles.email.row.term_end": {"en": "Term ends", "cs": "Konec období"},
    "roles.email.row.auto_renew": {"en": "Auto-renew", "cs": "Automatické obnovení"},
    "roles.email.row.cancel_until": {"en": "Cancellable until", "cs": "Zrušit lze do"},
    "roles.email.row.segment": {"en": "Education segment", "cs": "Typ vzdělávací instituce"},
    "roles.email.row.website": {"en": "Website", "cs": "Web"},
    "roles.email.row.current": {"en": "Current qualifications", "cs": "Současné kvalifikace"},
    "roles.email.none": {"en": "none", "cs": "žádné"},
    # -- the console: changes of a subscription ---------------------------------------------
    "roles.actions.title": {"en": "Ask the distributor to change the subscription",
                            "cs": "Požádat distributora o změnu předplatného"},
    "roles.actions.note": {
        "en": "Your distributor makes these changes in Partner Center. Nothing is sent from "
              "here: you get a complete request to send.",
        "cs": "Tyto změny provádí v Partner Center váš distributor. Odsud se nic neodesílá: "
              "dostanete úplnou žádost k odeslání.",
    },
    "roles.action.change_quantity": {"en": "Ask the distributor to change seats",
                                     "cs": "Požádat distributora o změnu počtu licencí"},
    "roles.action.auto_renew_on": {"en": "Ask the distributor to turn auto-renew on",
                                   "cs": "Požádat distributora o zapnutí automatického obnovení"},
    "roles.action.auto_renew_off": {"en": "Ask the distributor to turn auto-renew off",
                                    "cs": "Požádat distributora o vypnutí automatického obnovení"},
    "roles.action.suspend": {"en": "Ask the distributor to suspend",
                             "cs": "Požádat distributora o pozastavení"},
    "roles.action.reactivate": {"en": "Ask the distributor to reactivate",
                                "cs": "Požádat distributora o opětovnou aktivaci"},
    "roles.action.cancel": {"en": "Ask the distributor to cancel",
                            "cs": "Požádat distributora o zrušení"},
    "roles.keyhelp.change_quantity": {
        "en": "Ask the distributor to change the number of seats (nothing goes to Partner "
              "Center)",
        "cs": "Požádat distributora o změnu počtu licencí (do Partner Center nic nejde)",
    },
    "roles.keyhelp.toggle_auto_renew": {
        "en": "Ask the distributor to turn automatic renewal on or off",
        "cs": "Požádat distributora o zapnutí nebo vypnutí automatického obnovení",
    },
    "roles.keyhelp.suspend": {
        "en": "Ask the distributor to suspend the subscription (billing continues)",
        "cs": "Požádat distributora o pozastavení předplatného (účtuje se dál)",
    },
    "roles.keyhelp.reactivate": {
        "en": "Ask the distributor to reactivate a suspended subscription",
        "cs": "Požádat distributora o opětovnou aktivaci pozastaveného předplatného",
    },
    "roles.keyhelp.cancel": {
        "en": "Ask the distributor to cancel the subscription (only within 7 days, final)",
        "cs": "Požádat distributora o zrušení předplatného (jen do 7 dní, nevratné)",
    },
    "roles.key.manage": {"en": "Request", "cs": "Žádost"},
    "roles.keyhelp.manage": {
        "en": "Ask the distributor to change the subscription (quantity, auto-renew, suspend)",
        "cs": "Požádat distributora o změnu předplatného (počet, automatické obnovení, "
              "pozastavení)",
    },
    "roles.detail.actions_title": {"en": "What you can ask the distributor to change",
                                   "cs": "Co můžete distributora požádat změnit"},
    "roles.confirm.title": {"en": "Request for the distributor",
                            "cs": "Žádost pro distributora"},
    "roles.confirm.nothing_sent": {
        "en": "Nothing will be sent to Partner Center: the request is saved for you to send "
              "to your distributor.",
        "cs": "Do Partner Center se nic neodešle: žádost se uloží, abyste ji poslali svému "
              "distributorovi.",
    },
    "roles.confirm.question": {
        "en": "Prepare the request for the distributor? y = yes, n = no",
        "cs": "Připravit žádost pro distributora? y = ano, n = ne",
    },
    "roles.key.confirm": {"en": "Yes, prepare it", "cs": "Ano, připravit"},
    "roles.keyhelp.confirm": {
        "en": "Prepare the request for the distributor (nothing is sent to Partner Center)",
        "cs": "Připravit žádost pro distributora (do Partner Center se nic neodešle)",
    },
    # -- the request, shown and saved ------------------------------------------------------
    "roles.request.title": {"en": "Request for the distributor · {subject}",
                            "cs": "Žádost pro distributora · {subject}"},
    "roles.request.note": {
        "en": "Nothing was sent to Partner Center. Send this e-mail with the saved file to your "
              "distributor; the change is made when they make it, and the next sync shows it.",
        "cs": "Do Partner Center nebylo nic odesláno. Pošlete tento e-mail s uloženým "
              "souborem svému distributorovi; změna nastane, až ji provede, a ukáže ji příští "
              "synchronizace.",
    },
    "roles.request.saved": {"en": "Saved as JSON (readable only by you): {path}",
                            "cs": "Uloženo jako JSON (čitelné jen pro vás): {path}"},
    "roles.request.email": {"en": "The e-mail to send", "cs": "E-mail k odeslání"},
    "roles.request.failed": {"en": "The request could not be prepared: {error}",
                             "cs": "Žádost se nepodařilo připravit: {error}"},
    "roles.request.ready": {"en": "Request for the distributor saved: {path}",
                            "cs": "Žádost pro distributora uložena: {path}"},
    "roles.key.copy_email": {"en": "Copy e-mail", "cs": "Kopírovat e-mail"},
    "roles.keyhelp.copy_email": {"en": "Copy the e-mail text to the clipboard",
                                 "cs": "Zkopírovat text e-mailu do schránky"},
    "roles.key.copy_path": {"en": "Copy path", "cs": "Kopírovat cestu"},
    "roles.keyhelp.copy_path": {"en": "Copy where the JSON file was saved",
                                "cs": "Zkopírovat, kam se uložil soubor JSON"},
    "roles.keyhelp.close": {"en": "Close (the file stays saved)",
                            "cs": "Zavřít (soubor zůstane uložený)"},
    # -- the console: Education ---------------------------------------------------------------
    "roles.edu.note": {
        "en": "Your distributor requests the qualification in Partner Center. Nothing is sent "
              "from here: you get a complete request to send.",
        "cs": "O kvalifikaci v Partner Center žádá váš distributor. Odsud se nic neodesílá: "
              "dostanete úplnou žádost k odeslání.",
    },
    "roles.edu.send": {"en": "Prepare the request for the distributor",
                       "cs": "Připravit žádost pro distributora"},
    "roles.edu.confirm_title": {"en": "Education qualification: request for the distributor",
                                "cs": "Kvalifikace pro školství: žádost pro distributora"},
    "roles.edu.subject": {"en": "Education · {customer}", "cs": "Školství · {customer}"},
    "roles.edu.refused": {
        "en": "This role cannot request a qualification: Partner Center does not allow it.",
        "cs": "Tato role o kvalifikaci žádat nemůže: Partner Center to nedovoluje.",
    },
}
