"""The Ministry's emulation department (and the administrator): every cluster of the Khối side by side for a year:
members, submissions, leading units. Read-only."""

import pandas as pd
import streamlit as st

from components.rules.plain_text import plain
from components.ui import frames
from components.ui.auth import require_role
from components.ui.language import current_lang, t, tm
from db import organisation as org
from db.engine import session_scope

user = require_role("ministry", "admin")
lang = current_lang()
st.title(t("page.clusters_overview"))

with session_scope() as session:
    years = org.overview_years(session=session)
if not years:
    st.info(t("entry.no_years"))
    st.stop()
year = st.selectbox(t("org.overview_year"), years, key="overview_year", placeholder=t("common.choose"))
with session_scope() as session:
    rows = org.clusters_overview(session=session, year=year)

frames.dataframe(pd.DataFrame([{
    t("org.cluster"): r.cluster.name_vi if lang == "vi" else r.cluster.name_en,
    t("org.overview_state"): t(f"year_state.{r.state}") if r.state else "—",
    t("org.overview_members"): len(r.members) if r.members else t("org.overview_not_set"),
    t("org.overview_submitted"): f"{r.submitted}/{len(r.members)}" if r.members else "—",
    t("org.overview_leading"): "; ".join(r.names[u].name(lang) for u in r.leaders)} for r in rows]),
    hide_index=True, width="stretch")
for r in rows:
    with st.expander(plain(r.cluster.name_vi if lang == "vi" else r.cluster.name_en)):
        if r.members:
            st.markdown("\n".join(f"- {plain(r.names[u].name(lang))}" for u in r.members))
        else:
            st.caption(tm("org.membership_not_set", cluster=r.cluster.name_vi if lang == "vi" else r.cluster.name_en,
                         year=year))
