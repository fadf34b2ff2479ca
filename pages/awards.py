"""Awards of the year: staff totals with the shares against the cluster's targets, and the awards received."""

import streamlit as st

from components.ui import awards_form as awards_ui
from components.ui import entry_form as entry_ui
from components.ui import pickers
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import awards, entry, scope
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.awards"))
show_flash()

with session_scope() as session:
    choices = entry.entry_choices(session=session,
                                     cluster_id=scope.cluster_for(session=session, actor=user).id)
picked = pickers.pick_year_and_unit(user, choices, "awards")
if picked is None:
    st.stop()
year, unit_id = picked

with session_scope() as session:
    sheet = entry.entry_sheet(session=session, actor=user, unit_id=unit_id, year=year, fields=("awards",))
    history = entry.history(session=session, actor=user, unit_id=unit_id, year=year) if sheet.readable else {}
    awards = awards.list_awards(session=session, actor=user, unit_id=unit_id, year=year) if sheet.readable else []

entry_ui.status_bar(sheet, user)
if not sheet.readable:
    st.info(t("entry.not_readable", year=year), icon=":material/visibility_off:")
    st.stop()

st.subheader(t("entry.awards.staff"))
entry_ui.entry_form(sheet, history, user, allow_submit=False)

st.subheader(t("entry.awards.list"))
awards_ui.awards_table(awards)
if sheet.refusal is None:
    awards_ui.award_delete(awards, user)
    st.subheader(t("entry.awards.add"))
    awards_ui.award_form(sheet, user)
entry_ui.workflow_log(history)
