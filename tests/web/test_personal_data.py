"""GDPR pages: own data download, organiser export and erasure, and attempts to reach another mission's."""

import json

import pytest
from sqlalchemy import select

from missionmatch.models import OutboxMail, Participant
from tests.web.conftest import World

EXPORT_KEYS = [
    "api_tokens",
    "feedback",
    "format",
    "mails",
    "meeting_requests",
    "meetings",
    "mission",
    "participant",
    "profile",
    "programme",
    "recommendations",
    "sign_in_links",
    "unavailability",
]


def test_participant_downloads_their_own_data(world: World) -> None:
    response = world.as_participant("test-osaka", "p-1").get("/me/personal-data")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="personal-data-test-osaka.json"'
    data = response.json()
    assert sorted(data) == EXPORT_KEYS
    assert (data["participant"]["email"], data["mission"]["slug"]) == (
        "anne.muller@luxsat.example.lu",
        "test-osaka",
    )
    assert [link["used_at"] is not None for link in data["sign_in_links"]] == [True]
    assert "jonas.weber@sante.example.lu" not in response.text


def test_home_page_offers_the_download(world: World) -> None:
    assert 'href="/me/personal-data"' in world.as_participant("test-osaka", "p-1").get("/me").text


def test_organiser_downloads_a_participants_data(world: World) -> None:
    yamada = world.participant("test-osaka", "p-3")
    response = world.organiser().get(f"/missions/test-osaka/participants/{yamada.id}/personal-data")
    assert response.status_code == 200
    data = json.loads(response.text)
    assert (
        data["participant"]["last_name"],
        data["participant"]["hosted_table"],
        data["profile"]["needs"],
    ) == (
        "山田",
        2,
        "欧州の地上局が必要です。",
    )


@pytest.mark.parametrize("suffix", ["personal-data", "erase"])
def test_another_missions_organiser_gets_404(world: World, suffix: str) -> None:
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser("orga@b.lu")
    for slug in ("test-osaka", "other-tokyo"):  # their own mission in the URL does not help either
        response = browser.get(f"/missions/{slug}/participants/{anne.id}/{suffix}")
        assert response.status_code == 404
        assert "Anne" not in response.text


def test_another_missions_organiser_cannot_erase(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser("orga@b.lu")
    for slug in ("test-osaka", "other-tokyo"):
        path = f"/missions/{slug}/participants/{anne.id}/erase"
        assert browser.submit(path, page="/missions").status_code == 404
    with world.factory() as session:
        assert session.get(Participant, anne.id).last_name == "Muller"


def test_a_participant_cannot_use_the_organiser_export(world: World) -> None:
    jonas = world.participant("test-osaka", "p-2")
    browser = world.as_participant("test-osaka", "p-1")
    response = browser.get(
        f"/missions/test-osaka/participants/{jonas.id}/personal-data", follow_redirects=False
    )
    assert (response.status_code, response.headers["location"].startswith("/login?")) == (303, True)


def test_erasure_without_the_csrf_token_is_refused(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    response = world.organiser().post(f"/missions/test-osaka/participants/{anne.id}/erase")
    assert response.status_code == 403
    with world.factory() as session:
        assert session.get(Participant, anne.id).erased_at is None


def test_erasure_anonymises_signs_out_and_hides_the_participant(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    signed_in = world.as_participant("test-osaka", "p-1")
    organiser = world.organiser()
    confirm = organiser.get(f"/missions/test-osaka/participants/{anne.id}/erase")
    assert (confirm.status_code, "Erase for good" in confirm.text) == (200, True)
    response = organiser.submit(f"/missions/test-osaka/participants/{anne.id}/erase", page="/missions")
    assert response.headers["location"] == "/missions/test-osaka/participants?erased=1"
    listing = organiser.get("/missions/test-osaka/participants?erased=1").text
    assert ("Anne Muller" in listing, f"Erased {anne.id}" in listing, "Personal data erased" in listing) == (
        False,
        True,
        True,
    )
    assert signed_in.get("/me", follow_redirects=False).status_code == 303
    host = world.as_participant("test-osaka", "p-3")
    assert host.get(f"/me/directory/{anne.id}").status_code == 404
    assert host.get("/me/directory").text.count("/me/directory/") == 1
    assert organiser.get(f"/missions/test-osaka/participants/{anne.id}/personal-data").status_code == 404


def test_erasure_leaves_the_same_persons_other_mission_alone(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    world.organiser().submit(f"/missions/test-osaka/participants/{anne.id}/erase", page="/missions")
    world.client().submit("/login/participant", {"email": "anne.muller@luxsat.example.lu"}, page="/login")
    with world.factory() as session:
        subjects = list(session.scalars(select(OutboxMail.subject)))
        other = session.get(Participant, world.participant("other-tokyo", "p-1").id)
        assert (other.full_name, other.erased_at) == ("Anne Muller", None)
    assert subjects == ["Votre lien de connexion pour Other mission Tokyo"]


def test_no_sign_in_link_is_sent_to_an_erased_participant(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    organiser = world.organiser()
    organiser.submit(f"/missions/test-osaka/participants/{anne.id}/erase", page="/missions")
    response = organiser.submit(f"/missions/test-osaka/participants/{anne.id}/login-link", page="/missions")
    message = "This participant&#39;s personal data was erased: nothing can be sent or changed."
    assert (response.status_code, message in response.text) == (409, True)
    organiser.get("/language/fr")
    french = organiser.submit(f"/missions/test-osaka/participants/{anne.id}/login-link", page="/missions")
    expected = (
        "Les données personnelles de ce participant ont été effacées : "
        "rien ne peut lui être envoyé ni modifié."
    )
    assert (french.status_code, expected in french.text) == (409, True)
    with world.factory() as session:
        assert list(session.scalars(select(OutboxMail.subject))) == []
