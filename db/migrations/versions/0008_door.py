"""login sessions kept by the server: the login cookie carries a random id, revocable per device

Revision ID: 0008_door
Revises: 0007
Create Date: 2026-12-03

The login cookie was a JWT written by the page's own script (so readable by any script in the page). It is now
set by the server's /auth/login route, HttpOnly, and carries a random session id whose SHA-256 is a row of
`authsession`: logging out deletes this device's row, "log out everywhere" every row of the account.
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008_door'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('authsession',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_authsession_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authsession')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_authsession_token_hash'))
    )
    op.create_index(op.f('ix_authsession_user_id'), 'authsession', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_authsession_user_id'), table_name='authsession')
    op.drop_table('authsession')
