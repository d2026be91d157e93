"""`missionmatch solve`: schedule a benchmark-format instance and write the benchmark solution format."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("solve")
    def solve_command(
        instance: Path = typer.Argument(..., help="Instance JSON (benchmark format, SCHEMA.json)."),
        out: Path = typer.Option(..., "--out", help="Where to write the solution JSON."),
        fairness: int = typer.Option(2, "--fairness", help="Max breaks - min breaks <= D; negative = none."),
        time_limit: float = typer.Option(60.0, "--time-limit", help="Seconds of wall-clock time."),
        workers: int = typer.Option(2, "--workers", help="Cores: 1 = CP-SAT core search; 2+ = portfolio."),
    ) -> None:
        """Compute a schedule minimising breaks; progress goes to stderr."""
        # heavy solver imports only when the command runs, so the CLI starts fast
        from missionmatch.commands._progress import PlainLines, progress_display
        from missionmatch.scheduling.checker import check
        from missionmatch.scheduling.cpsat_solve import stderr_progress
        from missionmatch.scheduling.io import InstanceError, load_instance, write_solution
        from missionmatch.scheduling.portfolio import solve
        from missionmatch.services.scheduling_run import solver_progress

        try:
            inst = load_instance(instance)
        except InstanceError as e:
            typer.echo(f"error: malformed instance {instance}: {e}", err=True)
            raise typer.Exit(code=2) from e
        d = fairness if fairness >= 0 else None
        stderr_progress(
            f"{inst.name}: {inst.n_participants} participants, {inst.n_meetings} meetings, "
            f"{inst.n_slots} slots, {inst.n_tables} tables; fairness d={d}, "
            f"time limit {time_limit:g}s, {workers} worker(s)"
        )
        with progress_display(f"solve {inst.name}") as shown:
            # a log keeps the solver's own lines; a terminal shows them as a bar
            relay = stderr_progress if isinstance(shown, PlainLines) else solver_progress(shown)
            sol = solve(inst, d, time_limit, max(1, workers), relay)
        problems = check(inst, sol, d)
        if problems:  # never write an unchecked claim
            for p in problems:
                typer.echo(f"internal error: {p}", err=True)
            raise typer.Exit(code=1)
        write_solution(sol, out)
        stderr_progress(
            f"{sol.status} objective={sol.objective} ({sol.engine}, {sol.solve_seconds:.1f}s) -> {out}"
        )
