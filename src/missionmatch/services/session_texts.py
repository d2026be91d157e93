"""Texts in several languages as the API sets them (a programme item's, a B2B session's): each a plain string
(the mission's default language's text, the translations kept) or a map language -> text (every language)."""

from collections.abc import Mapping

from sqlalchemy.orm import Session

from missionmatch.localized import clean_texts
from missionmatch.models import B2BSession, ProgrammeItem
from missionmatch.services.localized_document import text_value_problems
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.setup_fields import lock_row

TEXT_FIELDS = ("name", "venue")


def set_localized_texts(
    session: Session, row: B2BSession | ProgrammeItem, texts: Mapping[str, object], label: str, required: str
) -> None:
    """Raises InputRejected naming each field and language it cannot store, and writes nothing then; the
    `required` field keeps a text in at least one language."""
    problems = []
    for field, value in texts.items():
        found = text_value_problems(value, label, field)
        if field == required and not found and not clean_texts(value, None, field):
            found = [Problem(label, field, "is required: a text in at least one language")]
        problems.extend(found)
    if problems:
        raise InputRejected(problems)
    lock_row(session, type(row), row.id)
    for field, value in texts.items():
        setattr(row, field, value)
    session.flush()


def set_texts(session: Session, b2b: B2BSession, texts: Mapping[str, object]) -> None:
    """A session's name (required) and venue."""
    set_localized_texts(session, b2b, texts, "session", "name")
