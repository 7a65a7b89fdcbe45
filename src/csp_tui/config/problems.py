"""Where and why the config file cannot be used, in the person's words: the TOML parser's and
pydantic's complaints (English, from libraries) turned into a :class:`ConfigError` with a
catalog key."""

from __future__ import annotations

import errno
import re
import tomllib
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from csp_tui.config.errors import ConfigError, InvalidValue
from csp_tui.config.profiles import Profile

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


#: pydantic's error types -> what to write instead (pydantic's messages are English).
_PROBLEM_BY_TYPE = {
    "extra_forbidden": "config.problem.unknown_key",
    "int_type": "config.problem.integer",
    "int_parsing": "config.problem.integer",
    "int_from_float": "config.problem.integer",
    "float_type": "config.problem.number",
    "float_parsing": "config.problem.number",
    "finite_number": "config.problem.number",
    "bool_type": "config.problem.boolean",
    "bool_parsing": "config.problem.boolean",
    "string_type": "config.problem.string",
    "string_unicode": "config.problem.string",
}


#: Range errors: the limit comes from the error's context.
_LIMITS = {
    "greater_than_equal": ("ge", "config.problem.at_least"),
    "greater_than": ("gt", "config.problem.greater_than"),
    "less_than_equal": ("le", "config.problem.at_most"),
    "less_than": ("lt", "config.problem.less_than"),
}


def _limit(value: object) -> object:
    """``0.0`` is written ``0``: the person types a whole number where one fits."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _allowed_values(field_name: str) -> str | None:
    """The values an enum field accepts, as they are written in the file."""
    info = Profile.model_fields.get(field_name)
    annotation = info.annotation if info is not None else None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ", ".join(f'"{member.value}"' for member in annotation)
    return None


def profile_error(path: Path, name: str, exc: ValidationError) -> ConfigError:
    """The first of pydantic's complaints, told with the key path and what to write instead."""
    err = exc.errors()[0]
    parts = err.get("loc", ())
    loc = ".".join(str(p) for p in parts)
    key = f"profiles.{name}.{loc}" if loc else f"profiles.{name}"
    kind = err.get("type", "")
    context = err.get("ctx") or {}
    if isinstance(context.get("error"), InvalidValue):
        return ConfigError(path, key, context["error"].problem_key)
    if kind in _LIMITS:
        bound, problem = _LIMITS[kind]
        return ConfigError(path, key, problem, limit=_limit(context.get(bound)))
    if kind == "enum":
        allowed = _allowed_values(str(parts[0])) if parts else None
        if allowed:
            return ConfigError(path, key, "config.problem.one_of", allowed=allowed)
    if kind in _PROBLEM_BY_TYPE:
        return ConfigError(path, key, _PROBLEM_BY_TYPE[kind])
    # A shape this table did not foresee: pydantic's error type names it for support.
    return ConfigError(path, key, "config.problem.invalid_value", detail=kind or None)
