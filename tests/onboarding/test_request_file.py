"""Reading a tenant request file: TOML or JSON, and a clear error naming the file otherwise."""

from __future__ import annotations

import json

import pytest

from csp_tui.domain.tenant import validate_request
from csp_tui.i18n import set_language
from csp_tui.services.onboarding import (
    MAX_REQUEST_FILE_BYTES,
    RequestFileError,
    load_request_file,
)

from . import valid_request

TOML_REQUEST = """\
company_name = "Pekárna U Lípy s.r.o."
ico = 27082440            # a number without quotes is fine for an IČO
street = "Husova 12/3"
city = "Tábor"
postal_code = "390 02"
first_name = "Jana"
last_name = "Nováková"
email = "jana@pekarna-lipa.cz"
phone = "+420 602 123 456"
domain_prefix = "pekarnaulipy"
"""


def _problem(path) -> RequestFileError:
    with pytest.raises(RequestFileError) as raised:
        load_request_file(path)
    error = raised.value
    assert str(path) in str(error), "the message names the file"
    return error


def test_toml_file_reads_into_a_valid_request(tmp_path):
    path = tmp_path / "pekarna.toml"
    path.write_text(TOML_REQUEST, encoding="utf-8")
    data = load_request_file(path)
    request, results = validate_request(data)
    assert request is not None, {k: r.message("en") for k, r in results.items() if not r.ok}
    assert request.ico == "27082440" and request.city == "Tábor"


def test_json_file_with_a_byte_order_mark_and_no_extension(tmp_path):
    path = tmp_path / "request"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(valid_request()).encode("utf-8"))
    assert load_request_file(path) == valid_request()


def test_missing_file(tmp_path):
    assert "does not exist" in _problem(tmp_path / "nowhere.toml").problem


def test_missing_file_in_czech(tmp_path):
    set_language("cs")
    assert "neexistuje" in _problem(tmp_path / "nikde.toml").problem


def test_directory(tmp_path):
    assert "directory" in _problem(tmp_path).problem


def test_binary_file(tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not a text file" in _problem(path).problem


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "cp1250.toml"
    path.write_bytes('city = "Tábor"\n'.encode("cp1250"))
    assert "UTF-8" in _problem(path).problem


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b'{"company_name": "' + b"x" * MAX_REQUEST_FILE_BYTES + b'"}')
    problem = _problem(path).problem
    assert str(MAX_REQUEST_FILE_BYTES) in problem and str(path.stat().st_size) in problem


def test_bad_toml_says_where(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('company_name = "Pekárna"\nico = \n', encoding="utf-8")
    problem = _problem(path).problem
    assert "TOML" in problem and "line 2" in problem


def test_bad_json_says_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "company_name": "Pekárna",\n}\n', encoding="utf-8")
    problem = _problem(path).problem
    assert "JSON" in problem and "line 3" in problem


def test_empty_file(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("  \n", encoding="utf-8")
    assert "empty" in _problem(path).problem


def test_a_list_is_not_a_request(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([valid_request()]), encoding="utf-8")
    assert "table of fields" in _problem(path).problem


def test_unknown_key_is_reported_with_a_did_you_mean(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text(TOML_REQUEST.replace("postal_code", "postcode"), encoding="utf-8")
    request, results = validate_request(load_request_file(path))
    assert request is None
    message = results["postcode"].message("en") or ""
    assert "postal_code" in message
