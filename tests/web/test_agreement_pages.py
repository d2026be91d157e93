"""Organiser pages of the agreements register: list and filters, the form (every wrong field named), the
detail with its history, status changes, and who may reach them."""

import re

import pytest

from missionmatch.models.enums import AgreementKind, AgreementStatus
from tests.web.conftest import World
from tests.web.outcome_helpers import BASE, agreement, meeting_row_id, organisation_id


def _form(world: World, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "title": "Letter of intent on ground stations",
        "kind": "letter_of_intent",
        "party_id": [str(organisation_id(world, "lu-sat")), str(organisation_id(world, "jp-orbital"))],
        "meeting_id": [str(meeting_row_id(world))],
        "signed_on": "",
        "signatory_name_0": "山田 太郎",
        "signatory_title_0": "部長",
        "signatory_organisation_0": str(organisation_id(world, "jp-orbital")),
        "signatory_name_1": "",
        "confidential": "1",
        "description": "Two stations in Hokkaido",
    }
    return {**values, **changes}


def _titles(page: str) -> list[str]:
    return re.findall(r'<tr class="agreement">\s*<td><a href="[^"]+">([^<]+)</a>', page)


def test_the_register_lists_agreements_and_filters_them(world: World) -> None:
    browser = world.organiser()
    assert _titles(browser.get(BASE).text) == ["MoU on in-orbit servicing"]
    assert _titles(browser.get(f"{BASE}?status=draft").text) == []
    assert _titles(browser.get(f"{BASE}?status=signed&kind=mou").text) == ["MoU on in-orbit servicing"]
    lu_health = organisation_id(world, "lu-health")
    assert _titles(browser.get(f"{BASE}?party={lu_health}").text) == []
    assert _titles(browser.get(f"{BASE}?confidential=1").text) == []


def test_creating_an_agreement_stores_every_field_and_opens_its_detail(world: World) -> None:
    browser = world.organiser()
    response = browser.submit(BASE, _form(world), page=f"{BASE}/new")
    assert response.status_code == 303
    created = agreement(world, key=_key_of(world, response.headers["location"]))
    assert (created.title, created.kind, created.status, created.confidential, created.description) == (
        "Letter of intent on ground stations",
        AgreementKind.LETTER_OF_INTENT,
        AgreementStatus.DRAFT,
        True,
        "Two stations in Hokkaido",
    )
    assert [o.key for o in created.parties] == ["lu-sat", "jp-orbital"]
    assert [m.key for m in created.meetings] == ["m-1"]
    assert [(s.name, s.title, s.organisation_id) for s in created.signatories] == [
        ("山田 太郎", "部長", organisation_id(world, "jp-orbital"))
    ]
    assert [(c.status, c.changed_by) for c in created.history] == [(AgreementStatus.DRAFT, "orga@a.lu")]
    page = browser.get(response.headers["location"]).text
    assert "山田 太郎, 部長 (Kansai Orbital KK)" in page
    assert (
        "B2B afternoon, May 27, 2025, 2:40\u202fPM (Japan Time): Anne Muller, 太郎 山田, Hanako Sato" in page
    )


def _key_of(world: World, location: str) -> str:
    from missionmatch.models import Agreement

    with world.factory() as session:
        return session.get(Agreement, int(location.rsplit("/", 1)[1])).key


def test_every_wrong_field_is_named_and_nothing_is_written(world: World) -> None:
    browser = world.organiser()
    form = _form(
        world,
        title="",
        kind="treaty",
        party_id=[],
        signed_on="2025-13-01",
        signatory_organisation_0=str(organisation_id(world, "lu-health")),
    )
    response = browser.submit(BASE, form, page=f"{BASE}/new")
    assert response.status_code == 422
    errors = dict(re.findall(r'<span class="error" id="error-([a-z_]+)">([^<]+)</span>', response.text))
    assert errors == {
        "title": "This field is required.",
        "kind": "Choose a kind of agreement.",
        "parties": "Choose at least one party.",
        "signed_on": "Enter a date like 2025-05-30.",
        "signatories": "Signatory 1 must sign for one of the parties.",
    }
    assert _titles(browser.get(BASE).text) == ["MoU on in-orbit servicing"]


def test_editing_keeps_the_status_and_a_signed_agreement_keeps_its_date(world: World) -> None:
    browser = world.organiser()
    a1 = agreement(world)
    edit = f"{BASE}/{a1.id}/edit"
    assert 'value="MoU on in-orbit servicing"' in browser.get(edit).text
    refused = browser.submit(f"{BASE}/{a1.id}", _form(world, kind="mou"), page=edit)
    assert refused.status_code == 422
    assert "A signed agreement needs its date of signature." in refused.text
    saved = browser.submit(f"{BASE}/{a1.id}", _form(world, kind="mou", signed_on="2025-05-31"), page=edit)
    assert saved.headers["location"] == f"{BASE}/{a1.id}?saved=1"
    after = agreement(world)
    assert (after.title, after.status, after.signed_on.isoformat(), len(after.history)) == (
        "Letter of intent on ground stations",
        AgreementStatus.SIGNED,
        "2025-05-31",
        2,
    )


def _history(page: str) -> list[list[str]]:
    table = page.split('<table class="list" id="history">')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r"<td>([^<]*)</td>", row)[1:] for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_status_changes_from_the_page_are_appended_to_the_history_in_order(world: World) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    for seen, to, note in (("signed", "in_force", "ratified"), ("in_force", "abandoned", "")):
        response = browser.submit(f"{path}/status", {"seen": seen, "status": to, "note": note}, page=path)
        assert response.headers["location"] == f"{path}?saved=1"
    assert _history(browser.get(path).text) == [
        ["Draft", "orga@a.lu", ""],
        ["Signed", "orga@a.lu", "At the Expo"],
        ["In force", "orga@a.lu", "ratified"],
        ["Abandoned", "orga@a.lu", ""],
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"seen": "draft", "status": "abandoned"}, "Someone changed this agreement&#39;s status meanwhile"),
        ({"seen": "signed", "status": "draft"}, "An agreement cannot go from this status to that one."),
        ({"seen": "signed", "status": "ratified"}, "Choose a status."),
    ],
)
def test_a_wrong_status_change_is_refused_and_not_recorded(world: World, data: dict, message: str) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    response = browser.submit(f"{path}/status", data, page=path)
    assert response.status_code == 422
    assert message in response.text
    assert [c.status for c in agreement(world).history] == [AgreementStatus.DRAFT, AgreementStatus.SIGNED]


def test_deleting_an_agreement(world: World) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    assert browser.submit(f"{path}/delete", page=path).headers["location"] == BASE
    assert browser.get(path).status_code == 404


def test_another_missions_organiser_gets_404_and_changes_nothing(world: World) -> None:
    path = f"/missions/test-osaka/agreements/{agreement(world).id}"
    stranger = world.organiser("orga@b.lu")
    for page in (
        path,
        f"{path}/edit",
        "/missions/test-osaka/agreements",
        "/missions/test-osaka/agreements/new",
    ):
        assert stranger.get(page).status_code == 404
    # through their own mission's URL, with an id of the other mission
    own = f"/missions/other-tokyo/agreements/{agreement(world).id}"
    assert stranger.get(own).status_code == 404
    responses = [
        stranger.submit(f"{own}/status", {"seen": "signed", "status": "abandoned"}, page="/missions"),
        stranger.submit(own, _form(world), page="/missions"),
        stranger.submit(f"{own}/delete", page="/missions"),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert (agreement(world).status, agreement(world).title) == (
        AgreementStatus.SIGNED,
        "MoU on in-orbit servicing",
    )


def test_a_participant_cannot_edit_an_agreement(world: World) -> None:
    path = f"{BASE}/{agreement(world).id}"
    browser = world.as_participant("test-osaka", "p-1")  # a signatory's colleague, party to it
    for response in (
        browser.get(path, follow_redirects=False),
        browser.submit(f"{path}/status", {"seen": "signed", "status": "abandoned"}, page="/me/agreements"),
        browser.submit(path, _form(world), page="/me/agreements"),
    ):
        assert (response.status_code, response.headers["location"].split("?")[0]) == (303, "/login")
    assert agreement(world).status == AgreementStatus.SIGNED
