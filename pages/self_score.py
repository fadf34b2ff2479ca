"""Self-scoring (tự chấm): the unit scores every criterion with its evidence, sends it to the chair, then sees
each adjustment and may answer it once."""

import streamlit as st

from components.rules import access
from components.ui import criteria_editor, pickers
from components.ui import score_forms as forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t

user = require_role("province", "chair", "admin")
st.title(t("page.self_score"))
show_flash()

picked = pickers.pick_scored_sheet(user, "self_score")
if picked is None:
    st.stop()
sheet, unit_id = picked.sheet, picked.unit_id

criteria_editor.table_summary(picked.current)
forms.sheet_status(sheet)
forms.sheet_table(sheet)
forms.evidence_downloads(sheet, user)
own = access.can_self_score(user, unit_id)
if own and sheet.state == "draft" and not sheet.locked:
    forms.self_score_form(sheet, user)
    forms.submit_button(sheet, user)
if sheet.state == "submitted":
    forms.answer_forms(sheet, user)
