"""/api/v1/missions/{slug}/agreements (CRUD and status), /feedback and /follow-ups for organisers, and
/api/v1/me/agreements for participants; another mission's rows answer 404 like missing ones."""

from missionmatch.db import transaction
from missionmatch.models import Agreement
from missionmatch.models.enums import AgreementStatus
from tests.web.api_client import ORGANISERS_ONLY, errors_of, organiser_api, participant_api
from tests.web.conftest import World
from tests.web.outcome_helpers import agreement, feedback_id, meeting_row_id, organisation_id

PATH = "/api/v1/missions/test-osaka/agreements"


def _body(world: World, **changes: object) -> dict[str, object]:
    lu, jp = organisation_id(world, "lu-sat"), organisation_id(world, "jp-orbital")
    body = {
        "title": "Cooperation on debris removal",
        "kind": "cooperation_agreement",
        "party_ids": [lu, jp],
        "meeting_ids": [meeting_row_id(world)],
        "signatories": [{"name": "Anne Muller", "title": "CEO", "organisation_id": lu}],
        "confidential": True,
    }
    return {**body, **changes}


def test_an_organiser_creates_reads_changes_and_deletes_an_agreement(world: World) -> None:
    client = organiser_api(world)
    created = client.post(PATH, json=_body(world))
    assert created.status_code == 201
    body = created.json()
    lu = organisation_id(world, "lu-sat")
    assert {k: body[k] for k in ("title", "kind", "status", "signed_on", "confidential", "meeting_ids")} == {
        "title": "Cooperation on debris removal",
        "kind": "cooperation_agreement",
        "status": "draft",
        "signed_on": None,
        "confidential": True,
        "meeting_ids": [meeting_row_id(world)],
    }
    assert body["signatories"] == [{"name": "Anne Muller", "title": "CEO", "organisation_id": lu}]
    assert [(c["status"], c["by"]) for c in body["history"]] == [("draft", "orga@a.lu")]
    one = f"{PATH}/{body['id']}"
    assert client.get(one).json() == body
    signed = client.post(
        f"{one}/status", json={"status": "signed", "seen": "draft", "signed_on": "2025-05-30"}
    )
    assert (signed.status_code, signed.json()["status"], signed.json()["signed_on"]) == (
        200,
        "signed",
        "2025-05-30",
    )
    replaced = client.put(one, json=_body(world, title="Debris removal", signed_on="2025-05-31"))
    assert (replaced.json()["title"], replaced.json()["status"]) == ("Debris removal", "signed")
    assert [a["key"] for a in client.get(f"{PATH}?status=signed&confidential=1").json()] == [body["key"]]
    assert client.delete(one).status_code == 204
    assert client.get(one).status_code == 404


def test_wrong_fields_are_named_with_422(world: World) -> None:
    client = organiser_api(world)
    # what the schema says is checked first, every field at once
    assert errors_of(client.post(PATH, json=_body(world, title=" ", kind="treaty", party_ids=[]))) == [
        "kind",
        "party_ids",
        "title",
    ]
    stranger_org = organisation_id(world, "lu-sat", "other-tokyo")
    # Anne signs for LuxSat, no party any more; with a party of another mission: the body is fixed first
    assert errors_of(client.post(PATH, json=_body(world, party_ids=[stranger_org]))) == [
        "parties",
        "signatories",
    ]
    one = f"{PATH}/{agreement(world).id}"
    assert errors_of(client.post(f"{one}/status", json={"status": "sealed", "seen": "signed"})) == ["status"]
    for not_a_date in (0, "20250530", "2025-05-30T00:00:00"):
        assert errors_of(client.put(one, json=_body(world, signed_on=not_a_date))) == ["signed_on"]


def test_refusals_as_things_stand_are_409_with_the_reason(world: World) -> None:
    client = organiser_api(world)
    lu, stranger_org = organisation_id(world, "lu-sat"), organisation_id(world, "lu-sat", "other-tokyo")
    foreign = client.post(PATH, json=_body(world, party_ids=[lu, stranger_org]))
    assert (foreign.status_code, foreign.json()) == (
        409,
        {"detail": "parties: Choose organisations of this mission."},
    )
    one = f"{PATH}/{agreement(world).id}"  # signed
    meanwhile = client.post(f"{one}/status", json={"status": "abandoned", "seen": "draft"})
    assert (meanwhile.status_code, meanwhile.json()) == (
        409,
        {
            "detail": "status: Someone changed this agreement's status meanwhile: read its history and "
            "try again. (now signed)"
        },
    )
    step = client.post(f"{one}/status", json={"status": "draft", "seen": "signed"})
    assert (step.status_code, step.json()) == (
        409,
        {"detail": "status: An agreement cannot go from this status to that one. (from signed to draft)"},
    )
    undated = client.put(one, json=_body(world))  # signed, the date cannot go
    assert (undated.status_code, undated.json()) == (
        409,
        {"detail": "signed_on: A signed agreement needs its date of signature."},
    )
    assert [c.status for c in agreement(world).history] == [AgreementStatus.DRAFT, AgreementStatus.SIGNED]
    assert len(client.get(PATH).json()) == 1


def test_another_missions_agreement_is_404_and_participants_403(world: World) -> None:
    stranger = organiser_api(world, "orga@b.lu")
    own_id = agreement(world).id
    assert stranger.get(PATH).status_code == 404
    for response in (
        stranger.get(f"/api/v1/missions/other-tokyo/agreements/{own_id}"),
        stranger.delete(f"/api/v1/missions/other-tokyo/agreements/{own_id}"),
        stranger.post(
            f"/api/v1/missions/other-tokyo/agreements/{own_id}/status",
            json={"status": "abandoned", "seen": "signed"},
        ),
    ):
        assert (response.status_code, response.json()) == (404, {"detail": "agreement not found"})
    participant = participant_api(world, "test-osaka", "p-1")
    response = participant.post(f"{PATH}/{own_id}/status", json={"status": "abandoned", "seen": "signed"})
    assert (response.status_code, response.json()) == (403, ORGANISERS_ONLY)
    assert participant.get(PATH).status_code == 403
    assert agreement(world).status == AgreementStatus.SIGNED


def test_feedback_and_follow_ups_for_organisers(world: World) -> None:
    client = organiser_api(world)
    anne = world.participant("test-osaka", "p-1")
    expected = {
        "id": feedback_id(world),
        "meeting_id": meeting_row_id(world),
        "author_id": anne.id,
        "side": "delegation",
        "rating": 5,
        "follow_up": "visit",
        "follow_up_done_at": None,
        "comment": "Très utile",
        "comment_language": "fr",
    }
    assert client.get("/api/v1/missions/test-osaka/feedback").json() == [expected]
    assert client.get("/api/v1/missions/test-osaka/feedback?side=host").json() == []
    assert client.get("/api/v1/missions/test-osaka/follow-ups?kind=visit&done=0").json() == [expected]
    assert client.get("/api/v1/missions/test-osaka/follow-ups?done=1").json() == []
    assert organiser_api(world, "orga@b.lu").get("/api/v1/missions/test-osaka/feedback").status_code == 404


def test_participants_read_the_public_agreements_of_their_organisation(world: World) -> None:
    assert [
        a["key"] for a in participant_api(world, "test-osaka", "p-4").get("/api/v1/me/agreements").json()
    ] == ["a-1"]
    assert participant_api(world, "test-osaka", "p-2").get("/api/v1/me/agreements").json() == []
    with transaction(world.factory) as session:
        session.get(Agreement, agreement(world).id).confidential = True
    assert participant_api(world, "test-osaka", "p-4").get("/api/v1/me/agreements").json() == []


def test_an_organiser_attaches_a_pdf_and_downloads_it(world: World) -> None:
    client = organiser_api(world)
    one = f"{PATH}/{agreement(world).id}"
    pdf = b"%PDF-1.5\n%%EOF\n"
    created = client.post(f"{one}/documents", files={"document": ("accord.pdf", pdf, "application/pdf")})
    assert created.status_code == 201
    [document] = created.json()["documents"]
    assert (document["filename"], document["size"]) == ("accord.pdf", len(pdf))
    download = client.get(f"{one}/documents/{document['id']}")
    assert (download.status_code, download.content, download.headers["content-type"]) == (
        200,
        pdf,
        "application/pdf",
    )
    refused = client.post(f"{one}/documents", files={"document": ("x.pdf", b"<html>", "application/pdf")})
    assert (refused.status_code, refused.json()) == (415, {"detail": "document: This file is not a PDF."})
    stranger = organiser_api(world, "orga@b.lu")
    other = f"/api/v1/missions/other-tokyo/agreements/{agreement(world).id}/documents/{document['id']}"
    assert stranger.get(other).status_code == 404
