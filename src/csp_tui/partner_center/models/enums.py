"""Enums compared case- and separator-insensitively; a value nobody documented lands in
``UNKNOWN`` rather than failing."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self


def squash(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch.isalnum())


class PCEnum(StrEnum):
    """An enum read case- and separator-insensitively ("OneTime" == "one_time" == "onetime").

    Values Partner Center has not documented land in ``UNKNOWN`` instead of failing. Each
    subclass must define ``UNKNOWN``; ``_aliases`` maps extra squashed spellings to members.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if value is None:
            return None
        key = squash(str(value))
        for member in cls:
            if squash(member.value) == key or squash(member.name) == key:
                return member
        alias = cls._alias_table().get(key)
        if alias is not None:
            return cls[alias]
        return cls["UNKNOWN"]

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {}

    @classmethod
    def parse(cls, value: object) -> Self | None:
        """The member for ``value``; ``None`` for absent or blank values."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, cls):
            return value
        # Read as text: a number or a bool lands where its spelling does (see _missing_).
        return cls(str(value))


class RelationshipToPartner(PCEnum):
    NONE = "none"
    RESELLER = "reseller"
    ADVISOR = "advisor"
    SYNDICATION = "syndication"
    MICROSOFT_SUPPORT = "microsoft_support"
    UNKNOWN = "unknown"


class SubscriptionStatus(PCEnum):
    NONE = "none"
    ACTIVE = "active"
    PENDING = "pending"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    DISABLED = "disabled"
    DELETED = "deleted"
    UNKNOWN = "unknown"


class BillingCycle(PCEnum):
    MONTHLY = "monthly"
    ANNUAL = "annual"
    TRIENNIAL = "triennial"
    ONE_TIME = "one_time"
    NONE = "none"
    UNKNOWN = "unknown"

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {"yearly": "ANNUAL", "month": "MONTHLY", "year": "ANNUAL", "once": "ONE_TIME"}


class QualificationType(PCEnum):
    NONE = "None"
    EDUCATION = "Education"
    NONPROFIT = "Nonprofit"
    GOVERNMENT_COMMUNITY_CLOUD = "GovernmentCommunityCloud"
    STATE_OWNED_ENTITY = "StateOwnedEntity"
    UNKNOWN = "Unknown"

    @classmethod
    def _alias_table(cls) -> dict[str, str]:
        return {"gcc": "GOVERNMENT_COMMUNITY_CLOUD", "soe": "STATE_OWNED_ENTITY",
                "nonprofitorganization": "NONPROFIT"}


class VettingStatus(PCEnum):
    NONE = "None"
    IN_REVIEW = "InReview"
    APPROVED = "Approved"
    DENIED = "Denied"
    UNKNOWN = "Unknown"


class PartnerRelationshipType(PCEnum):
    IS_INDIRECT_RESELLER_OF = "is_indirect_reseller_of"
    IS_INDIRECT_CLOUD_SOLUTION_PROVIDER_OF = "is_indirect_cloud_solution_provider_of"
    UNKNOWN = "unknown"
