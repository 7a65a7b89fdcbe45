"""The ``csp-tui`` command line: the parser, the dispatch, and one module per subcommand area.

``main`` is the entry point (``csp-tui = "csp_tui.cli:main"``, ``python -m csp_tui``). The
headless subcommands never import the console (``csp_tui.tui``); only the dispatch's launch of
the console does.
"""

from csp_tui.cli.dispatch import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, HANDLERS, main

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "HANDLERS", "main"]
