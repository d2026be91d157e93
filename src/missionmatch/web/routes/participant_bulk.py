"""Organiser pages: an action on the participants selected in the list, after a confirmation naming them; the
result says what was done to whom. A CSV export of the selection needs no confirmation (nothing changes)."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch import clock
from missionmatch.services import bulk_actions
from missionmatch.services.bulk_actions import BulkRefused
from missionmatch.services.notifications import deliver_queued
from missionmatch.services.participant_csv import participants_csv
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.withdrawal import withdrawal_plan
from missionmatch.web.bulk_text import action_label, outcome_text, problem_texts
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.mailings import preview_page
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@dataclass(frozen=True)
class BulkForm:
    ids: list[int]
    action: str
    value: str
    back: str  # the list's query string, to return to the same search, sort and page


async def bulk_form(request: Request) -> BulkForm:
    form = await request.form()
    ids = [int(v) for v in form.getlist("selected") if isinstance(v, str) and v.isdigit() and len(v) < 12]
    text = {name: form.get(name) for name in ("action", "value", "back")}
    plain = {name: value if isinstance(value, str) else "" for name, value in text.items()}
    back = urlencode(parse_qsl(plain["back"]))  # only a query string goes back into the link
    return BulkForm(ids, plain["action"], plain["value"].strip(), back)


def _list_path(slug: str, form: BulkForm) -> str:
    return f"/missions/{slug}/participants" + (f"?{form.back}" if form.back else "")


# bulk actions that become a mailing of the selection: previewed, then sent by the worker (routes/mailings.py)
MAILINGS = {
    "mail_invitation": "invitation",
    "remind_profile": "profile",
    "remind_requests": "requests",
    "remind_agenda": "agenda",
}


@router.post("/missions/{slug}/participants/bulk", name="participant_bulk_confirm")
def confirm(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    form: BulkForm = Depends(bulk_form),
) -> Response:
    back = _list_path(mission.slug, form)
    try:
        people = bulk_actions.selected(db, mission, form.ids)
        if form.action in MAILINGS:
            ids = [p.id for p in people]
            return preview_page(request, db, mission, t, settings, MAILINGS[form.action], "selection", ids)
        if form.action == "export":
            body = "\ufeff" + participants_csv(people)  # the BOM: spreadsheets read the file as UTF-8
            headers = {"Content-Disposition": f'attachment; filename="{mission.slug}-participants.csv"'}
            return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
        bulk_actions.check(people, form.action, form.value)
    except BulkRefused as refused:
        return _refused(request, mission, form, t, refused)
    plans = {p.id: withdrawal_plan(db, p) for p in people} if form.action == "withdraw" else {}
    return render(
        request,
        "bulk_confirm.html",
        mission=mission,
        people=people,
        form=form,
        label=action_label(t, form.action, form.value),
        plans=plans,
        back=back,
    )


def _refused(
    request: Request, mission: ManagedMission, form: BulkForm, t: Lang, refused: BulkRefused
) -> Response:
    return render(
        request,
        "bulk_refused.html",
        status_code=422,
        mission=mission,
        problems=problem_texts(t, refused.problems),
        back=_list_path(mission.slug, form),
    )


@router.post("/missions/{slug}/participants/bulk/apply", name="participant_bulk_apply")
def apply(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    form: BulkForm = Depends(bulk_form),
) -> Response:
    try:
        outcome = bulk_actions.apply(
            db, settings.mail, mission, form.ids, form.action, form.value, clock.now()
        )
    except BulkRefused as refused:
        db.rollback()
        return _refused(request, mission, form, t, refused)
    except PlacementRefused as refused:  # the database refused a double booking: someone wrote meanwhile
        db.rollback()
        message = " ".join(refusal_texts(t, refused.refusals, mission.timezone))
        return render(request, "error.html", status_code=409, message=message)
    db.commit()
    deliver_queued(db, settings.mail, outcome.mails)
    db.commit()
    return render(
        request,
        "bulk_done.html",
        mission=mission,
        outcome=outcome,
        message=outcome_text(t, outcome, form.value),
        back=_list_path(mission.slug, form),
    )
