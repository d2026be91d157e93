"""The import preview names each refused row and cell in the viewer's language, through real HTTP; the
services give codes and values, the command line keeps the English reasons."""

import pytest

from missionmatch.services import import_reasons, participant_limits
from missionmatch.services.import_reasons import english
from missionmatch.services.setup_fields import FieldError
from missionmatch.web.import_text import ROW_REASONS
from tests.web.conftest import World
from tests.web.import_steps import choose, upload

BAD_ROWS = (
    "Courriel;Prénom;Nom;Société;Côté\n"
    "x;Anne;Muller;LuxSat Services;délégation\n"
    "luc@quantum.example.lu;Luc;Kayser;LuxQuantum;martien\n"
    "jo@quantum.example.lu;;Weber;LuxQuantum;délégation\n"
    "jo@quantum.example.lu;Jo;Weber;LuxQuantum;délégation\n"
)
EXPECTED = {
    "fr": [
        ("Ligne 2", "Courriel", "« x » n’est pas une adresse e-mail."),
        ("Ligne 3", "Côté", "Côté inconnu : « martien » ; écrivez delegation ou host."),
        ("Ligne 4", "Prénom", "Cette cellule est vide."),
        ("Ligne 5", "Courriel", "jo@quantum.example.lu apparaît deux fois (aussi à la ligne 4)."),
    ],
    "ja": [
        ("2行目", "Courriel", "「x」はメールアドレスではありません。"),
        ("3行目", "Côté", "不明な側「martien」です。delegation または host と書いてください。"),
        ("4行目", "Prénom", "このセルは空です。"),
        ("5行目", "Courriel", "jo@quantum.example.luが2回出てきます（4行目にもあります）。"),
    ],
}


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_the_previews_row_problems_are_in_the_viewers_language(world: World, language: str) -> None:
    browser = world.organiser()
    browser.get(f"/language/{language}")
    url = upload(browser, "test-osaka", "delegation.csv", BAD_ROWS.encode("cp1252"))
    assert choose(browser, url).status_code == 303
    response = browser.get(f"{url}/preview")
    assert response.status_code == 400
    shown = "".join(
        f"<tr><td>{where}</td><td>{column}</td><td>{reason}</td></tr>"
        for where, column, reason in EXPECTED[language]
    )
    assert f"<tbody>{shown}</tbody>" in response.text
    assert "is not an e-mail address" not in response.text and "row 2" not in response.text


def test_the_reasons_stay_in_english_for_the_command_line() -> None:
    assert english(FieldError("email_format", {"value": "x"})) == "'x' is not an e-mail address"
    assert english(FieldError("appears_twice", {"value": "a@b.lu", "row": 4})) == (
        "a@b.lu appears twice (also row 4)"
    )
    assert english(FieldError("table_taken", {"table": 3, "holder": "Anne"})) == (
        "table 3 is already kept by Anne"
    )


def test_every_row_reason_code_has_words_in_each_language() -> None:
    codes = {*import_reasons._ENGLISH, *participant_limits._ENGLISH} - {"other_side"}
    assert codes | {"other_side:delegation", "other_side:host"} == set(ROW_REASONS)
