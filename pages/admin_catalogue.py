"""Admin: the indicator catalogue and the cluster's emulation years (theme, chair, deadline, state)."""

import streamlit as st

from components.ui import admin_catalogue_forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.kept_tabs import kept_tabs
from components.ui.language import current_lang, t
from db import reference
from db.engine import session_scope

user = require_role("admin")
st.title(t("page.admin_catalogue"))

with session_scope() as session:
    cluster = reference.get_cluster(session=session)
    indicators = reference.list_indicators(session=session, active_only=False)
    years = reference.list_emulation_years(session=session, cluster_id=cluster.id)
    units = {i: n.name(current_lang()) for i, n in reference.unit_names(session=session).items()}

show_flash()

ind_tab, year_tab = kept_tabs([t("admin.cat.indicators"), t("admin.years")], key="admin_catalogue_tab",
                              ids=["indicators", "years"])
with ind_tab:
    admin_catalogue_forms.indicator_catalogue(indicators, user)
with year_tab:
    admin_catalogue_forms.emulation_years(years, cluster.id, units, user)
