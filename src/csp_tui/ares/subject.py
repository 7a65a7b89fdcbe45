"""An ARES subject (``EkonomickySubjekt``) mapped to the new-tenant form's fields, and what a
prefill from it would change."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from csp_tui.domain.text import safe_text
from csp_tui.domain.validation import ico_checksum_ok

_TEXT_LIMIT = 300  # no ARES text field is longer; anything beyond is garbage


@dataclass(frozen=True)
class AresCompany:
    """A subject from ARES, already in the shape of the new-tenant form."""

    ico: str
    name: str
    dic: str | None
    street: str
    city: str
    postal_code: str  # five digits, no space
    country: str
    dissolved_on: date | None
    legal_form_code: str | None
    is_school: bool
    city_part: str | None = None  # "Holešovice": a second address line if anyone wants it

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None


class AresFormatError(ValueError):
    """ARES answered 200 with something that is not a subject."""


def _text(value: object) -> str:
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return " ".join(safe_text(value, limit=_TEXT_LIMIT).split())


def _digits(value: object) -> str:
    if isinstance(value, bool):
        return ""
    return "".join(ch for ch in _text(value) if ch.isascii() and ch.isdigit())


def _house_number(sidlo: Mapping[str, Any]) -> str:
    """"1522/53a"; "č. ev. 12" for a registration number; "" when ARES has none."""
    domovni = _digits(sidlo.get("cisloDomovni"))
    orientacni = _digits(sidlo.get("cisloOrientacni"))
    letter = _text(sidlo.get("cisloOrientacniPismeno"))
    number = domovni
    if domovni and _digits(sidlo.get("typCisloDomovni")) == "2":
        number = f"č. ev. {domovni}"
    if orientacni:
        suffix = orientacni + letter
        number = f"{number}/{suffix}" if number else suffix
    return number


_TEXT_PSC_CITY = re.compile(r"^(\d{3}) ?(\d{2})\s+(.+)$")


def _from_text_address(text: str) -> tuple[str, str, str]:
    """Street, city and PSČ from a one-line ``textovaAdresa`` (non-standardised addresses)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    street = city = psc = ""
    for index in range(len(parts) - 1, -1, -1):
        match = _TEXT_PSC_CITY.match(parts[index])
        if match:
            psc, city = match.group(1) + match.group(2), match.group(3)
            if index > 0:
                street = parts[0]
            break
    else:
        if parts:
            street = parts[0]
            city = parts[-1] if len(parts) > 1 else ""
    return street, city, psc


def _parse_date(value: object) -> date | None:
    text = _text(value)[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def company_from_ares(payload: object) -> AresCompany:
    """Map an ARES ``EkonomickySubjekt`` to form fields (the prefill rules of the domain notes).

    Every field is optional in ARES; only the IČO and the name are required here.
    """
    if not isinstance(payload, Mapping):
        raise AresFormatError("subject is not an object")
    ico = _digits(payload.get("ico")).zfill(8) if _digits(payload.get("ico")) else ""
    name = _text(payload.get("obchodniJmeno"))
    if not ico_checksum_ok(ico) or not name:
        raise AresFormatError("subject without a valid ico or a name")
    sidlo = payload.get("sidlo")
    sidlo = sidlo if isinstance(sidlo, Mapping) else {}

    obec = _text(sidlo.get("nazevObce"))
    cast_obce = _text(sidlo.get("nazevCastiObce"))
    obvod = _text(sidlo.get("nazevMestskehoObvodu"))
    if obec:
        # Villages have no street: the building is numbered within the village (part).
        street_name = _text(sidlo.get("nazevUlice")) or cast_obce or obec
        street = f"{street_name} {_house_number(sidlo)}".strip()
        # "Praha 7", "Brno-střed": the postal district, when it belongs to this municipality.
        city = obvod if obvod and obvod.startswith(obec) else obec
        psc = _digits(sidlo.get("psc")) or _digits(sidlo.get("pscTxt"))
    else:
        street, city, psc = _from_text_address(_text(sidlo.get("textovaAdresa")))
    if psc and len(psc) < 5:
        psc = psc.zfill(5)  # ARES sends PSČ as an integer: 01001 arrives as 1001

    registrations = payload.get("seznamRegistraci")
    registrations = registrations if isinstance(registrations, Mapping) else {}
    legal_form = _text(payload.get("pravniForma")) or None
    dic = _text(payload.get("dic")).replace(" ", "").upper() or None
    return AresCompany(
        ico=ico,
        name=name,
        dic=dic,
        street=street,
        city=city,
        postal_code=psc,
        country=(_text(sidlo.get("kodStatu")).upper() or "CZ"),
        dissolved_on=_parse_date(payload.get("datumZaniku")),
        legal_form_code=legal_form,
        is_school=_text(registrations.get("stavZdrojeRs")) == "AKTIVNI",
        city_part=(cast_obce if cast_obce and cast_obce not in (obec, city) else None),
    )


def prefill_values(company: AresCompany) -> dict[str, str]:
    """Form values (request field names) that ARES can fill in."""
    values = {
        "company_name": company.name,
        "ico": company.ico,
        "street": company.street,
        "city": company.city,
        "postal_code": company.postal_code,
        "country": company.country,
    }
    if company.dic:
        values["dic"] = company.dic
    return {key: value for key, value in values.items() if value}


def _same(field_name: str, old: str, new: str) -> bool:
    if field_name in ("postal_code", "ico", "dic"):
        return "".join(old.split()).upper() == "".join(new.split()).upper()
    if field_name == "country":
        return old.strip().upper() == new.strip().upper()
    return " ".join(old.split()) == " ".join(new.split())


def diff_prefill(current: Mapping[str, str], company: AresCompany) -> list[tuple[str, str, str]]:
    """What a prefill would change: ``(field, old, new)`` for each field ARES would overwrite.

    Empty fields are listed too (old = ""), so the confirmation shows everything that will be
    filled. Spelling-only differences ("170 00" vs "17000") are not changes. Fields ARES knows
    nothing about (e.g. a missing DIČ) are left alone and not listed.
    """
    changes: list[tuple[str, str, str]] = []
    for name, new in prefill_values(company).items():
        old = current.get(name) or ""
        old = old if isinstance(old, str) else str(old)
        if not _same(name, old, new):
            changes.append((name, old, new))
    return changes
