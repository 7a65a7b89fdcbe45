"""Text helpers for remote strings: folding for search, Czech ordering, terminal safety."""

from __future__ import annotations

import re
import unicodedata

# Czech alphabet order at the primary level. Vowels with acute/ring sort with their base letter
# (they differ only at the secondary level), while Č, Ř, Š, Ž and the digraph CH are letters of
# their own: Č after C, CH after H, Ř after R, Š after S, Ž after Z.
_PRIMARY = [
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m", "n", "o", "p",
    "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x", "y", "z", "ž",
]
_RANK = {letter: index for index, letter in enumerate(_PRIMARY)}
_SAME_AS = {"á": "a", "ď": "d", "é": "e", "ě": "e", "í": "i", "ň": "n", "ó": "o", "ť": "t",
            "ú": "u", "ů": "u", "ý": "y", "ä": "a", "ö": "o", "ü": "u", "ľ": "l", "ĺ": "l",
            "ŕ": "r", "ô": "o"}

# C0/C1 controls, DEL, and the bidi embedding/override/isolate controls that can reorder what a
# terminal shows (CVE-2021-42574 style "Trojan source" text); also lone surrogates (undecodable
# bytes of a command-line argument, a "\\ud800" JSON escape), which no terminal can show and
# SQLite cannot store.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")

# Letters Unicode gives no decomposition, so stripping combining marks leaves them as they are
# ("Łódź" would fold to "łodz", "Ørsted" would stay): each is written as the Latin letters a
# person types for it on a plain keyboard. Applied after casefold, which already turns ß and ẞ
# into "ss"; the capitals are listed too, so the table stands on its own.
_NO_DECOMPOSITION = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ß": "ss", "ẞ": "ss",
})


def fold(text: str) -> str:
    """Lower-case without diacritics: "Šumavská" -> "sumavska". Used for filters.

    Lone surrogates (undecodable bytes of a command-line argument) become U+FFFD: they match
    nothing, and SQLite cannot take them as a parameter.
    """
    decomposed = unicodedata.normalize("NFKD", _SURROGATES.sub("\ufffd", text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold()
    # Most names are plain ASCII by now: the table is looked at only when they are not.
    return folded if folded.isascii() else folded.translate(_NO_DECOMPOSITION)


def czech_sort_key(text: str) -> str:
    """A string whose plain (binary) order is Czech alphabetical order.

    Stored in SQLite so sorting stays an indexed ``ORDER BY sort_key`` on 100k rows.
    """
    lowered = unicodedata.normalize("NFC", text.strip().casefold())
    primary: list[str] = []
    i = 0
    while i < len(lowered):
        ch = lowered[i]
        if ch == "c" and i + 1 < len(lowered) and lowered[i + 1] == "h":
            primary.append(chr(0x3000 + _RANK["ch"]))
            i += 2
            continue
        base = _SAME_AS.get(ch, ch)
        if base in _RANK:
            primary.append(chr(0x3000 + _RANK[base]))
        elif ch.isdigit():
            primary.append(chr(0x2000 + int(ch)) if ch.isascii() else ch)
        elif ch.isalpha():
            # A letter of another alphabet sorts as the letters it folds to (Ł as L, Æ as AE),
            # after all of them when it folds to none (Greek, Cyrillic, CJK).
            folded = fold(ch)
            if folded and all(letter in _RANK for letter in folded):
                primary.extend(chr(0x3000 + _RANK[letter]) for letter in folded)
            else:
                primary.append(chr(0x4000) + ch)
        else:
            primary.append(chr(0x1000))  # spaces and punctuation sort first, as one class
        i += 1
    # Ties are broken by the accents, then by the original text itself, so the order is
    # total: two texts get the same key only when they are the same text ("ABC" and "abc"
    # differ, capitals first as in code-point order, and always in that order).
    return "".join(primary) + "\x00" + fold(lowered) + "\x00" + lowered + "\x00" + text


def safe_text(text: object, limit: int | None = None) -> str:
    """Remove what could control the terminal: escape sequences, controls, bidi overrides.

    Rendering literally (no Rich markup) is the widget's job; this removes the bytes that would
    reach the terminal as commands even in a plain string (ESC starts ANSI/OSC sequences,
    including OSC 52 clipboard writes).
    """
    cleaned = _UNSAFE.sub("", str(text)).replace("\n", " ").replace("\t", " ")
    if limit is not None and len(cleaned) > limit:
        return cleaned[: max(0, limit - 1)] + "…"
    return cleaned
