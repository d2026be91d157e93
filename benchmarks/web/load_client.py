"""The load client, run in its own process (the server's CPU is not the client's): `clients` virtual users
each send one request after another for `seconds`, on one scenario at a time. Reads the fixture (prepare.py)
as JSON on stdin, prints one JSON line of results per scenario and level.

    python benchmarks/web/load_client.py BASE_URL --levels 1,50,200 --seconds 30 < fixture.json

`--clients python,wrk` runs each GET scenario and level twice, with this client and with wrk
(wrk_client.py), so that the client's own share of the cores shows; `--server-pid` adds the server's.
The POSTs cycle through the fixture's pairs: the server is started with requests that expire within
seconds, so that a pair can ask again when its turn comes back (a 409 `duplicate` otherwise, counted).
"""

import argparse
import asyncio
import itertools
import json
import re
import ssl
import sys
import time
from collections.abc import Callable

import httpx
from process_cpu import cpu_seconds
from wrk_client import request_lines, run_wrk

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 60.0
TLS = ssl.create_default_context()
Request = Callable[[httpx.AsyncClient], "asyncio.Future[httpx.Response]"]


async def _csrf(client: httpx.AsyncClient, path: str) -> str:
    match = CSRF.search((await client.get(path)).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


async def _participant(base: str, token: str) -> tuple[httpx.Cookies, str]:
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT) as client:
        path = f"/login/link/{token}"
        signed = await client.post(path, data={"csrf_token": await _csrf(client, path)})
        assert signed.status_code == 303, signed.text
        return client.cookies, await _csrf(client, "/me/requests")


async def _organiser(base: str, fixture: dict) -> httpx.Cookies:
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT) as client:
        form = {
            "csrf_token": await _csrf(client, "/login"),
            "email": fixture["organiser_email"],
            "password": fixture["organiser_password"],
        }
        signed = await client.post("/login", data=form)
        assert signed.status_code == 303, signed.text
        return client.cookies


def scenarios(fixture: dict, people: list[tuple[httpx.Cookies, str]], organiser: httpx.Cookies) -> dict:
    """Scenario name -> (cookies of virtual user i, function sending its next request)."""
    slug = fixture["slug"]
    pairs = itertools.cycle(fixture["pairs"])
    seat = {pid: i for i, pid in enumerate(fixture["requesters"])}
    tokens = fixture["api_tokens"]
    api_paths = itertools.cycle(["/api/v1/me/agenda", "/api/v1/me/recommendations", "/api/v1/requests"])
    organiser_paths = itertools.cycle([f"/api/v1/missions/{slug}", f"/api/v1/missions/{slug}/schedule"])
    api_calls = itertools.count()

    def page(path: str):  # type: ignore[no-untyped-def]
        return lambda i: (people[i % len(people)][0], lambda c: c.get(path))

    def api(i: int):  # type: ignore[no-untyped-def]
        def send(client: httpx.AsyncClient):  # type: ignore[no-untyped-def]
            n = next(api_calls)
            if n % 4 == 3:  # one call in four is the organiser's
                token, path = fixture["organiser_token"], next(organiser_paths)
            else:
                token, path = tokens[n % len(tokens)], next(api_paths)
            return client.get(path, headers={"Authorization": f"Bearer {token}"})

        return None, send

    def meeting_request(_i: int):  # type: ignore[no-untyped-def]
        # every POST asks a pair that has not asked each other yet, as that pair's requester
        def send(client: httpx.AsyncClient):  # type: ignore[no-untyped-def]
            requester, recipient = next(pairs)
            cookies, csrf = people[seat[requester]]
            client.cookies = cookies
            form = {"csrf_token": csrf, "recipient_id": str(recipient), "message": "Shall we meet?"}
            return client.post("/me/requests", data=form)

        return None, send

    return {
        "agenda": page("/me/agenda"),
        "directory": page("/me/directory"),
        "recommendations": page("/me/recommendations"),
        "dashboard": lambda _i: (organiser, lambda c: c.get(f"/missions/{slug}")),
        "api GET": api,
        "meeting-request POST": meeting_request,
    }


async def _user(client: httpx.AsyncClient, send, end: float, record: list) -> None:  # type: ignore[no-untyped-def]
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            response = await send(client)
            status = response.status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        record.append((time.monotonic() - started, status))


def _client(base: str, cookies: httpx.Cookies | None) -> httpx.AsyncClient:
    # one TLS context for all: httpx builds one per client otherwise (tens of ms of CPU each, blocking the
    # loop), which with 200 clients stalled every request for seconds and was counted as server latency
    return httpx.AsyncClient(base_url=base, cookies=cookies, timeout=TIMEOUT, verify=TLS)


def _summary(name: str, clients: int, elapsed: float, record: list, cpu: tuple[float, float]) -> dict:
    latencies = sorted(latency for latency, _ in record)

    def quantile(q: float) -> float | None:  # None: no request (every pair had already asked)
        if not latencies:
            return None
        return round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)

    statuses: dict[str, int] = {}
    for _, status in record:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    errors = sum(n for s, n in statuses.items() if not s.isdigit() or int(s) >= 500)
    return {
        "scenario": name,
        "client": "python",
        "client_cores": round(cpu[0] / elapsed, 2),
        "server_cores": round(cpu[1] / elapsed, 2),
        "clients": clients,
        "requests": len(record),
        "rps": round(len(record) / elapsed, 1),
        "p50_ms": quantile(0.50),
        "p95_ms": quantile(0.95),
        "p99_ms": quantile(0.99),
        "errors": errors,
        "statuses": statuses,
    }


def _wrk_summary(name: str, clients: int, found: dict, server_cpu: float) -> dict:
    elapsed = found["duration_us"] / 1e6
    # any status of 400 and above, socket errors and timeouts; a 303 here (to the sign-in page) would be
    # a failure too, so it is listed
    errors = found["connect"] + found["read"] + found["write"] + found["timeout"] + found["non_2xx_3xx"]
    return {
        "scenario": name,
        "client": "wrk",
        "client_cores": round(found["client_cpu_s"] / elapsed, 2),
        "server_cores": round(server_cpu / elapsed, 2),
        "clients": clients,
        "requests": found["requests"],
        "rps": round(found["requests"] / elapsed, 1),
        "p50_ms": round(found["p50_us"] / 1000, 1),
        "p95_ms": round(found["p95_us"] / 1000, 1),
        "p99_ms": round(found["p99_us"] / 1000, 1),
        "errors": errors,  # wrk counts any status of 400 and above, and socket errors and timeouts
        "statuses": {
            k: found[k] for k in ("200", "303", "503", "other", "connect", "read", "timeout") if found[k]
        },
    }


async def _python_run(
    base: str, make, clients: int, seconds: float, server: int
) -> tuple[float, list, tuple]:  # type: ignore[no-untyped-def]
    record: list = []
    users = [make(i) for i in range(clients)]
    opened = [_client(base, cookies) for cookies, _send in users]  # before the clock starts
    cpu, server_cpu = time.process_time(), cpu_seconds(server) if server else 0.0
    started = time.monotonic()
    end = started + seconds
    sends = [send for _cookies, send in users]
    await asyncio.gather(*(_user(c, s, end, record) for c, s in zip(opened, sends, strict=True)))
    elapsed = time.monotonic() - started
    used = (time.process_time() - cpu, (cpu_seconds(server) - server_cpu) if server else 0.0)
    await asyncio.gather(*(c.aclose() for c in opened))
    return elapsed, record, used


async def main(
    base: str, levels: list[int], seconds: float, only: list[str], drivers: list[str], server: int
) -> None:
    fixture = json.load(sys.stdin)
    people = [await _participant(base, token) for token in fixture["link_tokens"]]
    organiser = await _organiser(base, fixture)
    for name, make in scenarios(fixture, people, organiser).items():
        if only and name not in only:
            continue
        for clients in levels:
            lines = request_lines(name, fixture, people, organiser, clients)
            if "python" in drivers:
                elapsed, record, cpu = await _python_run(base, make, clients, seconds, server)
                print(json.dumps(_summary(name, clients, elapsed, record, cpu)), flush=True)
                await asyncio.sleep(2)  # let the server settle between runs
            if "wrk" in drivers and lines is not None:
                server_cpu = cpu_seconds(server) if server else 0.0
                found = run_wrk(base, lines, clients, seconds)
                server_cpu = (cpu_seconds(server) - server_cpu) if server else 0.0
                print(json.dumps(_wrk_summary(name, clients, found, server_cpu)), flush=True)
                await asyncio.sleep(2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--levels", default="1,50,200")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--clients", default="python", help="python, wrk or both: python,wrk")
    parser.add_argument("--server-pid", type=int, default=0, help="the web server's, for its CPU")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    only = [s for s in args.only.split(",") if s]
    asyncio.run(main(args.base, levels, args.seconds, only, args.clients.split(","), args.server_pid))
