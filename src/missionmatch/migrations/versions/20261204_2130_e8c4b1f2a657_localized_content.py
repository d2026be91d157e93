"""content in several languages: mission name and description, programme title, venue and description,
session name and venue as a map language -> text (`<field>_i18n`, JSON), filled from the single-language
columns, which stay as the text in the mission's default language (lookups, ordering, uniqueness)

Revision ID: e8c4b1f2a657
Revises: e8c3b5a1f207
Create Date: 2026-12-04 21:30:00.000000
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "e8c4b1f2a657"
down_revision: str | None = "e8c3b5a1f207"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIELDS = {
    "mission": ("name", "description"),
    "programme_item": ("title", "venue", "description"),
    "b2b_session": ("name", "venue"),
}


def _mission_languages(connection: sa.Connection) -> dict[Any, str]:
    """Each mission's default language: the first of its languages, else English."""
    languages = {}
    for mission_id, stored in connection.execute(sa.text("SELECT id, languages FROM mission")):
        codes: Any = json.loads(stored) if isinstance(stored, str) else stored
        languages[mission_id] = codes[0] if codes else "en"
    return languages


def _mission_of(table: str) -> str:
    return "id" if table == "mission" else "mission_id"


def _update(
    connection: sa.Connection, table: str, row_id: Any, values: Mapping[str, object], json_columns: bool
) -> None:
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    statement = sa.text(f"UPDATE {table} SET {assignments} WHERE id = :id")
    if json_columns:  # bound as JSON: a text on SQLite, a json value on PostgreSQL
        statement = statement.bindparams(*(sa.bindparam(name, type_=sa.JSON()) for name in values))
    connection.execute(statement, {**values, "id": row_id})


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the tables on SQLite)
    for table, fields in FIELDS.items():
        for field in fields:
            op.add_column(table, sa.Column(f"{field}_i18n", sa.JSON(), nullable=False, server_default="{}"))
    connection = op.get_bind()
    languages = _mission_languages(connection)
    for table, fields in FIELDS.items():
        columns = ", ".join(fields)
        rows = connection.execute(sa.text(f"SELECT id, {_mission_of(table)}, {columns} FROM {table}"))
        for row_id, mission_id, *texts in rows.all():
            language = languages.get(mission_id, "en")
            values = {
                f"{field}_i18n": {language: text} if isinstance(text, str) and text.strip() else {}
                for field, text in zip(fields, texts, strict=True)
            }
            _update(connection, table, row_id, values, json_columns=True)


def _resolve(texts: Mapping[str, str], language: str) -> str:
    for code in (language, "en"):
        if texts.get(code, "").strip():
            return texts[code]
    return next((text for text in texts.values() if text.strip()), "")


def downgrade() -> None:
    # the single-language column keeps the text in the mission's default language (then English, then any)
    connection = op.get_bind()
    languages = _mission_languages(connection)
    for table, fields in FIELDS.items():
        columns = ", ".join(f"{field}_i18n" for field in fields)
        rows = connection.execute(sa.text(f"SELECT id, {_mission_of(table)}, {columns} FROM {table}"))
        for row_id, mission_id, *maps in rows.all():
            language = languages.get(mission_id, "en")
            values: dict[str, object] = {}
            for field, stored in zip(fields, maps, strict=True):
                texts: Any = json.loads(stored) if isinstance(stored, str) else (stored or {})
                if texts:
                    values[field] = _resolve(texts, language)
            if values:
                _update(connection, table, row_id, values, json_columns=False)
    for table, fields in FIELDS.items():
        for field in fields:
            op.drop_column(table, f"{field}_i18n")
