"""An emulator of the Partner Center REST API with a Czech demo world.

Import-light on purpose (the sandbox profiles' fixed identities are the leaf module
:mod:`csp_tui.sandbox_identity`, read without loading the emulator). Use
:func:`csp_tui.sandbox.transport.sandbox_transport` to mount the sandbox in-process,
:mod:`csp_tui.sandbox.server` to serve it on loopback.
"""
