"""OSC 52 payloads with the size cap, and the private-file fallback."""

from __future__ import annotations

import base64
import io
import stat

from csp_tui.services.clipboard import (
    OSC52_MAX_ENCODED_BYTES,
    osc52_sequence,
    save_to_file,
    write_osc52,
)


def _decode(sequence: str) -> str:
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    return base64.b64decode(sequence[len("\x1b]52;c;"):-1]).decode("utf-8")


def test_sequence_round_trips_unicode() -> None:
    text = "https://admin.microsoft.com/x?a=1 — Šumavská pekárna"
    sequence = osc52_sequence(text)
    assert sequence is not None
    assert _decode(sequence) == text


def test_cap_is_on_the_encoded_size() -> None:
    # 3 bytes encode to 4 characters: the largest payload that fits, and one byte more.
    fits = "a" * (OSC52_MAX_ENCODED_BYTES // 4 * 3)
    assert len(base64.b64encode(fits.encode())) <= OSC52_MAX_ENCODED_BYTES
    assert osc52_sequence(fits) is not None
    too_long = fits + "a"
    assert len(base64.b64encode(too_long.encode())) > OSC52_MAX_ENCODED_BYTES
    assert osc52_sequence(too_long) is None
    # Multi-byte characters count by their UTF-8 size, not by characters.
    assert osc52_sequence("š" * (OSC52_MAX_ENCODED_BYTES // 4 * 3 // 2 + 1)) is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_write_only_to_a_terminal() -> None:
    pipe = io.StringIO()
    assert write_osc52("link", pipe) is False
    assert pipe.getvalue() == ""

    terminal = _Terminal()
    assert write_osc52("link", terminal) is True
    assert _decode(terminal.getvalue()) == "link"

    full = _Terminal()
    assert write_osc52("x" * OSC52_MAX_ENCODED_BYTES, full) is False
    assert full.getvalue() == ""


def test_save_to_file_is_private_and_never_overwrites(tmp_path) -> None:
    directory = tmp_path / "exports"
    first = save_to_file("první", directory, "relationship link/../x")
    second = save_to_file("druhý", directory, "relationship link/../x")
    assert first != second
    assert first.parent == directory and second.parent == directory
    assert first.read_text(encoding="utf-8") == "první"
    assert second.read_text(encoding="utf-8") == "druhý"
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "/" not in path.name and ".." not in path.name
        assert path.name.startswith("relationship-link-")
