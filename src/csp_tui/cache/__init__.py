"""``cache.db``: what a sync can rebuild from Partner Center (``state.db``, what cannot be
rebuilt, is the ``state`` package).

- :mod:`~csp_tui.cache.db` and :mod:`~csp_tui.cache.schema` — opening the file (an unusable one
  is rebuilt), its tables;
- :mod:`~csp_tui.cache.store` — the sync worker's writes;
- :mod:`~csp_tui.cache.views` — the reads behind the console's lists and the CLI's listings;
- :mod:`~csp_tui.cache.freshness` — how fresh the cache is (the last sync, the oldest read),
  read by the worker's schedule and for the status line before the console's first frame.
"""
