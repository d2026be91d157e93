"""Error pages in the viewer's language for browsers; /api/ keeps its JSON bodies (api/errors.py)."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from missionmatch.i18n import mark as _
from missionmatch.localized import viewing_in
from missionmatch.web.deps import get_translator
from missionmatch.web.i18n import LANGUAGE_NAMES, LANGUAGES
from missionmatch.web.templating import TEMPLATES, render

MESSAGES = {
    403: _("This form has expired or was not sent from this site. Please go back and try again."),
    404: _("This page does not exist, or you are not allowed to see it."),
    405: _("This page does not exist, or you are not allowed to see it."),
    422: _("Some of what was sent could not be read. Please go back, check the form and try again."),
    500: _("Something went wrong on our side. Please try again in a moment."),
    503: _("The site is very busy right now. Please try again in a moment."),
}
FALLBACK = _("Something went wrong.")


def wants_html(request: Request) -> bool:
    """A browser's request for a page: not /api/, and HTML among what it accepts."""
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status_code: int) -> HTMLResponse:
    """The error page of `status_code` in the viewer's language."""
    translator = get_translator(request)
    message = translator.gettext(MESSAGES.get(status_code, FALLBACK))
    if "session" in request.scope:
        return render(request, "error.html", status_code=status_code, message=message)
    # outside the session middleware (an unexpected error): the same page, signed in as nobody
    context = {
        "request": request,
        "_": translator.gettext,
        "ngettext": translator.ngettext,
        "t": translator,
        "lang": translator.language,
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "csrf_field": "csrf_token",
        "csrf_token": "",
        "role": None,
        "message": message,
    }
    with viewing_in(translator.language):
        html = TEMPLATES.get_template("error.html").render(context)
    return HTMLResponse(html, status_code=status_code)
