"""The client's address: the direct peer, or what `X-Forwarded-For` says when the peer is one of the
reverse proxies named in `MISSIONMATCH_TRUSTED_PROXIES` (addresses or networks, comma-separated).

Anyone can send the header; only a configured proxy's word is taken. The header is read from the right:
each trusted proxy appends the address it received from, so the first address from the right that is not a
trusted proxy is the client. The server itself must not rewrite the address before (uvicorn's own
proxy_headers would believe any client on 127.0.0.1): `missionmatch serve` passes SERVER_OPTIONS."""

import ipaddress
from collections.abc import Iterable
from typing import TypedDict

from starlette.types import ASGIApp, Receive, Scope, Send

from missionmatch.settings import Network


class ServerOptions(TypedDict):
    """Keyword arguments for uvicorn.run/uvicorn.Config; typed so mypy checks them against uvicorn's."""

    proxy_headers: bool


SERVER_OPTIONS: ServerOptions = {"proxy_headers": False}


def _trusted(address: str, proxies: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(peer: str, forwarded_for: str | None, proxies: tuple[Network, ...]) -> str:
    if not forwarded_for or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer


class TrustedProxies:
    """ASGI middleware setting `request.client` to the client's address as described above."""

    def __init__(self, app: ASGIApp, proxies: tuple[Network, ...]) -> None:
        self.app = app
        self.proxies = proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            headers = dict(scope["headers"])
            forwarded = headers.get(b"x-forwarded-for")
            peer = scope["client"][0]
            address = client_address(peer, forwarded.decode("latin-1") if forwarded else None, self.proxies)
            if address != peer:
                scope = {**scope, "client": (address, 0)}
        await self.app(scope, receive, send)
