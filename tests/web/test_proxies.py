"""X-Forwarded-For is believed only from the configured proxies; against a live server on loopback, a
forged header from a direct client changes nothing about the limits."""

import dataclasses
import re
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from missionmatch.settings import WebSettings, parse_networks
from missionmatch.web.app import create_app
from missionmatch.web.proxies import SERVER_OPTIONS, client_address
from tests.web.conftest import PASSWORD, World

PROXIES = parse_networks("127.0.0.1, 10.0.0.0/8")


def test_the_header_counts_only_when_the_peer_is_a_proxy() -> None:
    assert client_address("203.0.113.5", "198.51.100.7", PROXIES) == "203.0.113.5"
    assert client_address("127.0.0.1", "198.51.100.7", PROXIES) == "198.51.100.7"
    # read from the right: what the client itself wrote on the left is not believed
    assert client_address("127.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.3", PROXIES) == "198.51.100.7"
    assert client_address("127.0.0.1", None, PROXIES) == "127.0.0.1"
    assert client_address("127.0.0.1", "198.51.100.7", ()) == "127.0.0.1"


def test_a_bad_proxy_setting_is_named() -> None:
    with pytest.raises(ValueError, match=r"MISSIONMATCH_TRUSTED_PROXIES: 'proxy\.local' is not an address"):
        parse_networks("10.0.0.1, proxy.local")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _live(world: World, settings: WebSettings) -> Iterator[str]:
    port = _free_port()
    # the options `missionmatch serve` runs uvicorn with
    config = uvicorn.Config(
        create_app(world.factory, settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        **SERVER_OPTIONS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def direct(world: World) -> Iterator[str]:
    yield from _live(world, dataclasses.replace(world.settings, trusted_proxies=()))


@pytest.fixture
def behind_proxy(world: World) -> Iterator[str]:
    yield from _live(world, dataclasses.replace(world.settings, trusted_proxies=PROXIES))


def _guess(base: str, password: str, forwarded_for: str) -> int:
    with httpx.Client(base_url=base) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        data = {"csrf_token": token, "email": "orga@a.lu", "password": password}
        return client.post("/login", data=data, headers={"x-forwarded-for": forwarded_for}).status_code


def test_a_forged_forwarded_for_from_a_direct_client_is_ignored(direct: str) -> None:
    statuses = [_guess(direct, "guess", f"198.51.100.{number}") for number in range(6)]
    assert statuses == [401] * 5 + [429]


def test_behind_a_configured_proxy_each_client_is_counted_apart(behind_proxy: str) -> None:
    statuses = [_guess(behind_proxy, "guess", "198.51.100.7") for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    assert _guess(behind_proxy, PASSWORD, "198.51.100.8") == 303
    assert (
        _guess(behind_proxy, PASSWORD, "1.2.3.4, 198.51.100.7") == 429
    )  # the left part is the client's word
