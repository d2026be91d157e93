"""Templates build their links from route names (`url(name, ...)`): a name must lead to one page route."""

from collections import Counter

from fastapi.routing import APIRoute

from missionmatch.web.routes import ROUTERS


def _page_routes() -> list[APIRoute]:
    return [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]


def test_every_page_route_has_its_own_name() -> None:
    names = Counter(route.name for route in _page_routes())
    assert {name: count for name, count in names.items() if count > 1} == {}


def test_the_page_routes_are_all_listed() -> None:
    # the check above looks at the routers of ROUTERS; the API router (its own names) is not among them
    routes = _page_routes()
    assert len(routes) > 150
    assert not [route.path for route in routes if route.path.startswith("/api/")]
