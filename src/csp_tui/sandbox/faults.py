"""Fault injection: make the sandbox misbehave the way a real network and service do.

Faults apply to ``/v1`` requests only (the ``/_emulator`` controls always work). Kinds:

- ``429``: throttled, with ``Retry-After`` and the throttling body.
- ``500`` / ``503``: server error with a classic error body; the request was NOT processed.
- ``timeout``: the request IS processed, then the answer never comes (the server sleeps far
  longer than any client timeout) — the "unknown outcome" case idempotency keys exist for.
- ``malformed``: processed; 200 with a truncated JSON body.
- ``drop``: processed; the connection closes in the middle of the body.

``error_rate`` draws random 500/503 answers from a seeded generator, so a run is repeatable.

Besides faults, ``variation`` makes the sandbox answer the ways Partner Center documents it may
(on by default in the served sandbox, off in the embedded one unless configured):

- a PATCH of a subscription is sometimes (``accepted_rate``) answered ``202 Accepted`` with a
  relative ``Location`` and no body; the change shows on a later GET;
- some answers (``pascal_rate``: a PATCH answer, a subscription read by id) come with
  PascalCase keys, as the documented PATCH examples do;
- around renewal dates a PATCH gets ``409``: ``900278`` (pending operation, retry after 24 h)
  on the last day of the term, ``800082`` (subscription not ready, retry in minutes) while the
  renewal is processed (the first 24 h of the new term). These follow the virtual clock, not
  chance.

The random choices come from their own generator seeded by ``seed``: the same seed gives the
same sequence of answers, and switching variation on does not shift the fault sequence.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

FAULT_KINDS = ("429", "500", "503", "timeout", "malformed", "drop")
# Kinds applied to the answer of a request that was handled (the others, 429 and 5xx, are
# answered instead of handling the request: it has no effect).
POST_FAULTS = frozenset({"timeout", "malformed", "drop"})


class FaultConfigError(ValueError):
    """A fault setting that makes no sense (unknown kind, rate outside 0..1)."""


def normalise_kind(kind: object) -> str:
    text = str(kind).strip().lower()
    if text not in FAULT_KINDS:
        raise FaultConfigError(f"unknown fault kind {kind!r} (known: {', '.join(FAULT_KINDS)})")
    return text


@dataclass
class FaultConfig:
    latency_ms: int = 0
    error_rate: float = 0.0
    forced: list[str] = field(default_factory=list)
    seed: int = 0
    # How long a ``timeout`` fault keeps the request hanging (seconds).
    hang_seconds: float = 900.0
    # ``Retry-After`` of a forced 429.
    retry_after_seconds: int = 2
    # Documented variation (202 + Location, PascalCase, 409 around renewals); see above.
    variation: bool = False
    accepted_rate: float = 0.25
    pascal_rate: float = 0.25

    def validated(self) -> FaultConfig:
        if self.latency_ms < 0:
            raise FaultConfigError("latency_ms must be >= 0")
        if not 0.0 <= self.error_rate <= 1.0:
            raise FaultConfigError("error_rate must be between 0 and 1")
        if self.hang_seconds <= 0:
            raise FaultConfigError("hang_seconds must be > 0")
        if self.retry_after_seconds < 0:
            raise FaultConfigError("retry_after_seconds must be >= 0")
        for name in ("accepted_rate", "pascal_rate"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise FaultConfigError(f"{name} must be between 0 and 1")
        self.forced = [normalise_kind(kind) for kind in self.forced]
        return self


_KEYS = {
    "latencyms": "latency_ms",
    "errorrate": "error_rate",
    "forced": "forced",
    "seed": "seed",
    "hangseconds": "hang_seconds",
    "retryafterseconds": "retry_after_seconds",
    "variation": "variation",
    "acceptedrate": "accepted_rate",
    "pascalrate": "pascal_rate",
}


def _canonical(key: str) -> str | None:
    return _KEYS.get(key.replace("_", "").replace("-", "").lower())


def config_from_mapping(data: dict[str, Any], base: FaultConfig | None = None) -> FaultConfig:
    """Settings from JSON (``latency_ms`` or ``latencyMs`` …); unknown keys are an error."""
    values = asdict(base or FaultConfig())
    for key, value in data.items():
        name = _canonical(str(key))
        if name is None:
            raise FaultConfigError(f"unknown fault setting {key!r}")
        values[name] = value
    try:
        forced = values["forced"]
        if isinstance(forced, str | int):
            forced = [forced]
        config = FaultConfig(
            latency_ms=int(values["latency_ms"]),
            error_rate=float(values["error_rate"]),
            forced=[str(kind) for kind in forced or []],
            seed=int(values["seed"]),
            hang_seconds=float(values["hang_seconds"]),
            retry_after_seconds=int(values["retry_after_seconds"]),
            variation=_flag(values["variation"]),
            accepted_rate=float(values["accepted_rate"]),
            pascal_rate=float(values["pascal_rate"]),
        )
    except (TypeError, ValueError) as exc:
        raise FaultConfigError(f"invalid fault setting: {exc}") from exc
    return config.validated()


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise FaultConfigError(f"variation must be true or false, not {value!r}")


@dataclass
class FaultCounters:
    requests: int = 0
    throttled: int = 0
    faults_injected: int = 0
    #: Faults really injected, per kind ("429", "timeout", …): what a report may claim.
    injected_by_kind: dict[str, int] = field(default_factory=dict)


class FaultInjector:
    """Decides, per ``/v1`` request, which fault (if any) to inject."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self._lock = threading.Lock()
        self.counters = FaultCounters()
        self.config = FaultConfig()
        self._rng = random.Random(0)
        self._variation_rng = random.Random(0)
        self.configure(config or FaultConfig())

    def configure(self, config: FaultConfig) -> None:
        config.validated()
        with self._lock:
            self.config = config
            self._rng = random.Random(config.seed)
            # Its own stream: switching variation on leaves the fault sequence as it was.
            self._variation_rng = random.Random(f"variation:{config.seed}")

    def vary(self, kind: str) -> bool:
        """Whether this answer takes the documented variant ``kind`` (``accepted`` or
        ``pascal``); always False with variation off."""
        with self._lock:
            if not self.config.variation:
                return False
            rate = self.config.accepted_rate if kind == "accepted" else self.config.pascal_rate
            return self._variation_rng.random() < rate

    def reset(self) -> None:
        """No faults; variation is a mode of the sandbox, not a fault, and stays as it was."""
        current = self.config
        self.configure(FaultConfig(variation=current.variation,
                                   accepted_rate=current.accepted_rate,
                                   pascal_rate=current.pascal_rate))

    def next_fault(self) -> str | None:
        """The fault for the next request: the forced queue first, then the random rate."""
        with self._lock:
            if self.config.forced:
                kind = self.config.forced.pop(0)
            elif self.config.error_rate > 0 and self._rng.random() < self.config.error_rate:
                kind = self._rng.choice(("500", "503"))
            else:
                return None
            self.counters.faults_injected += 1
            by_kind = self.counters.injected_by_kind
            by_kind[kind] = by_kind.get(kind, 0) + 1
            return kind

    def count_request(self) -> None:
        with self._lock:
            self.counters.requests += 1

    def count_throttled(self) -> None:
        with self._lock:
            self.counters.throttled += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            settings = asdict(self.config)
            settings["forced"] = list(self.config.forced)
            return {**settings, "counters": asdict(self.counters)}


# -- authentication faults --------------------------------------------------------------------

AUTH_EXPIRED = "expired"
AUTH_REVOKED = "revoked"


@dataclass
class AuthCounters:
    #: ``/v1`` requests answered 401 because their token was expired or revoked.
    refused: int = 0
    #: ``/v1`` requests answered 401 because their token lacks the MFA claim.
    mfa_refused: int = 0


class AuthFaults:
    """Bearer tokens the sandbox answers with 401, the way Entra ID tokens stop working.

    - *expired*: exactly these token strings are refused; a fresh token (the client refreshes
      through its token provider) works again;
    - *revoked*: every token of a caller (or of every caller) is refused, fresh ones too,
      until the emulator is told the person signed in again;
    - *MFA required*: every token is refused with Partner Center's MFA answer except one marked
      as MFA and issued after the requirement was set (a step-up sign-in), as since 1 April
      2026 for every App+User call.

    Held in memory only: tokens are secrets and never reach the world file.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._expired: set[str] = set()
        self._revoked_callers: set[str] = set()
        self._revoke_all = False
        #: Token sequence number (see :mod:`csp_tui.sandbox.tokens`) when MFA became
        #: required; None: not required.
        self._mfa_since: int | None = None
        self.counters = AuthCounters()

    def expire(self, tokens: list[str]) -> None:
        with self._lock:
            self._expired.update(tokens)

    def revoke(self, caller_key: str) -> None:
        with self._lock:
            self._revoked_callers.add(caller_key)

    def revoke_all(self) -> None:
        with self._lock:
            self._revoke_all = True

    def require_mfa(self, since_sequence: int) -> None:
        """From now on only MFA tokens issued after ``since_sequence`` are honoured."""
        with self._lock:
            self._mfa_since = since_sequence

    def mfa_refusal(self, *, mfa: bool, sequence: int) -> bool:
        """True when a token (MFA-marked or not, issued as ``sequence``) lacks the MFA claim
        the sandbox requires."""
        with self._lock:
            if self._mfa_since is None or (mfa and sequence > self._mfa_since):
                return False
            self.counters.mfa_refused += 1
            return True

    def sign_in(self) -> None:
        """The person signed in again: revocations end (expired tokens stay expired)."""
        with self._lock:
            self._revoked_callers.clear()
            self._revoke_all = False

    def reset(self) -> None:
        with self._lock:
            self._expired.clear()
            self._revoked_callers.clear()
            self._revoke_all = False
            self._mfa_since = None

    def refusal(self, token: str, caller_key: str) -> str | None:
        """Why ``token`` (of the caller ``caller_key``) is refused, or None when it works."""
        with self._lock:
            if self._revoke_all or caller_key in self._revoked_callers:
                reason: str | None = AUTH_REVOKED
            elif token in self._expired:
                reason = AUTH_EXPIRED
            else:
                return None
            self.counters.refused += 1
            return reason

    def snapshot(self) -> dict[str, Any]:
        # Counts only: the controls never echo a token back.
        with self._lock:
            return {
                "expired_tokens": len(self._expired),
                "revoked_callers": sorted(self._revoked_callers),
                "revoke_all": self._revoke_all,
                "mfa_required": self._mfa_since is not None,
                "counters": asdict(self.counters),
            }
