"""the award path: holds on units (unithold), the scope of an award (annual, thematic, one-off) and its movement,
the register of emulation movements (movement, its documents, who opened it), the proposal exchange
(awardproposal, its items and events), the hash of every official PDF generated (generatedpdf), the
administrator's trust roots (trustroot) and the signed documents brought back (signeddocument, which the
database itself refuses to change or delete)

Revision ID: 0010_award
Revises: 0009_year_law
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0010_award'
down_revision: Union[str, Sequence[str], None] = '0009_year_law'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('generatedpdf',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_generatedpdf_cluster_id_cluster')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_generatedpdf_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_generatedpdf'))
    )
    with op.batch_alter_table('generatedpdf', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_generatedpdf_sha256'), ['sha256'], unique=False)

    op.create_table('trustroot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('not_after', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('der', sa.LargeBinary(), nullable=False),
    sa.Column('added_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('removed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], name=op.f('fk_trustroot_added_by_id_user')),
    sa.ForeignKeyConstraint(['removed_by_id'], ['user.id'], name=op.f('fk_trustroot_removed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trustroot')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_trustroot_fingerprint'))
    )
    op.create_table('unithold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('discipline', 'investigation', 'inspection', 'complaint')", name=op.f('ck_unithold_kind')),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_unithold_dates')),
    sa.ForeignKeyConstraint(['set_by_id'], ['user.id'], name=op.f('fk_unithold_set_by_id_user')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unithold_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unithold'))
    )
    with op.batch_alter_table('unithold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unithold_unit_id'), ['unit_id'], unique=False)

    op.create_table('signeddocument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generated_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('signers', sa.Text(), nullable=False),
    sa.Column('signed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('uploaded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_signeddocument_cluster_id_cluster')),
    sa.ForeignKeyConstraint(['generated_id'], ['generatedpdf.id'], name=op.f('fk_signeddocument_generated_id_generatedpdf')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_signeddocument_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signeddocument')),
    sa.UniqueConstraint('sha256', name=op.f('uq_signeddocument_sha256'))
    )
    op.create_table('movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('launched_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('launched_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('regular', 'period')", name=op.f('ck_movement_kind')),
    sa.CheckConstraint("level IN ('national', 'ministry', 'province', 'cluster')", name=op.f('ck_movement_level')),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_movement_dates')),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_movement_cluster_id_cluster')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_movement_created_by_id_user')),
    sa.ForeignKeyConstraint(['launched_by_id'], ['user.id'], name=op.f('fk_movement_launched_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movement'))
    )
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movement_cluster_id'), ['cluster_id'], unique=False)
    op.create_table('movementdocument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('movement_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['movement_id'], ['movement.id'], name=op.f('fk_movementdocument_movement_id_movement')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_movementdocument_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movementdocument'))
    )
    with op.batch_alter_table('movementdocument', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movementdocument_movement_id'), ['movement_id'], unique=False)
    op.create_table('movementview',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('movement_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['movement_id'], ['movement.id'], name=op.f('fk_movementview_movement_id_movement')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_movementview_unit_id_unit')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_movementview_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movementview')),
    sa.UniqueConstraint('movement_id', 'unit_id', name=op.f('uq_movementview_movement_id_unit_id'))
    )
    with op.batch_alter_table('award', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(length=16), server_default='annual', nullable=False))
        batch_op.create_check_constraint(op.f('ck_award_scope'), "scope IN ('annual', 'thematic', 'one_off')")
        batch_op.add_column(sa.Column('movement_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_award_movement_id_movement'), 'movement', ['movement_id'], ['id'])
    _award_data_version_triggers()
    op.create_table('awardproposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('emulation_year_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'sent', 'returned', 'accepted', 'forwarded')",
                       name=op.f('ck_awardproposal_state')),
    sa.ForeignKeyConstraint(['emulation_year_id'], ['emulationyear.id'],
                            name=op.f('fk_awardproposal_emulation_year_id_emulationyear')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_awardproposal_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awardproposal')),
    sa.UniqueConstraint('emulation_year_id', 'unit_id', name=op.f('uq_awardproposal_emulation_year_id_unit_id'))
    )
    op.create_table('awardproposalitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('form', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("subject IN ('collective', 'individual', 'initiative')",
                       name=op.f('ck_awardproposalitem_subject')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_awardproposalitem_created_by_id_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['awardproposal.id'],
                            name=op.f('fk_awardproposalitem_proposal_id_awardproposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awardproposalitem'))
    )
    with op.batch_alter_table('awardproposalitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_awardproposalitem_proposal_id'), ['proposal_id'], unique=False)
    op.create_table('awardproposalfile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['awardproposal.id'],
                            name=op.f('fk_awardproposalfile_proposal_id_awardproposal')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_awardproposalfile_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awardproposalfile'))
    )
    with op.batch_alter_table('awardproposalfile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_awardproposalfile_proposal_id'), ['proposal_id'], unique=False)
    op.create_table('awardproposalevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("action IN ('sent', 'returned', 'accepted', 'forwarded')",
                       name=op.f('ck_awardproposalevent_action')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_awardproposalevent_actor_id_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['awardproposal.id'],
                            name=op.f('fk_awardproposalevent_proposal_id_awardproposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awardproposalevent'))
    )
    with op.batch_alter_table('awardproposalevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_awardproposalevent_proposal_id'), ['proposal_id'], unique=False)
    _refuse_changes_to_signed_documents()


def _award_data_version_triggers() -> None:
    """SQLite rebuilds `award` in batch mode, which drops the data version's triggers of migration 0007: put them
    back (PostgreSQL alters the table in place and keeps them)."""
    if op.get_bind().dialect.name == "postgresql":
        return
    for event in ("insert", "update", "delete"):
        op.execute(f'CREATE TRIGGER IF NOT EXISTS data_version_award_{event} AFTER {event.upper()} ON "award" '
                   f'BEGIN UPDATE dataversion SET version = version + 1 WHERE id = 1; END')


def _refuse_changes_to_signed_documents() -> None:
    """A signed version is kept as it came: an UPDATE or DELETE fails in the database, whoever sends it."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION signeddocument_refuse() RETURNS trigger AS $$ BEGIN "
                   "RAISE EXCEPTION 'a signed document is immutable'; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER signeddocument_immutable BEFORE UPDATE OR DELETE ON signeddocument "
                   "FOR EACH ROW EXECUTE FUNCTION signeddocument_refuse()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER signeddocument_no_{event.lower()} BEFORE {event} ON signeddocument "
                       "BEGIN SELECT RAISE(ABORT, 'a signed document is immutable'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS signeddocument_immutable ON signeddocument")
        op.execute("DROP FUNCTION IF EXISTS signeddocument_refuse()")
    else:
        op.execute("DROP TRIGGER IF EXISTS signeddocument_no_update")
        op.execute("DROP TRIGGER IF EXISTS signeddocument_no_delete")
    op.drop_table('awardproposalevent')
    op.drop_table('awardproposalfile')
    op.drop_table('awardproposalitem')
    op.drop_table('awardproposal')
    with op.batch_alter_table('award', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_award_movement_id_movement'), type_='foreignkey')
        batch_op.drop_column('movement_id')
        batch_op.drop_constraint(op.f('ck_award_scope'), type_='check')
        batch_op.drop_column('scope')
    _award_data_version_triggers()
    op.drop_table('movementview')
    op.drop_table('movementdocument')
    op.drop_table('movement')

    op.drop_table('signeddocument')
    with op.batch_alter_table('unithold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unithold_unit_id'))

    op.drop_table('unithold')
    op.drop_table('trustroot')
    with op.batch_alter_table('generatedpdf', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_generatedpdf_sha256'))

    op.drop_table('generatedpdf')
