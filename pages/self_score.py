"""Self-scoring (tự chấm): the unit scores every criterion with its evidence, sends it to the chair, then sees
each adjustment and may answer it once."""

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
st.title(t("page.self_score"))
show_flash()

with session_scope() as session:
    cluster_id = reference.cluster_for(session=session, actor=user).id
    choices = entry_db.entry_choices(session=session, cluster_id=cluster_id)
picked = pickers.pick_year_and_unit(user, choices, "self_score")
if picked is None:
    st.stop()
year, unit_id = picked

try:
    with session_scope() as session:
        current = scoring_db.year_table(session=session, year=year, cluster_id=cluster_id)
        sheet = scoring_db.score_sheet(session=session, actor=user, unit_id=unit_id, year=year)
except DomainError as exc:
    st.info(error_text(exc), icon=":material/info:")
    st.stop()

criteria_editor.table_summary(current)
forms.sheet_status(sheet)
forms.sheet_table(sheet)
forms.evidence_downloads(sheet, user)
own = access.can_self_score(user, unit_id)
if own and sheet.state == "draft" and not sheet.locked:
    forms.self_score_form(sheet, user)
    forms.submit_button(sheet, user)
if sheet.state == "submitted":
    forms.answer_forms(sheet, user)
