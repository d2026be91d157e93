"""The application factory: one engine/session factory, settings, middleware, routers, error pages."""

import logging
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from missionmatch.settings import WebSettings, load_settings, load_web_settings
from missionmatch.tasks.queue import JobQueue, build_queue
from missionmatch.web.cache_hits import CachedHits
from missionmatch.web.connection_gate import install_connection_gate
from missionmatch.web.deps import LoginRequired
from missionmatch.web.error_pages import error_page, wants_html
from missionmatch.web.page_cache import PageCache
from missionmatch.web.proxies import TrustedProxies
from missionmatch.web.routes import ROUTERS, api
from missionmatch.web.routes.api.errors import api_http_error
from missionmatch.web.routes.api.openapi import api_openapi
from missionmatch.web.security_headers import SecurityHeaders
from missionmatch.web.shared_bodies import SharedBodies

STATIC_DIR = Path(__file__).parent / "static"
SESSION_DAYS = 14


def _default_session_factory() -> sessionmaker[Session]:
    from missionmatch import migrate
    from missionmatch.db import make_engine, make_session_factory

    engine = make_engine()
    if migrated := migrate.upgrade(engine):
        logging.getLogger("missionmatch").warning(migrated.describe(engine))
    return make_session_factory(engine)


def _page_cache() -> PageCache:
    settings = load_settings()
    directory, entries = settings.page_cache_dir, settings.page_cache_entries
    return PageCache(entries, SharedBodies(directory, entries) if directory and entries else None)


def create_app_from_environment() -> FastAPI:
    """For `uvicorn --factory` (`missionmatch serve --workers N`): each worker process builds its own engine,
    pool and gate from the environment."""
    return create_app()


def create_app(
    session_factory: sessionmaker[Session] | None = None,
    settings: WebSettings | None = None,
    queue: JobQueue | None = None,
    page_cache: PageCache | None = None,
) -> FastAPI:
    app = FastAPI(
        title="missionmatch", version="1", docs_url="/api/v1/docs", openapi_url="/api/v1/openapi.json"
    )
    app.state.session_factory = session_factory or _default_session_factory()
    install_connection_gate(app)
    app.state.settings = settings or load_web_settings()
    app.state.page_cache = _page_cache() if page_cache is None else page_cache
    # long work goes to the worker; jobs that run here (immediate queue) mail with these settings
    app.state.queue = queue or build_queue(app.state.session_factory, mail=app.state.settings.mail)
    app.add_middleware(CachedHits)  # inside the session middleware: it reads the decoded cookie
    app.add_middleware(
        SessionMiddleware,
        secret_key=app.state.settings.secret_key,
        session_cookie="mm_session",
        max_age=SESSION_DAYS * 24 * 3600,
        same_site="lax",
        https_only=app.state.settings.https_only,
    )
    app.add_middleware(TrustedProxies, proxies=app.state.settings.trusted_proxies)  # outermost: first
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)  # the schema documents /api/v1 only
    app.include_router(api.router)
    app.openapi = lambda: api_openapi(app)  # type: ignore[method-assign]
    _install_error_handlers(app)

    app.add_middleware(SecurityHeaders)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "authentication required"}, status_code=401)
        target = "/login" if error.role == "organiser" else "/login/participant"
        return RedirectResponse(f"{target}?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if _is_api(request):
            return api_http_error(request, error)
        page = error_page(request, error.status_code)
        page.headers.update(error.headers or {})  # Retry-After of a 503
        return page

    @app.exception_handler(StarletteHTTPException)
    async def routing_error(request: Request, error: StarletteHTTPException) -> Response:
        # Starlette's own 404 and 405 (no route, or not this method); the pages keep FastAPI's default
        if _is_api(request):
            return api_http_error(request, error)
        if error.status_code in (404, 405):  # an unknown address: the page, never a raw JSON body
            return error_page(request, error.status_code)
        return await http_exception_handler(request, error)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> Response:
        # the server's own failure (logged by Starlette); a browser reads it in its language
        if wants_html(request):
            return error_page(request, 500)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, error: RequestValidationError) -> Response:
        # 422 naming each field, for the API and for hand-crafted form posts alike; a browser gets a page
        if wants_html(request):
            return error_page(request, 422)
        problems = [
            {"field": ".".join(str(part) for part in e["loc"][1:]), "message": e["msg"]}
            for e in error.errors()
        ]
        return JSONResponse({"detail": "invalid input", "errors": problems}, status_code=422)
