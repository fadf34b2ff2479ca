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

# only the open tab's views are built and sent (st.tabs with on_change="rerun": a director looks at one chart at a
# time, on 4G in the mountains)
TABS = comparison_choices.TABS
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

tabs = st.tabs([t(f"charts.tab.{key}") for key in TABS], key=comparison_choices.OPEN_TAB, on_change="rerun")
opened, tab = next(((key, tab) for key, tab in zip(TABS, tabs) if tab.open), ("coverage", tabs[0]))
by_key = {v.key: v for v in comparison_choices.chart_views(data, choices, version, lang,
                                                           keys=[*TABS[opened], "leaders"])}
with tab:
    for view in TABS[opened]:
        show_view(by_key[view], year=choices.year, lang=lang)
    if opened == "scorecard":
        weights_panel(user, data, choices, lang)

st.subheader(t("charts.leaders"))
show_view(by_key["leaders"], year=choices.year, lang=lang)
meeting_pack(data, choices, lang, version)
