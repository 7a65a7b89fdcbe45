"""The translation layer: every user-visible string comes from a catalog.

Catalogs live in ``csp_tui/i18n/messages/<area>.py``; each defines ``MESSAGES``, a mapping of
key -> {"en": ..., "cs": ...}. Keeping both languages side by side makes a missing translation
visible in review, and a test fails when one is missing.

Use ``t("key", name=value)``; placeholders use ``str.format`` syntax.
"""

from __future__ import annotations

import importlib
import os
import string
import threading
from collections.abc import Mapping

from csp_tui.i18n import messages
from csp_tui.i18n.key_index import MODULE_OF_KEY
from csp_tui.i18n.messages.argparse_texts import MSGIDS, PLURALS

LANGUAGES = ("en", "cs")
_DEFAULT = "en"
_language = _DEFAULT

# The catalogs are read one module at a time, when a key of that module is first asked for:
# the console's first frame needs 5 of the 45, and importing them all cost ~6 ms of its
# start. ``key_index.MODULE_OF_KEY`` says which module holds a key; it is generated from the
# catalogs (``python -m csp_tui.i18n.key_index``), and tests/i18n/test_key_index.py fails
# when it is out of date. A key it does not know still resolves: every catalog is read then.
_merged: dict[str, dict[str, str]] = {}
_owner: dict[str, str] = {}
_read: set[str] = set()
_all_read = False
_lock = threading.Lock()  # the sync worker's thread translates too (tl)


def _read_module(name: str) -> None:
    """Merge one catalog module (the lock held)."""
    if name in _read:
        return
    module = importlib.import_module(f"{messages.__name__}.{name}")
    for key, texts in getattr(module, "MESSAGES", {}).items():
        if key in _owner:
            raise RuntimeError(f"message key {key!r} defined twice ({_owner[key]}, {name})")
        _owner[key] = name
        _merged[key] = texts
    _read.add(name)


def _catalog_modules() -> list[str]:
    folder = messages.__path__[0]
    return sorted(entry[:-3] for entry in os.listdir(folder)
                  if entry.endswith(".py") and not entry.startswith("_"))


def _load() -> dict[str, dict[str, str]]:
    """Every catalog, merged."""
    global _all_read
    if not _all_read:
        with _lock:
            for name in _catalog_modules():
                _read_module(name)
            _all_read = True
    return _merged


def _texts(key: str) -> Mapping[str, str] | None:
    texts = _merged.get(key)
    if texts is None and not _all_read:
        module = MODULE_OF_KEY.get(key)
        if module is not None:
            with _lock:
                _read_module(module)
            texts = _merged.get(key)
        if texts is None:
            texts = _load().get(key)  # a key the index does not know yet
    return texts


def catalog() -> Mapping[str, Mapping[str, str]]:
    return _load()


def knows(key: str) -> bool:
    """Whether ``key`` is a message key (a label may be one, or a literal such as Textual's
    own "Quit"), reading at most the catalog module that holds it."""
    if key in _merged or key in MODULE_OF_KEY:
        return True
    # Not in the index: a literal, unless the key is newer than the index (then look).
    return "." in key and " " not in key and _texts(key) is not None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``LC_ALL`` > ``LC_MESSAGES`` > ``LANG``; Czech if it starts with ``cs``, else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "cs" if value.lower().startswith("cs") else "en"
    return _DEFAULT


def set_language(language: str | None) -> str:
    """Set the language for this process; ``None`` means "from the environment"."""
    global _language
    chosen = language or language_from_environment()
    _language = chosen if chosen in LANGUAGES else _DEFAULT
    return _language


def get_language() -> str:
    return _language


def _text(key: str, language: str, kwargs: Mapping[str, object]) -> str:
    texts = _texts(key)
    if texts is None:
        # A missing key is a bug; show the key rather than crash a user's session.
        return key
    text = texts.get(language) or texts.get(_DEFAULT) or key
    if kwargs:
        try:
            return _format(text, kwargs)
        except (KeyError, IndexError, ValueError, AttributeError):
            return text
    return text


def _format(text: str, values: Mapping[str, object]) -> str:
    """``str.format``, except that a sentence ending in a value that ends in a full stop gets
    no second one: "… Pivovar Hradec a.s." rather than "a.s..". """
    pieces: list[str] = []
    previous = ""
    for literal, field, spec, conversion in string.Formatter().parse(text):
        if literal.startswith(".") and previous.endswith("."):
            literal = literal[1:]
        pieces.append(literal)
        previous = literal or previous
        if field is None:
            continue
        value = string.Formatter().get_field(field, (), values)[0]
        if conversion:
            value = string.Formatter().convert_field(value, conversion)
        previous = format(value, spec or "")
        pieces.append(previous)
    return "".join(pieces)


def t(key: str, /, **kwargs: object) -> str:
    """The text for ``key`` in the current language, formatted with ``kwargs``."""
    return _text(key, _language, kwargs)


def tl(key: str, language: str, /, **kwargs: object) -> str:
    """Like :func:`t` but in an explicit language (e-mail texts chosen per recipient).

    The language is passed, never swapped into the process-wide one: the sync worker calls
    this on its own thread while the console's thread calls :func:`t`, and a swap would hand
    the console's labels the worker's language for that moment.
    """
    return _text(key, language if language in LANGUAGES else _DEFAULT, kwargs)


def argparse_gettext(message: str) -> str:
    """gettext for argparse: its built-in texts in the current language."""
    key = MSGIDS.get(message)
    return t(key) if key else message


def argparse_ngettext(singular: str, plural: str, count: int) -> str:
    """ngettext for argparse: Czech has three forms (1 / 2-4 / 5 and more, 0)."""
    key = PLURALS.get((singular, plural))
    if key is None:
        return singular if count == 1 else plural
    if count == 1:
        form = "one"
    elif _language == "cs" and 2 <= count <= 4:
        form = "few"
    else:
        form = "other"
    return t(f"{key}.{form}")
