"""The GET scenarios driven by wrk (C, epoll; `make bench-deps` installs it) with the sessions and tokens the
Python client signed in: the same requests at a small part of the client's CPU, so that the server gets
the cores. Each request carries the next participant's cookie or token in turn (wrk's Lua sees threads,
not connections); latencies are wrk's, from the request written to the response read."""

import itertools
import json
import os
import resource
import subprocess
import tempfile
from pathlib import Path

import httpx

LUA = Path(__file__).with_name("wrk_requests.lua")
COOKIE = "mm_session"


def request_lines(
    name: str, fixture: dict, people: list, organiser: httpx.Cookies, clients: int
) -> list[str] | None:
    """One "PATH<TAB>Header: value" per request, as the Python client sends them (its virtual user i is
    participant i: the pages go to the first `clients` participants); None for a scenario wrk does not
    drive (the POSTs, which need a fresh CSRF token and pair each time)."""
    cookie = [f"Cookie: {COOKIE}={cookies.get(COOKIE)}" for cookies, _csrf in people[:clients]]
    pages = {"agenda": "/me/agenda", "directory": "/me/directory", "recommendations": "/me/recommendations"}
    if name in pages:
        return [f"{pages[name]}\t{header}" for header in cookie]
    if name == "dashboard":
        return [f"/missions/{fixture['slug']}\tCookie: {COOKIE}={organiser.get(COOKIE)}"]
    if name != "api GET":
        return None
    tokens = fixture["api_tokens"]
    api_paths = itertools.cycle(["/api/v1/me/agenda", "/api/v1/me/recommendations", "/api/v1/requests"])
    slug = fixture["slug"]
    organiser_paths = itertools.cycle([f"/api/v1/missions/{slug}", f"/api/v1/missions/{slug}/schedule"])
    lines = []
    for n in range(12 * len(tokens)):  # the Python client's cycle: one call in four the organiser's
        if n % 4 == 3:
            token, path = fixture["organiser_token"], next(organiser_paths)
        else:
            token, path = tokens[n % len(tokens)], next(api_paths)
        lines.append(f"{path}\tAuthorization: Bearer {token}")
    return lines


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(base: str, lines: list[str], clients: int, seconds: float) -> dict:
    """wrk's figures for `clients` connections in a closed loop, with the CPU seconds wrk itself used."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requests:
        requests.write("\n".join(lines) + "\n")
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s", "-s", str(LUA), base]
    cpu = _children_cpu()
    try:
        ran = subprocess.run(
            command, env={**os.environ, "WRK_REQUESTS": requests.name}, capture_output=True, text=True
        )
    finally:
        os.unlink(requests.name)
    if ran.returncode != 0:
        raise RuntimeError(ran.stderr)
    found = json.loads([line for line in ran.stdout.splitlines() if line.startswith("{")][-1])
    found["client_cpu_s"] = _children_cpu() - cpu
    found["non_2xx_3xx"] = found.pop("status")
    found["statuses_text"] = ran.stdout
    return found
