"""The MSAL token cache of a device code sign-in, kept in one file only its owner may read:
read again when another process (``csp-tui login`` / ``logout`` in a second terminal) changed it,
written atomically when MSAL changed it, its mode tightened when someone loosened it."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from csp_tui.i18n import t
from csp_tui.partner_center.auth.private_files import (
    file_signature,
    private_dir,
    write_private_file,
)

if TYPE_CHECKING:  # msal (and requests under it) is imported only when a real sign-in is used
    import msal  # msal ships no type information (mypy: ignore_missing_imports)

log = logging.getLogger(__name__)


class TokenCacheFile:
    """The cache file behind :class:`~csp_tui.partner_center.auth.device_code.DeviceCodeAuth`
    (which mixes this in and provides the path and the state below)."""

    token_cache_path: Path
    _cache: msal.SerializableTokenCache | None
    # (inode, size, mtime) of the file as we last read or wrote it.
    _disk_signature: tuple[int, int, int] | None
    #: A translated warning about the cache file (e.g. it was unreadable), or None.
    cache_warning: str | None

    def _token_cache(self) -> msal.SerializableTokenCache:
        if self._cache is None:
            import msal

            self._cache = msal.SerializableTokenCache()
        return self._cache

    def _sync_from_disk(self) -> None:
        """Load the cache file if it changed since we last read or wrote it."""
        signature = file_signature(self.token_cache_path)
        if self._cache is not None and signature == self._disk_signature:
            return
        if self._cache is not None and self._cache.has_state_changed:
            # Tokens MSAL just added (a device flow finishing on another thread) must not be
            # replaced by an older file: write ours instead.
            self._persist()
            return
        cache = self._token_cache()
        self._disk_signature = signature
        self.cache_warning = None
        if signature is None:
            cache.deserialize(None)
            return
        if self.token_cache_path.is_symlink():
            # Reading or chmod-ing through a planted link touches a file of someone's choice.
            self.cache_warning = t("files.symlink_refused", path=self.token_cache_path)
            cache.deserialize(None)
            return
        self._tighten_permissions()
        try:
            text = self.token_cache_path.read_text(encoding="utf-8")
            parsed = json.loads(text) if text.strip() else {}
            if not isinstance(parsed, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            # Treated as signed out: signing in again rewrites the file.
            log.warning("token cache %s is unreadable (%s); treating as signed out",
                        self.token_cache_path, type(exc).__name__)
            self.cache_warning = t("auth.cache_unreadable", path=self.token_cache_path)
            cache.deserialize(None)
            return
        cache.deserialize(text if parsed else None)

    def _tighten_permissions(self) -> None:
        """A token cache anybody else can read is a leaked refresh token: fix the mode."""
        private_dir(self.token_cache_path.parent)
        try:
            mode = self.token_cache_path.stat().st_mode & 0o777
            if mode & 0o077:
                os.chmod(self.token_cache_path, 0o600)
                log.warning("token cache %s had mode %o; changed to 600",
                            self.token_cache_path, mode)
        except OSError:
            pass

    def _persist(self) -> None:
        """Write the cache if MSAL changed it: atomically, 0600 from the first byte."""
        cache = self._cache
        if cache is None or not cache.has_state_changed:
            return
        private_dir(self.token_cache_path.parent)
        if self.token_cache_path.is_symlink():
            self.cache_warning = t("files.symlink_refused", path=self.token_cache_path)
            return
        try:
            write_private_file(self.token_cache_path, cache.serialize())
        except OSError as exc:
            # The token still works for this process; say so rather than fail the call.
            log.warning("cannot write token cache %s: %s", self.token_cache_path,
                        exc.strerror or type(exc).__name__)
            self.cache_warning = t("auth.cache_write_failed", path=self.token_cache_path,
                                   detail=exc.strerror or type(exc).__name__)
            return
        self._disk_signature = file_signature(self.token_cache_path)
        self.cache_warning = None
