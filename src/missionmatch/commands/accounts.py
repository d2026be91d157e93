import typer

from missionmatch.commands._common import database_work
from missionmatch.services.accounts import MIN_PASSWORD_LENGTH, create_api_token, create_organiser
from missionmatch.services.missions import get_mission

accounts_app = typer.Typer(help="Organiser accounts and API tokens.", no_args_is_help=True)


@accounts_app.command("create-organiser")
def create_organiser_command(
    email: str = typer.Argument(..., help="The organiser's e-mail address (their login)."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    mission: list[str] = typer.Option([], "--mission", "-m", help="Mission slug or name; repeatable."),
    name: str = typer.Option("", help="Display name."),
    api_token: bool = typer.Option(False, "--api-token", help="Also print a new API token."),
) -> None:
    """Create an organiser (or reset their password) and link them to missions they manage."""
    if len(password) < MIN_PASSWORD_LENGTH:
        typer.echo(f"Error: the password needs at least {MIN_PASSWORD_LENGTH} characters.", err=True)
        raise typer.Exit(1)
    with database_work() as session:
        missions = [get_mission(session, slug) for slug in mission]
        account = create_organiser(session, email, password, missions, name=name)
        typer.echo(
            f"Organiser {account.email} manages: {', '.join(m.slug for m in account.missions) or 'none'}"
        )
        if api_token:
            typer.echo(f"API token: {create_api_token(session, organiser=account, label='cli')}")


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")
