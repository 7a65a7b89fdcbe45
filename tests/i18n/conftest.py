"""The console fixtures of the TUI suite, for the Czech screens test."""

from tui.conftest import make_console

__all__ = ["make_console"]
