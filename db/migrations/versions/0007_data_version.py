"""a data version kept by the database's triggers, for the comparison screens' caches

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

The comparison screens cache their datasets and charts per data version. The version was a fingerprint of
aggregates over every table they read (sums over all figures), computed on every rerun of a page: at the Khối's
scale that one read was a third of a rerun. Now each change to those tables raises a counter in the one row of
`dataversion`, by triggers, so the version is one read of one row and no writer can forget it.

PostgreSQL: a deferred constraint trigger per row that raises the counter once per transaction, at commit (the
row of `dataversion` is locked only while a transaction commits: writers never wait on each other for it in the
middle of their work, so it adds no deadlock). SQLite: a trigger per row and event (SQLite has one writer at a
time anyway). A later migration that rebuilds one of these tables on SQLite (batch mode) drops its triggers:
tests/test_data_version.py checks that every watched table has them at head.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# every table the comparison screens read (db/comparison_queries.py and the unit names and lineage it uses)
WATCHED = ("indicatorvalue", "indicator", "award", "scoreweight", "yearhonour", "submission", "emulationyear",
           "unit", "unitname", "unitevent", "cluster", "clustermembership")
EVENTS = ("insert", "update", "delete")

PG_FUNCTION = """
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- once per transaction: the deferred trigger fires for every changed row, at commit
    IF current_setting('thidua.data_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE dataversion SET version = version + 1 WHERE id = 1;
        PERFORM set_config('thidua.data_version_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        'dataversion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dataversion')),
    )
    op.execute("INSERT INTO dataversion (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table in WATCHED:
            op.execute(f'CREATE CONSTRAINT TRIGGER data_version_{table} AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()')
    else:
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f'CREATE TRIGGER data_version_{table}_{event} AFTER {event.upper()} ON "{table}" '
                           f'BEGIN UPDATE dataversion SET version = version + 1 WHERE id = 1; END')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f'DROP TRIGGER IF EXISTS data_version_{table} ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS bump_data_version()")
    else:
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{event}")
    op.drop_table('dataversion')
