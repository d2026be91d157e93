"""The audit log's words in the viewer's language: who acted, the operation, the kind of row, the change,
and why an undo was refused. Field names and values are shown as stored: the log is a record."""

from typing import Any

from missionmatch.i18n import mark as _
from missionmatch.models import AuditEntry
from missionmatch.services.audit_undo import UndoRefused
from missionmatch.web.i18n import Translator

ACTORS = {
    "organiser": _("Organiser"),
    "participant": _("Participant"),
    "cli": _("Command line"),
    "job": _("Job"),
    "system": _("System"),
}
OPERATIONS = {
    "": "",
    "withdraw": _("Withdrawal"),
    "undo_withdrawal": _("Withdrawal undone"),
    "bulk_withdraw": _("Withdrawal of a selection"),
    "bulk_check_in": _("Check-in of a selection"),
    "bulk_invite": _("Sign-in links to a selection"),
    "bulk_max_meetings": _("Meeting limit of a selection"),
    "undo_bulk_max_meetings": _("Meeting limit of a selection undone"),
    "bulk_min_meetings": _("Meetings wished by a selection"),
    "undo_bulk_min_meetings": _("Meetings wished by a selection undone"),
    "bulk_add_language": _("Language added to a selection"),
    "undo_bulk_add_language": _("Language added to a selection undone"),
    "bulk_remove_language": _("Language removed from a selection"),
    "undo_bulk_remove_language": _("Language removed from a selection undone"),
    "bulk_timezone": _("Time zone of a selection"),
    "undo_bulk_timezone": _("Time zone of a selection undone"),
    "decline_request": _("Request declined"),
    "undo_decline_request": _("Declined request reopened"),
    "change_attendees": _("Attendees changed"),
    "undo_change_attendees": _("Attendees change undone"),
    "move_meeting": _("Meeting moved"),
    "join_waiting_list": _("Waiting list joined"),
    "leave_waiting_list": _("Waiting list left"),
    "move_waiting_list": _("Waiting list reordered"),
    "promote_waiting": _("Promoted from the waiting list"),
    "expire_requests": _("Requests expired"),
    "record_attendance": _("Attendance recorded"),
    "undo_attendance": _("Attendance cleared"),
}
ENTITIES = {
    "mission": _("Mission"),
    "organisation": _("Organisation"),
    "participant": _("Participant"),
    "profile": _("Profile"),
    "unavailability": _("Unavailability"),
    "programme_item": _("Programme item"),
    "programme_waiting": _("Waiting list"),
    "b2b_session": _("B2B session"),
    "interpreter_pool": _("Interpreters"),
    "request": _("Meeting request"),
    "meeting": _("Meeting"),
    "feedback": _("Feedback"),
    "partner_exclusion": _("Partner exclusion"),
    "agreement": _("Agreement"),
    "agreement_signatory": _("Signatory"),
}
CHANGES = {"created": _("created"), "updated": _("changed"), "deleted": _("deleted")}
REFUSALS = {
    "unknown": _("This operation is not in the log."),
    "not_undoable": _("This operation cannot be undone from the log."),
    "already_undone": _("This operation was already undone."),
    "changed": _("%(row)s was changed since: nothing was undone."),
    "below_min": _("%(row)s now wishes more meetings than the limit to restore: nothing was undone."),
    "above_max": _("%(row)s now accepts fewer meetings than the minimum to restore: nothing was undone."),
    "gone": _("%(row)s has withdrawn or was erased: nothing was undone."),
    "expired": _("Request %(row)s is past its expiry: nothing was undone."),
    "closed": _("Meeting requests are closed: nothing was undone."),
    "open_between": _("%(row)s has another open request with the same person: nothing was undone."),
    "limit": _("%(row)s has reached the mission's limit of open requests: nothing was undone."),
}


def operation_text(t: Translator, name: str) -> str:
    known = OPERATIONS.get(name)
    return t.gettext(known) if known else name


def refusal_text(t: Translator, refused: UndoRefused) -> str:
    return t.gettext(REFUSALS[refused.code], row=refused.row)


def value_text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)


def entry_words(t: Translator, entry: AuditEntry) -> dict[str, str]:
    return {
        "actor": t.gettext(ACTORS.get(entry.actor_kind, entry.actor_kind)),
        "operation": operation_text(t, entry.operation),
        "entity": t.gettext(ENTITIES.get(entry.entity, entry.entity)),
        "change": t.gettext(CHANGES.get(entry.change, entry.change)),
    }
