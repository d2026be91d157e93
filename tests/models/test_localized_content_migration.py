"""Migration e8c4b1f2a657 on both databases: the single-language texts become maps under the mission's
default language (its first language), and the downgrade writes each map's text in that language (then
English, then any) back into the single-language column."""

import json

import sqlalchemy as sa
from sqlalchemy import Engine

from missionmatch import migrate

REVISION = "e8c4b1f2a657"
BEFORE = "d5f1a7c3e924"


def _insert_rows(engine: Engine) -> None:
    mission = (
        "INSERT INTO mission (id, name, slug, origin_country, host_country, cities, start_date, end_date,"
        " timezone, languages, description, organiser, directory_visibility, show_contact_emails,"
        " requests_need_approval, content_revision) VALUES (:id, :name, :slug, 'LU', 'JP', '[]',"
        " '2025-05-24', '2025-05-31', 'Asia/Tokyo', :languages, :description, '', 'other_side',"
        " false, false, 0)"
    )
    with engine.begin() as c:
        c.execute(
            sa.text(mission),
            dict(id=1, name="Mission à Osaka", slug="osaka", languages='["fr", "ja"]', description=""),
        )
        c.execute(
            sa.text(mission), dict(id=2, name="Tokyo", slug="tokyo", languages="[]", description="Space")
        )
        c.execute(
            sa.text(
                "INSERT INTO programme_item (id, mission_id, key, kind, title, city, venue, address,"
                " starts_at, ends_at, description) VALUES (1, 1, 'forum', 'forum', 'Forum spatial', 'Osaka',"
                " 'Hôtel', '', '2025-05-25 09:00:00', '2025-05-25 12:00:00', '')"
            )
        )
        c.execute(
            sa.text(
                "INSERT INTO b2b_session (id, mission_id, key, name, city, venue, starts_at, slot_minutes,"
                " slot_count, breaks, tables, seats) VALUES (1, 2, 'b2b-1', 'B2B day', 'Tokyo', '',"
                " '2025-05-26 09:00:00', 20, 6, '[]', 4, 4)"
            )
        )


def _maps(engine: Engine) -> list[tuple[object, ...]]:
    def load(value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value

    with engine.connect() as c:
        missions = c.execute(sa.text("SELECT name_i18n, description_i18n FROM mission ORDER BY id")).all()
        items = c.execute(
            sa.text("SELECT title_i18n, venue_i18n, description_i18n FROM programme_item")
        ).all()
        sessions = c.execute(sa.text("SELECT name_i18n, venue_i18n FROM b2b_session")).all()
    return [tuple(load(v) for v in row) for row in [*missions, *items, *sessions]]


def test_the_texts_become_maps_and_come_back(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, BEFORE)
    _insert_rows(empty_engine)
    migrate.upgrade(empty_engine, REVISION)
    assert _maps(empty_engine) == [
        ({"fr": "Mission à Osaka"}, {}),
        ({"en": "Tokyo"}, {"en": "Space"}),
        ({"fr": "Forum spatial"}, {"fr": "Hôtel"}, {}),
        ({"en": "B2B day"}, {}),
    ]
    with empty_engine.begin() as c:
        title = sa.bindparam("title", type_=sa.JSON())
        c.execute(
            sa.text("UPDATE programme_item SET title_i18n = :title WHERE id = 1").bindparams(title),
            {"title": {"en": "Space forum", "ja": "宇宙フォーラム"}},
        )
    migrate.downgrade(empty_engine, BEFORE)
    with empty_engine.connect() as c:
        # mission 1 is written in French first: no French title any more, so English comes before Japanese
        assert c.execute(sa.text("SELECT title, venue FROM programme_item")).one() == ("Space forum", "Hôtel")
        assert c.execute(sa.text("SELECT name FROM mission ORDER BY id")).scalars().all() == [
            "Mission à Osaka",
            "Tokyo",
        ]
        columns = {col["name"] for col in sa.inspect(c).get_columns("programme_item")}
    assert "title_i18n" not in columns
