import typer

from missionmatch.commands._common import session_factory


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Run the web application (pages for organisers and participants, and /api/v1)."""
    import uvicorn

    from missionmatch.web.app import create_app

    typer.echo(f"missionmatch at http://{host}:{port}/")
    uvicorn.run(create_app(session_factory()), host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
