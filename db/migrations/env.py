"""Alembic environment. The app runs migrations itself at start-up (db.migrate.upgrade); the alembic CLI works too:
`DATABASE_URL=... alembic upgrade head` from the project root."""

from alembic import context
from sqlmodel import SQLModel

import db.models  # noqa: F401  make sure all SQLModel models are imported before reading the metadata
from db.engine import database_url, make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    # batch mode lets the same migration alter tables on SQLite, which has no ALTER CONSTRAINT
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
