from typing import Any

from missionmatch.i18n import Translator
from missionmatch.services.change_words import change_line

LABELS = {"p-akiko": "Akiko Tanaka (JAXA)", "p-marc": "Marc Weber (LSA)"}
TOKYO = "Asia/Tokyo"


def entry(starts_at: str | None, table: int | None) -> dict[str, Any]:
    return {
        "session": "osaka-1",
        "slot": 1,
        "starts_at": starts_at,
        "table": table,
        "interpreter": None,
        "participants": ["p-akiko", "p-marc"],
    }


MORNING = entry("2025-05-27T10:00", 2)
AFTERNOON = entry("2025-05-27T14:40", 6)
NEXT_DAY = entry("2025-05-28T09:00", 0)


def line(language: str, change: str, before: Any, after: Any, zone: str | None = None) -> str:
    t = Translator(language, zone=zone)
    return change_line(t, {"change": change, "before": before, "after": after}, LABELS, TOKYO)


def test_a_move_on_the_same_day_shows_times_only() -> None:
    assert line("fr", "moved", MORNING, AFTERNOON) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA) : déplacé de 10:00, table 3 à 14:40, table 7"
    )
    assert line("en", "moved", MORNING, AFTERNOON) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA): moved from 10:00\u202fAM, table 3 to 2:40\u202fPM, table 7"
    )


def test_a_move_to_another_day_shows_both_days() -> None:
    assert line("en", "moved", MORNING, NEXT_DAY) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA): moved from May 27, 2025, 10:00\u202fAM, table 3 "
        "to May 28, 2025, 9:00\u202fAM, table 1"
    )
    assert line("ja", "moved", MORNING, NEXT_DAY) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA)：2025/05/27 10:00、テーブル 3 から "
        "2025/05/28 9:00、テーブル 1 へ変更"
    )


def test_new_and_cancelled_meetings() -> None:
    assert line("en", "added", None, AFTERNOON) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA): new, May 27, 2025, 2:40\u202fPM, table 7"
    )
    assert line("fr", "cancelled", MORNING, None) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA) : annulé, 27 mai 2025, 10:00, table 3"
    )
    assert line("ja", "added", None, AFTERNOON) == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA)：新規、2025/05/27 14:40、テーブル 7"
    )


def test_times_follow_the_readers_zone_and_a_missing_table_is_left_out() -> None:
    # 10:00 in Tokyo is 03:00 in Luxembourg (summer time)
    assert line("en", "cancelled", entry("2025-05-27T10:00", None), None, zone="Europe/Luxembourg") == (
        "Akiko Tanaka (JAXA) – Marc Weber (LSA): cancelled, May 27, 2025, 3:00\u202fAM"
    )


def test_an_unknown_participant_is_shown_by_key() -> None:
    stranger = {**MORNING, "participants": ["p-akiko", "p-gone"]}
    assert line("en", "cancelled", stranger, None) == (
        "Akiko Tanaka (JAXA) – p-gone: cancelled, May 27, 2025, 10:00\u202fAM, table 3"
    )
