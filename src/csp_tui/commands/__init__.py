"""Handlers of the csp-tui command-line commands (one module per area)."""
