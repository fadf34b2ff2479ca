"""Annual results form: a province enters its figures, saves drafts and submits; the chair and admin correct any
unit; other units' figures are visible once submitted."""

import streamlit as st

from components.ui import entry_form as entry_ui
from components.ui import pickers
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import entry, scope
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.entry"))
show_flash()

with session_scope() as session:
    choices = entry.entry_choices(session=session,
                                     cluster_id=scope.cluster_for(session=session, actor=user).id)
picked = pickers.pick_year_and_unit(user, choices, "entry")
if picked is None:
    st.stop()
year, unit_id = picked

with session_scope() as session:
    sheet = entry.entry_sheet(session=session, actor=user, unit_id=unit_id, year=year)
    history = entry.history(session=session, actor=user, unit_id=unit_id, year=year) if sheet.readable else {}

entry_ui.status_bar(sheet, user)
if not sheet.readable:
    st.info(t("entry.not_readable", year=year), icon=":material/visibility_off:")
    st.stop()
if sheet.refusal is None:
    st.caption(t("entry.intro"))
entry_ui.entry_form(sheet, history, user)
entry_ui.workflow_log(history)
