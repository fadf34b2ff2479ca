"""The chair's submission board: each member unit's state (not started, draft, submitted, locked) with the time of
submission; lock a unit, reopen one with a written reason, or lock the whole year."""

import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.ui import board_table as board_ui
from components.ui import year_opening_panel
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import current_lang, t, tm
from db import entry, reference, scope
from db.engine import session_scope

user = require_role("chair", "admin")
st.title(t("page.board"))
show_flash()

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    years = entry.entry_years(session=session, cluster_id=cluster.id)
if not years:
    st.info(t("entry.no_years"))
    st.stop()
states = {y.year: y.state for y in years}
options = sorted(states, key=lambda y: (states[y] != "open", -y))
year = st.selectbox(t("entry.board.year"), options, key="board_year",
                    format_func=lambda y: t("entry.year_option", year=y, state=t(f"year_state.{states[y]}")),
                    placeholder=t("common.choose"))

with session_scope() as session:
    everyone = reference.unit_names(session=session, year=max(states) + 1)
year_opening_panel.open_next_year_panel(user, cluster.id, max(states), everyone)

with session_scope() as session:
    rows = entry.submission_board(session=session, year=year, cluster_id=cluster.id)
    ey = scope.cluster_year(session=session, year=year, cluster_id=cluster.id)
    names = reference.unit_names(session=session, year=year)
    membership_set = reference.membership_is_set(session=session, cluster_id=cluster.id, year=year)

if not membership_set:
    st.warning(tm("org.membership_not_set", cluster=cluster.name_vi if current_lang() == "vi" else cluster.name_en,
                 year=year), icon=":material/group_off:")
    st.stop()

count = {s: sum(1 for r in rows if r.state == s) for s in ("not_started", "draft", "submitted", "locked")}
st.markdown(t("entry.board.summary", submitted=count["submitted"] + count["locked"], total=len(rows),
              locked=count["locked"], draft=count["draft"], none=count["not_started"]))
st.caption(t("entry.deadline", at=fmt_datetime(ey.entry_deadline)) if ey.entry_deadline
           else t("entry.board.no_deadline"))
board_ui.board_table(rows, names)
if ey.state in ("open", "locked"):
    board_ui.board_actions(rows, names, user, ey)
board_ui.targets_form(ey, user)
