"""`missionmatch import participants` with a mapping, a dry run that prints the preview, and an update."""

from pathlib import Path

from sqlalchemy import select

from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory
from missionmatch.models import Participant
from tests.commands.test_data_commands import database, mission_file, runner  # noqa: F401

SHEET = (
    "Contact,Prénom,Nom,Société,Côté,Poste\n"
    "anne.muller@luxsat.example.lu,Anne,Muller,LuxSat Services,,Founder\n"
    "jonas.weber@sante.example.lu,Jonas,Weber,Santé Data Lux,,CTO\n"
    "luc@lux.example.lu,Luc,Kayser,LuxQuantum,délégation,\n"
)


def _title(database: Path, email: str) -> str | None:  # noqa: F811
    with make_session_factory(make_engine(f"sqlite:///{database}"))() as session:
        return session.scalar(select(Participant.job_title).where(Participant.email == email))


def test_a_dry_run_prints_the_preview_and_writes_nothing(
    mission_file: Path,  # noqa: F811
    database: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "delegation.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    command = ["import", "participants", str(sheet), "-m", "test-osaka", "--map", "email=Contact"]
    result = runner.invoke(app, [*command, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Preview of delegation.csv (utf-8), participants found by email: 1 to add, 1 to update, 1 unchanged, "
        "1 new organisation(s)",
        "  row 2  update     anne.muller@luxsat.example.lu  Anne Muller (LuxSat Services): "
        "job_title: CEO -> Founder",
        "  row 3  unchanged  jonas.weber@sante.example.lu  Jonas Weber (Santé Data Lux)",
        "  row 4  add        luc@lux.example.lu  Luc Kayser (LuxQuantum)",
        "Nothing was written (--dry-run).",
    ]
    assert _title(database, "anne.muller@luxsat.example.lu") == "CEO"
    assert _title(database, "luc@lux.example.lu") is None

    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Imported 1 participant(s), 1 new organisation(s) from delegation.csv (utf-8); 1 updated, 1 unchanged"
    )
    assert _title(database, "anne.muller@luxsat.example.lu") == "Founder"
    # the mapping was kept for the mission: the same file needs no --map now
    again = runner.invoke(app, ["import", "participants", str(sheet), "-m", "test-osaka", "--dry-run"])
    assert "0 to add, 0 to update, 3 unchanged" in again.output


def test_add_only_refuses_the_registered_participants(
    mission_file: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "delegation.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    command = [
        "import",
        "participants",
        str(sheet),
        "-m",
        "test-osaka",
        "--map",
        "email=Contact",
        "--add-only",
    ]
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    assert "Nothing was written: 2 problem(s) found." in result.output
    assert (
        "row 2, Contact: anne.muller@luxsat.example.lu is already registered in this mission" in result.output
    )
    bad_key = runner.invoke(app, [*command[:-1], "--key", "name"])
    assert (bad_key.exit_code, "--key must be one of email, key" in bad_key.output) == (2, True)
