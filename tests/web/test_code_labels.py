"""Codes shown to people in words, one function per kind: meeting statuses, solver results, session keys."""

from missionmatch.i18n import Translator
from missionmatch.models import B2BSession, Mission
from missionmatch.models.enums import MeetingStatus
from missionmatch.web.code_labels import meeting_status_label, session_label, solver_status_label


def test_meeting_statuses_in_each_language() -> None:
    shown = {
        lang: meeting_status_label(MeetingStatus.NO_SHOW, Translator(lang)) for lang in ("en", "fr", "ja")
    }
    assert shown == {"en": "No-show", "fr": "Absent", "ja": "欠席"}
    assert meeting_status_label("published", Translator("fr")) == "Publié"
    assert meeting_status_label("unheard_of", Translator("fr")) == "unheard_of"


def test_solver_results_in_words() -> None:
    assert solver_status_label("optimal", Translator("ja")) == "最適"
    assert solver_status_label("feasible", Translator("fr")) == "réalisable, optimalité non prouvée"


def test_a_session_key_is_shown_as_the_sessions_name() -> None:
    mission = Mission(languages=["fr"], slug="m", name="M")
    mission.b2b_sessions = [B2BSession(key="b2b-osaka1-1", name={"fr": "Mardi B2B", "ja": "火曜B2B"})]
    assert session_label(mission, "b2b-osaka1-1").localize("ja") == "火曜B2B"
    assert session_label(mission, "b2b-osaka1-1") == "Mardi B2B"
    assert session_label(mission, "gone") == "gone"
