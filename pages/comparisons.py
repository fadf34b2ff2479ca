"""Compare the provinces: coverage, DTI over the years, awards, the scorecard and the change on last year, with the
leading unit of each year, per-chart exports and the meeting-pack PDF."""

import streamlit as st

from components.ui import comparison_choices
from components.ui.auth import require_role
from components.ui.comparison_panels import meeting_pack, show_view, weights_panel
from components.ui.language import current_lang, t
from components.ui.navigation import ALL
from db import comparison_queries as queries
from db.engine import session_scope

user = require_role(*ALL)
lang = current_lang()
st.title(t("page.comparisons"))

with session_scope() as session:
    clusters = queries.viewable_clusters(session=session, actor=user)
code = comparison_choices.pick_cluster(clusters)
with session_scope() as session:
    years, version = queries.years_and_version(session=session, cluster_code=code)
if not years:
    st.info(t("charts.no_years"))
    st.stop()
data, choices = comparison_choices.choose(user, years, version)
if data.members.empty:
    st.warning(t("charts.no_members", year=choices.year))
    st.stop()

views = comparison_choices.chart_views(data, choices, version, lang)
by_key = {v.key: v for v in views}
tabs = st.tabs([t("charts.tab.coverage"), t("charts.tab.dti"), t("charts.tab.awards"), t("charts.tab.scorecard"),
                t("charts.tab.change")])
with tabs[0]:
    show_view(by_key["coverage"], year=choices.year, lang=lang)
with tabs[1]:
    show_view(by_key["dti"], year=choices.year, lang=lang)
with tabs[2]:
    show_view(by_key["awards"], year=choices.year, lang=lang)
    show_view(by_key["rates"], year=choices.year, lang=lang)
with tabs[3]:
    show_view(by_key["scorecard"], year=choices.year, lang=lang)
    weights_panel(user, data, choices, lang)
with tabs[4]:
    show_view(by_key["change"], year=choices.year, lang=lang)

st.subheader(t("charts.leaders"))
show_view(by_key["leaders"], year=choices.year, lang=lang)
meeting_pack(data, choices, views, lang, version)
