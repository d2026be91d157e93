"""SQLAlchemy models, one concept a file. Importing this package registers every table on `Base.metadata`."""

from missionmatch.models import audit_capture  # noqa: F401  (registers the audit listener)
from missionmatch.models.account import ApiToken, LoginLink, OrganiserAccount, OutboxMail
from missionmatch.models.agreement import (
    Agreement,
    AgreementDocument,
    AgreementSignatory,
    AgreementStatusChange,
)
from missionmatch.models.audit_entry import AuditEntry
from missionmatch.models.b2b_session import B2BSession, InterpreterPool
from missionmatch.models.base import Base
from missionmatch.models.calendar_feed import CalendarFeed
from missionmatch.models.campaign import Campaign
from missionmatch.models.content_revision import bump_content_revision
from missionmatch.models.feedback import Feedback
from missionmatch.models.import_upload import ImportMapping, ImportUpload
from missionmatch.models.job import Job
from missionmatch.models.job_file import JobFile
from missionmatch.models.login_throttle import LoginThrottle
from missionmatch.models.mailing import Mailing
from missionmatch.models.meeting import Meeting
from missionmatch.models.meeting_request import MeetingRequest
from missionmatch.models.mission import Mission
from missionmatch.models.organisation import Organisation
from missionmatch.models.participant import Participant, Unavailability
from missionmatch.models.partner_exclusion import PartnerExclusion
from missionmatch.models.profile import Profile
from missionmatch.models.programme import ProgrammeItem
from missionmatch.models.programme_waiting import WaitingEntry
from missionmatch.models.recommendation import Recommendation
from missionmatch.models.schedule_version import ScheduleVersion
from missionmatch.models.slot_occupancy import SlotOccupancy
from missionmatch.models.web_session import WebSession

__all__ = [
    "Agreement",
    "AgreementDocument",
    "AgreementSignatory",
    "AgreementStatusChange",
    "ApiToken",
    "AuditEntry",
    "B2BSession",
    "Base",
    "CalendarFeed",
    "Campaign",
    "Feedback",
    "ImportMapping",
    "ImportUpload",
    "InterpreterPool",
    "Job",
    "JobFile",
    "LoginLink",
    "LoginThrottle",
    "Mailing",
    "Meeting",
    "MeetingRequest",
    "Mission",
    "Organisation",
    "OrganiserAccount",
    "OutboxMail",
    "Participant",
    "PartnerExclusion",
    "Profile",
    "ProgrammeItem",
    "Recommendation",
    "ScheduleVersion",
    "SlotOccupancy",
    "Unavailability",
    "WaitingEntry",
    "WebSession",
    "bump_content_revision",
]
