"""a hard plausible upper bound for every indicator of the catalogue, and "mobile subscribers per 100 people"
read as a rate (averaged, decimals allowed) rather than a count

Revision ID: 0011_seeing
Revises: 0010_award
Create Date: 2026-12-04

Data only: an indicator whose maximum is still empty gets the bound of sample_data/indicators.csv (the reasons are
in docs/indicator_bounds.md); a maximum an administrator has set is kept. Downgrade empties only the maxima that
still hold the value set here.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0011_seeing'
down_revision: Union[str, Sequence[str], None] = '0010_award'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BOUNDS = {
    'villages_mobile_covered': 20_000,
    'villages_fixed_broadband': 20_000,
    'households_fibre': 10_000_000,
    'white_villages_cleared': 20_000,
    'weak_villages_cleared': 20_000,
    'bts_sites': 100_000,
    'bts_stations': 200_000,
    'bts_5g_stations': 100_000,
    'mobile_subscribers': 50_000_000,
    'telecom_revenue_bn_vnd': 500_000,
    'post_offices_multiservice': 1_000,
    'products_on_ecommerce': 100_000,
    'dti_rank': 63,
    'dti_rank_digital_government': 63,
    'dti_rank_digital_economy': 63,
    'dti_rank_digital_society': 63,
    'digital_certificates': 1_000_000,
    'email_accounts': 1_000_000,
    'videoconf_points': 10_000,
    'security_incidents_handled': 100_000,
    'foreign_info_articles': 100_000,
    'inspections': 10_000,
    'fine_decisions': 10_000,
    'fines_vnd': 2_000_000_000_000,
    'dossiers_received': 1_000_000,
    'dossiers_early': 1_000_000,
    'dossiers_on_time': 1_000_000,
    'dossiers_late': 1_000_000,
    'charity_vnd': 100_000_000_000,
    'staff_total': 5_000,
    'staff_ldtt': 5_000,
    'staff_cstdcs': 5_000,
    'pii_rank': 63,
    'nq57_tasks_assigned': 5_000,
    'nq57_tasks_done': 5_000,
    'nq57_tasks_on_time': 5_000,
}
indicator = sa.table('indicator', sa.column('code', sa.String), sa.column('kind', sa.String),
                     sa.column('max_value', sa.Float))


def upgrade() -> None:
    for code, bound in BOUNDS.items():
        op.execute(indicator.update().where(indicator.c.code == code, indicator.c.max_value.is_(None))
                   .values(max_value=bound))
    op.execute(indicator.update().where(indicator.c.code == 'mobile_subs_per_100', indicator.c.kind == 'count')
               .values(kind='score'))


def downgrade() -> None:
    op.execute(indicator.update().where(indicator.c.code == 'mobile_subs_per_100', indicator.c.kind == 'score')
               .values(kind='count'))
    for code, bound in BOUNDS.items():
        op.execute(indicator.update().where(indicator.c.code == code, indicator.c.max_value == bound)
                   .values(max_value=None))
