"""one occupying meeting per table and slot, and per attendee and slot

Revision ID: bb898616a70d
Revises: 6a6ffd8bba38
Create Date: 2026-12-02 08:05:00.000000

The database itself refuses a double booking, whichever code wrote it: a partial unique index over the
occupying meetings of a table and slot, and a `slot_occupancy` table kept by triggers (one row per attendee
of an occupying placed meeting) whose primary key is (participant, session, slot). The statuses that occupy
are those of `models.meeting.OCCUPYING` on the day of this migration.

Existing double bookings (the bugs this closes could make them) are settled first: a draft meeting that
clashes with another is taken out of its slot (the next scheduler run places it again); a clash between two
published or held meetings stops the migration with their keys, for an organiser to decide.

SQLite drops a table's triggers when `batch_alter_table` copies it: a later migration that batch-alters
`meeting` or `meeting_attendee` must create these triggers again (tests/models/test_occupancy_constraints.py
fails otherwise).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "bb898616a70d"
down_revision: str | None = "6a6ffd8bba38"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OCCUPYING = "('draft', 'published', 'held', 'no_show')"
PLACED = f"session_id IS NOT NULL AND slot IS NOT NULL AND status IN {OCCUPYING}"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER meeting_attendee_occupies AFTER INSERT ON meeting_attendee BEGIN
        INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id)
        SELECT NEW.participant_id, m.session_id, m.slot, m.id FROM meeting m
        WHERE m.id = NEW.meeting_id AND m.session_id IS NOT NULL AND m.slot IS NOT NULL
          AND m.status IN {OCCUPYING};
    END""",
    """CREATE TRIGGER meeting_attendee_frees AFTER DELETE ON meeting_attendee BEGIN
        DELETE FROM slot_occupancy WHERE meeting_id = OLD.meeting_id AND participant_id = OLD.participant_id;
    END""",
    f"""CREATE TRIGGER meeting_attendee_changes AFTER UPDATE ON meeting_attendee BEGIN
        DELETE FROM slot_occupancy WHERE meeting_id = OLD.meeting_id AND participant_id = OLD.participant_id;
        INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id)
        SELECT NEW.participant_id, m.session_id, m.slot, m.id FROM meeting m
        WHERE m.id = NEW.meeting_id AND m.session_id IS NOT NULL AND m.slot IS NOT NULL
          AND m.status IN {OCCUPYING};
    END""",
    f"""CREATE TRIGGER meeting_occupancy_changes AFTER UPDATE OF session_id, slot, status ON meeting BEGIN
        DELETE FROM slot_occupancy WHERE meeting_id = OLD.id;
        INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id)
        SELECT a.participant_id, NEW.session_id, NEW.slot, NEW.id FROM meeting_attendee a
        WHERE a.meeting_id = NEW.id AND NEW.session_id IS NOT NULL AND NEW.slot IS NOT NULL
          AND NEW.status IN {OCCUPYING};
    END""",
]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION meeting_attendee_occupies() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM slot_occupancy WHERE meeting_id = OLD.meeting_id AND participant_id = OLD.participant_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id)
            SELECT NEW.participant_id, m.session_id, m.slot, m.id FROM meeting m
            WHERE m.id = NEW.meeting_id AND m.session_id IS NOT NULL AND m.slot IS NOT NULL
              AND m.status IN {OCCUPYING};
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER meeting_attendee_occupies AFTER INSERT OR UPDATE OR DELETE ON meeting_attendee
        FOR EACH ROW EXECUTE FUNCTION meeting_attendee_occupies()""",
    f"""CREATE FUNCTION meeting_occupancy_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM slot_occupancy WHERE meeting_id = OLD.id;
        IF NEW.session_id IS NOT NULL AND NEW.slot IS NOT NULL AND NEW.status IN {OCCUPYING} THEN
            INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id)
            SELECT a.participant_id, NEW.session_id, NEW.slot, NEW.id FROM meeting_attendee a
            WHERE a.meeting_id = NEW.id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER meeting_occupancy_changes AFTER UPDATE OF session_id, slot, status ON meeting
        FOR EACH ROW EXECUTE FUNCTION meeting_occupancy_changes()""",
]


def _settle_double_bookings(connection: sa.Connection) -> None:
    """Keeps published/held meetings first, then drafts by id; unplaces a clashing draft."""
    # .tuples(): plain tuples for the type checker (a text query's rows unpack as `object`); same rows
    rows: Sequence[tuple[int, str, int, int, int | None, str]] = (
        connection.execute(
            sa.text(
                f'SELECT id, key, session_id, slot, "table", status FROM meeting WHERE {PLACED} '
                "ORDER BY CASE WHEN status = 'draft' THEN 1 ELSE 0 END, id"
            )
        )
        .tuples()
        .all()
    )
    attendees: dict[int, list[int]] = {}
    for meeting_id, participant_id in connection.execute(
        sa.text("SELECT meeting_id, participant_id FROM meeting_attendee")
    ).tuples():
        attendees.setdefault(meeting_id, []).append(participant_id)
    tables: dict[tuple[int, int, int], str] = {}
    people: dict[tuple[int, int, int], str] = {}
    unplace, clashes = [], []
    for meeting_id, key, session_id, slot, table, status in rows:
        seats = [(session_id, slot, table)] if table is not None else []
        busy = [(p, session_id, slot) for p in attendees.get(meeting_id, [])]
        other = next((tables[s] for s in seats if s in tables), None) or next(
            (people[b] for b in busy if b in people), None
        )
        if other is None:
            tables.update({s: key for s in seats})
            people.update({b: key for b in busy})
        elif status == "draft":
            unplace.append(meeting_id)
        else:
            clashes.append(f"{key} and {other}")
    if clashes:
        raise RuntimeError(
            "these published or held meetings share a table or a participant in one slot; move or cancel "
            "one of each pair with the previous version, then upgrade again: " + "; ".join(clashes)
        )
    for meeting_id in unplace:
        connection.execute(
            sa.text('UPDATE meeting SET session_id = NULL, slot = NULL, "table" = NULL WHERE id = :id'),
            {"id": meeting_id},
        )


def upgrade() -> None:
    connection = op.get_bind()
    _settle_double_bookings(connection)
    op.create_table(
        "slot_occupancy",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_slot_occupancy_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_slot_occupancy_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["b2b_session.id"],
            name=op.f("fk_slot_occupancy_session_id_b2b_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "session_id", "slot", name=op.f("pk_slot_occupancy")),
    )
    op.create_index(op.f("ix_slot_occupancy_meeting_id"), "slot_occupancy", ["meeting_id"], unique=False)
    where = sa.text(f"status IN {OCCUPYING}")
    op.create_index(
        "uq_meeting_table_in_slot",
        "meeting",
        ["session_id", "slot", "table"],
        unique=True,
        sqlite_where=where,
        postgresql_where=where,
    )
    connection.execute(
        sa.text(
            "INSERT INTO slot_occupancy (participant_id, session_id, slot, meeting_id) "
            "SELECT a.participant_id, m.session_id, m.slot, m.id FROM meeting m "
            "JOIN meeting_attendee a ON a.meeting_id = m.id "
            f"WHERE m.session_id IS NOT NULL AND m.slot IS NOT NULL AND m.status IN {OCCUPYING}"
        )
    )
    triggers = POSTGRESQL_TRIGGERS if connection.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        connection.execute(sa.text(statement))


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("DROP TRIGGER meeting_occupancy_changes ON meeting")
        op.execute("DROP TRIGGER meeting_attendee_occupies ON meeting_attendee")
        op.execute("DROP FUNCTION meeting_occupancy_changes()")
        op.execute("DROP FUNCTION meeting_attendee_occupies()")
    else:
        for name in (
            "meeting_occupancy_changes",
            "meeting_attendee_changes",
            "meeting_attendee_frees",
            "meeting_attendee_occupies",
        ):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("uq_meeting_table_in_slot", table_name="meeting")
    op.drop_index(op.f("ix_slot_occupancy_meeting_id"), table_name="slot_occupancy")
    op.drop_table("slot_occupancy")
