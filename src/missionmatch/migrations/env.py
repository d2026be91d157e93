"""Alembic environment: migrations run on the connection handed over by `missionmatch.migrate`."""

from alembic import context

import missionmatch.models as models

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through missionmatch.migrate (missionmatch db upgrade)")

context.configure(
    connection=connection,
    target_metadata=models.Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
