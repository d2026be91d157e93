"""Organiser pages: the mission's feedback (filtered, summed up per meeting and per author), the
follow-ups promised after meetings with their done mark, and the exports of the register and the feedback."""

from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.exports.outcomes import feedback_table, register_table
from missionmatch.exports.tables import to_csv, to_xlsx
from missionmatch.models import Mission
from missionmatch.models.enums import FollowUp
from missionmatch.services import agreements, feedback_views, follow_ups
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.outcome_filters import FeedbackFilters, Filters, done_filter, follow_up_kind
from missionmatch.web.outcome_text import follow_up_names, meeting_line
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _export(mission: Mission, what: str, table: tuple, file_type: str) -> Response:
    if file_type == "csv":
        return _download(to_csv(table), "text/csv; charset=utf-8", f"{mission.slug}-{what}.csv")
    if file_type == "xlsx":
        return _download(to_xlsx({what: table}), XLSX, f"{mission.slug}-{what}.xlsx")
    raise HTTPException(status_code=404)


@router.get("/missions/{slug}/feedback", name="mission_feedback_page")
def feedback_page(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, filters: FeedbackFilters
) -> Response:
    shown = feedback_views.feedback_list(db, mission, filters)
    return render(
        request,
        "outcome_feedback.html",
        mission=mission,
        feedback=shown,
        summary=feedback_views.summarise(shown),
        per_meeting=[(meeting_line(t, m), s) for m, s in feedback_views.per_meeting(shown)],
        per_author=feedback_views.per_author(shown),
        comment_languages={f.id: feedback_views.comment_language(f) for f in shown},
        follow_ups=follow_up_names(t),
        filters=request.query_params,
        export_query=request.url.query,
    )


@router.get("/missions/{slug}/feedback/export.{file_type}")
def feedback_export(
    mission: ManagedMission, db: DbSession, t: Lang, filters: FeedbackFilters, file_type: str
) -> Response:
    table = feedback_table(feedback_views.feedback_list(db, mission, filters), t)
    return _export(mission, "feedback", table, file_type)


@router.get("/missions/{slug}/agreements/export.{file_type}")
def register_export(
    mission: ManagedMission, db: DbSession, t: Lang, filters: Filters, file_type: str
) -> Response:
    return _export(
        mission, "agreements", register_table(agreements.register(db, mission, filters), t), file_type
    )


@router.get("/missions/{slug}/follow-ups")
def follow_ups_page(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, done: str = "", kind: str = ""
) -> Response:
    rows = follow_ups.follow_ups(db, mission, done=done_filter(done), kind=follow_up_kind(kind))
    return render(
        request,
        "follow_ups.html",
        mission=mission,
        rows=[(f, meeting_line(t, f.meeting)) for f in rows],
        follow_ups=follow_up_names(t),
        filters=request.query_params,
    )


@router.post("/missions/{slug}/follow-ups/{feedback_id}", name="follow_up_mark")
async def mark(request: Request, mission: ManagedMission, db: DbSession, feedback_id: int) -> Response:
    """Field `done`: "1" marks the follow-up done, anything else not done."""
    feedback = follow_ups.feedback_of_mission(db, mission, feedback_id)
    if feedback is None or feedback.follow_up == FollowUp.NONE:
        raise HTTPException(status_code=404)
    form = await request.form()
    follow_ups.mark_done(db, feedback, form.get("done") == "1", clock.now())
    db.commit()
    # back to the list as it was filtered (`back`: its query string, re-encoded so nothing else gets in)
    back = urlencode(parse_qsl(str(form.get("back", ""))))
    return RedirectResponse(f"/missions/{mission.slug}/follow-ups?{back}", status_code=303)
