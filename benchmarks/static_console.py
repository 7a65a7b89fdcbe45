"""A diagnostic: the console without its back end, to show what the back end costs at start-up.

``python static_console.py`` starts ``CspApp`` exactly like ``csp-tui`` does for the profile in
``CSP_TUI_HOME``, but over a ``StaticBackend`` (the cache as it is: no worker thread, no HTTP
client, no sync engine, none of their imports). The difference between its first paint and the
console's is the price of creating and starting ``WorkerBackend`` before the first frame.
"""

from __future__ import annotations

from csp_tui.config import load_settings
from csp_tui.i18n import set_language

if __name__ == "__main__":
    import gc

    # As csp-tui does (tui/launch.py): no collection until the first frame, which turns the
    # collector back on.
    gc.disable()
    settings = load_settings()
    set_language(settings.profile.language)

    from csp_tui.tui.app import CspApp
    from csp_tui.tui.backend import StaticBackend

    CspApp(StaticBackend.open(settings)).run()
