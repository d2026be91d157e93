"""Agendas as PDF: a Jinja2 template and a print stylesheet (A4) rendered by WeasyPrint. Fonts come from
the system through fontconfig (DejaVu for Latin text, Noto Sans CJK JP from Debian's fonts-noto-cjk for
Japanese); nothing is fetched: every URL a document might name is refused (OfflineFetcher)."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from missionmatch.clock import WallTime, instant_to_wall, wall_to_instant
from missionmatch.i18n import Translator
from missionmatch.services.agenda_document import AgendaDocument, MeetingEntry

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
)


class OfflineFetcher(URLFetcher):
    """Refuses every URL (http, file, data...): an agenda is drawn from its own HTML and the system fonts."""

    def fetch(self, url: str, headers: object = None) -> object:
        raise ValueError(f"{url[:80]}: agendas are rendered without fetching anything")


@dataclass(frozen=True)
class Row:
    kind: str  # "programme" or "meeting"
    time: str  # "14:40–15:00" in the mission's zone
    own_time: str  # the same in the participant's zone, with the date when it is another day; or ""
    entry: object  # ProgrammeEntry | MeetingEntry
    interpreter: str  # language names, e.g. "French–Japanese"


@dataclass(frozen=True)
class Page:
    """One participant's agenda with the translators it is written with."""

    document: AgendaDocument
    t: Translator  # the document's language, times in the mission's zone
    days: list[tuple[str, list[Row]]]


def _own_time(start: WallTime, end: WallTime, document: AgendaDocument, own: Translator) -> str:
    if document.own_zone is None:
        return ""
    text = f"{own.time(start, document.mission_zone)}–{own.time(end, document.mission_zone)}"
    local = instant_to_wall(wall_to_instant(start, document.mission_zone), document.own_zone)
    if local.date() != start.date():
        text += f" ({own.date(local.date())})"
    return text


def _page(document: AgendaDocument) -> Page:
    t = Translator(document.language)
    own = Translator(document.language, document.own_zone)
    days = []
    for day, entries in document.days():
        rows = []
        for entry in entries:
            pair = entry.interpreter if isinstance(entry, MeetingEntry) else ""
            rows.append(
                Row(
                    kind="meeting" if isinstance(entry, MeetingEntry) else "programme",
                    time=f"{t.time(entry.starts_at, document.mission_zone)}–"
                    f"{t.time(entry.ends_at, document.mission_zone)}",
                    own_time=_own_time(entry.starts_at, entry.ends_at, document, own),
                    entry=entry,
                    interpreter="–".join(t.language_name(code) for code in pair.split("-")) if pair else "",
                )
            )
        days.append((t.date(day), rows))
    return Page(document, t, days)


def agendas_html(documents: list[AgendaDocument]) -> str:
    """One HTML document, each agenda starting on a new page."""
    pages = [_page(document) for document in documents]
    return TEMPLATES.get_template("agenda_pdf.html").render(pages=pages, zone_of=_zone_label)


def _zone_label(t: Translator, zone: str) -> str:
    """ "heure du Japon (Asia/Tokyo)": the zone in words of the reader's language, and its name."""
    return f"{get_timezone_name(ZoneInfo(zone), 'long', zone_variant='generic', locale=t.language)} ({zone})"


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=OfflineFetcher()).write_pdf() or b""


def agenda_pdf(document: AgendaDocument) -> bytes:
    return html_to_pdf(agendas_html([document]))


Progress = Callable[[int, int], None]  # (agendas done, agendas in all)


def agendas_pdf(
    documents: list[AgendaDocument], progress: Progress | None = None, each: bool = True
) -> tuple[bytes, dict[str, bytes]]:
    """Every agenda of a mission in one file (`all.pdf`), and each participant's (by key) unless `each` is
    False: each agenda is laid out once, with the fonts loaded once for all, and `all.pdf` is made of the same
    pages. Writing a PDF subsets its fonts (half of an agenda's time): skipped when one file is wanted."""
    fonts = FontConfiguration()
    rendered, parts = [], {}
    for done, document in enumerate(documents, start=1):
        html = HTML(string=agendas_html([document]), url_fetcher=OfflineFetcher())
        rendered.append(html.render(font_config=fonts))
        if each:
            parts[document.participant.key] = rendered[-1].write_pdf() or b""
        if progress is not None:
            progress(done, len(documents))
    if not rendered:
        return html_to_pdf(agendas_html([])), parts
    return rendered[0].copy([page for one in rendered for page in one.pages]).write_pdf() or b"", parts
