"""Files only their owner may read (the token cache, the MFA step-up state): written atomically,
0600 from their creation, in a 0700 directory."""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

from csp_tui.locations import private_dirs


def file_signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def private_dir(directory: Path) -> None:
    """The profile directory holds the token cache: owner only (0700), whatever the umask."""
    private_dirs(directory)


def write_private_file(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically; the file is 0600 from its creation, so the
    content is never readable by others, not even for a moment."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    # Make the rename itself durable (best effort: not every platform can open a directory).
    with suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_token_cache(path: Path) -> bool:
    """Delete the token cache file; True when there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
