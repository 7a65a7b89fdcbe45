"""Subscriptions and qualifications: words for codes, commerce rules, effects of a change,
Partner Center's refusals explained, education qualification."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- units (Czech has three plural forms: 1 / 2–4 / 5 and more) --------------------------
    "terms.unit.day.one": {"en": "{count} day", "cs": "{count} den"},
    "terms.unit.day.few": {"en": "{count} days", "cs": "{count} dny"},
    "terms.unit.day.many": {"en": "{count} days", "cs": "{count} dní"},
    "terms.unit.week.one": {"en": "{count} week", "cs": "{count} týden"},
    "terms.unit.week.few": {"en": "{count} weeks", "cs": "{count} týdny"},
    "terms.unit.week.many": {"en": "{count} weeks", "cs": "{count} týdnů"},
    "terms.unit.month.one": {"en": "{count} month", "cs": "{count} měsíc"},
    "terms.unit.month.few": {"en": "{count} months", "cs": "{count} měsíce"},
    "terms.unit.month.many": {"en": "{count} months", "cs": "{count} měsíců"},
    "terms.unit.year.one": {"en": "{count} year", "cs": "{count} rok"},
    "terms.unit.year.few": {"en": "{count} years", "cs": "{count} roky"},
    "terms.unit.year.many": {"en": "{count} years", "cs": "{count} let"},
    "terms.unit.seat.one": {"en": "{count} seat", "cs": "{count} licence"},
    "terms.unit.seat.few": {"en": "{count} seats", "cs": "{count} licence"},
    "terms.unit.seat.many": {"en": "{count} seats", "cs": "{count} licencí"},
    # -- billing, kinds, statuses --------------------------------------------------------------
    "terms.billing.monthly": {"en": "billed monthly", "cs": "účtováno měsíčně"},
    "terms.billing.annual": {"en": "paid yearly in advance", "cs": "placeno ročně předem"},
    "terms.billing.triennial": {"en": "paid for 3 years in advance",
                                "cs": "placeno na 3 roky předem"},
    "terms.billing.one_time": {"en": "one-time payment", "cs": "jednorázová platba"},
    "terms.billing.none": {"en": "not billed", "cs": "neúčtuje se"},
    "terms.kind.online": {"en": "Online service", "cs": "Online služba"},
    "terms.kind.software": {"en": "Software subscription", "cs": "Softwarové předplatné"},
    "terms.kind.perpetual": {"en": "Perpetual licence", "cs": "Trvalá licence"},
    "terms.where.licenses": {
        "en": "Microsoft 365 admin center → Billing → Licences",
        "cs": "Centrum pro správu Microsoft 365 → Fakturace → Licence",
    },
    "terms.where.products": {
        "en": "Microsoft 365 admin center → Billing → Your products",
        "cs": "Centrum pro správu Microsoft 365 → Fakturace → Vaše produkty",
    },
    "terms.where.products_hint": {
        "en": "open the product → Downloads & keys",
        "cs": "otevřete produkt → Stažené soubory a klíče",
    },
    "terms.status.active": {"en": "active", "cs": "aktivní"},
    "terms.status.pending": {"en": "pending", "cs": "čeká na zřízení"},
    "terms.status.suspended": {"en": "suspended", "cs": "pozastavené"},
    "terms.status.expired": {"en": "expired", "cs": "vypršelé"},
    "terms.status.disabled": {"en": "disabled", "cs": "deaktivované"},
    "terms.status.deleted": {"en": "cancelled", "cs": "zrušené"},
    "terms.status.unknown": {"en": "unknown", "cs": "neznámý stav"},
    "terms.left.closed": {"en": "closed", "cs": "uzavřeno"},
    "terms.left.days_hours": {"en": "{days} d {hours} h", "cs": "{days} d {hours} h"},
    "terms.left.hours_minutes": {"en": "{hours} h {minutes} min", "cs": "{hours} h {minutes} min"},
    "terms.left.minutes": {"en": "{minutes} min", "cs": "{minutes} min"},
    # -- why an action is not possible ----------------------------------------------------------
    "sub.reason.perpetual": {
        "en": "A perpetual licence is bought once; it has no seats, renewal or status to change.",
        "cs": "Trvalá licence se kupuje jednou; nemá licence k přidání, obnovení ani stav, "
              "který by šlo měnit.",
    },
    "sub.reason.deleted": {
        "en": "The subscription is cancelled, which is final: it can no longer be changed or "
              "reactivated.",
        "cs": "Předplatné je zrušené, a to je nevratné: už ho nelze měnit ani znovu aktivovat.",
    },
    "sub.reason.expired": {
        "en": "The subscription has expired: it can no longer be changed or reactivated. Buy a "
              "new subscription if the customer needs the service.",
        "cs": "Předplatné vypršelo: už ho nelze měnit ani znovu aktivovat. Pokud zákazník "
              "službu potřebuje, kupte nové předplatné.",
    },
    "sub.reason.disabled": {
        "en": "The subscription is disabled (only admins can still reach the data): it can no "
              "longer be changed. Buy a new subscription if the customer needs the service.",
        "cs": "Předplatné je deaktivované (k datům se dostanou už jen správci): nelze ho měnit. "
              "Pokud zákazník službu potřebuje, kupte nové předplatné.",
    },
    "sub.reason.not_ready": {
        "en": "The subscription is not ready for changes (status: {status}). Refresh later.",
        "cs": "Předplatné zatím nelze měnit (stav: {status}). Synchronizujte později.",
    },
    "sub.reason.suspended_locked": {
        "en": "The subscription is suspended: nothing but its status can change. Reactivate it "
              "first.",
        "cs": "Předplatné je pozastavené: měnit lze jen jeho stav. Nejdřív ho znovu aktivujte.",
    },
    "sub.reason.software_no_change": {
        "en": "The seats of a software subscription cannot be added to (buy an additional "
              "subscription), and the 7 days in which seats could be removed are over.",
        "cs": "K softwarovému předplatnému nelze licence přidat (kupte další předplatné) a 7 "
              "dní, kdy šlo licence odebrat, už uplynulo.",
    },
    "sub.reason.software_no_increase": {
        "en": "A software subscription's quantity cannot be raised: buy an additional "
              "subscription instead.",
        "cs": "Počet licencí softwarového předplatného nelze zvýšit: kupte místo toho další "
              "předplatné.",
    },
    "sub.reason.decrease_window_closed": {
        "en": "Seats can only be reduced within 7 days of purchase or renewal; the window "
              "closed on {closed}. Reduce at renewal instead.",
        "cs": "Licence lze odebrat jen do 7 dní od nákupu nebo obnovení; lhůta skončila "
              "{closed}. Snižte počet až při obnovení.",
    },
    "sub.reason.decrease_no_seats": {
        "en": "No seats can be removed now: seats can only be reduced within 7 days of purchase "
              "or renewal. Reduce at renewal instead.",
        "cs": "Teď nelze odebrat žádné licence: lze je odebrat jen do 7 dní od nákupu nebo "
              "obnovení. Snižte počet až při obnovení.",
    },
    "sub.reason.decrease_too_many": {
        "en": "Only {removable} seat(s), bought or renewed in the last 7 days, can be removed "
              "(until {until}): the quantity can go down to {lowest}, not lower.",
        "cs": "Odebrat lze jen licence koupené nebo obnovené za posledních 7 dní, tedy "
              "{removable} (do {until}): počet lze snížit nejvýš na {lowest}.",
    },
    "sub.reason.quantity_not_number": {
        "en": "Enter the new number of seats as a whole number.",
        "cs": "Zadejte nový počet licencí jako celé číslo.",
    },
    "sub.reason.quantity_same": {
        "en": "The subscription already has {quantity} seat(s).",
        "cs": "Předplatné už má tento počet licencí ({quantity}).",
    },
    "sub.reason.quantity_below_min": {
        "en": "The quantity cannot go below {min}. To stop the subscription, cancel it inside "
              "its window or turn auto-renew off.",
        "cs": "Počet nemůže klesnout pod {min}. Chcete-li předplatné ukončit, zrušte ho v "
              "povolené lhůtě nebo vypněte automatické obnovení.",
    },
    "sub.reason.quantity_above_max": {
        "en": "This product allows at most {max} seats in one subscription.",
        "cs": "Tento produkt dovoluje nejvýš {max} licencí v jednom předplatném.",
    },
    "sub.reason.trial_no_renew": {
        "en": "A trial cannot renew automatically: buy the paid subscription to continue.",
        "cs": "Zkušební verze se nemůže automaticky obnovit: pro pokračování kupte placené "
              "předplatné.",
    },
    "sub.reason.auto_renew_not_bool": {
        "en": "Say whether auto-renew should be on or off.",
        "cs": "Určete, zda má být automatické obnovení zapnuté, nebo vypnuté.",
    },
    "sub.reason.auto_renew_already_on": {
        "en": "Auto-renew is already on.",
        "cs": "Automatické obnovení už je zapnuté.",
    },
    "sub.reason.auto_renew_already_off": {
        "en": "Auto-renew is already off.",
        "cs": "Automatické obnovení už je vypnuté.",
    },
    "sub.reason.already_suspended": {
        "en": "The subscription is already suspended.",
        "cs": "Předplatné už je pozastavené.",
    },
    "sub.reason.not_suspended": {
        "en": "Only a suspended subscription can be reactivated; this one is active.",
        "cs": "Znovu aktivovat lze jen pozastavené předplatné; toto je aktivní.",
    },
    "sub.reason.term_over": {
        "en": "The term ended on {end_date}: a suspended subscription cannot be reactivated "
              "after its term. Buy a new subscription.",
        "cs": "Období skončilo {end_date}: pozastavené předplatné nelze po konci období znovu "
              "aktivovat. Kupte nové předplatné.",
    },
    "sub.reason.cancel_window_closed": {
        "en": "A subscription can be cancelled only within 7 days of purchase or renewal; the "
              "window closed on {closed}. It runs (and is billed) until the term ends on "
              "{end_date}: turn auto-renew off so it does not renew.",
        "cs": "Předplatné lze zrušit jen do 7 dní od nákupu nebo obnovení; lhůta skončila "
              "{closed}. Poběží (a bude účtováno) do konce období {end_date}: vypněte "
              "automatické obnovení, aby se neobnovilo.",
    },
    "sub.reason.cancel_window_unknown": {
        "en": "Partner Center gave no cancellation window for this subscription, so it cannot "
              "be cancelled here. Refresh the customer and try again.",
        "cs": "Partner Center u tohoto předplatného neuvádí lhůtu pro zrušení, proto ho zde "
              "nelze zrušit. Synchronizujte data zákazníka a zkuste to znovu.",
    },
    "sub.reason.read_only": {
        "en": "The profile “{profile}” is read-only: nothing can be changed from it.",
        "cs": "Profil „{profile}“ je jen pro čtení: nelze z něj nic měnit.",
    },
    # -- what to know before confirming ---------------------------------------------------------
    "sub.note.auto_renew_off": {
        "en": "Suspending turns auto-renew off; it stays off after reactivation until you turn "
              "it on.",
        "cs": "Pozastavení vypne automatické obnovení; po opětovné aktivaci zůstane vypnuté, "
              "dokud ho nezapnete.",
    },
    "sub.note.auto_renew_stays_off": {
        "en": "Auto-renew stays off: turn it on again if the subscription should renew.",
        "cs": "Automatické obnovení zůstane vypnuté: zapněte ho, pokud se má předplatné "
              "obnovit.",
    },
    "sub.note.cancel_final": {
        "en": "Cancelling is final: the service stops at once and the subscription cannot be "
              "brought back.",
        "cs": "Zrušení je nevratné: služba okamžitě skončí a předplatné nelze obnovit.",
    },
    # -- the exact effect, for the confirmation ------------------------------------------------
    "sub.effect.for_customer": {
        "en": "{product} for {customer}: {effect}",
        "cs": "{product} pro zákazníka {customer}: {effect}",
    },
    "sub.effect.bare": {"en": "{product}: {effect}", "cs": "{product}: {effect}"},
    "sub.effect.quantity_decrease": {
        "en": "{change}, allowed until {until}; the removed seats are refunded pro rata",
        "cs": "{change}, možné do {until}; za odebrané licence se poměrně vrátí peníze",
    },
    "sub.effect.quantity_increase": {
        "en": "{change}; the added seats are billed pro rata until the term ends on {end_date}",
        "cs": "{change}; přidané licence se účtují poměrně do konce období {end_date}",
    },
    "sub.effect.quantity_increase_open": {
        "en": "{change}; the added seats are billed pro rata for the rest of the term",
        "cs": "{change}; přidané licence se účtují poměrně do konce období",
    },
    "sub.effect.auto_renew_off": {
        "en": "auto-renew on → off: the subscription will expire on {end_date}",
        "cs": "automatické obnovení zap. → vyp.: předplatné vyprší {end_date}",
    },
    "sub.effect.auto_renew_on": {
        "en": "auto-renew off → on: it renews on {renew_date} for another {term}",
        "cs": "automatické obnovení vyp. → zap.: obnoví se {renew_date} na další {term}",
    },
    "sub.effect.suspend": {
        "en": "suspend: users lose access at once (admins keep access to the data); you keep "
              "being billed until the term ends on {end_date}; auto-renew turns off",
        "cs": "pozastavit: uživatelé okamžitě ztratí přístup (správci k datům ano); účtuje se "
              "dál až do konce období {end_date}; automatické obnovení se vypne",
    },
    "sub.effect.reactivate": {
        "en": "reactivate: users get access again; auto-renew stays off until you turn it on",
        "cs": "znovu aktivovat: uživatelé opět získají přístup; automatické obnovení zůstane "
              "vypnuté, dokud ho nezapnete",
    },
    "sub.effect.cancel": {
        "en": "cancel: final; prorated refund; service stops at once",
        "cs": "zrušit: nevratné; poměrné vrácení peněz; služba okamžitě končí",
    },
    # -- the outbox line ---------------------------------------------------------------------
    "sub.subject": {"en": "{customer}: {product} — {change}",
                    "cs": "{customer}: {product} — {change}"},
    "sub.subject.auto_renew_on": {"en": "auto-renew on", "cs": "zapnout automatické obnovení"},
    "sub.subject.auto_renew_off": {"en": "auto-renew off",
                                   "cs": "vypnout automatické obnovení"},
    "sub.subject.suspend": {"en": "suspend", "cs": "pozastavit"},
    "sub.subject.reactivate": {"en": "reactivate", "cs": "znovu aktivovat"},
    "sub.subject.cancel": {"en": "cancel", "cs": "zrušit"},
    "sub.error.not_found": {
        "en": "The subscription {id} is not in the local data. Refresh the customer.",
        "cs": "Předplatné {id} v místních datech není. Synchronizujte data zákazníka.",
    },
    "sub.error.read_only": {
        "en": "The profile “{profile}” is read-only: the change was not queued.",
        "cs": "Profil „{profile}“ je jen pro čtení: změna nebyla zařazena do fronty.",
    },
    "sub.error.plan_mismatch": {
        "en": "The confirmed change belongs to another subscription; nothing was queued.",
        "cs": "Potvrzená změna patří k jinému předplatnému; nic nebylo zařazeno do fronty.",
    },
    "sub.error.not_allowed": {
        "en": "This change is not possible; nothing was queued.",
        "cs": "Tuto změnu nelze provést; nic nebylo zařazeno do fronty.",
    },
    # -- named views ------------------------------------------------------------------------
    "sub.preset.renewing": {"en": "Renewing within {days} days", "cs": "Obnovení do {days} d"},
    "sub.preset.in_window": {"en": "Inside the cancellation window",
                             "cs": "Ve lhůtě pro zrušení"},
    "sub.preset.suspended": {"en": "Suspended", "cs": "Pozastavená"},
    "sub.preset.auto_renew_off": {"en": "Auto-renew off", "cs": "Bez automatického obnovení"},
    "sub.preset.software": {"en": "Software", "cs": "Software"},
    "sub.preset.perpetual": {"en": "Perpetual licences", "cs": "Trvalé licence"},
    "sub.preset.expired": {"en": "Expired", "cs": "Vypršelá"},
    # -- Partner Center's refusals explained --------------------------------------------------
    "pcx.2001": {
        "en": "The quantity cannot change in the same request that suspends the subscription. "
              "Suspend it first, or change the seats first and suspend afterwards.",
        "cs": "Počet licencí nelze měnit ve stejném požadavku, který předplatné pozastavuje. "
              "Nejdřív ho pozastavte, nebo nejdřív změňte počet a pozastavte potom.",
    },
    "pcx.2002": {
        "en": "The quantity is outside what this product allows ({description}). Choose a "
              "number within the product's limits.",
        "cs": "Počet je mimo rozsah, který produkt dovoluje ({description}). Zvolte počet v "
              "povolených mezích.",
    },
    "pcx.2011": {
        "en": "The subscription is cancelled (deleted), which is final: it cannot be changed or "
              "reactivated. Buy a new subscription if the customer needs the service again.",
        "cs": "Předplatné je zrušené (deleted), a to je nevratné: nelze ho měnit ani znovu "
              "aktivovat. Pokud zákazník službu znovu potřebuje, kupte nové předplatné.",
    },
    "pcx.2055": {
        "en": "The subscription changed in Partner Center in the meantime. Refresh it, check "
              "the change still makes sense and try again.",
        "cs": "Předplatné se mezitím v Partner Center změnilo. Synchronizujte data, ověřte, "
              "že změna stále dává smysl, a zkuste to znovu.",
    },
    "pcx.800090": {
        "en": "Seats can be removed only within 7 days after they were added.{window} Reduce at "
              "renewal instead (schedule a change) or keep the seats.",
        "cs": "Licence lze odebrat jen do 7 dní od jejich přidání.{window} Snižte počet až při "
              "obnovení (naplánujte změnu), nebo licence ponechte.",
    },
    "pcx.800091": {
        "en": "A suspended subscription cannot be changed; only its status can. Reactivate it "
              "first, then make the change.",
        "cs": "Pozastavené předplatné nelze měnit, jen jeho stav. Nejdřív ho znovu aktivujte, "
              "pak změnu proveďte.",
    },
    "pcx.800093": {
        "en": "This subscription cannot renew automatically (a trial, or not active). Buy the "
              "paid subscription, or reactivate it first.",
        "cs": "Toto předplatné se nemůže automaticky obnovit (zkušební verze nebo není "
              "aktivní). Kupte placené předplatné, nebo ho nejdřív znovu aktivujte.",
    },
    "pcx.cancel_window": {
        "en": "A subscription can be cancelled only within 7 days (168 hours) of purchase or "
              "renewal.{cancel_window} It stays (and is billed) until the term ends{term_end}: "
              "turn auto-renew off so it does not renew.",
        "cs": "Předplatné lze zrušit jen do 7 dní (168 hodin) od nákupu nebo obnovení."
              "{cancel_window} Zůstává (a účtuje se) do konce období{term_end}: vypněte "
              "automatické obnovení, aby se neobnovilo.",
    },
    "pcx.cancel_window_software": {
        "en": "A software subscription can be cancelled only within 7 days of purchase or "
              "renewal.{cancel_window} It stays (and is billed) until the term ends{term_end}: "
              "turn auto-renew off so it does not renew.",
        "cs": "Softwarové předplatné lze zrušit jen do 7 dní od nákupu nebo obnovení."
              "{cancel_window} Zůstává (a účtuje se) do konce období{term_end}: vypněte "
              "automatické obnovení, aby se neobnovilo.",
    },
    "pcx.change_window": {
        "en": "The time allowed for this change is over: cancelling and removing seats are "
              "possible only shortly after purchase or renewal. The subscription stays until "
              "the term ends{term_end}; make the change at renewal.",
        "cs": "Čas pro tuto změnu uplynul: zrušit předplatné nebo odebrat licence lze jen "
              "krátce po nákupu nebo obnovení. Předplatné zůstává do konce období{term_end}; "
              "změnu proveďte při obnovení.",
    },
    "pcx.800082": {
        "en": "Partner Center is still setting up or renewing this subscription. Wait a few "
              "minutes; the change is retried automatically.",
        "cs": "Partner Center toto předplatné ještě zřizuje nebo obnovuje. Počkejte pár minut; "
              "změna se zopakuje automaticky.",
    },
    "pcx.900278": {
        "en": "Another change to this subscription is still being processed. Partner Center "
              "asks to wait up to 24 hours before the next one.",
        "cs": "Jiná změna tohoto předplatného se ještě zpracovává. Partner Center žádá počkat "
              "před další změnou až 24 hodin.",
    },
    "pcx.900311": {
        "en": "This subscription was changed too many times in a short time. Try again "
              "tomorrow.",
        "cs": "Toto předplatné bylo v krátké době změněno příliš mnohokrát. Zkuste to znovu "
              "zítra.",
    },
    "pcx.900277": {
        "en": "The subscription is about to expire (auto-renew is off and the term is ending), "
              "so it cannot be changed now. Turn auto-renew on first, or buy a new subscription.",
        "cs": "Předplatné brzy vyprší (automatické obnovení je vypnuté a období končí), "
              "proto ho teď nelze měnit. Nejdřív zapněte automatické obnovení, nebo kupte "
              "nové předplatné.",
    },
    "pcx.900275": {
        "en": "This quantity is not allowed for this product. A software subscription's "
              "quantity cannot be raised: buy an additional subscription.",
        "cs": "Tento počet produkt nedovoluje. Počet licencí softwarového předplatného nelze "
              "zvýšit: kupte další předplatné.",
    },
    "pcx.forbidden": {
        "en": "Your account or role is not allowed to do this. Some actions are reserved for "
              "the distributor (indirect provider) or need the Admin agent role: ask your "
              "distributor or a colleague who has it.",
        "cs": "Váš účet nebo role tuto akci nesmí provést. Některé akce může provést jen "
              "distributor (nepřímý poskytovatel) nebo vyžadují roli Admin agent: požádejte "
              "distributora nebo kolegu, který ji má.",
    },
    "pcx.20002": {
        "en": "There is no reseller relationship between you and this customer (it is missing "
              "or was removed). Send the customer your reseller invitation again.",
        "cs": "Mezi vámi a tímto zákazníkem není vztah prodejce (chybí, nebo byl zrušen). "
              "Pošlete zákazníkovi znovu pozvánku prodejce.",
    },
    "pcx.not_found": {
        "en": "Partner Center does not know this item (any more). Refresh the customer.",
        "cs": "Partner Center tuto položku nezná (už ji nemá). Synchronizujte data zákazníka.",
    },
    "pcx.13605": {
        "en": "The customer's acceptance of the Microsoft Customer Agreement is not recorded. "
              "Record it (who accepted and when) before buying.",
        "cs": "Souhlas zákazníka se smlouvou Microsoft Customer Agreement není zaznamenán. "
              "Před nákupem ho zaznamenejte (kdo a kdy souhlasil).",
    },
    "pcx.under_review": {
        "en": "Microsoft is reviewing the customer's account; purchases and changes are blocked "
              "until the review ends. Check again later.",
        "cs": "Microsoft prověřuje účet zákazníka; nákupy a změny jsou do konce prověrky "
              "zablokované. Zkuste to později.",
    },
    "pcx.not_approved": {
        "en": "Microsoft has not approved the customer's account, so it cannot transact. "
              "Contact your distributor or Microsoft support.",
        "cs": "Microsoft účet zákazníka neschválil, proto s ním nelze obchodovat. Obraťte se na "
              "distributora nebo podporu Microsoftu.",
    },
    "pcx.mfa": {
        "en": "Partner Center requires multi-factor authentication. Sign out and sign in again "
              "with MFA.",
        "cs": "Partner Center vyžaduje vícefaktorové ověření. Odhlaste se a přihlaste znovu s "
              "MFA.",
    },
    "pcx.signed_out": {
        "en": "The sign-in is no longer valid. Sign in again.",
        "cs": "Přihlášení už neplatí. Přihlaste se znovu.",
    },
    "pcx.throttled": {
        "en": "Partner Center is limiting how many requests it takes per minute.{retry} The "
              "change waits in the queue and is retried automatically.",
        "cs": "Partner Center omezuje počet požadavků za minutu.{retry} Změna čeká ve frontě a "
              "zopakuje se automaticky.",
    },
    "pcx.conflict": {
        "en": "Partner Center is busy with another operation on this item. Try again later.",
        "cs": "Partner Center právě u této položky zpracovává jinou operaci. Zkuste to později.",
    },
    "pcx.fallback": {
        "en": "Partner Center refused the request: {description} (code {code})",
        "cs": "Partner Center požadavek odmítl: {description} (kód {code})",
    },
    "pcx.fallback_no_code": {
        "en": "Partner Center refused the request: {description}",
        "cs": "Partner Center požadavek odmítl: {description}",
    },
    "pcx.with_code": {"en": "{text} (code {code})", "cs": "{text} (kód {code})"},
    "pcx.part.window_closed": {
        "en": " This subscription's window closed on {date}.",
        "cs": " U tohoto předplatného lhůta skončila {date}.",
    },
    "pcx.part.cancel_closed": {
        "en": " This subscription's window closed on {date}.",
        "cs": " U tohoto předplatného lhůta skončila {date}.",
    },
    "pcx.part.term_end": {"en": " on {date}", "cs": " {date}"},
    "pcx.part.retry_after": {
        "en": " It asks to wait {seconds} s.",
        "cs": " Žádá počkat {seconds} s.",
    },
    # -- education qualification ------------------------------------------------------------
    "qual.error.read_only": {
        "en": "The profile “{profile}” is read-only: the request was not queued.",
        "cs": "Profil „{profile}“ je jen pro čtení: žádost nebyla zařazena do fronty.",
    },
    "qual.error.segment": {
        "en": "Choose the education segment: K12 (schools) or HigherEducation (universities "
              "and colleges).",
        "cs": "Zvolte typ vzdělávací instituce: K12 (školy) nebo HigherEducation (vysoké a "
              "vyšší odborné školy).",
    },
    "qual.error.website": {
        "en": "Enter the school's website as an address such as zshornilhota.cz, or leave it "
              "empty.",
        "cs": "Zadejte web školy jako adresu, např. zshornilhota.cz, nebo pole nechte prázdné.",
    },
    "qual.error.no_customer": {
        "en": "The customer {id} is not in the local data. Refresh the customers first.",
        "cs": "Zákazník {id} v místních datech není. Nejdřív synchronizujte seznam zákazníků.",
    },
    "qual.error.exists_in_review": {
        "en": "{customer} is already in review for the Education qualification; wait for the "
              "result.",
        "cs": "Kvalifikace Education pro {customer} se už prověřuje; počkejte na výsledek.",
    },
    "qual.error.exists_approved": {
        "en": "{customer} already has the Education qualification.",
        "cs": "{customer} už kvalifikaci Education má.",
    },
    "qual.error.too_many": {
        "en": "The Education qualification for {customer} was already requested {count} times, "
              "the most Microsoft accepts. Correct the organisation's profile and open a "
              "support request with Microsoft.",
        "cs": "Kvalifikace Education pro {customer} už byla požadována {count}×, víc Microsoft "
              "nepřijme. Opravte profil organizace a založte požadavek na podporu Microsoftu.",
    },
    "qual.subject": {
        "en": "{customer}: request the Education qualification ({segment})",
        "cs": "{customer}: žádost o kvalifikaci Education ({segment})",
    },
    "qual.segment.K12": {"en": "K12 – schools", "cs": "K12 – školy"},
    "qual.segment.HigherEducation": {"en": "higher education",
                                     "cs": "vysoké a vyšší odborné školy"},
    "qual.name.Education": {"en": "Education", "cs": "Vzdělávání (Education)"},
    "qual.name.StateOwnedEntity": {"en": "State-owned entity",
                                   "cs": "Státní subjekt (StateOwnedEntity)"},
    "qual.name.GovernmentCommunityCloud": {"en": "Government Community Cloud",
                                           "cs": "Government Community Cloud"},
    "qual.name.Nonprofit": {"en": "Nonprofit", "cs": "Nezisková organizace (Nonprofit)"},
    "qual.status.line": {"en": "{name}: {text}", "cs": "{name}: {text}"},
    "qual.status.in_review": {
        "en": "in review for {elapsed} (usually up to {expected} working days)",
        "cs": "prověřuje se {elapsed} (obvykle nejvýš {expected} pracovní dny)",
    },
    "qual.status.in_review_overdue": {
        "en": "in review for {elapsed} — longer than the usual {expected} working days; check "
              "the organisation's details or ask Microsoft support",
        "cs": "prověřuje se {elapsed} — déle než obvyklé {expected} pracovní dny; zkontrolujte "
              "údaje organizace nebo se obraťte na podporu Microsoftu",
    },
    "qual.status.in_review_undated": {
        "en": "in review (usually up to {expected} working days)",
        "cs": "prověřuje se (obvykle nejvýš {expected} pracovní dny)",
    },
    "qual.status.approved": {"en": "approved", "cs": "schváleno"},
    "qual.status.denied": {
        "en": "denied: {reason}. Correct the organisation's profile in the Microsoft 365 admin "
              "center, then request again (at most {count} requests in all).",
        "cs": "zamítnuto: {reason}. Opravte profil organizace v Centru pro správu Microsoft 365 "
              "a požádejte znovu (celkem nejvýš {count} žádosti).",
    },
    "qual.status.no_reason": {"en": "no reason given", "cs": "bez uvedení důvodu"},
    "qual.status.set": {"en": "set", "cs": "nastaveno"},
}
