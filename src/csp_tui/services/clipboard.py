"""Copying text for a person working over SSH: OSC 52 with a size cap, or a private file.

OSC 52 (``ESC ] 52 ; c ; <base64> BEL``) asks the *local* terminal to put text on the
clipboard, which is the only clipboard reachable from a remote shell. Terminals and tmux drop
payloads beyond some size without telling anyone, so above the cap k9s uses we do not send at
all and the caller saves the text to a file instead. The console uses Textual's
``App.copy_to_clipboard``; this module serves the command line and the tests.
"""

from __future__ import annotations

import base64
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

# Encoded (base64) bytes; k9s caps OSC 52 at this size and it is known to pass through
# common terminals and tmux.
OSC52_MAX_ENCODED_BYTES = 74_994

_UNSAFE_STEM = re.compile(r"[^A-Za-z0-9_-]+")


def osc52_sequence(text: str) -> str | None:
    """The escape sequence that copies ``text``, or ``None`` if it is too long to send."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(encoded) > OSC52_MAX_ENCODED_BYTES:
        return None
    return f"\x1b]52;c;{encoded}\x07"


def write_osc52(text: str, stream: TextIO) -> bool:
    """Send ``text`` to the terminal's clipboard through ``stream`` if it is a terminal.

    Returns whether the sequence was written; ``False`` (not a TTY, or too long) means the
    caller should offer the text another way.
    """
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError):  # closed or fake streams
        is_tty = False
    if not is_tty:
        return False
    sequence = osc52_sequence(text)
    if sequence is None:
        return False
    stream.write(sequence)
    stream.flush()
    return True


def save_to_file(text: str, directory: Path, stem: str, *, extension: str = "txt") -> Path:
    """Write ``text`` to a new owner-only file in ``directory`` and return its path.

    The name is ``<stem>-<UTC timestamp>[-N].<extension>``; an existing file is never
    overwritten
    (``O_EXCL``), so two copies in the same second both survive.
    """
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    safe_stem = _UNSAFE_STEM.sub("-", stem).strip("-") or "copy"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    data = text.encode("utf-8")
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        path = directory / f"{safe_stem}-{stamp}{suffix}.{extension}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # The umask cannot widen O_CREAT's mode, but a pre-set ACL default might: be explicit.
        os.chmod(path, 0o600)
        return path
    raise FileExistsError(f"no free file name for {safe_stem!r} in {directory}")
