"""The Textual console.

Kept import-light on purpose: the headless CLI imports ``csp_tui`` packages without paying for
Textual. Import the app from ``csp_tui.tui.app`` (``CspApp``), the back-end protocol from
``csp_tui.tui.backend``.
"""
