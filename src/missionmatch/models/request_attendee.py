"""Who else comes to a requested meeting besides the requester and the recipient.

A requester brings colleagues of their own organisation ("bring a colleague"); the recipient's side names
who comes when accepting (a request addressed to an organisation is answered by the one who accepts it).
Every row becomes an attendee of the request's meeting (`services/company_requests.py`).
"""

from sqlalchemy import Column, ForeignKey, Table

from missionmatch.models.base import Base

request_attendee = Table(
    "request_attendee",
    Base.metadata,
    Column("request_id", ForeignKey("meeting_request.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
)
