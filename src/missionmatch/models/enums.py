"""Closed vocabularies stored as strings (portable across SQLite and PostgreSQL)."""

from enum import StrEnum

from sqlalchemy import Enum


class Side(StrEnum):
    DELEGATION = "delegation"
    HOST = "host"


class DirectoryVisibility(StrEnum):
    """Whom a participant may see in the directory and on profile pages (set per mission)."""

    OTHER_SIDE = "other_side"
    BOTH_SIDES = "both_sides"
    RECOMMENDED = "recommended"


class ProgrammeKind(StrEnum):
    FORUM = "forum"
    WORKSHOP = "workshop"
    COMPANY_VISIT = "company_visit"
    RECEPTION = "reception"
    PAVILION_VISIT = "pavilion_visit"
    TRAVEL = "travel"
    OTHER = "other"


class OrganisationSize(StrEnum):
    MICRO = "micro"
    SME = "sme"
    LARGE = "large"
    PUBLIC = "public"
    ACADEMIC = "academic"
    ASSOCIATION = "association"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    # where organisers approve requests: not yet shown to the recipient / turned down by an organiser
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"
    # stopped by organisers (a request, or an accepted meeting not yet held): the pair cannot be asked again
    VETOED = "vetoed"


class ExclusionKind(StrEnum):
    """Why a participant keeps a partner off their lists (models/partner_exclusion.py)."""

    DISMISSED = "dismissed"  # this recommendation card, this mission
    NOT_INTERESTED = "not_interested"  # never recommended or requested again in the campaign


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    HELD = "held"
    NO_SHOW = "no_show"


class AgreementKind(StrEnum):
    MOU = "mou"
    LETTER_OF_INTENT = "letter_of_intent"
    CONTRACT = "contract"
    COOPERATION_AGREEMENT = "cooperation_agreement"


class AgreementStatus(StrEnum):
    """draft → (negotiating →) signed → in force; abandoned from any of them (services/agreements.py)."""

    DRAFT = "draft"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    ABANDONED = "abandoned"  # "cancelled" before migration 20261202_1445


class FollowUp(StrEnum):
    NONE = "none"
    CALL = "call"
    VISIT = "visit"
    SEND_OFFER = "send_offer"
    AGREEMENT = "agreement"


def db_enum(enum_class: type[StrEnum]) -> Enum:
    """A VARCHAR column with a CHECK constraint: no native enum type, so PostgreSQL migrations stay simple."""
    return Enum(
        enum_class,
        name=enum_class.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
