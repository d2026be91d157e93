"""The console script's edge: a wrong setting is one line naming the variable, exit status 2, no traceback."""

import os
import subprocess
import sys
from pathlib import Path


def test_a_wrong_setting_ends_the_command_with_its_message_alone(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "MISSIONMATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "MISSIONMATCH_DB_POOL_SIZE": "abc",
    }
    done = subprocess.run(
        [sys.executable, "-m", "missionmatch.cli", "cleanup"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "missionmatch: MISSIONMATCH_DB_POOL_SIZE: 'abc' is not a whole number\n",
    )
    assert not (tmp_path / "cli.db").exists()  # refused before anything was opened
