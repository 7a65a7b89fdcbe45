"""The contact e-mail address: the subset of RFC 5322 real mailboxes use.

Also used on its own by the reseller invitation, hence a module of its own (named so as not to
be mistaken for the standard library's ``email``).
"""

from __future__ import annotations

import re

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _clean_line, _first_not, describe_char

_EMAIL_MAX = 254
_EMAIL_LOCAL_MAX = 64
_EMAIL_LOCAL_CHARS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]")
_EMAIL_DOMAIN_CHARS = re.compile(r"[a-z0-9.\-]")
_DNS_LABEL_MAX = 63


def validate_email(text: object) -> FieldResult:
    """A pragmatic subset of RFC 5322: what real mailboxes look like, nothing exotic.

    Quoted local parts, comments and IP-literal domains are legal in the RFC but rejected by the
    services these addresses end up in, so they are refused here with a clear message.
    """
    raw = _clean_line(text)
    if not raw:
        return _error(raw, "validation.email.required")
    if " " in raw:
        return _error(raw, "validation.email.space")
    if raw.count("@") == 0:
        return _error(raw, "validation.email.no_at")
    if raw.count("@") > 1:
        return _error(raw, "validation.email.many_at")
    local, domain = raw.split("@")
    domain = domain.lower()
    value = f"{local}@{domain}"
    if len(value) > _EMAIL_MAX:
        return _error(value, "validation.email.too_long", count=len(value), max=_EMAIL_MAX)
    if not local:
        return _error(value, "validation.email.no_local")
    if len(local) > _EMAIL_LOCAL_MAX:
        return _error(value, "validation.email.local_too_long", count=len(local),
                      max=_EMAIL_LOCAL_MAX)
    bad = _first_not(local, _EMAIL_LOCAL_CHARS)
    if bad is not None:
        return _error(value, "validation.email.bad_char", char=describe_char(bad))
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return _error(value, "validation.email.dots")
    if not domain:
        return _error(value, "validation.email.no_domain")
    bad = _first_not(domain, _EMAIL_DOMAIN_CHARS)
    if bad is not None:
        return _error(value, "validation.email.bad_char", char=describe_char(bad))
    if "." not in domain:
        return _error(value, "validation.email.no_dot")
    labels = domain.split(".")
    if any(not label for label in labels):
        return _error(value, "validation.email.dots")
    if any(label.startswith("-") or label.endswith("-") or len(label) > _DNS_LABEL_MAX
           for label in labels):
        return _error(value, "validation.email.bad_label")
    tld = labels[-1]
    if len(tld) < 2 or not tld.isalpha():
        return _error(value, "validation.email.bad_tld", tld=tld)
    return _ok(value)
