"""Meeting mode for the projector: large type, full width, no sidebar, one chart per screen with next/previous."""

import streamlit as st

from components.rules.plain_text import plain
from components.ui import comparison_choices
from components.ui.auth import require_role
from components.ui.comparison_panels import PROJECTOR_CSS, clamp_slide, move_slide, show_view, slide, slides
from components.ui.language import current_lang, t
from components.ui.navigation import ALL
from db import comparison_queries as queries
from db.engine import session_scope

user = require_role(*ALL)
lang = current_lang()
# app.py owns st.set_page_config (wide layout); the projector look is CSS on this page only
st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)

with session_scope() as session:
    clusters = queries.viewable_clusters(session=session, actor=user)
code = comparison_choices.pick_cluster(clusters)
with session_scope() as session:
    years, version = queries.years_and_version(session=session, cluster_code=code)
if not years:
    st.info(t("charts.no_years"))
    st.stop()
with st.expander(t("charts.meeting_settings"), icon=":material/settings:"):
    data, choices = comparison_choices.choose(user, years, version)
    st.caption(t("charts.meeting_hint"))
    # a plain link: with the sidebar hidden this is the way back (st.page_link needs the router's page list)
    st.markdown(f":material/bar_chart: [{t('page.comparisons')}](./comparisons)")
if data.members.empty:
    st.warning(t("charts.no_members", year=choices.year))
    st.stop()

deck = slides(data, choices)
if not deck:
    st.info(t("charts.meeting_empty", year=choices.year))
    st.stop()
index = clamp_slide(len(deck))
view = slide(deck[index], data, choices, version, lang)  # only the slide shown is built
prev_col, label_col, next_col = st.columns([2, 5, 2], vertical_alignment="center")
# PageUp/PageDown: what a presentation clicker sends
with prev_col:
    st.button(t("charts.meeting_prev"), icon=":material/arrow_back:", key="charts_prev", width="stretch",
              disabled=index == 0, on_click=move_slide, args=(-1, len(deck)), shortcut="PageUp")
with label_col:
    st.markdown(f"### {plain(view.title)} · {t('charts.meeting_slide', index=index + 1, total=len(deck))}")
with next_col:
    st.button(t("charts.meeting_next"), icon=":material/arrow_forward:", key="charts_next", width="stretch",
              disabled=index == len(deck) - 1, on_click=move_slide, args=(1, len(deck)), shortcut="PageDown")
show_view(view, year=choices.year, lang=lang, projector=True, export=False)
