"""Chair and admin: create and configure a poll, call the roll, open and close it, record a paper count, review
and publish the result, reset an open poll with a reason, start a run-off."""

import streamlit as st

from components.ui import poll_controls as manage
from components.ui import poll_display
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import paperwork, polls, reference, scope
from db.engine import session_scope

user = require_role("chair", "admin")
st.title(t("page.vote_manage"))
show_flash()

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    years = [y for y in reference.list_emulation_years(session=session, cluster_id=cluster.id) if y.state != "closed"]
if not years:
    st.info(t("vote.no_year"))
    st.stop()
year = st.selectbox(t("common.year"), years, format_func=lambda y: str(y.year), key="vote_manage_year",
                    placeholder=t("common.choose"))

with session_scope() as session:
    by_id = {p.id: p for p in polls.list_polls(session=session, actor=user, cluster_id=cluster.id,
                                              emulation_year_id=year.id)}
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster.id, year=year.year)]
    names = poll_display.names_in_language(reference.unit_names(session=session, year=year.year))
    records = polls.question_polls(session=session, actor=user, emulation_year_id=year.id)
if manage.SELECT_NEXT in st.session_state:
    st.session_state["vote_manage_poll"] = st.session_state.pop(manage.SELECT_NEXT)
if st.session_state.get("vote_manage_poll") not in (None, *by_id):
    st.session_state.pop("vote_manage_poll")
poll_id = st.selectbox(t("vote.pick_poll"), [*by_id, None], key="vote_manage_poll",
                       format_func=lambda i: poll_display.poll_label(by_id[i]) if i else t("vote.new_poll"),
                       placeholder=t("common.choose"))
if poll_id is None:
    st.subheader(t("vote.new_poll"))
    manage.settings_form(year, members, names, user, previous=next((r for r in reversed(records) if r.ballots), None))
    poll_display.question_polls(records)
    st.stop()

poll = by_id[poll_id]


def load_status():
    with session_scope() as session:
        return polls.poll_status(session=session, actor=user, poll_id=poll.id)


def build_minutes():
    with session_scope() as session:
        return paperwork.render(paperwork.poll_minutes(session=session, actor=user, poll_id=poll.id), "pdf")


with session_scope() as session:
    status = polls.poll_status(session=session, actor=user, poll_id=poll.id)
    candidates = polls.candidate_ids(session=session, actor=user, poll_id=poll.id)
    events = polls.poll_events(session=session, actor=user, poll_id=poll.id)
    concerns = polls.poll_concerns(session=session, actor=user, poll_id=poll.id)
    if poll.state in ("closed", "published"):
        withheld = polls.result_withheld(session=session, actor=user, poll_id=poll.id)
        result = None if withheld else polls.tally_poll(session=session, actor=user, poll_id=poll.id)
        runoff = polls.runoff_of(session=session, actor=user, poll_id=poll.id)
        incidents = polls.poll_incidents(session=session, actor=user, poll_id=poll.id)
st.caption(poll_display.poll_times(poll))
if poll.state == "created":
    with st.expander(t("vote.settings"), expanded=False, icon=":material/tune:"):
        manage.settings_form(year, members, names, user, poll, candidates, list(status.eligible))
    st.markdown(t("vote.settings_summary", candidates=len(candidates), voters=len(status.eligible),
                  choices=poll.max_choices, seats=poll.winners_count, rule=t(f"vote.rule.{poll.threshold_rule}")))
    manage.roll_call(poll, status, names, user)
    manage.open_button(poll, user)
    manage.paper_form(poll, candidates, names, len(status.present), user)
elif poll.state == "open":
    manage.live_panel(poll, names, load_status)
    manage.close_controls(poll, status, user, concerns)
    manage.roll_call(poll, status, names, user)
    if not status.voted:
        manage.paper_form(poll, candidates, names, len(status.present), user)
    manage.reset_form(poll, user)
else:
    manage.result_panel(poll, result, runoff, incidents, names, user, build_minutes, concerns,
                        status.early_close_reason)
manage.events_log(events, names)
poll_display.question_polls(records)
