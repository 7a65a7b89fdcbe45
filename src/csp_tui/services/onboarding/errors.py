"""Why creating a tenant cannot go on, as exceptions whose text a person reads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.partner_center.errors import PartnerCenterError


class OnboardingError(Exception):
    """Creating a tenant cannot go on; ``str()`` is a sentence for a person (translated)."""


class RequestFileError(OnboardingError):
    """The request file cannot be used: it names the file and what is wrong with it."""

    def __init__(self, file: Path | str, problem: str) -> None:
        self.file = str(file)
        self.problem = problem
        super().__init__(t("onboarding.file.error", file=self.file, problem=problem))


class InvalidRequestError(OnboardingError):
    """Submitted with a field still wrong; ``results`` holds every field's verdict."""

    def __init__(self, results: Mapping[str, v.FieldResult]) -> None:
        self.results = dict(results)
        bad = [name for name, result in self.results.items() if not result.ok]
        super().__init__(t("onboarding.error.invalid", count=len(bad)))


class NotAllowedError(OnboardingError):
    """The profile's role does not take this path (a reseller creating, a provider asking a
    distributor)."""


def short_error(exc: PartnerCenterError) -> str:
    """Partner Center's complaint, cut to fit beside a form field."""
    return safe_text(str(exc), limit=160)
