"""Registration (đăng ký thi đua): at the start of the year each unit registers its titles and targets; the chair
approves or returns it with a reason, sets the deadline, and sees registered versus achieved."""

import streamlit as st

from components.rules import access
from components.rules.errors import DomainError
from components.ui import pickers, poll_display
from components.ui import registration_forms as forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import error_text, t
from db import entry, reference, registrations, scope
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.registration"))
show_flash()

with session_scope() as session:
    cluster_id = scope.cluster_for(session=session, actor=user).id
    choices = entry.entry_choices(session=session, cluster_id=cluster_id)
    indicator_codes = [i.code for i in reference.list_indicators(session=session)]
picked = pickers.pick_year_and_unit(user, choices, "registration")
if picked is None:
    st.stop()
year, unit_id = picked

try:
    with session_scope() as session:
        view = registrations.registration(session=session, actor=user, unit_id=unit_id, year=year)
except DomainError as exc:
    st.info(error_text(exc), icon=":material/info:")
    st.stop()

forms.status(view)
own = access.can_self_score(user, unit_id)
forms.unit_form(view, user, indicator_codes, editable=own and view.state in ("draft", "returned"))
if access.can_draft_criteria(user):
    if view.state == "submitted":
        forms.decision_form(view, user)
    forms.deadline_form(year, cluster_id, view.deadline, user)
    with session_scope() as session:
        regs, lines = registrations.registered_vs_achieved(session=session, year=year, cluster_id=cluster_id)
        names = poll_display.names_in_language(reference.unit_names(session=session, year=year))
    forms.summary_table(regs, lines, names)
