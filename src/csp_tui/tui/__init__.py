"""The Textual console.

Kept import-light on purpose: the headless CLI imports ``csp_tui`` packages without paying for
Textual. The application is ``csp_tui.tui.app``; screens and widgets see it only through the
``Console`` interface (``csp_tui.tui.console``), and the back end through ``ConsoleBackend``
(``csp_tui.tui.backend``).
"""
