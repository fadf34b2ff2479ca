"""Chair and admin: create and configure a poll, call the roll, open and close it, record a paper count, review
and publish the result, reset with a reason, start a run-off."""

import streamlit as st

from components.ui import poll_controls as manage
from components.ui import poll_display
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import polls as polls_db
from db import reference
from db.engine import session_scope

user = require_role("chair", "admin")
st.title(t("page.vote_manage"))
show_flash()

with session_scope() as session:
    cluster = reference.cluster_for(session=session, actor=user)
    years = [y for y in reference.list_emulation_years(session=session, cluster_id=cluster.id) if y.state != "closed"]
if not years:
    st.info(t("vote.no_year"))
    st.stop()
year = st.selectbox(t("common.year"), years, format_func=lambda y: str(y.year), key="vote_manage_year")

with session_scope() as session:
    polls = {p.id: p for p in polls_db.list_polls(session=session, emulation_year_id=year.id)}
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster.id, year=year.year)]
names = poll_display.unit_names(year.id)
if manage.SELECT_NEXT in st.session_state:
    st.session_state["vote_manage_poll"] = st.session_state.pop(manage.SELECT_NEXT)
if st.session_state.get("vote_manage_poll") not in (None, *polls):
    st.session_state.pop("vote_manage_poll")
poll_id = st.selectbox(t("vote.pick_poll"), [*polls, None], key="vote_manage_poll",
                       format_func=lambda i: poll_display.poll_label(polls[i]) if i else t("vote.new_poll"))
if poll_id is None:
    st.subheader(t("vote.new_poll"))
    manage.settings_form(year, members, names, user.id)
    st.stop()

poll = polls[poll_id]
with session_scope() as session:
    status = polls_db.poll_status(session=session, poll_id=poll.id)
    candidates = polls_db.candidate_ids(session=session, poll_id=poll.id)
st.caption(poll_display.poll_times(poll))
if poll.state == "created":
    with st.expander(t("vote.settings"), expanded=False, icon=":material/tune:"):
        manage.settings_form(year, members, names, user.id, poll, candidates, list(status.eligible))
    st.markdown(t("vote.settings_summary", candidates=len(candidates), voters=len(status.eligible),
                  choices=poll.max_choices, seats=poll.winners_count, rule=t(f"vote.rule.{poll.threshold_rule}")))
    manage.roll_call(poll, status, names, user.id)
    manage.open_button(poll, user.id)
    manage.paper_form(poll, candidates, names, len(status.present), user.id)
elif poll.state == "open":
    manage.live_panel(poll, names)
    manage.close_controls(poll, status, user.id)
    manage.roll_call(poll, status, names, user.id)
    if not status.voted:
        manage.paper_form(poll, candidates, names, len(status.present), user.id)
    manage.reset_form(poll, user.id)
else:
    manage.result_panel(poll, names, user.id)
manage.events_log(poll, names)
