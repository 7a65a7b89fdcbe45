"""Output that survives any locale.

Under ``cs_CZ.ISO-8859-2`` or ``LANG=C`` (without Python's UTF-8 mode) the standard streams
cannot encode every character csp-tui prints (an arrow, a customer's emoji, a Cyrillic
name): a plain ``print`` would end the command with a ``UnicodeEncodeError`` traceback. Text
output replaces what the encoding cannot show; JSON output escapes everything beyond ASCII,
so a script still reads the exact data.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO


def _is_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "utf-8-sig")
    except LookupError:
        return False


def survive_any_locale() -> None:
    """Make stdout and stderr replace characters their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not _is_unicode(stream):
            reconfigure(errors="replace")


def json_ascii_only() -> bool:
    """Whether JSON for stdout must escape every non-ASCII character (``ensure_ascii``)."""
    return not _is_unicode(sys.stdout)
