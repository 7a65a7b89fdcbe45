"""Selling: the catalog, an order and its review, the order request for the distributor, and
the `csp-tui catalog` / `csp-tui order` commands."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- the Education gate -------------------------------------------------------------------
    "selling.gate.none": {
        "en": "Education availability: the customer has no Education qualification (request it "
              "first with e on the Tenant pane)",
        "cs": "Nabídka pro školství: zákazník nemá kvalifikaci Education (nejdřív o ni "
              "požádejte klávesou e na panelu Tenant)",
    },
    "selling.gate.in_review": {
        "en": "Education availability: the customer's Education qualification is still in "
              "review",
        "cs": "Nabídka pro školství: kvalifikace Education zákazníka se teprve posuzuje",
    },
    "selling.gate.denied": {
        "en": "Education availability: the customer's Education qualification was denied",
        "cs": "Nabídka pro školství: kvalifikace Education zákazníka byla zamítnuta",
    },
    # -- what is wrong with an order ------------------------------------------------------------
    "selling.problem.choice": {
        "en": "This term and billing are not sold for this product (sold: {allowed})",
        "cs": "Toto období a fakturace se u produktu neprodávají (prodává se: {allowed})",
    },
    "selling.problem.quantity_low": {
        "en": "At least {min} must be bought",
        "cs": "Koupit je nutné nejméně {min}",
    },
    "selling.problem.quantity_high": {
        "en": "At most {max} can be bought in one order",
        "cs": "V jedné objednávce lze koupit nejvýš {max}",
    },
    "selling.problem.not_purchasable": {
        "en": "Partner Center does not sell this availability now",
        "cs": "Partner Center tuto nabídku teď neprodává",
    },
    "selling.problem.education": {"en": "{reason}", "cs": "{reason}"},
    "selling.problem.auto_renew": {
        "en": "A perpetual licence is bought once and never renews",
        "cs": "Trvalá licence se kupuje jednou a nikdy se neobnovuje",
    },
    "selling.error.customer": {
        "en": "The customer {customer} is not in the cache: sync first.",
        "cs": "Zákazník {customer} není v mezipaměti: nejdřív synchronizujte.",
    },
    "selling.error.item": {
        "en": "{item} is not in the catalog of this country (csp-tui catalog lists it).",
        "cs": "{item} v katalogu této země není (vypíše ho csp-tui catalog).",
    },
    "selling.error.not_placeable": {
        "en": "The order has problems: it cannot be placed.",
        "cs": "Objednávka má nedostatky: nelze ji zadat.",
    },
    # -- the review: the effect in words --------------------------------------------------------
    "selling.review.what": {
        "en": "{quantity} × {product} ({kind}) for {customer}.",
        "cs": "{quantity} × {product} ({kind}) pro zákazníka {customer}.",
    },
    "selling.review.term": {
        "en": "Term {term}, {billing}; the term ends on {end}.",
        "cs": "Období {term}, {billing}; období končí {end}.",
    },
    "selling.review.renews": {
        "en": "Auto-renew on: it renews for the same term on {day}.",
        "cs": "Automatické obnovení zapnuto: obnoví se na stejné období {day}.",
    },
    "selling.review.no_renewal": {
        "en": "Auto-renew off: it ends on {day} and does not renew.",
        "cs": "Automatické obnovení vypnuto: skončí {day} a neobnoví se.",
    },
    "selling.review.cancel": {
        "en": "It can be cancelled, with a refund, until {until} (7 days); after that it is "
              "paid for the whole term.",
        "cs": "Zrušit lze s vrácením peněz do {until} (7 dní); potom se platí celé období.",
    },
    "selling.review.perpetual": {
        "en": "A perpetual licence, {billing}; it never renews.",
        "cs": "Trvalá licence, {billing}; nikdy se neobnovuje.",
    },
    "selling.review.perpetual_cancel": {
        "en": "The order can be cancelled until {until} (30 days); after that the licence "
              "cannot be cancelled or refunded.",
        "cs": "Objednávku lze zrušit do {until} (30 dní); potom licenci zrušit ani vrátit "
              "nelze.",
    },
    "selling.review.price": {
        "en": "The price comes from the distributor's price list (this profile has no price "
              "source).",
        "cs": "Cena se řídí ceníkem distributora (tento profil nemá zdroj cen).",
    },
    "selling.review.via_api": {
        "en": "Placed in Partner Center through the outbox (a cart and its checkout).",
        "cs": "Zadá se v Partner Center přes odchozí frontu (košík a jeho odeslání).",
    },
    "selling.review.via_distributor": {
        "en": "An indirect reseller cannot order in Partner Center: this becomes a complete "
              "order request for your distributor.",
        "cs": "Nepřímý prodejce v Partner Center objednávat nemůže: z objednávky bude úplný "
              "požadavek pro vašeho distributora.",
    },
    "selling.subject": {
        "en": "Order: {quantity} × {product} for {customer}",
        "cs": "Objednávka: {quantity} × {product} pro zákazníka {customer}",
    },
    "selling.subject_auto_renew_off": {
        "en": "Auto-renew off after the order: {product} ({customer})",
        "cs": "Vypnout automatické obnovení po objednávce: {product} ({customer})",
    },
    # -- the request for the distributor --------------------------------------------------------
    "selling.email.subject": {
        "en": "Order request: {quantity} × {product} for {customer}",
        "cs": "Požadavek na objednávku: {quantity} × {product} pro zákazníka {customer}",
    },
    "selling.email.ask": {
        "en": "please place the following order in Partner Center for our customer, with us "
              "as the reseller of record.",
        "cs": "prosíme o zadání následující objednávky v Partner Center pro našeho zákazníka, "
              "s námi jako prodejcem.",
    },
    "selling.email.order": {"en": "The order:", "cs": "Objednávka:"},
    "selling.email.effect": {"en": "What it does:", "cs": "Co způsobí:"},
    "selling.email.api": {
        "en": "In Partner Center: POST {path} with the cart in the attached JSON, then check "
              "the cart out.",
        "cs": "V Partner Center: POST {path} s košíkem z přiloženého JSON, potom košík odeslat.",
    },
    "selling.email.row.product": {"en": "Product", "cs": "Produkt"},
    "selling.email.row.catalog_item_id": {"en": "Catalog item ID", "cs": "ID položky katalogu"},
    "selling.email.row.kind": {"en": "Kind", "cs": "Druh"},
    "selling.email.row.quantity": {"en": "Quantity", "cs": "Počet"},
    "selling.email.row.term": {"en": "Term", "cs": "Období"},
    "selling.email.row.billing": {"en": "Billing", "cs": "Fakturace"},
    "selling.email.row.auto_renew": {"en": "Auto-renew", "cs": "Automatické obnovení"},
}

MESSAGES.update({
    # -- csp-tui catalog / csp-tui order --------------------------------------------------------
    "selling.cli.cmd.catalog": {
        "en": "the catalog of the profile's country (read at most daily)",
        "cs": "katalog země profilu (načítá se nejvýš jednou denně)",
    },
    "selling.cli.cmd.order": {
        "en": "order from the catalog for a customer (or ask the distributor to)",
        "cs": "objednat z katalogu pro zákazníka (nebo o to požádat distributora)",
    },
    "selling.cli.opt.kind": {
        "en": "only online services, software subscriptions or perpetual licences",
        "cs": "jen online služby, softwarová předplatná nebo trvalé licence",
    },
    "selling.cli.opt.customer_gate": {
        "en": "say what may be sold to this customer (Education needs its qualification)",
        "cs": "uvést, co lze tomuto zákazníkovi prodat (Education vyžaduje kvalifikaci)",
    },
    "selling.cli.opt.refresh": {
        "en": "read the catalog from Partner Center now",
        "cs": "načíst katalog z Partner Center hned",
    },
    "selling.cli.opt.json": {
        "en": "the order, its effect and how it ended as one JSON object (for scripts)",
        "cs": "objednávka, její účinek a výsledek jako jeden objekt JSON (pro skripty)",
    },
    "selling.cli.col.not_offered": {"en": "NOT OFFERED BECAUSE", "cs": "NELZE, PROTOŽE"},
    "selling.cli.empty": {
        "en": "Nothing in the catalog matches (csp-tui catalog --refresh reads it again).",
        "cs": "Katalogu nic neodpovídá (csp-tui catalog --refresh ho načte znovu).",
    },
    "selling.cli.opt.customer": {"en": "the customer's tenant ID", "cs": "ID tenantu zákazníka"},
    "selling.cli.opt.item": {
        "en": "what to buy: product:sku:availability, as csp-tui catalog lists it",
        "cs": "co koupit: produkt:sku:dostupnost, jak ji vypíše csp-tui catalog",
    },
    "selling.cli.opt.quantity": {"en": "how many licences", "cs": "kolik licencí"},
    "selling.cli.opt.term": {"en": "the term (P1M, P1Y, P3Y)", "cs": "období (P1M, P1Y, P3Y)"},
    "selling.cli.opt.billing": {
        "en": "the billing cycle, as csp-tui catalog --output json lists it for the item",
        "cs": "fakturační cyklus, jak ho u položky uvádí csp-tui catalog --output json",
    },
    "selling.cli.metavar.billing": {"en": "CYCLE", "cs": "CYKLUS"},
    "selling.cli.metavar.item": {"en": "PRODUCT:SKU:AVAILABILITY",
                                 "cs": "PRODUKT:SKU:DOSTUPNOST"},
    "selling.cli.opt.no_auto_renew": {
        "en": "do not renew at the end of the term (auto-renew off)",
        "cs": "na konci období neobnovovat (automatické obnovení vypnuto)",
    },
    "selling.cli.opt.what_if": {
        "en": "check the order and say what it would do; place nothing",
        "cs": "objednávku zkontrolovat a říct, co by udělala; nic nezadávat",
    },
    "selling.cli.col.item": {"en": "CATALOG ITEM", "cs": "POLOŽKA KATALOGU"},
    "selling.cli.col.title": {"en": "PRODUCT", "cs": "PRODUKT"},
    "selling.cli.col.kind": {"en": "KIND", "cs": "DRUH"},
    "selling.cli.col.terms": {"en": "TERMS AND BILLING", "cs": "OBDOBÍ A FAKTURACE"},
    "selling.cli.col.quantity": {"en": "QUANTITY", "cs": "POČET"},
    "selling.cli.count": {"en": "Items in the catalog of {country}: {count}.",
                          "cs": "Položek v katalogu země {country}: {count}."},
    "selling.cli.not_read": {
        "en": "The catalog could not be read from Partner Center ({error}); the cached one is "
              "shown.",
        "cs": "Katalog se z Partner Center načíst nepodařilo ({error}); zobrazen je uložený.",
    },
    "selling.cli.problem": {"en": "Problem: {problem}", "cs": "Nedostatek: {problem}"},
    "selling.cli.what_if": {
        "en": "What-if: nothing was ordered.",
        "cs": "Jen zkouška (--what-if): nic nebylo objednáno.",
    },
    "selling.cli.request_saved": {
        "en": "The order request for the distributor was saved to {path}.",
        "cs": "Požadavek na objednávku pro distributora byl uložen do {path}.",
    },
    "selling.cli.read_only": {
        "en": "The profile {profile} is read-only: nothing can be ordered.",
        "cs": "Profil {profile} je jen pro čtení: nelze nic objednat.",
    },
    "selling.cli.placed": {"en": "Ordered in Partner Center (order {orders}).",
                           "cs": "Objednáno v Partner Center (objednávka {orders})."},
    "selling.cli.provisioning": {
        "en": "The new subscription is being provisioned; it is listed in a few minutes.",
        "cs": "Nové předplatné se zřizuje; v seznamu bude za několik minut.",
    },
    "selling.cli.failed": {"en": "Partner Center refused the order: {reason}",
                           "cs": "Partner Center objednávku odmítl: {reason}"},
    "selling.cli.pending": {
        "en": "No answer within {seconds} s: the order stays in the outbox (same idempotency "
              "key) and is sent by the next sync or the console.",
        "cs": "Do {seconds} s bez odpovědi: objednávka zůstává v odchozí frontě (se stejným "
              "klíčem) a odešle ji příští synchronizace nebo konzole.",
    },
    "selling.cli.unreachable": {"en": "Partner Center could not be reached: {error}",
                                "cs": "Partner Center není dostupné: {error}"},
    "selling.cli.sign_in": {"en": "Sign in first (csp-tui login): {error}",
                            "cs": "Nejdřív se přihlaste (csp-tui login): {error}"},
})

MESSAGES.update({
    # -- the console ------------------------------------------------------------------------------
    "selling.tui.key.order": {"en": "Order", "cs": "Objednat"},
    "selling.tui.keyhelp.order": {
        "en": "Order from the catalog for the selected customer",
        "cs": "Objednat z katalogu pro vybraného zákazníka",
    },
    "selling.tui.cmd.order": {"en": "Order for the selected customer",
                              "cs": "Objednat pro vybraného zákazníka"},
    "selling.tui.cmdhelp.order": {
        "en": "the catalog, then term, billing, quantity and a review before anything is sent",
        "cs": "katalog, potom období, fakturace, počet a kontrola, než se cokoli odešle",
    },
    "selling.tui.key.choose": {"en": "Choose", "cs": "Vybrat"},
    "selling.tui.keyhelp.choose": {"en": "Order the highlighted product",
                                   "cs": "Objednat zvýrazněný produkt"},
    "selling.tui.keyhelp.close": {"en": "Close, ordering nothing",
                                  "cs": "Zavřít, nic neobjednávat"},
    "selling.tui.key.review": {"en": "Review", "cs": "Kontrola"},
    "selling.tui.keyhelp.review": {"en": "Say what the order does before it is placed",
                                   "cs": "Říct, co objednávka způsobí, než se zadá"},
    "selling.tui.keyhelp.back": {"en": "Back one step", "cs": "O krok zpět"},
    "selling.tui.key.place": {"en": "Place", "cs": "Zadat"},
    "selling.tui.keyhelp.place": {
        "en": "Place the order (or prepare the request for the distributor)",
        "cs": "Zadat objednávku (nebo připravit požadavek pro distributora)",
    },
    "selling.tui.no_customer": {"en": "Select a customer first.",
                                "cs": "Nejdřív vyberte zákazníka."},
    "selling.tui.catalog_title": {"en": "Order for {customer}: the catalog",
                                  "cs": "Objednávka pro {customer}: katalog"},
    "selling.tui.filter": {"en": "Filter the catalog (accents do not matter)",
                           "cs": "Filtr katalogu (na diakritice nezáleží)"},
    "selling.tui.reading": {"en": "Reading the catalog from Partner Center…",
                            "cs": "Načítá se katalog z Partner Center…"},
    "selling.tui.not_read": {
        "en": "The catalog could not be read ({error}); the cached one is shown.",
        "cs": "Katalog se načíst nepodařilo ({error}); zobrazen je uložený.",
    },
    "selling.tui.empty": {"en": "Nothing in the catalog matches.",
                          "cs": "Katalogu nic neodpovídá."},
    "selling.tui.count": {"en": "{count} in the catalog of {country}; enter chooses.",
                          "cs": "V katalogu země {country}: {count}; enter vybere."},
    "selling.tui.form_title": {"en": "Order {product} for {customer}",
                               "cs": "Objednat {product} pro {customer}"},
    "selling.tui.choices": {"en": "Term and billing (only what this product is sold on)",
                            "cs": "Období a fakturace (jen jak se produkt prodává)"},
    "selling.tui.quantity": {"en": "Quantity ({min}–{max})", "cs": "Počet ({min}–{max})"},
    "selling.tui.auto_renew": {"en": "Auto-renew", "cs": "Automatické obnovení"},
    "selling.tui.ready": {"en": "Ready: ctrl+r shows what it will do.",
                          "cs": "Připraveno: ctrl+r ukáže, co objednávka způsobí."},
    "selling.tui.review_title": {"en": "Review the order", "cs": "Kontrola objednávky"},
    "selling.tui.question": {"en": "Place this order? y = yes, n = back",
                             "cs": "Zadat tuto objednávku? y = ano, n = zpět"},
    "selling.tui.question_distributor": {
        "en": "Prepare the order request for the distributor? y = yes, n = back",
        "cs": "Připravit požadavek na objednávku pro distributora? y = ano, n = zpět",
    },
    "selling.tui.result_title": {"en": "Order placed", "cs": "Objednávka zadána"},
    "selling.tui.result_queued": {
        "en": "Queued in the outbox and being sent to Partner Center now (a cart and its "
              "checkout, with one idempotency key: never ordered twice).",
        "cs": "Zařazeno do odchozí fronty a právě se odesílá do Partner Center (košík a jeho "
              "odeslání s jedním klíčem: nikdy se neobjedná dvakrát).",
    },
    "selling.tui.result_provisioning": {
        "en": "The new subscription shows in the subscriptions pane at once, marked "
              "provisioning, until Partner Center lists it (a few minutes).",
        "cs": "Nové předplatné se hned ukáže na panelu předplatných jako zřizované, dokud ho "
              "Partner Center nezačne uvádět (několik minut).",
    },
    "selling.tui.result_licence": {
        "en": "The perpetual licence appears among the customer's licences after the next "
              "sync.",
        "cs": "Trvalá licence se objeví mezi licencemi zákazníka po příští synchronizaci.",
    },
    "selling.tui.result_auto_renew_off": {
        "en": "Auto-renew is switched off as soon as the subscription is provisioned (a "
              "second entry in the outbox).",
        "cs": "Automatické obnovení se vypne, jakmile bude předplatné zřízené (další položka "
              "v odchozí frontě).",
    },
    "selling.tui.result_outbox": {
        "en": "A refusal by Partner Center is announced here and kept in the outbox.",
        "cs": "Případné odmítnutí Partner Center se zde oznámí a zůstane v odchozí frontě.",
    },
})

MESSAGES.update({
    # A subscription just ordered here, until Partner Center lists it (cache/store/ordered.py).
    "terms.status.provisioning": {"en": "provisioning", "cs": "zřizuje se"},
})

MESSAGES.update({
    # Partner Center's refusals of a cart or a checkout, in words (services/pc_explain.py).
    "pcx.800064": {
        "en": "Partner Center is still processing this cart's checkout; the order is looked "
              "up and sent again later, never twice.",
        "cs": "Partner Center odeslání tohoto košíku ještě zpracovává; objednávka se později "
              "dohledá a odešle znovu, nikdy dvakrát.",
    },
    "pcx.800065": {
        "en": "This cart was checked out already: the order exists (see the customer's "
              "orders).",
        "cs": "Tento košík už byl odeslán: objednávka existuje (viz objednávky zákazníka).",
    },
    "pcx.400036": {
        "en": "The customer may not buy Education availabilities: its Education qualification "
              "is not approved.",
        "cs": "Zákazník nemůže kupovat nabídky pro školství: jeho kvalifikace Education není "
              "schválena.",
    },
    "pcx.catalog_gone": {
        "en": "The product, SKU or availability is no longer in the catalog (availabilities "
              "change): read the catalog again (csp-tui catalog --refresh) and order anew.",
        "cs": "Produkt, SKU nebo nabídka už v katalogu není (nabídky se mění): načtěte katalog "
              "znovu (csp-tui catalog --refresh) a objednejte znovu.",
    },
})

MESSAGES.update({
    "selling.tui.count_more": {
        "en": "The first {shown} of {count}: type to narrow the list.",
        "cs": "Prvních {shown} z {count}: psaním seznam zúžíte.",
    },
})

MESSAGES.update({
    "selling.tui.read_only": {
        "en": "This profile is read-only: the order can be reviewed, not placed.",
        "cs": "Tento profil je jen pro čtení: objednávku lze zkontrolovat, ne zadat.",
    },
})

MESSAGES.update({
    "selling.cli.resumed": {
        "en": "The same order was queued at {at} and not finished: it is resumed, not placed "
              "twice.",
        "cs": "Stejná objednávka byla zařazena {at} a nedokončena: pokračuje se v ní, "
              "nezadává se dvakrát.",
    },
})
