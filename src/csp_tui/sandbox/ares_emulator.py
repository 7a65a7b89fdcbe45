"""The ARES emulator: ARES's subject look-up answered from demo data, offline.

The sandbox profiles hand :func:`sandbox_ares_transport` to the production ARES client
(csp_tui.ares.AresClient), so the new-tenant form's ARES prefill works without the network and
with the same client code: the emulator's demo customers (:func:`ares_subject_for`) and a few
built-in subjects (:data:`DEMO_SUBJECTS`), with ARES's own error shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from csp_tui.domain.validation import format_psc


def ares_subject(
    *,
    ico: str,
    name: str,
    obec: str,
    psc: int | str,
    cislo_domovni: int,
    ulice: str | None = None,
    cislo_orientacni: int | None = None,
    pismeno: str | None = None,
    cast_obce: str | None = None,
    mestsky_obvod: str | None = None,
    typ_cislo_domovni: int = 1,
    legal_form: str = "112",
    dic: str | None = None,
    founded: str = "2015-03-02",
    dissolved: str | None = None,
    school: bool = False,
) -> dict[str, Any]:
    """An ``EkonomickySubjekt`` in ARES's JSON shape, for demo data and tests."""
    number = f"č. ev. {cislo_domovni}" if typ_cislo_domovni == 2 else str(cislo_domovni)
    if cislo_orientacni is not None:
        number += f"/{cislo_orientacni}{pismeno or ''}"
    psc_int = int(str(psc).replace(" ", ""))
    psc_text = f"{psc_int:05d}"
    line = ", ".join(part for part in (
        f"{ulice or cast_obce or obec} {number}",
        cast_obce if ulice and cast_obce else None,
        f"{psc_text} {mestsky_obvod or obec}",
    ) if part)
    sidlo: dict[str, Any] = {
        "kodStatu": "CZ",
        "nazevStatu": "Česká republika",
        "nazevObce": obec,
        "cisloDomovni": cislo_domovni,
        "typCisloDomovni": typ_cislo_domovni,
        "psc": psc_int,
        "pscTxt": format_psc(psc_text),
        "textovaAdresa": line,
        "standardizaceAdresy": True,
    }
    optional = {
        "nazevUlice": ulice,
        "nazevCastiObce": cast_obce,
        "nazevMestskehoObvodu": mestsky_obvod,
        "cisloOrientacni": cislo_orientacni,
        "cisloOrientacniPismeno": pismeno,
    }
    sidlo.update({key: value for key, value in optional.items() if value is not None})
    subject: dict[str, Any] = {
        "ico": ico,
        "obchodniJmeno": name,
        "sidlo": sidlo,
        "pravniForma": legal_form,
        "datumVzniku": founded,
        "primarniZdroj": "ros",
        "seznamRegistraci": {
            "stavZdrojeVr": "ZANIKLY" if dissolved else "AKTIVNI",
            "stavZdrojeRes": "ZANIKLY" if dissolved else "AKTIVNI",
            "stavZdrojeDph": "AKTIVNI" if dic else "NEEXISTUJICI",
            "stavZdrojeRs": "AKTIVNI" if school else "NEEXISTUJICI",
        },
    }
    if dic:
        subject["dic"] = dic
    if dissolved:
        subject["datumZaniku"] = dissolved
    return subject


_STREET_LINE = re.compile(
    r"^(?P<name>.*?\S)\s+(?P<ev>č\.\s*ev\.\s*)?(?P<dom>\d+)(?:/(?P<ori>\d+)(?P<letter>[a-z]?))?$")
_PRAGUE_DISTRICT = re.compile(r"Praha \d+")


def ares_subject_for(
    *,
    ico: str,
    name: str,
    street: str,
    city: str,
    postal_code: str,
    dic: str | None = None,
    legal_form: str = "112",
    dissolved: str | None = None,
    school: bool = False,
) -> dict[str, Any]:
    """An ARES-shaped subject from form-style fields, e.g. for the emulator's demo customers.

    Mapping the result back with ``csp_tui.ares.company_from_ares`` gives the same street,
    city and PSČ.
    """
    match = _STREET_LINE.match(street.strip())
    if match is None or not postal_code.isdigit():
        # Not in the usual shape: ARES then has only the one-line address too.
        subject = ares_subject(ico=ico, name=name, obec=city, psc=0, cislo_domovni=0,
                               legal_form=legal_form, dic=dic, dissolved=dissolved,
                               school=school)
        subject["sidlo"] = {"kodStatu": "CZ", "standardizaceAdresy": False,
                            "textovaAdresa": f"{street}, {postal_code} {city}"}
        return subject
    district = city if _PRAGUE_DISTRICT.fullmatch(city) else None
    obec = "Praha" if district else city
    village = match["name"] == obec
    return ares_subject(
        ico=ico, name=name, obec=obec, psc=postal_code, cislo_domovni=int(match["dom"]),
        ulice=None if village else match["name"], cast_obce=obec if village else None,
        mestsky_obvod=district,
        cislo_orientacni=int(match["ori"]) if match["ori"] else None,
        pismeno=match["letter"] or None, typ_cislo_domovni=2 if match["ev"] else 1,
        legal_form=legal_form, dic=dic, dissolved=dissolved, school=school,
    )


# Fictitious subjects (valid IČO checksums) served by the sandbox in addition to its customers.
DEMO_SUBJECTS: tuple[dict[str, Any], ...] = (
    ares_subject(ico="26147319", name="Vltavská datová s.r.o.", obec="Praha",
                 mestsky_obvod="Praha 7", cast_obce="Holešovice", ulice="Komunardů",
                 cislo_domovni=894, cislo_orientacni=32, pismeno="b", psc=17000,
                 dic="CZ26147319"),
    ares_subject(ico="04570120", name="Kemp Pod Hradem s.r.o.", obec="Chudenice",
                 cast_obce="Chudenice", cislo_domovni=12, typ_cislo_domovni=2, psc=34014),
    ares_subject(ico="72103841", name="Ekofarma Lhota a.s.", obec="Lhota",
                 cast_obce="Lhota", cislo_domovni=25, psc=25201, legal_form="121",
                 dic="CZ72103841", dissolved="2023-06-30", founded="2009-01-15"),
    ares_subject(ico="02987651",
                 name="Základní škola a mateřská škola Horní Lhota, příspěvková organizace",
                 obec="Horní Lhota", cast_obce="Horní Lhota", cislo_domovni=1, psc=74301,
                 legal_form="331", school=True, founded="1994-09-01"),
)

_SANDBOX_SUBJECT = re.compile(r"/ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty/([^/]*)")


def _json(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"Content-Type": "application/json"})


def sandbox_ares_transport(
    companies: Iterable[Mapping[str, Any]] = (), *, include_demo: bool = True
) -> httpx.MockTransport:
    """A transport that answers ARES's subject look-up from demo data.

    ``companies`` are ARES-shaped dicts (see :func:`ares_subject`), e.g. the emulator's demo
    customers; they take precedence over the built-in :data:`DEMO_SUBJECTS`. Errors come in
    ARES's own shapes: 400 ``CHYBA_VSTUPU`` for a malformed IČO, 404 ``NENALEZENO`` for an
    unknown one (a wrong checksum included, as ARES does), Spring 404 for any other path.
    """
    by_ico: dict[str, dict[str, Any]] = {}
    for subject in (*(DEMO_SUBJECTS if include_demo else ()), *companies):
        ico = str(subject.get("ico", ""))
        if ico:
            by_ico[ico] = dict(subject)

    def handle(request: httpx.Request) -> httpx.Response:
        match = _SANDBOX_SUBJECT.fullmatch(request.url.path)
        if request.method != "GET" or match is None:
            return _json(404, {"timestamp": "2025-01-01T00:00:00.000+00:00", "status": 404,
                               "error": "Not Found", "path": request.url.path})
        ico = match.group(1)
        if not re.fullmatch(r"[0-9]{8}", ico):
            return _json(400, {"kod": "CHYBA_VSTUPU", "subKod": "VSTUP_NEVALIDNI_FORMAT_ICO",
                               "popis": "Chyba vstupu: neplatný formát IČO."})
        subject = by_ico.get(ico)
        if subject is None:
            return _json(404, {"kod": "NENALEZENO", "subKod": "VYSTUP_SUBJEKT_NENALEZEN",
                               "popis": f"Ekonomický subjekt s IČO {ico} nebyl nalezen."})
        return _json(200, subject)

    return httpx.MockTransport(handle)
