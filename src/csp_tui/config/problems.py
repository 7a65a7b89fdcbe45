"""Where and why the config file cannot be used, in the person's words: the TOML parser's
complaints (English, from Python) and a profile's unusable value turned into a
:class:`ConfigError` with a catalog key."""

from __future__ import annotations

import errno
import re
import tomllib
from pathlib import Path
from typing import Any

from csp_tui.config.errors import ConfigError, InvalidValue

# tomllib ends its messages with where it stopped: "... (at line 3, column 7)" or
# "... (at end of document)".
_TOML_POSITION = re.compile(
    r"^(?P<detail>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


_TOML_AT_END = re.compile(r"^(?P<detail>.*?)\s*\(at end of document\)$")


#: Windows editors often start a UTF-8 file with a byte order mark; TOML does not allow it.
UTF8_BOM = "\ufeff"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        # Windows editors often start a UTF-8 file with a byte order mark, which TOML itself
        # does not allow: it is not part of the text, so it is skipped.
        return tomllib.loads(path.read_bytes().decode("utf-8").removeprefix(UTF8_BOM))
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "(encoding)", "config.problem.encoding") from exc
    except OSError as exc:
        raise _read_error(path, exc) from exc


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    """Where the file stops being TOML, in words; the parser's own message (English, from
    Python) follows as technical detail."""
    message = str(exc)
    found = _TOML_POSITION.match(message)
    if found is not None:
        return ConfigError(path, "(syntax)", "config.problem.toml_at", detail=found["detail"],
                           line=int(found["line"]), column=int(found["column"]))
    at_end = _TOML_AT_END.match(message)
    if at_end is not None:
        return ConfigError(path, "(syntax)", "config.problem.toml_at_end",
                           detail=at_end["detail"])
    return ConfigError(path, "(syntax)", "config.problem.toml", detail=message)


def _read_error(path: Path, exc: OSError) -> ConfigError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ConfigError(path, "(file)", "config.problem.unreadable_permission")
    if exc.errno == errno.EISDIR:
        return ConfigError(path, "(file)", "config.problem.unreadable_directory")
    # Anything rarer: the system's own words, as technical detail.
    return ConfigError(path, "(file)", "config.problem.unreadable",
                       detail=exc.strerror or type(exc).__name__)


def profile_error(path: Path, name: str, exc: InvalidValue) -> ConfigError:
    """A profile's field that cannot be used, told with its key path in the file."""
    key = f"profiles.{name}.{exc.field}" if exc.field else f"profiles.{name}"
    return ConfigError(path, key, exc.problem_key, **exc.params)
