"""The year's criteria table: the chair drafts it (criteria, bands with floors, conditions, quota), members read
it; it is adopted and locked with the covenant."""

import streamlit as st

from components.ui import criteria_editor
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from components.ui.navigation import ALL
from db import criteria_tables, legal, scope
from db.engine import session_scope

user = require_role(*ALL)
st.title(t("page.scoring_table"))
show_flash()

with session_scope() as session:
    cluster_id = scope.cluster_for(session=session, actor=user).id
year = criteria_editor.pick_year("scoring_table", cluster_id)
if year is None:
    st.stop()
with session_scope() as session:
    current = criteria_tables.year_table(session=session, year=year, cluster_id=cluster_id)
    # the criteria may link only the indicators of the year's pack (a Sở KH&CN's from 2025)
    indicator_codes = legal.pack_indicator_codes(session=session, year=year)

if current is not None:
    criteria_editor.table_summary(current)
if current is not None and current.table.criteria:
    criteria_editor.export_button(year, current.table)
if criteria_editor.can_edit(user, current):
    criteria_editor.import_form(year, cluster_id, user)
    criteria_editor.table_editor(year, cluster_id, current, user, indicator_codes)
elif current is None:
    st.info(t("score.no_table", year=year))
else:
    st.caption(t("score.read_only_table"))
    criteria_editor.table_read_only(current.table)
