"""`missionmatch backup FILE` and `missionmatch restore FILE`: the database of MISSIONMATCH_DATABASE_URL."""

from pathlib import Path

import typer

from missionmatch.backup import BackupError


def backup_command(
    file: Path = typer.Argument(..., help="Where to write the backup (SQLite file or pg_dump archive)."),
) -> None:
    """Back up the whole database while the application runs."""
    from missionmatch import backup
    from missionmatch.settings import load_settings

    try:
        backup.backup(load_settings().database_url, file)
    except BackupError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Backup written to {file} ({file.stat().st_size} bytes)")


def restore_command(
    file: Path = typer.Argument(..., help="A backup made by `missionmatch backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask: replace the database's contents."),
) -> None:
    """Replace the database's contents with a backup (stop the web and worker processes first)."""
    from missionmatch import backup
    from missionmatch.settings import load_settings

    if not yes:
        typer.confirm("Everything in the database will be replaced by the backup. Go on?", abort=True)
    try:
        backup.restore(load_settings().database_url, file)
    except BackupError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Restored from {file}")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
