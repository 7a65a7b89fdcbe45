"""The baseline for start-up and keystroke latency: the smallest Textual app there is.

``python minimal_app.py`` shows one Static; ``--input`` adds a focused Input, so the time from
a keystroke to its echo on screen is the floor any Textual app pays per key.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

READY_TEXT = "baseline ready"


class MinimalApp(App[None]):
    def __init__(self, with_input: bool) -> None:
        super().__init__()
        self.with_input = with_input

    def compose(self) -> ComposeResult:
        yield Static(READY_TEXT)
        if self.with_input:
            yield Input()


if __name__ == "__main__":
    MinimalApp(with_input="--input" in sys.argv[1:]).run()
