"""Screens of the console: main, record detail, help, command log, sign-in."""
