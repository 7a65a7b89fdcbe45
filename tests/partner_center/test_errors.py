"""Every documented error body shape maps to the right error class, code and description."""

from __future__ import annotations

from pathlib import Path

import pytest

from csp_tui.partner_center import errors as pce

SAMPLES = Path(__file__).resolve().parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("status", "file", "cls", "code", "description_start"),
    [
        (400, "error-nce-quantity-decrease.json", pce.BadRequestError, "800090",
         "Subscription quantity cannot be decreased."),
        (404, "error-404-mpn-not-found.json", pce.NotFoundError, "3000",
         "Partner Organization with partner_id 9999999"),
        (429, "error-429-throttled.json", pce.ThrottledError, "429",
         "Rate limit is exceeded. Try again in 57 seconds."),
        (409, "error-agreement-already-exists.json", pce.ConflictError, "600061",
         "A partner confirmed agreement already exists"),
        # HTML entities in descriptions are decoded.
        (400, "error-400-license-quota.json", pce.BadRequestError, "60012",
         "We're sorry, it looks like you've run out of licenses."),
    ],
)
def test_sample_error_bodies(status, file, cls, code, description_start) -> None:
    headers = {"MS-RequestId": "rid", "MS-CorrelationId": "cid"}
    error = pce.error_from_parts(status, sample(file), headers)
    assert type(error) is cls
    assert error.status == status
    assert error.code == code
    assert error.description.startswith(description_start)
    assert error.request_id == "rid"
    assert error.correlation_id == "cid"


def test_newer_shape_keeps_error_name_and_server_retryable_flag() -> None:
    error = pce.error_from_parts(409, sample("error-agreement-already-exists.json"))
    assert error.error_name == "PartnerConfirmedAgreementAlreadyExists"
    # The class says 409 is retryable; this answer says it is not, and the answer wins.
    assert error.retryable is False
    assert pce.ConflictError.retryable is True


def test_classic_shape_keeps_data() -> None:
    error = pce.error_from_parts(400, sample("error-400-license-quota.json"))
    assert isinstance(error.data, list)
    assert error.data[0].startswith("LicenseQuotaExceededException")


def test_json_document_inside_description_is_unpacked() -> None:
    error = pce.error_from_parts(400, sample("address-validation-error-legacy.json"))
    assert error.code == "2007"
    assert error.description.startswith("ZipCityInvalid - Details: Field - 'City' is corrected")
    assert error.data["corrected_address"]["city"] == "BELLEVUE"


def test_retry_after_header_is_read() -> None:
    error = pce.error_from_parts(429, sample("error-429-throttled.json"), {"Retry-After": "57"})
    assert error.retry_after == 57.0
    assert pce.error_from_parts(429, "", {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) \
        .retry_after is None


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, pce.BadRequestError), (401, pce.AuthenticationError), (403, pce.ForbiddenError),
     (404, pce.NotFoundError), (409, pce.ConflictError), (412, pce.BadRequestError),
     (429, pce.ThrottledError), (500, pce.ServerError), (503, pce.ServerError),
     (418, pce.PartnerCenterError)],
)
def test_status_decides_the_class(status: int, cls: type) -> None:
    error = pce.error_from_parts(status, "")
    assert type(error) is cls
    assert error.description == f"HTTP {status}"


def test_plain_text_body_becomes_the_description() -> None:
    error = pce.error_from_parts(503, "Service Unavailable\r\n")
    assert isinstance(error, pce.ServerError)
    assert error.description == "Service Unavailable"
    assert error.code is None


def test_bom_and_stray_question_mark_before_json() -> None:
    body = '\ufeff{"code": 1002, "description": "Authorization Failed"}'
    assert pce.error_from_parts(403, body).code == "1002"
    body = '?{"code": 1002, "description": "Authorization Failed"}'
    error = pce.error_from_parts(403, body)
    assert (error.code, error.description) == ("1002", "Authorization Failed")


def test_pascal_case_keys_and_string_codes() -> None:
    error = pce.error_from_parts(400, '{"Code": "2055", "Description": "etag no longer valid"}')
    assert (error.code, error.description) == ("2055", "etag no longer valid")


def test_odata_and_oauth_shapes() -> None:
    odata = pce.error_from_parts(
        403, '{"error": {"code": "Authorization_RequestDenied", "message": "Insufficient"}}')
    assert (odata.code, odata.description) == ("Authorization_RequestDenied", "Insufficient")
    oauth = pce.error_from_parts(
        401, '{"error": "invalid_token", "error_description": "The token expired"}')
    assert isinstance(oauth, pce.AuthenticationError)
    assert (oauth.code, oauth.description) == ("invalid_token", "The token expired")


def test_401_without_body_explains_from_www_authenticate() -> None:
    error = pce.error_from_parts(401, "", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
    assert error.description == 'Bearer error="invalid_token"'


def test_json_string_body() -> None:
    assert pce.error_from_parts(400, '"Invalid input"').description == "Invalid input"


def test_str_shows_status_code_and_description() -> None:
    error = pce.error_from_parts(400, sample("error-nce-quantity-decrease.json"))
    assert str(error) == "[HTTP 400, code 800090] Subscription quantity cannot be decreased."
    assert issubclass(pce.MalformedResponseError, pce.TransportError)
    assert pce.TransportError("x").retryable is True


def test_a_redirect_says_where_it_pointed_without_secrets() -> None:
    from csp_tui.partner_center import errors as pce_errors

    error = pce_errors.error_from_parts(
        301, "", {"Location": "https://user:pw@new.example.com:8443/v1/customers?sig=SECRET"})
    text = str(error)
    assert text.startswith("[HTTP 301] Partner Center answered with a redirect (301) to "
                           "https://new.example.com:8443/v1/customers;")
    assert "base_url" in text
    assert "SECRET" not in text and "pw" not in text and "HTTP 301] HTTP 301" not in text
    assert "redirect" in str(pce_errors.error_from_parts(302, "", {}))
