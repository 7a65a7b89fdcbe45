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
        "cs": "Zrušit ji lze s vrácením peněz do {until} (7 dní); potom se platí celé období.",
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
