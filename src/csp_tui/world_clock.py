"""One clock per world: the time a person is shown is the time of the world being shown.

Partner Center runs on the wall clock. The sandbox runs on a virtual clock that ``advance``
moves by days, so a cancellation window that closed in the sandbox must read as closed in
every pane and CLI listing, not as open "by the wall clock". The sandbox keeps its clock in
its world file and, beside it, in a small *clock file* (``<world>.clock.json``) that readers
can afford to look at on every tick: the world file can be megabytes.

This module owns that small file's format (the sandbox writes it, the console and the CLI read
it) and :class:`WorldClock`, which answers ``now()`` for one profile. Nothing here imports the
sandbox, so reading the clock never loads the emulator.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from csp_tui.timestamps import parse_timestamp

CLOCK_SUFFIX = ".clock.json"


def clock_file_for(world_file: Path) -> Path:
    return Path(world_file).with_name(Path(world_file).name + CLOCK_SUFFIX)


def _wall() -> datetime:
    return datetime.now(UTC)


def _parse_instant(value: object) -> datetime | None:
    moment = parse_timestamp(value) if isinstance(value, str) else None
    return moment.astimezone(UTC) if moment is not None else None


def _settings_from(data: Any) -> tuple[float, datetime | None] | None:
    """(offset in seconds, frozen instant) from a clock mapping; None when unreadable."""
    if not isinstance(data, dict):
        return None
    offset = data.get("offsetSeconds", 0.0)
    if isinstance(offset, bool) or not isinstance(offset, int | float):
        return None
    return float(offset), _parse_instant(data.get("frozenAt"))


def write_clock_file(world_file: Path, clock: dict[str, object]) -> None:
    """Write the sandbox clock (``VirtualClock.to_dict()``) beside its world, atomically and
    readable by the owner only."""
    target = clock_file_for(world_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(clock, out)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class WorldClock:
    """``now()`` of one world: the wall clock, or a sandbox's virtual clock read from disk.

    The clock file is read again only when it changed (one ``stat`` per call), so every pane
    can ask on every render. Another process moving the sandbox clock (``csp-tui sandbox
    advance``) is seen at the next call. Thread-safe.
    """

    def __init__(self, world_file: Path | None = None, *,
                 wall: Callable[[], datetime] = _wall) -> None:
        self.world_file = Path(world_file) if world_file is not None else None
        # Both files are looked at on every call (every row drawn asks the time).
        self._files = None if self.world_file is None else (
            (clock_file_for(self.world_file), _read_clock_file),
            (self.world_file, _read_world_clock))
        self._wall = wall
        self._lock = threading.Lock()
        self._signature: tuple[int, int, int] | None = None
        self._settings: tuple[float, datetime | None] = (0.0, None)

    @property
    def virtual(self) -> bool:
        return self.world_file is not None

    def now(self) -> datetime:
        """The world's current time, timezone-aware (UTC)."""
        if self.world_file is None:
            return self._wall()
        with self._lock:
            self._reload()
            offset, frozen = self._settings
        if frozen is not None:
            return frozen
        return self._wall() + timedelta(seconds=offset)

    def offset(self) -> timedelta:
        """How far the world is from the wall clock (zero for Partner Center)."""
        return self.now() - self._wall()

    def _reload(self) -> None:
        assert self._files is not None
        for path, reader in self._files:
            try:
                stat = path.stat()
            except OSError:
                continue
            signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            if signature != self._signature:
                settings = reader(path)
                if settings is None:
                    continue
                self._signature = signature
                self._settings = settings
            return
        # No world yet: the sandbox has not run; its clock starts at the wall clock.
        self._signature = None
        self._settings = (0.0, None)


def _read_clock_file(path: Path) -> tuple[float, datetime | None] | None:
    try:
        return _settings_from(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _read_world_clock(path: Path) -> tuple[float, datetime | None] | None:
    """A world saved before clock files existed: its ``clock`` entry (read once per change)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _settings_from(data.get("clock") if isinstance(data, dict) else None)


def world_clock_for(settings: Any) -> WorldClock:
    """The clock of the world a profile shows: the embedded sandbox's virtual clock for a
    sandbox profile, the wall clock for Partner Center."""
    if settings.profile.is_sandbox:
        return WorldClock(settings.locations.sandbox_state)
    return WorldClock()
