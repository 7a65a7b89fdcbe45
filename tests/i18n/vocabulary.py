"""The English-only vocabulary: words of the English catalog that no Czech text uses.

Command words a person types ("csp-tui sync", ":customers", "--json", ":subs expired") are the
same in both languages and are taken out of texts before their words are counted, both from the
catalog (so "customers" in "csp-tui customers" does not make the word Czech) and from what is
checked (so ":customers" on a Czech screen is not an English word).
"""

from __future__ import annotations

import re
import string

from csp_tui.i18n import catalog

_WORD = re.compile(r"[^\W\d_]{3,}")
_TYPED = re.compile(
    r"csp-tui(?:\s+[a-z][\w-]*)*"          # csp-tui sandbox accept
    r"|(?<![\w:])--?[a-zA-Z][\w-]*"        # --json, -p
    r"|(?<![\w/]):[a-z][\w!?-]*(?: [a-z][\w-]*)?"  # :subs renewing, :q
    r"|`[^`]*`"                            # `anything quoted as code`
)
#: Names and key caps, not English: the same on a Czech screen.
NOT_ENGLISH = frozenset({"microsoft", "csp", "tui", "ico", "dic", "ares", "end", "home"})


def _typed_words() -> frozenset[str]:
    """The console's command names and view words (``customers``, ``renewing``): typed, so
    the same in both languages; the command line's placeholder lists them."""
    from csp_tui.tui.console_commands import COMMANDS
    from csp_tui.tui.screens.subscription_views import ALL_WORDS, VIEW_WORDS

    spelled = [s for command in COMMANDS for s in command.spellings]
    spelled += [w for view in VIEW_WORDS.values() for w in view] + list(ALL_WORDS)
    return frozenset(word for s in spelled for word in words(s))


def words(text: str) -> set[str]:
    """Lower-cased words of three letters or more, typed command words left out."""
    return {word.lower() for word in _WORD.findall(_TYPED.sub(" ", text))}


def _plain(text: str) -> str:
    """A catalog text without its placeholders."""
    return "".join(literal for literal, *_ in string.Formatter().parse(text))


def english_only() -> frozenset[str]:
    texts = catalog().values()
    english = set().union(*(words(_plain(entry["en"])) for entry in texts))
    # A text the same in both languages (names, typed words) is no evidence a word is Czech.
    czech = set().union(*(words(_plain(entry["cs"])) for entry in texts
                          if entry["cs"] != entry["en"]))
    return frozenset(english - czech - NOT_ENGLISH - _typed_words())


ENGLISH_ONLY = english_only()


def english_in(text: str, data: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The English-only words in ``text`` that are not in ``data``."""
    return sorted((words(text) & ENGLISH_ONLY) - data)
