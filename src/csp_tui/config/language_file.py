"""Saving the language chosen on the console into the profile's table of the config file: one
line changed in place, or nothing written."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from csp_tui.config.problems import UTF8_BOM
from csp_tui.config.profiles import Settings


class ProfileNotInFile(Exception):
    """The profile has no ``[profiles.NAME]`` table in the config file (a built-in profile):
    adding one would replace the built-in definition, so nothing is written."""


class UnsafeEdit(Exception):
    """The profile's table is not written so that one line can be changed safely (inline or
    dotted keys, a key spelled in quotes, the header given twice …)."""


_LANGUAGE_KEY = re.compile(r"^[ \t]*language[ \t]*=")


_LANGUAGE_LINE = re.compile(
    r"""^(?P<head>[ \t]*language[ \t]*=[ \t]*)(?:"[a-z]*"|'[a-z]*')(?P<tail>[ \t]*(?:#.*)?)$""")


def _profile_header(name: str) -> re.Pattern[str]:
    spelled = re.escape(name)
    return re.compile(rf"""^[ \t]*\[[ \t]*profiles[ \t]*\.[ \t]*"""
                      rf"""(?:{spelled}|"{spelled}"|'{spelled}')[ \t]*\][ \t]*(?:#.*)?$""")


def _with_language_line(text: str, name: str, language: str) -> str:
    """``text`` with the ``language`` line of ``[profiles.NAME]`` set (or added under the
    header); UnsafeEdit when the table is not one plain ``[profiles.NAME]`` section."""
    lines = text.splitlines(keepends=True)
    header = _profile_header(name)
    starts = [i for i, line in enumerate(lines) if header.match(line.rstrip("\r\n"))]
    if len(starts) != 1:
        raise UnsafeEdit(name)
    start = starts[0]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
               len(lines))
    found = [i for i in range(start + 1, end) if _LANGUAGE_KEY.match(lines[i])]
    ending = "\r\n" if lines[start].endswith("\r\n") else "\n"
    if len(found) > 1:
        raise UnsafeEdit(name)
    if found:
        body = lines[found[0]].rstrip("\r\n")
        match = _LANGUAGE_LINE.match(body)
        if match is None:
            raise UnsafeEdit(name)
        # The comment after the value stays; so does the line ending.
        lines[found[0]] = (f'{match["head"]}"{language}"{match["tail"]}'
                           f"{lines[found[0]][len(body):]}")
    else:
        if not lines[start].endswith("\n"):
            lines[start] += ending
        lines.insert(start + 1, f'language = "{language}"{ending}')
    return "".join(lines)


def save_profile_language(settings: Settings, language: str) -> Path:
    """Write ``language = "cs"`` (or ``"en"``) into the active profile's table of the config
    file, changing nothing else: comments, other profiles and the order of keys stay.

    One line is replaced (or added under the table's header); the file is parsed before and
    after, and written only if that one value is the whole difference — atomically, through a
    symlink to its target, with its permissions kept. Raises :class:`ProfileNotInFile`,
    :class:`UnsafeEdit` and ``OSError``.
    """
    if language not in {"cs", "en"}:
        raise ValueError(f"unknown language {language!r}")
    name = settings.profile.name
    path = settings.locations.config_file
    if not path.exists():
        raise ProfileNotInFile(name)
    target = path.resolve()
    try:
        text = target.read_text(encoding="utf-8")
        expected = tomllib.loads(text.removeprefix(UTF8_BOM))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UnsafeEdit(name) from exc
    table = expected.get("profiles", {}).get(name)
    if not isinstance(table, dict):
        raise ProfileNotInFile(name)
    table["language"] = language
    changed = _with_language_line(text, name, language)
    try:
        if tomllib.loads(changed.removeprefix(UTF8_BOM)) != expected:
            raise UnsafeEdit(name)
    except tomllib.TOMLDecodeError as exc:
        raise UnsafeEdit(name) from exc
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         target.stat().st_mode & 0o777)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(changed)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target
