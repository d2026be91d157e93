"""The day documents of a B2B session as tables (a header and rows), in the reader's language: the grid,
the door list of each table, the check-in list, and with the plan and the door lists the meetings that have
no cell in the grid. The workbooks are these tables; the PDFs show the same
cells."""

from missionmatch.exports.tables import Table
from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.services.day_documents import (
    NO_TABLE,
    SLOT_OUTSIDE,
    Attendee,
    DayDocuments,
    OffPlan,
    Seat,
)
from missionmatch.services.interpreter_rota import RotaEntry, interpreter_rota

KINDS = ("plan", "doors", "checkin", "rota", "cards")


def person(attendee: Attendee) -> str:
    return f"{attendee.name} ({attendee.company})"


def people(attendees: tuple[Attendee, ...]) -> str:
    return "\n".join(person(a) for a in attendees)


def languages(t: Translator, pair: str) -> str:
    """ "fr-ja" as "French–Japanese" in the reader's language."""
    return "–".join(t.language_name(code) for code in pair.split("-")) if pair else ""


def seat_text(t: Translator, seat: Seat | None) -> str:
    if seat is None:
        return ""
    text = people(seat.attendees)
    if seat.interpreter:
        text += "\n" + t.gettext(_("Interpreter: %(languages)s"), languages=languages(t, seat.interpreter))
    return text


def table_name(t: Translator, index: int) -> str:
    return t.gettext(_("Table %(number)s"), number=index + 1)


def plan_table(t: Translator, documents: DayDocuments) -> Table:
    header = [t.gettext(_("Time"))] + [table_name(t, i) for i in range(documents.session.tables)]
    rows = [[row.time] + [seat_text(t, seat) for seat in row.seats] for row in documents.grid]
    return header, rows


def door_header(t: Translator) -> list[str]:
    return [
        t.gettext(_("Time")),
        t.gettext(_("Delegation")),
        t.gettext(_("Hosts")),
        t.gettext(_("Interpreter")),
    ]


def door_tables(t: Translator, documents: DayDocuments) -> dict[str, Table]:
    """One table per table of the session that has meetings, named after it."""
    header = door_header(t)
    return {
        table_name(t, index): (
            header,
            [[e.time, people(e.delegation), people(e.hosts), languages(t, e.interpreter)] for e in entries],
        )
        for index, entries in enumerate(documents.doors)
        if entries
    }


def check_in_table(t: Translator, documents: DayDocuments) -> Table:
    header = [
        t.gettext(_("Present")),
        t.gettext(_("Name")),
        t.gettext(_("Organisation")),
        t.gettext(_("First meeting")),
        t.gettext(_("Table")),
        t.gettext(_("Meetings")),
    ]
    rows = [
        ["", c.attendee.name, c.attendee.company, c.first_time, c.first_table or "–", c.meetings]
        for c in documents.check_in
    ]
    return header, rows


def rota_table(t: Translator, documents: DayDocuments) -> Table:
    """Per slot and language pair, where the interpreters go; a slot short of interpreters shows more
    needed than available."""
    header = [
        t.gettext(_("Time")),
        t.gettext(_("Languages")),
        t.gettext(_("Tables")),
        t.gettext(_("Interpreters needed")),
        t.gettext(_("Interpreters available")),
    ]
    rows = [
        [e.time, languages(t, e.pair), _rota_tables(t, e), e.needed, e.available]
        for e in interpreter_rota(documents)
    ]
    return header, rows


def _rota_tables(t: Translator, entry: RotaEntry) -> str:
    tables = [str(n) for n in entry.tables]
    if entry.untabled:
        tables.append(t.gettext(_("%(count)s without a table"), count=entry.untabled))
    return ", ".join(tables)


def cards_table(t: Translator, documents: DayDocuments) -> Table:
    header = [t.gettext(_("Table")), t.gettext(_("Kept by"))]
    return header, [[table_name(t, i), people(keepers)] for i, keepers in enumerate(documents.keepers)]


def off_plan_title(t: Translator) -> str:
    return t.gettext(_("Meetings without a table or outside the session's slots"))


def _why(t: Translator, documents: DayDocuments, meeting: OffPlan) -> str:
    b2b = documents.session
    if meeting.reason == NO_TABLE:
        return t.gettext(_("No table given"))
    if meeting.reason == SLOT_OUTSIDE:
        return t.gettext(
            _("Slot %(slot)s is beyond the session's %(slots)s slots"),
            slot=meeting.slot + 1,
            slots=b2b.slot_count,
        )
    return t.gettext(
        _("Table %(table)s is beyond the session's %(tables)s tables"),
        table=(meeting.table or 0) + 1,
        tables=b2b.tables,
    )


def off_plan_table(t: Translator, documents: DayDocuments) -> Table:
    """The meetings the grid and the door lists cannot show, and why: to seat them or move them."""
    header = [
        t.gettext(_("Time")),
        t.gettext(_("Table")),
        t.gettext(_("Delegation")),
        t.gettext(_("Hosts")),
        t.gettext(_("Interpreter")),
        t.gettext(_("Why")),
    ]
    rows: list[list[str | int]] = [
        [
            m.time or "–",
            "–" if m.table is None else m.table + 1,
            people(tuple(a for a in m.attendees if a.side != "host")),
            people(tuple(a for a in m.attendees if a.side == "host")),
            languages(t, m.interpreter),
            _why(t, documents, m),
        ]
        for m in documents.off_plan
    ]
    return header, rows


def _with_off_plan(t: Translator, documents: DayDocuments, found: dict[str, Table]) -> dict[str, Table]:
    if not documents.off_plan:
        return found
    return found | {t.gettext(_("Not on the plan")): off_plan_table(t, documents)}


def sheets(t: Translator, documents: DayDocuments, kind: str) -> dict[str, Table]:
    """The workbook of one kind of document: its sheets by name."""
    if kind == "plan":
        return _with_off_plan(t, documents, {t.gettext(_("Table plan")): plan_table(t, documents)})
    if kind == "doors":
        doors = door_tables(t, documents) or {t.gettext(_("Door lists")): (door_header(t), [])}
        return _with_off_plan(t, documents, doors)
    if kind == "checkin":
        return {t.gettext(_("Check-in")): check_in_table(t, documents)}
    if kind == "rota":
        return {t.gettext(_("Interpreter rota")): rota_table(t, documents)}
    if kind == "cards":
        return {t.gettext(_("Table cards")): cards_table(t, documents)}
    raise ValueError(f"{kind}: the day documents are {', '.join(KINDS)}")
