"""The request file of ``csp-tui tenant create``: TOML or JSON, or a package a reseller sent
its distributor."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from csp_tui.i18n import t
from csp_tui.services.onboarding.errors import RequestFileError

MAX_REQUEST_FILE_BYTES = 1024 * 1024
PACKAGE_KIND = "csp-tui/new-tenant-request"


def load_request_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The fields of a request file: TOML or JSON, UTF-8, at most 1 MiB.

    The format follows the extension (``.toml`` / ``.json``); any other name is read as JSON
    when it starts with ``{`` and as TOML otherwise. A package written by
    :func:`distributor_package` is accepted too (the distributor creates the tenant from the
    file its reseller sent): its ``customer`` is returned, linked to the reseller that sent it.
    Raises :class:`RequestFileError` naming the file and the problem.
    """
    file = Path(path)
    try:
        if file.is_dir():
            raise RequestFileError(file, t("onboarding.file.directory"))
        with file.open("rb") as handle:
            raw = handle.read(MAX_REQUEST_FILE_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise RequestFileError(file, t("onboarding.file.missing")) from None
    except OSError as exc:
        raise RequestFileError(file, t("onboarding.file.unreadable",
                                       error=exc.strerror or exc)) from None
    if len(raw) > MAX_REQUEST_FILE_BYTES:
        raise RequestFileError(file, t("onboarding.file.too_big",
                                       size=max(size, len(raw)), max=MAX_REQUEST_FILE_BYTES))
    if b"\x00" in raw:
        raise RequestFileError(file, t("onboarding.file.binary"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RequestFileError(file, t("onboarding.file.not_utf8", position=exc.start)) from None
    if not text.strip():
        raise RequestFileError(file, t("onboarding.file.empty"))

    suffix = file.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip()[:1] in ("{", "["))
    data: Any
    if as_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RequestFileError(file, t("onboarding.file.bad_json", detail=exc.msg,
                                           line=exc.lineno, column=exc.colno)) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RequestFileError(file, t("onboarding.file.bad_toml", detail=str(exc))) from None
    if not isinstance(data, dict):
        raise RequestFileError(file, t("onboarding.file.not_table"))
    return _unwrap_package(data)


def _unwrap_package(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") != PACKAGE_KIND or not isinstance(data.get("customer"), dict):
        return data
    customer = dict(data["customer"])
    reseller = data.get("reseller")
    tenant_id = reseller.get("tenant_id") if isinstance(reseller, dict) else None
    if not customer.get("reseller_id") and isinstance(tenant_id, str) and tenant_id:
        customer["reseller_id"] = tenant_id
    return customer
