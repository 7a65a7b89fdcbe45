"""The ``csp-tui`` command line: ``main.py`` (the parser and the dispatch, where a subcommand is
registered) and one module per subcommand area.

``main`` is the entry point (``csp-tui = "csp_tui.cli:main"``, ``python -m csp_tui``); on this
package the name is the function, which hides the module of the same name. The headless
subcommands never import the console (``csp_tui.tui``); only the dispatch's launch of the
console does.
"""

from csp_tui.cli.main import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, HANDLERS, main

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "HANDLERS", "main"]
