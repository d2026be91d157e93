"""Pages build their links from route names: no template spells out an address, and every `url(...)` call
names a route with exactly its path parameters (a wrong one would only fail on the page that renders it)."""

import re
from pathlib import Path

from fastapi.routing import APIRoute

from missionmatch.web.routes import ROUTERS

TEMPLATES = Path(__file__).parents[2] / "src" / "missionmatch" / "web" / "templates"
# href="/…", action="/…", src="/…", data-…="/…": static files too go through url('static', path=…)
HARD_CODED = re.compile(r'\b(?:href|action|src|data-[\w-]+)="/')
URL_CALL = re.compile(r"\burl\('(\w+)'((?:, \w+=[^,)]+(?:\([^)]*\))?)*)\)")


def _route_parameters() -> dict[str, set[str]]:
    routes = [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
    return {"static": {"path"}} | {route.name: set(route.param_convertors) for route in routes}


def _templates() -> list[Path]:
    return sorted(TEMPLATES.glob("*.html"))


def test_no_template_spells_out_an_address() -> None:
    found = [
        f"{path.name}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HARD_CODED.search(line)
    ]
    assert found == []


def test_every_link_names_a_route_with_its_parameters() -> None:
    parameters = _route_parameters()
    wrong = []
    calls = 0
    for path in _templates():
        for name, arguments in URL_CALL.findall(path.read_text()):
            calls += 1
            given = set(re.findall(r", (\w+)=", arguments))
            if parameters.get(name) != given:
                wrong.append(f"{path.name}: url('{name}') with {sorted(given)}")
    assert wrong == []
    assert calls > 200  # the pattern still finds the calls
