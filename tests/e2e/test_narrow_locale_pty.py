"""The console in a terminal whose encoding cannot show every character (ISO-8859-2): what
it cannot show is replaced by one character, never written as a six-character escape that
would shift every following column."""

from __future__ import annotations

import os
import re
import sys

from .terminal import TAB, Terminal


def test_the_console_in_an_iso_8859_2_terminal(isolated_home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL_") and k != "NO_COLOR"}
    env.update({"CSP_TUI_HOME": str(isolated_home), "TERM": "xterm-256color",
                "LANG": "cs_CZ.ISO-8859-2", "LC_ALL": "cs_CZ.ISO-8859-2",
                "PYTHONIOENCODING": "iso-8859-2", "PYTHONUTF8": "0",
                "PYTHONCOERCECLOCALE": "0", "COLUMNS": "100", "LINES": "30"})
    term = Terminal([sys.executable, "-m", "csp_tui"], env=env, columns=100, lines=30)
    try:
        term.wait_for(lambda screen: "Zákazníci (" in screen or "Z\ufffdkazn" in screen
                      or len(term.raw) > 20_000, timeout=30)
        for _ in range(3):
            term.send(TAB)
        term.send("s")  # a sort arrow (↓/↑) in the header
        term.pump(1.0)
        term.send("q")
        term.wait_exit(30)
        raw = bytes(term.raw)
        assert not re.search(rb"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}", raw), \
            raw[max(0, raw.find(b"\\u") - 80):raw.find(b"\\u") + 80]
        assert b"Traceback" not in raw
    finally:
        term.close()
