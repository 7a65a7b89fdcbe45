"""Failures the Partner Center client finds itself: no answer, or an answer it cannot read.

Shown after the call (``GET /v1/customers: …``); technical detail (an exception, a parser's
message) follows in parentheses as it is.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "pc.transport.timed_out": {"en": "timed out", "cs": "vypršel čas na odpověď"},
    "pc.transport.connection_failed": {"en": "connection failed", "cs": "spojení selhalo"},
    "pc.malformed.not_json": {"en": "not JSON", "cs": "odpověď není JSON"},
    "pc.malformed.empty_body": {"en": "empty body", "cs": "odpověď nemá žádný obsah"},
    "pc.malformed.empty_answer": {"en": "empty answer", "cs": "prázdná odpověď"},
    "pc.malformed.shape": {
        "en": "unexpected {model} shape",
        "cs": "neočekávaný tvar odpovědi ({model})",
    },
    "pc.malformed.collection": {
        "en": "unexpected collection of {model}",
        "cs": "neočekávaný tvar seznamu ({model})",
    },
    "pc.malformed.paging_stuck": {
        "en": "paging does not advance (repeated next page)",
        "cs": "stránkování nepostupuje (znovu stejná další stránka)",
    },
    "pc.malformed.too_many_pages": {
        "en": "more than {pages} pages",
        "cs": "více než {pages} stránek",
    },
    "pc.malformed.not_domain_list": {
        "en": "expected a list of domains",
        "cs": "odpověď měla být seznam domén",
    },
    "pc.malformed.no_url": {
        "en": "no url in the answer",
        "cs": "v odpovědi chybí adresa (url)",
    },
}
