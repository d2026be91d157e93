"""Pages through real HTTP in French and Japanese: content in the viewer's language (session names, titles),
statuses and sectors in words, error pages in each language, names in the order people chose."""

import pytest
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Participant, ProgrammeItem
from tests.web.conftest import World

SESSION = {"en": "B2B afternoon", "fr": "Après-midi B2B", "ja": "B2Bの午後"}


def _translate(world: World) -> None:
    with transaction(world.factory) as session:
        b2b = session.scalar(select(B2BSession).where(B2BSession.key == "b2b-1"))
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == "visit-1"))
        assert b2b is not None and item is not None
        b2b.name = SESSION
        item.title = {"en": "Visit of Kansai Orbital", "ja": "関西オービタル訪問"}


@pytest.mark.parametrize(
    ("language", "session_name", "published"),
    [("fr", "Après-midi B2B", "Publié"), ("ja", "B2Bの午後", "公開済み")],
)
def test_the_schedule_shows_the_sessions_name_and_the_status_in_words(
    world: World, language: str, session_name: str, published: str
) -> None:
    _translate(world)
    browser = world.organiser()
    browser.cookies.set("mm_lang", language)
    page = browser.get("/missions/test-osaka/schedule").text
    assert f"<h3>{session_name} — Expo hall</h3>" in page
    assert f"<td>{published}\n" in page
    assert "<td>published" not in page


@pytest.mark.parametrize(
    ("language", "title", "sector"),
    [("fr", "Visit of Kansai Orbital", "Spatial"), ("ja", "関西オービタル訪問", "宇宙")],
)
def test_the_programme_shows_titles_and_sectors_in_the_viewers_language(
    world: World, language: str, title: str, sector: str
) -> None:
    _translate(world)
    browser = world.organiser()
    browser.cookies.set("mm_lang", language)
    page = browser.get("/missions/test-osaka/programme").text
    assert f"<strong>{title}</strong>" in page
    assert f" · {sector}" in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This page does not exist, or you are not allowed to see it."),
        ("fr", "Cette page n’existe pas, ou vous n’avez pas le droit de la voir."),
        ("ja", "このページは存在しないか、閲覧する権限がありません。"),
    ],
)
def test_an_unknown_address_is_a_page_in_the_viewers_language(
    world: World, language: str, message: str
) -> None:
    response = world.client().get(
        "/no/such/page", headers={"accept": "text/html", "accept-language": language}
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text
    assert world.client().get("/api/v1/no-such").json() == {"detail": "Not Found"}


@pytest.mark.parametrize("language", ["en", "fr", "ja"])
def test_a_browsers_unreadable_form_and_a_server_failure_are_pages(world: World, language: str) -> None:
    headers = {"accept": "text/html", "accept-language": language}
    client = world.client()
    client.app.add_api_route("/boom", lambda: 1 / 0)
    failing = type(client)(client.app, raise_server_exceptions=False)
    response = failing.get("/boom", headers=headers)
    expected = {
        "en": "Something went wrong on our side. Please try again in a moment.",
        "fr": "Une erreur s’est produite de notre côté. Veuillez réessayer dans un instant.",
        "ja": "サーバー側で問題が発生しました。しばらくしてからもう一度お試しください。",
    }
    assert (response.status_code, expected[language] in response.text) == (500, True)
    assert failing.get("/boom").json() == {"detail": "internal server error"}


def test_names_in_the_order_the_person_chose(world: World) -> None:
    with transaction(world.factory) as session:
        hanako = session.scalar(select(Participant).where(Participant.key == "p-4"))
        assert hanako is not None
        hanako.name_order = "family_first"
        family, given = hanako.last_name, hanako.first_name
    page = world.organiser().get("/missions/test-osaka/schedule").text
    assert f"{family} {given} <small>" in page
    directory = world.as_participant("test-osaka", "p-1").get("/me/directory").text
    assert f"<strong>{family} {given}</strong>" in directory


def test_the_programme_form_edits_every_language(world: World) -> None:
    browser = world.organiser()
    form = {
        "kind": "workshop",
        "title": "Space workshop",
        "title_fr": "Atelier spatial",
        "title_ja": "宇宙ワークショップ",
        "venue": "Room 3",
        "venue_ja": "3号室",
        "starts_at": "2025-05-29T10:00",
        "ends_at": "2025-05-29T11:30",
    }
    page = "/missions/test-osaka/programme/new"
    assert browser.submit("/missions/test-osaka/programme", form, page=page).status_code == 303
    with world.factory() as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.title == "Space workshop"))
        assert item is not None
        assert (item.title.texts, item.venue.texts) == (
            {"en": "Space workshop", "fr": "Atelier spatial", "ja": "宇宙ワークショップ"},
            {"en": "Room 3", "ja": "3号室"},
        )
        item_id = item.id
    browser.cookies.set("mm_lang", "fr")
    edit = browser.get(f"/missions/test-osaka/programme/{item_id}").text
    assert 'name="title" value="Space workshop"' in edit  # the default language's text, whatever the viewer's
    assert 'name="title_ja" value="宇宙ワークショップ"' in edit
    assert "Titre en japonais" in edit


def test_a_chosen_given_name_first_wins_over_the_profiles_language(world: World) -> None:
    # 太郎 山田 writes a Japanese profile (family name first by default) but chose given name first
    with transaction(world.factory) as session:
        taro = session.scalar(select(Participant).where(Participant.key == "p-3"))
        assert taro is not None
        taro.name_order = "given_first"
    anne = world.as_participant("test-osaka", "p-1")
    assert "<strong>太郎 山田</strong>" in anne.get("/me/requests").text
    assert "太郎 山田 (Kansai Orbital KK)" in anne.get("/me/agenda").text
    assert "<strong>太郎 山田</strong>" in anne.get("/me/directory").text
