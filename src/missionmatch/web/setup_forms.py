"""Shared by the organiser's setup pages (programme, sessions): the submitted form as plain text values, and
the setup services' error codes in the viewer's language."""

import datetime as dt
from typing import Annotated

from fastapi import Depends, Request

from missionmatch.services.setup_fields import FieldError
from missionmatch.web.i18n import Translator


async def form_values(request: Request) -> dict[str, str]:
    """The text fields of the posted form (the CSRF check has already parsed and cached it)."""
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


SetupForm = Annotated[dict[str, str], Depends(form_values)]
MOMENT = "%Y-%m-%dT%H:%M"  # how a date-and-time field shows a stored moment


def _messages(t: Translator) -> dict[str, str]:
    return {
        "required": t.gettext("This field is required."),
        "too_long": t.gettext("At most %(limit)s characters."),
        "number": t.gettext("Enter a whole number from %(low)s to %(high)s."),
        "moment": t.gettext("Enter a date and a time."),
        "outside_mission": t.gettext("Must lie within the mission dates (%(first)s to %(last)s)."),
        "end_before_start": t.gettext("The end must be after the start."),
        "window_after_b2b": t.gettext("Requests must close before the first B2B session starts (%(start)s)."),
        "unknown_kind": t.gettext("Choose a kind of programme item."),
        "unknown_sector": t.gettext("Unknown sector."),
        "unknown_host": t.gettext("Choose one of the mission's host organisations."),
        "capacity_below_registered": t.gettext(
            "%(registered)s participants are already registered: remove some first or raise the capacity."
        ),
        "no_participant": t.gettext("Choose at least one participant."),
        "not_waiting": t.gettext("This participant is not on the waiting list (any more)."),
        "no_place_left": t.gettext(
            "All %(capacity)s places are taken: cancel a registration or raise the capacity first."
        ),
        "breaks_format": t.gettext(
            "Write each pause as slot:minutes, separated by commas, for example 6:20, 12:60."
        ),
        "break_slot": t.gettext("A pause comes after one of the slots 1 to %(last)s."),
        "break_twice": t.gettext("Two pauses after slot %(slot)s."),
        "break_minutes": t.gettext("A pause lasts from 1 to %(high)s minutes."),
        "session_outside_mission": t.gettext(
            "The session must start and end within the mission dates (%(first)s to %(last)s)."
        ),
        "slot_count_in_use": t.gettext(
            "Scheduled meetings use slots after slot %(count)s (%(keys)s): move or cancel them first."
        ),
        "tables_in_use": t.gettext(
            "Scheduled meetings use tables after table %(count)s (%(keys)s): move or cancel them first."
        ),
        "seats_in_use": t.gettext(
            "Scheduled meetings have more than %(count)s attendees (%(keys)s): change their attendees first."
        ),
        "tables_hosted": t.gettext(
            "%(names)s keep tables after table %(count)s (%(tables)s): give them other tables first."
        ),
        "session_in_use": t.gettext(
            "Scheduled meetings are in this session (%(keys)s): move or cancel them before deleting it."
        ),
        "unknown_language": t.gettext("Unknown language."),
        "unknown_visibility": t.gettext("Unknown directory visibility."),
        "mission_ends_before_start": t.gettext("The mission cannot end before it starts."),
        "unknown_timezone": t.gettext("Unknown time zone."),
        "mission_name_taken": t.gettext("Another mission already has this name."),
        "same_language": t.gettext("Choose two different languages."),
        "pair_exists": t.gettext("This session already has interpreters for %(pair)s: change their number."),
        "interpreters_in_use": t.gettext(
            "Up to %(peak)s scheduled meetings in one slot use a %(pair)s interpreter: "
            "replan or cancel them first."
        ),
    }


def explain(t: Translator, errors: dict[str, FieldError]) -> dict[str, str]:
    """Field name -> message, in the viewer's language."""
    messages = _messages(t)
    shown = {}
    for name, error in errors.items():
        values = {k: t.date(v) if isinstance(v, dt.date) else v for k, v in error.values.items()}
        shown[name] = messages[error.code] % values if values else messages[error.code]
    return shown
