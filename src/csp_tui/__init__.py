"""csp-tui: a keyboard-driven terminal console for Microsoft CSP partners."""

__version__ = "0.1.0"
