"""``csp-tui``: read the profile, parse the arguments, run the subcommand's handler.

Without a subcommand it opens the console; subcommands are the headless twins for scripts and
cron. This module must stay light: it never imports Textual (a test guards it) so that
``csp-tui customers --json`` starts fast; each handler is imported only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from csp_tui.cli.parser import build_parser, prescan_profile
from csp_tui.config import ConfigError, Settings, load_settings
from csp_tui.i18n import set_language, t
from csp_tui.output_encoding import survive_any_locale

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

# subcommand -> "module:function"; the modules live in this package, except the console's
# launcher (csp_tui.tui.launch, see _resolve).
HANDLERS: dict[str, str] = {
    "console": "launch:run",
    "info": "info:run",
    "login": "auth:run_login",
    "logout": "auth:run_logout",
    "sandbox serve": "sandbox:run_serve",
    "sandbox reset": "sandbox:run_reset",
    "sandbox accept": "sandbox:run_accept",
    "sandbox advance": "sandbox:run_advance",
    "sync": "sync:run",
    "customers": "listing:run_customers",
    "subscriptions": "listing:run_subscriptions",
    "invitations": "listing:run_invitations",
    "log": "listing:run_log",
    "invite": "invite:run",
    "tenant create": "tenant:run_create",
    "tenant reset-password": "tenant_reset:run",
}


Handler = Callable[[argparse.Namespace, Settings], int]


def _resolve(name: str) -> Handler:
    if name == "console":
        # The command line's one way into the console, imported only when the console opens:
        # the headless subcommands never load Textual (nor the console's modules).
        from csp_tui.tui import launch

        return launch.run
    module_name, func = HANDLERS[name].split(":")
    module = importlib.import_module(f"csp_tui.cli.{module_name}")
    handler: Handler = getattr(module, func)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    survive_any_locale()
    settings: Settings | None = None
    config_error: ConfigError | None = None
    # The environment's language (LANG/LC_ALL) until a profile is read: a config error is
    # told in it, since the profile that would name a language may be what is broken.
    set_language(None)
    try:
        settings = load_settings(prescan_profile(argv))
        set_language(settings.profile.language)
    except ConfigError as exc:
        config_error = exc

    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "console"
    for group in ("sandbox", "tenant"):
        if command == group:
            sub_command = getattr(args, f"{group}_command", None)
            if not sub_command:
                parser.parse_args([*argv, "--help"])
            command = f"{group} {sub_command}"

    if config_error is not None:
        # The problem is put into words here, in the environment's language.
        if config_error.file is None:
            print(t("config.error.no_file", key=config_error.shown_key,
                    problem=config_error.problem), file=sys.stderr)
        else:
            print(t("error.config", file=config_error.file, key=config_error.shown_key,
                    problem=config_error.problem), file=sys.stderr)
        return EXIT_USAGE
    assert settings is not None
    _start_log(args, settings)
    try:
        return int(_resolve(command)(args, settings) or 0)
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `csp-tui customers | head`
        return EXIT_OK
    except Exception as exc:
        problem = _storage_problem(exc)
        if problem is None:
            raise
        print(t("storage.unusable", error=problem), file=sys.stderr)
        return EXIT_FAILURE


def _start_log(args: argparse.Namespace, settings: Settings) -> None:
    from csp_tui import log_file

    level = "DEBUG" if getattr(args, "debug", False) else getattr(args, "log_level", None)
    log_file.configure(settings.locations.log_file, level)


_SQLITE_STORAGE_WORDS = ("disk", "readonly", "read-only", "unable to open", "locked",
                         "not a database", "malformed", "i/o error", "no such file")


def _storage_problem(exc: Exception) -> str | None:
    """What went wrong with the profile's files (a full disk, a directory that is missing or
    read-only, a damaged state.db) in one line, or None when ``exc`` is something else."""
    import sqlite3

    from csp_tui.cache.db import DatabaseError

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc)
        # SQLite's words for the file or the disk failing (anything else is a bug: raise).
        if any(word in text.lower() for word in _SQLITE_STORAGE_WORDS):
            return text
        return None
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or type(exc).__name__
        return f"{where}: {reason}" if where else reason
    return None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
