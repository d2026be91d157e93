"""The import pages through real HTTP: the suggested mapping from French and Japanese headers, changed by the
organiser and suggested again for the next file; the preview of what is added, updated and unchanged; the
apply step refused when the participants changed since the preview."""

import re

from sqlalchemy import select

from missionmatch.models import Participant
from tests.web.conftest import Browser, World
from tests.web.import_steps import apply, choose, fingerprint, suggested, upload

SLUG = "test-osaka"
FRENCH = (
    "Courriel;Prénom;Nom;Société;Côté;Poste;Contact direct\n"
    "anne.muller@luxsat.example.lu;Anne;Muller;LuxSat Services;délégation;Fondatrice;+352 1\n"
    "jonas.weber@sante.example.lu;Jonas;Weber;Santé Data Lux;délégation;CTO;\n"
    "luc@lux.example.lu;Luc;Kayser;LuxQuantum;délégation;;\n"
)


def _person(world: World, email: str) -> Participant | None:
    with world.factory() as session:
        return session.scalar(select(Participant).where(Participant.email == email))


def _preview(browser: Browser, url: str) -> str:
    response = browser.get(f"{url}/preview")
    assert response.status_code == 200, response.text
    return response.text


def test_the_mapping_is_suggested_from_japanese_headers(world: World) -> None:
    browser = world.organiser()
    sheet = (
        "メールアドレス,姓,名,会社名,区分,役職,備考\n"
        "mori@nano.example.jp,森,花子,大阪ナノ株式会社,ホスト,部長,\n"
    )
    page = browser.get(upload(browser, SLUG, "hosts.csv", sheet.encode("utf-8"))).text
    assert suggested(page) == {
        "column-0": "email",
        "column-1": "last_name",
        "column-2": "first_name",
        "column-3": "organisation",
        "column-4": "side",
        "column-5": "job_title",
        "column-6": "",  # 備考 (notes): no field, left out
    }


def test_a_full_name_column_is_split_in_the_japanese_order(world: World) -> None:
    browser = world.organiser()
    sheet = "氏名,メールアドレス,会社名,区分\n森 花子,mori@nano.example.jp,大阪ナノ株式会社,ホスト\n"
    url = upload(browser, SLUG, "hosts.csv", sheet.encode("utf-8"))
    assert suggested(browser.get(url).text)["column-0"] == "full_name"
    assert choose(browser, url).status_code == 303
    assert apply(browser, url).status_code == 200
    mori = _person(world, "mori@nano.example.jp")
    assert mori is not None and (mori.last_name, mori.first_name) == ("森", "花子")


def test_a_re_import_previews_added_updated_and_unchanged_then_updates(world: World) -> None:
    browser = world.organiser()
    url = upload(browser, SLUG, "delegation.csv", FRENCH.encode("cp1252"))
    assert choose(browser, url).status_code == 303
    page = _preview(browser, url)
    assert "To add: 1. To update: 1. Unchanged: 1. New organisations: 1." in page
    rows = re.findall(r'<tr class="(\w+)">\s*<td>(\d+)</td>', page)
    assert rows == [("update", "2"), ("unchanged", "3"), ("add", "4")]
    assert "Job title: <del>CEO</del> → <ins>Fondatrice</ins>" in page
    done = apply(browser, url)
    assert done.status_code == 200
    assert "Imported 1 participant(s) and 0 new organisation(s)" not in done.text
    assert "Imported 1 participant(s) and 1 new organisation(s) from delegation.csv." in done.text
    assert "Updated: 1. Unchanged: 1." in done.text
    anne = _person(world, "anne.muller@luxsat.example.lu")
    assert anne is not None and anne.job_title == "Fondatrice"
    assert browser.get(url).status_code == 404  # an applied upload is gone


def test_a_changed_mapping_is_kept_and_suggested_for_the_next_file(world: World) -> None:
    browser = world.organiser()
    sheet = "Contact;First name;Last name;Company;Side\nken@kk.example.jp;Ken;Ito;Osaka Robotics;host\n"
    url = upload(browser, SLUG, "odd.csv", sheet.encode())
    response = choose(browser, url)  # no column holds the e-mail address yet
    assert response.status_code == 400
    assert "No column holds “E-mail”: choose one." in response.text
    assert choose(browser, url, {"column-0": "email"}).status_code == 303
    again = upload(browser, SLUG, "odd-2.csv", sheet.replace("ken@", "ken2@").encode())
    assert suggested(browser.get(again).text)["column-0"] == "email"


def test_two_columns_for_one_field_are_refused_in_french(world: World) -> None:
    browser = world.organiser()
    browser.get("/language/fr")
    url = upload(browser, SLUG, "delegation.csv", FRENCH.encode("cp1252"))
    response = choose(browser, url, {"column-6": "job_title"}, key="key")
    assert response.status_code == 400
    assert '<option value="key" selected>' in response.text  # the key chosen is kept too
    assert "Colonne « Contact direct » : la colonne « Poste » contient déjà ce champ." in response.text
    assert suggested(response.text)["column-6"] == "job_title"  # the refused choice is shown to be fixed


def test_apply_is_refused_when_the_participants_changed_since_the_preview(world: World) -> None:
    browser = world.organiser()
    url = upload(browser, SLUG, "delegation.csv", FRENCH.encode("cp1252"))
    choose(browser, url)
    seen = fingerprint(_preview(browser, url))
    with world.factory.begin() as session:  # another organiser changes Anne's title meanwhile
        anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
        anne.job_title = "Fondatrice"
    response = apply(browser, url, seen)
    assert response.status_code == 409
    assert "The participants changed since this preview, so nothing was written." in response.text
    assert "To add: 1. To update: 0. Unchanged: 2." in response.text  # the preview as it is now
    assert _person(world, "luc@lux.example.lu") is None
    assert apply(browser, url).status_code == 200  # the new preview applies


def test_another_missions_upload_is_not_found(world: World) -> None:
    url = upload(world.organiser(), SLUG, "delegation.csv", FRENCH.encode("cp1252"))
    other = world.organiser("orga@b.lu")
    assert other.get(url.replace(SLUG, "other-tokyo")).status_code == 404
    assert other.get(url).status_code == 404
    assert world.organiser().get(f"/missions/{SLUG}/import/{2**64 + 7}").status_code == 404


def test_the_preview_is_in_japanese(world: World) -> None:
    browser = world.organiser()
    browser.get("/language/ja")
    url = upload(browser, SLUG, "delegation.csv", FRENCH.encode("cp1252"))
    choose(browser, url)
    page = _preview(browser, url)
    assert "追加：1 件。更新：1 件。変更なし：1 件。新しい組織：1 件。" in page
    assert "インポートを実行" in page
