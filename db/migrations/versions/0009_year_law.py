"""the law of each year (legalbasis) and memberships still to be confirmed (membershipproposal)

Revision ID: 0009_year_law
Revises: 0008_door
Create Date: 2026-12-03

After 0008_door (the login sessions and throttles).
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0009_year_law'
down_revision: Union[str, Sequence[str], None] = '0008_door'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'legalbasis',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('law', sa.Text(), nullable=False),
        sa.Column('decree', sa.Text(), nullable=False),
        sa.Column('home_affairs_circular', sa.Text(), nullable=False),
        sa.Column('sector_circular', sa.Text(), nullable=False),
        sa.Column('ministry_vi', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('ministry_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('reading_office_vi', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('pack', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('confirmed', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_legalbasis_updated_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_legalbasis')),
        sa.UniqueConstraint('year', name=op.f('uq_legalbasis_year')),
    )
    op.create_table(
        'membershipproposal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'],
                                name=op.f('fk_membershipproposal_cluster_id_cluster')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_membershipproposal')),
        sa.UniqueConstraint('cluster_id', 'year', name=op.f('uq_membershipproposal_cluster_id_year')),
    )


def downgrade() -> None:
    op.drop_table('membershipproposal')
    op.drop_table('legalbasis')
