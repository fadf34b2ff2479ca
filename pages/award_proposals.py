"""Hồ sơ đề nghị khen thưởng: a member files its proposals (collectives, individuals, initiatives) and sends them
to the chair; the chair returns them with a reason, accepts them or forwards them into the cluster's package,
which the "Văn bản" screen writes as the tờ trình and its list."""

import streamlit as st

from components.ui import proposal_forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import award_proposals, reference, scope
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.award_proposals"))
show_flash()

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    years = sorted((y.year for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)
                    if y.state != "closed"), reverse=True)
if not years:
    st.info(t("entry.no_years"))
    st.stop()
year = st.selectbox(t("docs.year"), years, key="proposals_year", placeholder=t("common.choose"))

with session_scope() as session:
    if user.role == "province":
        view = award_proposals.member_view(session=session, actor=user, unit_id=user.unit_id, year=year)
    else:
        views = award_proposals.cluster_view(session=session, actor=user, cluster_id=cluster.id, year=year)
        names = {u: info.name_vi for u, info in reference.unit_names(session=session, year=year).items()}

if user.role == "province":
    proposal_forms.member_panel(user, year, view)
else:
    proposal_forms.chair_board(user, views, names)
