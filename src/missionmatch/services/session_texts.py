"""A B2B session's name and venue in several languages, as the API sets them: each a plain string (the
mission's default language's text, the translations kept) or a map language -> text (every language)."""

from collections.abc import Mapping

from sqlalchemy.orm import Session

from missionmatch.localized import clean_texts
from missionmatch.models import B2BSession
from missionmatch.services.localized_document import text_value_problems
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.setup_fields import lock_row

TEXT_FIELDS = ("name", "venue")


def set_texts(session: Session, b2b: B2BSession, texts: Mapping[str, object]) -> None:
    """Raises InputRejected naming each field and language it cannot store, and writes nothing then; a
    session keeps a name in at least one language."""
    problems = []
    for field, value in texts.items():
        found = text_value_problems(value, "session", field)
        if field == "name" and not found and not clean_texts(value, None, field):
            found = [Problem("session", field, "is required: a text in at least one language")]
        problems.extend(found)
    if problems:
        raise InputRejected(problems)
    lock_row(session, B2BSession, b2b.id)
    for field, value in texts.items():
        setattr(b2b, field, value)
    session.flush()
