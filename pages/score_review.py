"""Verification (thẩm định): the chair and vice-chair adjust a unit's criteria with a written reason, tick the
flag's checklist, and the chair locks the final scores. Other members read the submitted sheets."""

import streamlit as st

from components.rules import access
from components.rules.errors import DomainError
from components.ui import criteria_editor, pickers
from components.ui import score_forms as forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import error_text, t
from db import reference
from db import results as entry_db
from db import scoring as scoring_db
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.score_review"))
show_flash()

with session_scope() as session:
    cluster_id = reference.cluster_for(session=session, actor=user).id
    choices = entry_db.entry_choices(session=session, cluster_id=cluster_id)
picked = pickers.pick_year_and_unit(user, choices, "score_review")
if picked is None:
    st.stop()
year, unit_id = picked

try:
    with session_scope() as session:
        current = scoring_db.year_table(session=session, year=year, cluster_id=cluster_id)
        ey = entry_db.emulation_year(session=session, year=year, cluster_id=cluster_id)
        sheet = scoring_db.score_sheet(session=session, actor=user, unit_id=unit_id, year=year)
except DomainError as exc:
    st.info(error_text(exc), icon=":material/info:")
    st.stop()

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
if access.can_lock_scores(user) and not sheet.locked:
    forms.lock_form(year, cluster_id, user)
