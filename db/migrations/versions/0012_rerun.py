"""a poll that re-runs an earlier one names it and the reason (poll.rerun_of_id, poll.rerun_reason)

Revision ID: 0012_rerun
Revises: 0011_seeing
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0012_rerun'
down_revision: Union[str, Sequence[str], None] = '0011_seeing'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rerun_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('rerun_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_poll_rerun_of_id_poll'), 'poll', ['rerun_of_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_poll_rerun_of_id_poll'), type_='foreignkey')
        batch_op.drop_column('rerun_reason')
        batch_op.drop_column('rerun_of_id')
