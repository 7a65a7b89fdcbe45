"""A problem in the config file, kept as a catalog key and worded when shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t


class ConfigError(Exception):
    """A problem in the config file, told as file + key + what to fix.

    It is raised before the profile's language is known (the profile may be what is broken),
    so the problem is kept as a catalog key (``config.problem.*``) with its parameters and put
    into words only when shown: :attr:`problem` and ``str()`` are in the current language.
    ``detail`` is technical text from elsewhere (the TOML parser's message), shown as it is.
    """

    def __init__(self, file: Path | None, key: str, problem_key: str, /, *,
                 detail: str | None = None, **params: object) -> None:
        super().__init__(file, key, problem_key)
        self.file = file
        self.key = key
        self.problem_key = problem_key
        self.params = params
        self.detail = detail

    @property
    def problem(self) -> str:
        text = t(self.problem_key, **self.params)
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def where(self) -> str:
        """The file, or the built-in settings when there is no file."""
        return str(self.file) if self.file else t("config.where.builtin")

    @property
    def shown_key(self) -> str:
        """The key path as it may reach a terminal: a key is whatever the file spells, escape
        sequences included."""
        return safe_text(self.key)

    def __str__(self) -> str:
        return f"{self.where}: {self.shown_key}: {self.problem}"


class InvalidValue(ValueError):
    """A profile's field that cannot be used, as a catalog key with its parameters; the loader
    turns it into a :class:`ConfigError` with the key path of the file."""

    def __init__(self, problem_key: str, /, *, field: str = "", **params: object) -> None:
        super().__init__(f"{field}: {problem_key}" if field else problem_key)
        self.problem_key = problem_key
        self.field = field
        # Any: the parameters are passed on as keywords of ConfigError.
        self.params: dict[str, Any] = params
