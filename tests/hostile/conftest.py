"""A partner-center profile pointed at the fake server of ``fake_pc``."""

from __future__ import annotations

import pytest

from .fake_pc import hostile_settings


@pytest.fixture
def settings(isolated_home):
    return hostile_settings(isolated_home)
