"""What `missionmatch replan` prints, exactly: the counts, then every change in words."""

from missionmatch.commands.schedule import format_replan
from missionmatch.services.replanning import ReplanReport


def test_replan_lines_say_the_changes_in_words() -> None:
    report = ReplanReport(kept=3, moved=[("m-a", 1, 4), ("m-b", 5, 0)], dropped=["m-c"], added=["m-d"])
    lines = ["A (X) – B (Y): moved from 10:00 AM, table 3 to 2:40 PM, table 7", "C (Z) – D (W): new, …"]
    assert format_replan(report, lines) == "\n".join(
        [
            "Replanned: 3 published meetings kept in place, 2 moved, 1 no longer possible, 1 added",
            "  A (X) – B (Y): moved from 10:00 AM, table 3 to 2:40 PM, table 7",
            "  C (Z) – D (W): new, …",
        ]
    )
