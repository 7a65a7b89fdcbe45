"""The sandbox's route handlers, one module per resource; :mod:`csp_tui.sandbox.app` maps them to
paths."""
