"""Verification (thẩm định): the chair and vice-chair adjust a unit's criteria with a written reason and tick the
flag's checklist; the year's scores are locked on the results screen. Other members read the submitted sheets."""

import streamlit as st

from components.rules import access
from components.ui import criteria_editor, pickers
from components.ui import score_forms as forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t

user = require_role("province", "chair", "admin")
st.title(t("page.score_review"))
show_flash()

picked = pickers.pick_scored_sheet(user, "score_review")
if picked is None:
    st.stop()
ey, unit_id, current, sheet = picked.year, picked.unit_id, picked.current, picked.sheet

criteria_editor.table_summary(current)
forms.sheet_status(sheet)
forms.sheet_table(sheet)
forms.evidence_downloads(sheet, user)
verifier = access.can_verify_scores(user, unit_id, ey.chair_unit_id, ey.vice_chair_unit_id)
if sheet.state != "submitted":
    st.info(t("score.not_submitted_yet"))
elif not verifier:
    st.caption(t("score.verify_only"))
    if current.table.cross_scoring and user.role == "province" and user.unit_id != unit_id and not sheet.locked:
        forms.cross_form(sheet, user)
elif not sheet.locked:
    forms.adjust_form(sheet, user)
    forms.conditions_form(sheet, current.table, user)
if sheet.state == "submitted":
    forms.answer_forms(sheet, user)
