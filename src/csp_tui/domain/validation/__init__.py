"""Validators for what a person types into the new-tenant form (or a request file).

Every validator is *total*: it takes whatever arrived (text, ``None``, bytes, a huge paste full of
control characters) and returns a :class:`FieldResult`; none of them raises. A result carries the
normalised value and, when something is wrong, an i18n message key saying *what to fix*
("IČO has 8 digits; you typed 6"), never just "invalid".

A result with ``ok=True`` and a message is a warning: the value is usable, but the person should
look at it (e.g. a DIČ that does not belong to the IČO typed above).

Normalised values re-validate to themselves, so a form can write the normalised value back into
the field without the message changing.

The validators live in one small module per kind of field; this package re-exports the names the
rest of the code uses, so callers write ``from csp_tui.domain import validation as v`` and never
need to know which module holds what:

- :mod:`.result` – :class:`FieldResult`, the verdict;
- :mod:`.text_input` – input hygiene shared by every validator;
- :mod:`.tax_ids` – IČO and DIČ, the mod-11 check digit;
- :mod:`.country` – ISO country codes and the default country;
- :mod:`.address` – postal code, street, city;
- :mod:`.phone` and :mod:`.email_address` – the contact;
- :mod:`.names` – company and person names, required fields, field labels;
- :mod:`.tenant_domain` – the ``.onmicrosoft.com`` prefix and its proposal;
- :mod:`.culture` – language and formats;
- :mod:`.partner_id` – the reseller tenant id.
"""

from __future__ import annotations

from csp_tui.domain.validation.address import (
    format_psc,
    validate_city,
    validate_psc,
    validate_street,
)
from csp_tui.domain.validation.country import COUNTRY_CODES, DEFAULT_COUNTRY, validate_country
from csp_tui.domain.validation.culture import (
    CULTURES,
    DEFAULT_CULTURE,
    language_of,
    validate_culture,
)
from csp_tui.domain.validation.email_address import validate_email
from csp_tui.domain.validation.names import label_key, validate_name, validate_required
from csp_tui.domain.validation.partner_id import validate_partner_id
from csp_tui.domain.validation.phone import format_phone, validate_phone
from csp_tui.domain.validation.result import FieldResult
from csp_tui.domain.validation.tax_ids import (
    ico_check_digit,
    ico_checksum_ok,
    validate_dic,
    validate_ico,
)
from csp_tui.domain.validation.tenant_domain import (
    DOMAIN_PREFIX_MAX,
    ONMICROSOFT_SUFFIX,
    suggest_domain_prefix,
    validate_domain_prefix,
)
from csp_tui.domain.validation.text_input import as_text, describe_char

__all__ = [
    "COUNTRY_CODES",
    "CULTURES",
    "DEFAULT_COUNTRY",
    "DEFAULT_CULTURE",
    "DOMAIN_PREFIX_MAX",
    "ONMICROSOFT_SUFFIX",
    "FieldResult",
    "as_text",
    "describe_char",
    "format_phone",
    "format_psc",
    "ico_check_digit",
    "ico_checksum_ok",
    "label_key",
    "language_of",
    "suggest_domain_prefix",
    "validate_city",
    "validate_country",
    "validate_culture",
    "validate_dic",
    "validate_domain_prefix",
    "validate_email",
    "validate_ico",
    "validate_name",
    "validate_partner_id",
    "validate_phone",
    "validate_psc",
    "validate_required",
    "validate_street",
]
