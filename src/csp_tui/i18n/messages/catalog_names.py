"""Names of perpetual licences read from Partner Center's product catalog, and why one is
missing."""

MESSAGES: dict[str, dict[str, str]] = {
    "catalog.name_unavailable": {
        "en": "name not available: {reason} ({product_id})",
        "cs": "název není k dispozici: {reason} ({product_id})",
    },
    "catalog.reason.not_found": {
        "en": "Partner Center's product catalog does not list this product",
        "cs": "katalog produktů Partner Center tento produkt neuvádí",
    },
    "catalog.reason.refused": {
        "en": "Partner Center refused to read the product catalog for this account",
        "cs": "Partner Center tomuto účtu čtení katalogu produktů odmítl",
    },
    "catalog.reason.failed": {
        "en": "the product catalog could not be read; the next sync tries again",
        "cs": "katalog produktů se nepodařilo načíst; další synchronizace to zkusí znovu",
    },
    "catalog.reason.no_product": {
        "en": "the licence names no product",
        "cs": "licence neuvádí žádný produkt",
    },
}
