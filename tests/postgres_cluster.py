"""A throwaway PostgreSQL cluster built with Debian's binaries, for the storage tests.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user that Debian's
package creates.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Cluster:
    directory: Path
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def _binaries() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise RuntimeError("PostgreSQL server binaries not found: run `make test`, which installs them")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(owner: str | None, command: list[str]) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def start() -> Cluster:
    binaries = _binaries()
    directory = Path(tempfile.mkdtemp(prefix="missionmatch-pg-"))
    owner = None
    if os.geteuid() == 0:
        owner = "postgres"
        user = pwd.getpwnam(owner)
        os.chown(directory, user.pw_uid, user.pw_gid)
    data = directory / "data"
    subprocess.run(
        _as_owner(
            owner,
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as_owner(
            owner,
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(directory / "log"),
                "-w",
                "start",
            ],
        ),
        check=True,
        capture_output=True,
    )
    cluster = Cluster(directory=directory, port=port, user="postgres")
    _wait_ready(port)
    return cluster


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not start on port {port}")


def stop(cluster: Cluster) -> None:
    binaries = _binaries()
    owner = "postgres" if os.geteuid() == 0 else None
    subprocess.run(
        _as_owner(
            owner,
            [str(binaries / "pg_ctl"), "-D", str(cluster.directory / "data"), "-m", "immediate", "stop"],
        ),
        check=False,
        capture_output=True,
    )
    shutil.rmtree(cluster.directory, ignore_errors=True)
