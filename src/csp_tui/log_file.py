"""The log file: every command and console writes warnings, errors with their tracebacks and
(with ``--debug``) each call to Partner Center into one rotating file.

Without it, an exception on the worker thread is logged to nowhere. What reaches the file is
what the code logs: call records carry paths with secrets removed, never a token or a body.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
from pathlib import Path

from csp_tui.locations import private_dirs

#: One file of at most this size plus BACKUPS older ones: the log never fills a disk.
MAX_BYTES = 1_000_000
BACKUPS = 3
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_LEVEL = "INFO"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_handler: logging.Handler | None = None


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it starts (the first and each one after a rotation) is 0600 from its
    creation: a log may name customers."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def configure(path: Path, level: str | None = None) -> Path | None:
    """Send csp-tui's log records to ``path`` (rotating) at ``level``; returns the path, or
    None when the file cannot be written (a command must not fail for its log)."""
    global _handler
    logger = logging.getLogger("csp_tui")
    logger.setLevel((level or DEFAULT_LEVEL).upper())
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        private_dirs(path.parent)
        if path.is_symlink():
            return None  # not written through a link someone planted
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False)
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # a file from an older version may be wider
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    _handler = handler
    return path


def stop() -> None:
    """Detach and close the log file, and give the level back to the root logger."""
    global _handler
    logger = logging.getLogger("csp_tui")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    logger.setLevel(logging.NOTSET)
