"""Overview: the cluster, its members, its emulation years and the leading unit of each year."""

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.ui.auth import require_role
from components.ui.language import current_lang, t
from components.ui.navigation import ALL
from db import reference
from db.engine import session_scope

user = require_role(*ALL)
lang = current_lang()

with session_scope() as session:
    cluster = reference.cluster_for(session=session, actor=user)
    years = reference.list_emulation_years(session=session, cluster_id=cluster.id)
    latest = years[0].year if years else None
    members = reference.member_units(session=session, cluster_id=cluster.id, year=latest) if latest else []
    leaders = reference.leading_units(session=session, cluster_id=cluster.id)
    # each year's units under the names they bore that year
    names = {y: reference.unit_names(session=session, year=y)
             for y in {y.year for y in years} | {year for year, _, _ in leaders}}


def name(unit_id, year):
    return "" if unit_id is None else names[year][unit_id].name(lang)


st.title(cluster.name_vi if lang == "vi" else cluster.name_en)
if latest and not members and user.role in ("admin", "chair"):
    st.warning(t("org.membership_not_set", cluster=cluster.name_vi if lang == "vi" else cluster.name_en,
                 year=latest), icon=":material/group_off:")
st.caption(t("app.subtitle"))
st.write(t("home.welcome"))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("home.years"))
    st.dataframe(pd.DataFrame([{
        t("home.year"): str(y.year), t("home.theme"): y.theme or "", t("home.state"): t(f"year_state.{y.state}"),
        t("home.deadline"): fmt_datetime(y.entry_deadline), t("home.chair"): name(y.chair_unit_id, y.year),
        t("home.vice_chair"): name(y.vice_chair_unit_id, y.year)} for y in years]), hide_index=True, width="stretch")
with right:
    st.subheader(t("home.leading_units"))
    st.dataframe(pd.DataFrame([{t("home.year"): str(year), t("home.unit"): name(unit_id, year),
                                t("home.award"): award or ""} for year, unit_id, award in leaders]),
                 hide_index=True, width="stretch")
    if latest:
        st.subheader(t("home.members", year=latest))
        st.markdown("\n".join(f"- {name(u.id, latest)}" for u in members))
