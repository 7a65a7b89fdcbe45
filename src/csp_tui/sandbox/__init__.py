"""An emulator of the Partner Center REST API with a Czech demo world.

Import-light on purpose: the configuration layer imports :mod:`csp_tui.sandbox.identity`, and
that must not pull in Starlette. Use :func:`csp_tui.sandbox.transport.sandbox_transport` to
mount the sandbox in-process, :mod:`csp_tui.sandbox.server` to serve it on loopback.
"""
