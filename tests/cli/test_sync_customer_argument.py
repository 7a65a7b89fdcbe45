"""``csp-tui sync --customer`` with a blank id is a usage error, not a traceback."""

from __future__ import annotations

import pytest

from csp_tui import cli


@pytest.mark.parametrize("value", ["", "   "])
def test_a_blank_customer_id_is_refused_in_words(value, isolated_home, capsys):
    assert cli.main(["sync", "--quiet", "--customer", value]) == 2
    err = capsys.readouterr().err
    assert "--customer needs a customer's tenant id" in err
    assert "Traceback" not in err
    # Nothing was opened: the id is checked before the profile's files are touched.
    assert not (isolated_home / "profiles").exists()


def test_a_blank_customer_id_in_czech(isolated_home, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    assert cli.main(["sync", "--customer", " "]) == 2
    assert "--customer potřebuje ID tenantu zákazníka" in capsys.readouterr().err
