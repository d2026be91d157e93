"""Rendering pages: every template receives the translator, the CSRF token and the signed-in role."""

import datetime as dt
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from missionmatch.localized import viewing_in
from missionmatch.sectors import SECTORS, sector_name
from missionmatch.services.change_words import change_lines
from missionmatch.services.person_names import display_name
from missionmatch.web.code_labels import meeting_status_label, session_label, solver_status_label
from missionmatch.web.deps import get_translator
from missionmatch.web.i18n import LANGUAGE_NAMES, LANGUAGES
from missionmatch.web.localized_forms import form_languages
from missionmatch.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
# schedule changes in words (replan reports): change_lines(t, mission, changes)
TEMPLATES.env.globals.update(change_lines=change_lines, zip=zip, person_name=display_name)


def sector_label(code: str, language: str) -> str:
    """A sector's name in the page's language; a code outside the vocabulary as it is."""
    return sector_name(code, language) if code in SECTORS else code


def month_year(day: dt.date, language: str) -> str:
    """ "May 2025", "mai 2025", "2025年5月"."""
    return format_skeleton("yMMMM", day, locale=language)


def number(value: int, language: str) -> str:
    """ "3,000", "3 000", "3,000": counts written the viewer's way."""
    return format_decimal(value, locale=language)


# sector_label(code, lang): never a raw code such as "ai" on a page
TEMPLATES.env.globals.update(sector_label=sector_label, month_year=month_year, number=number)
# meeting_status_label(status, t), solver_status_label(status, t), session_label(mission, key)
TEMPLATES.env.globals.update(
    meeting_status_label=meeting_status_label,
    solver_status_label=solver_status_label,
    session_label=session_label,
    form_languages=form_languages,
)


@pass_context
def url(context: Context, name: str, **path_params: Any) -> str:
    """A route's path from its name ("/missions/osaka/schedule"): links stay relative, and a wrong name or a
    missing parameter fails at render, where the page tests see it. Query strings are appended by the page."""
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **{key: str(value) for key, value in path_params.items()}))


TEMPLATES.env.globals.update(url=url)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    translator = get_translator(request)
    with viewing_in(translator.language):  # content in several languages shown in the viewer's
        return TEMPLATES.TemplateResponse(
            request,
            name,
            {
                "_": translator.gettext,
                "ngettext": translator.ngettext,
                "t": translator,
                "lang": translator.language,
                "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
                "csrf_field": CSRF_FIELD,
                "csrf_token": csrf_token(request),
                "role": request.session.get("role"),
                **context,
            },
            status_code=status_code,
        )
