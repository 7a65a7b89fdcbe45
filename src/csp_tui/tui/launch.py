"""``csp-tui`` without a command: the console, with the background worker for this profile.

The command line's dispatch (csp_tui.cli) imports this module only when the console opens.
"""

from __future__ import annotations

import argparse
import gc
import sys

from csp_tui.config import Settings
from csp_tui.db import DatabaseError
from csp_tui.i18n import t


def run(args: argparse.Namespace, settings: Settings) -> int:
    # No garbage collection until the first frame is on screen: what the start builds (the
    # modules, Textual, the widgets) is kept for the console's life, so the collector's
    # passes over it would only delay the frame. The main screen collects once, freezes what
    # is left and turns the collector back on (screens/main.py, _settle_heap).
    gc.disable()
    try:
        return _run(args, settings)
    finally:
        gc.enable()


def _run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here, not at the top: the worker and the app are the console's whole import
    # weight, paid only once the arguments were read (see tests/tui/test_start_imports.py).
    from csp_tui.services.worker import WorkerBackend
    from csp_tui.tui.app import CspApp
    from csp_tui.tui.themes import chosen_theme

    try:
        # Only opens the databases the first frame is painted from; the worker thread (REST
        # client, sync engine, outbox) starts once that frame is on screen (CspApp.on_ready).
        backend = WorkerBackend(settings)
    except DatabaseError as exc:
        print(t("console.database_error", error=str(exc)), file=sys.stderr)
        return 1
    app = CspApp(backend, theme=chosen_theme(getattr(args, "theme", None),
                                             settings.profile.theme))
    app.handle_signals = True
    app.backend_factory = WorkerBackend
    app.run()
    return int(app.return_code or 0)
