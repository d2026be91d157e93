"""The `missionmatch` command line.

Each module of `missionmatch.commands` contributes its commands through a `register(app)` function, so that
features stay in their own files and this entry point never grows.
"""

import getpass
import importlib
import pkgutil
from contextlib import ExitStack

import typer

from missionmatch import commands
from missionmatch.models.audit_actor import Actor, acting_as
from missionmatch.settings import SettingError

app = typer.Typer(
    name="missionmatch",
    help="B2B matchmaking and meeting scheduling for economic missions.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _audit_as_cli(ctx: typer.Context) -> None:
    """What a command changes goes to the audit log as done from the command line, by the system user.
    Not for the server and the worker: their requests and jobs say who acts."""
    if ctx.invoked_subcommand in ("serve", "worker"):
        return
    stack = ExitStack()
    stack.enter_context(acting_as(Actor("cli", None, _user())))
    ctx.call_on_close(stack.close)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the process's user id (a container)
        return ""


def _register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(app)


_register_commands()


def main() -> None:
    """The console script: a wrong setting ends with its one-line message (naming the variable), not a
    traceback."""
    try:
        app()
    except SettingError as error:
        typer.echo(f"missionmatch: {error}", err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
