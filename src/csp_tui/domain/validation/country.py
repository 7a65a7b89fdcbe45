"""Country codes: the ISO table Partner Center takes, the default, and well-known look-alikes.

Separate from the address because the postal code and the phone number both depend on the
country, and the table is long enough to deserve a file that is easy to compare with the standard.
"""

from __future__ import annotations

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _compact

# ISO 3166-1 alpha-2, the codes Partner Center takes in ``country``; kept as a table to be easy
# to compare with the standard.
COUNTRY_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())  # noqa: SIM905
DEFAULT_COUNTRY = "CZ"
# Common look-alikes that are not ISO codes; Partner Center answers "No validation rules were
# found for the country/region UK".
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "CS": "CZ", "CZE": "CZ", "SVK": "SK"}


def _country_code(country: object) -> str:
    code = _compact(country).upper()
    return code or DEFAULT_COUNTRY


def validate_country(text: object) -> FieldResult:
    value = _compact(text).upper()
    if not value:
        return _ok(DEFAULT_COUNTRY)
    if value in COUNTRY_CODES:
        return _ok(value)
    if value in _COUNTRY_ALIASES:
        return _error(value, "validation.country.alias", "validation.did_you_mean",
                      suggestion=_COUNTRY_ALIASES[value])
    if len(value) != 2:
        return _error(value, "validation.country.length", count=len(value))
    return _error(value, "validation.country.unknown", code=value)
