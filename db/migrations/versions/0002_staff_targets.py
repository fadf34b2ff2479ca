"""staff targets per emulation year

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

The cluster's staff targets and the legal cap were constants in the code; they become columns of the year, with
the values the code used as the defaults of every existing year. The audit trail may record a change of the whole
year (valuechange.unit_id empty).
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = (("target_ldtt_of_staff_pct", "90.0"), ("target_cstdcs_of_staff_pct", "15.0"),
           ("target_ldxs_collectives_pct", "20.0"), ("cap_cstdcs_of_ldtt_pct", "15.0"))


def upgrade() -> None:
    with op.batch_alter_table('emulationyear', schema=None) as batch_op:
        for name, default in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Float(), nullable=False, server_default=default))
            batch_op.create_check_constraint(name, f"{name} > 0 AND {name} <= 100")
    # a change of the year's targets is audited for the whole year, not for one unit
    with op.batch_alter_table('valuechange', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM valuechange WHERE unit_id IS NULL")
    with op.batch_alter_table('valuechange', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('emulationyear', schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_constraint(batch_op.f(f"ck_emulationyear_{name}"), type_='check')
            batch_op.drop_column(name)
