"""Tạm dừng xét khen thưởng: the holds on the members under NĐ 152/2025 (discipline under consideration,
investigation, inspection, a complaint being verified) and what the year's law says about proposing each member."""

import streamlit as st

from components.ui import hold_forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import holds, reference, scope
from db.engine import session_scope

user = require_role("chair", "admin")
st.title(t("page.holds"))
st.caption(t("hold.intro"))
show_flash()

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    years = sorted((y.year for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)),
                   reverse=True)
if not years:
    st.info(t("entry.no_years"))
    st.stop()
year = st.selectbox(t("docs.year"), years, key="holds_year", placeholder=t("common.choose"))
with session_scope() as session:
    rows = holds.cluster_holds(session=session, actor=user, cluster_id=cluster.id, year=year)
    checks = holds.law_checks(session=session, actor=user, cluster_id=cluster.id, year=year)
    names = {u: info.name_vi for u, info in reference.unit_names(session=session, year=year).items()}

hold_forms.holds_table(rows, names)
st.subheader(t("hold.checks"))
hold_forms.checks_list(checks, names)
hold_forms.add_form(user, list(rows), names)
hold_forms.end_form(user, rows, names)
