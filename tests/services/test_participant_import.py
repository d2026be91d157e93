from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.excel import mission_workbook
from missionmatch.models import Mission, Organisation, Participant
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_columns import parse_map_option
from missionmatch.services.participant_import import import_participants
from missionmatch.services.problems import InputRejected
from tests.factories import small_mission

HEADER_EN = "email,first_name,last_name,organisation,side,languages,sectors,offers,needs\n"


@pytest.fixture
def mission_factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _import(
    factory: sessionmaker[Session], path: Path, overrides: dict[str, str] | None = None, update: bool = True
):
    with transaction(factory) as session:
        mission = session.scalar(select(Mission))
        return import_participants(session, mission, path, overrides, update=update)


def _participant_count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count(Participant.id)))


def test_csv_rows_become_participants_and_new_organisations(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        HEADER_EN
        + 'marie.klein@lux.example.lu,Marie,Klein,LuxQuantum,delegation,"fr, en",quantum,Nous offrons X.,\n'
        + "jean.hoffmann@lux.example.lu,Jean,Hoffmann,LuxQuantum,,de,,,Wir suchen Partner.\n"
        + "yamamoto@orbital.example.jp,Ken,Yamamoto,Kansai Orbital KK,host,ja,宇宙,衛星を提供します。,\n",
        encoding="utf-8",
    )
    report = _import(mission_factory, path)
    assert (report.created_participants, report.created_organisations) == (3, 1)
    with mission_factory() as session:
        marie = session.scalar(select(Participant).where(Participant.email == "marie.klein@lux.example.lu"))
        assert (marie.organisation.side.value, marie.languages, marie.profile.language) == (
            "delegation",
            ["fr", "en"],
            "fr",
        )
        jean = session.scalar(select(Participant).where(Participant.email == "jean.hoffmann@lux.example.lu"))
        assert (jean.organisation.name, jean.profile.language) == ("LuxQuantum", "de")
        ken = session.scalar(select(Participant).where(Participant.email == "yamamoto@orbital.example.jp"))
        assert (ken.organisation.key, ken.profile.sectors, ken.profile.language) == (
            "jp-orbital",
            ["space"],
            "ja",
        )
        assert session.scalar(select(Organisation.country).where(Organisation.name == "LuxQuantum")) == "LU"


def test_shift_jis_file_with_japanese_headers_and_names(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "hosts.csv"
    text = (
        "メールアドレス,名,姓,会社名,区分,言語,分野,提供内容\n"
        "suzuki@nanotube.example.jp,一郎,鈴木,大阪ナノチューブ株式会社,ホスト,日本語,先端材料,高品質のカーボンナノチューブを製造しています。\n"
    )
    path.write_bytes(text.encode("shift_jis"))
    report = _import(mission_factory, path)
    assert report.encoding in ("cp932", "shift_jis")
    with mission_factory() as session:
        ichiro = session.scalar(select(Participant).where(Participant.email == "suzuki@nanotube.example.jp"))
        assert (ichiro.first_name, ichiro.last_name, ichiro.organisation.name) == (
            "一郎",
            "鈴木",
            "大阪ナノチューブ株式会社",
        )
        assert (ichiro.organisation.side.value, ichiro.organisation.country, ichiro.profile.sectors) == (
            "host",
            "JP",
            ["materials"],
        )


def test_cp1252_file_with_french_headers_and_semicolons(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "delegation.csv"
    text = (
        "Courriel;Prénom;Nom;Entreprise;Côté;Langues;Secteurs;Besoins\n"
        "andre.leger@acier.example.lu;André;Léger;Aciérie Réunie;délégation;français;Matériaux avancés;"
        "Nous cherchons des fibres de carbone.\n"
    )
    path.write_bytes(text.encode("cp1252"))
    report = _import(mission_factory, path)
    assert (report.encoding, report.created_participants) == ("cp1252", 1)
    with mission_factory() as session:
        andre = session.scalar(select(Participant).where(Participant.email == "andre.leger@acier.example.lu"))
        assert (andre.first_name, andre.organisation.name, andre.profile.needs) == (
            "André",
            "Aciérie Réunie",
            "Nous cherchons des fibres de carbone.",
        )


def test_utf8_with_bom_and_xlsx(mission_factory, tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(
        ("\ufeff" + HEADER_EN + "a.b@x.example.lu,A,B,Org A,delegation,en,ai,,\n").encode("utf-8")
    )
    assert _import(mission_factory, bom).encoding == "utf-8-sig"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "First name", "Last name", "Company", "Side", "Sectors"])
    sheet.append(["c.d@x.example.jp", "C", "D", "Org C", "host", "Fintech & financial services"])
    sheet.append([None, None, None, None, None, None])
    workbook.save(tmp_path / "people.xlsx")
    report = _import(mission_factory, tmp_path / "people.xlsx")
    assert report.created_participants == 1
    assert _participant_count(mission_factory) == 6


def test_column_mapping_can_be_overridden(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Contact,First name,Last name,Company,Side\nx.y@z.example.lu,X,Y,Org X,delegation\n")
    with pytest.raises(InputRejected) as rejected:
        _import(mission_factory, path)
    assert "no column for 'email'" in str(rejected.value)
    report = _import(mission_factory, path, parse_map_option(["email=Contact"]))
    assert report.created_participants == 1


def test_every_bad_row_is_reported_and_nothing_is_written(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER_EN
        + "ok@lux.example.lu,Ok,Person,Org OK,delegation,en,ai,,\n"  # row 2 is fine
        + ",No,Email,Org OK,delegation,en,,,\n"  # row 3 missing email
        + "ok@lux.example.lu,Twice,Same,Org OK,delegation,en,,,\n"  # row 4 duplicate in file
        + "anne.muller@luxsat.example.lu,Anne,Again,Org OK,delegation,en,,,\n"  # row 5 already registered
        + "s@lux.example.lu,S,S,Org OK,delegation,en,astrology,,\n"  # row 6 unknown sector
        + "t@lux.example.lu,T,T,Org T,visitor-ish,en,,,\n"  # row 7 unknown side
        + "u@lux.example.lu,U,U,Kansai Orbital KK,delegation,en,,,\n"  # row 8 side conflict
        + "v@lux.example.lu,V,V,Org V,,klingon,,,\n"  # row 9 no side + bad language
        + "not-an-email,W,W,Org OK,delegation,en,,,\n",  # row 10 invalid email
        encoding="utf-8",
    )
    with pytest.raises(InputRejected) as rejected:
        _import(mission_factory, path, update=False)  # a registered participant is refused, not updated
    assert [str(p) for p in rejected.value.problems] == [
        "row 3, email: is empty",
        "row 4, email: ok@lux.example.lu appears twice (also row 2)",
        "row 5, email: anne.muller@luxsat.example.lu is already registered in this mission",
        "row 6, sectors: unknown sector 'astrology'",
        "row 7, side: unknown side 'visitor-ish' (delegation or host)",
        "row 8, side: Kansai Orbital KK is already on the host side",
        "row 9, side: is empty and 'Org V' is a new organisation",
        "row 9, languages: unknown language 'klingon'",
        "row 10, email: 'not-an-email' is not an e-mail address",
    ]
    assert _participant_count(mission_factory) == 4


def _limits(factory: sessionmaker[Session]) -> dict[str, tuple[int | None, int | None, int | None]]:
    with factory() as session:
        people = session.scalars(select(Participant).order_by(Participant.id))
        return {p.email: (p.min_meetings, p.max_meetings, p.hosted_table) for p in people}


def test_meeting_limits_and_hosted_tables_with_english_headers(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "limits.csv"
    path.write_text(
        "email,first_name,last_name,organisation,side,Min meetings,Max meetings,Hosted table\n"
        "kimura@orbital.example.jp,Jiro,Kimura,Kansai Orbital KK,,,8,2\n"  # shares his company's table
        "ito@nano.example.jp,Aki,Ito,Nano KK,host,2,2,3.0\n"
        "marc@lux.example.lu,Marc,Weis,LuxQuantum,delegation,3,,\n",
        encoding="utf-8",
    )
    report = _import(mission_factory, path)
    assert report.columns["hosted_table"] == "Hosted table"
    limits = _limits(mission_factory)
    emails = ("kimura@orbital.example.jp", "ito@nano.example.jp", "marc@lux.example.lu")
    assert [limits[email] for email in emails] == [
        (None, 8, 2),
        (2, 2, 3),
        (3, None, None),
    ]


def test_meeting_limits_with_french_and_japanese_headers(mission_factory, tmp_path: Path) -> None:
    french = tmp_path / "fr.csv"
    french.write_bytes(
        "Courriel;Prénom;Nom;Entreprise;Côté;Rendez-vous min;Rendez-vous max;Table fixe\n"
        "luc@lux.example.lu;Luc;Kayser;LuxQuantum;délégation;1;4;1\n".encode("cp1252")
    )
    japanese = tmp_path / "ja.csv"
    japanese.write_bytes(
        "メールアドレス,名,姓,会社名,区分,最少商談数,最大商談数,固定テーブル\n"
        "mori@nano.example.jp,花子,森,大阪ナノ株式会社,ホスト,0,12,4\n".encode("shift_jis")
    )
    _import(mission_factory, french)
    _import(mission_factory, japanese)
    limits = _limits(mission_factory)
    assert (limits["luc@lux.example.lu"], limits["mori@nano.example.jp"]) == ((1, 4, 1), (0, 12, 4))


def test_every_bad_limit_is_reported_by_row_and_column_and_nothing_is_written(
    mission_factory, tmp_path: Path
) -> None:
    path = tmp_path / "bad-limits.csv"
    path.write_text(
        "Courriel;Prénom;Nom;Entreprise;Côté;Rendez-vous min;Rendez-vous max;Table fixe\n"
        "a@x.example.lu;A;A;Org A;délégation;deux;;\n"  # row 2
        "b@x.example.lu;B;B;Org A;délégation;5;3;\n"  # row 3
        "c@x.example.lu;C;C;Org A;délégation;-1;;\n"  # row 4
        "d@x.example.lu;D;D;Org A;délégation;;;0\n"  # row 5
        "e@x.example.lu;E;E;Org A;délégation;;;9\n"  # row 6: the session has 4 tables
        "f@x.example.lu;F;F;Org F;hôte;;;2\n"  # row 7: Kansai Orbital's people keep table 2
        "g@x.example.lu;G;G;Org G;hôte;;;3\n"  # row 8
        "h@x.example.lu;H;H;Org H;hôte;;2.5;3\n"  # row 9: table 3 is Org G's since row 8
        "i@x.example.lu;I;I;Org G;hôte;;;3\n",  # row 10: a colleague of row 8 shares the table
        encoding="utf-8",
    )
    with pytest.raises(InputRejected) as rejected:
        _import(mission_factory, path)
    assert [str(p) for p in rejected.value.problems] == [
        "row 2, Rendez-vous min: 'deux' is not a whole number",
        "row 3, Rendez-vous max: is below the minimum (5)",
        "row 4, Rendez-vous min: must be 0 or more",
        "row 5, Table fixe: must be 1 or more (tables are numbered from 1)",
        "row 6, Table fixe: table 9 does not exist: the smallest B2B session has 4 tables",
        "row 7, Table fixe: table 2 is already kept by 太郎 山田 (Kansai Orbital KK)",
        "row 9, Rendez-vous max: '2.5' is not a whole number",
        "row 9, Table fixe: table 3 is already kept by G G (Org G), row 8",
    ]
    assert _participant_count(mission_factory) == 4


def test_japanese_limit_columns_are_named_in_the_errors(mission_factory, tmp_path: Path) -> None:
    path = tmp_path / "ja-bad.csv"
    path.write_text(
        "メールアドレス,名,姓,会社名,区分,最少商談数,最大商談数,固定テーブル\n"
        "mori@nano.example.jp,花子,森,大阪ナノ株式会社,ホスト,１０,3,三\n",
        encoding="utf-8",
    )
    with pytest.raises(InputRejected) as rejected:
        _import(mission_factory, path)
    assert [str(p) for p in rejected.value.problems] == [
        "row 2, 最大商談数: is below the minimum (10)",
        "row 2, 固定テーブル: '三' is not a whole number",
    ]


@pytest.mark.parametrize("language", ["en", "fr", "ja"])
def test_the_mission_workbook_imports_back_as_the_same_participants(
    session_factory: sessionmaker[Session], tmp_path: Path, language: str
) -> None:
    empty = small_mission()
    for kind in ("organisations", "participants", "meeting_requests", "meetings", "agreements", "feedback"):
        empty[kind] = []
    empty["programme"] = []
    with transaction(session_factory) as session:
        import_mission(session, empty)
    path = tmp_path / "mission.xlsx"
    path.write_bytes(mission_workbook(small_mission(), language=language))
    assert _import(session_factory, path).created_participants == 4
    with session_factory() as session:
        people = session.scalars(select(Participant).order_by(Participant.id))
        found = [
            (p.email, p.first_name, p.last_name, p.organisation.name, p.organisation.side.value, p.job_title)
            for p in people
        ]
    with session_factory() as session:
        limits = [
            (p.languages, p.min_meetings, p.max_meetings, p.hosted_table)
            for p in session.scalars(select(Participant).order_by(Participant.id))
        ]
    assert found == [
        ("anne.muller@luxsat.example.lu", "Anne", "Muller", "LuxSat Services", "delegation", "CEO"),
        ("jonas.weber@sante.example.lu", "Jonas", "Weber", "Santé Data Lux", "delegation", "CTO"),
        ("yamada@orbital.example.jp", "太郎", "山田", "Kansai Orbital KK", "host", "部長"),
        ("sato@orbital.example.jp", "Hanako", "Sato", "Kansai Orbital KK", "host", "Engineer"),
    ]
    assert limits == [
        (["fr", "de", "en"], 0, 5, None),
        (["de", "en"], None, None, None),
        (["ja"], None, None, 2),
        (["ja", "en"], None, None, 2),
    ]
