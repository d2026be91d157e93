"""What `missionmatch replan` prints, exactly, including a meeting that changed B2B session."""

from missionmatch.commands.schedule import format_replan
from missionmatch.services.replanning import ReplanReport


def test_replan_lines_name_a_change_of_session() -> None:
    report = ReplanReport(
        kept=3,
        moved=[("m-a", 1, 4), ("m-b", 5, 0)],
        dropped=["m-c"],
        added=["m-d"],
        sessions_changed={"m-b": ("b2b-1", "b2b-2")},
    )
    assert format_replan(report) == "\n".join(
        [
            "Replanned: 3 published meetings kept in place, 2 moved, 1 no longer possible, 1 added",
            "  moved m-a: slot 2 -> slot 5",
            "  moved m-b: slot 6 -> slot 1 (b2b-1 -> b2b-2)",
            "  cannot be held any more: m-c",
            "  added m-d",
        ]
    )
