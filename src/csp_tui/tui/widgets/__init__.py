"""Widgets of the console: the virtual table, panes, status bar, command line."""
