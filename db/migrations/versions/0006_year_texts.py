"""the chair's texts of a year for its documents

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (sqlmodel.sql.sqltypes: the column types the models declare)
from alembic import op

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'yeartext',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('emulation_year_id', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['emulation_year_id'], ['emulationyear.id'],
                                name=op.f('fk_yeartext_emulation_year_id_emulationyear')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_yeartext_updated_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_yeartext')),
        sa.UniqueConstraint('emulation_year_id', 'key', name=op.f('uq_yeartext_emulation_year_id_key')),
    )
    with op.batch_alter_table('yeartext', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_yeartext_emulation_year_id'), ['emulation_year_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('yeartext', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yeartext_emulation_year_id'))
    op.drop_table('yeartext')
