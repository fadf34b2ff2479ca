"""Voter page of a member unit: the open poll, the choice, a confirmation step, then the receipt code."""

import streamlit as st

from components.ui import ballot_form, poll_display
from components.ui.auth import require_role
from components.ui.language import t
from db import polls as polls_db
from db.engine import session_scope

user = require_role("province")
st.title(t("page.ballot"))
poll_display.big_css()

with session_scope() as session:
    poll = polls_db.open_poll_for_unit(session=session, unit_id=user.unit_id)
    status = polls_db.poll_status(session=session, poll_id=poll.id) if poll else None
    candidates = polls_db.candidate_ids(session=session, poll_id=poll.id) if poll else []

ballot_form.drop_stale_choice(poll.id if poll else None)
ballot_form.show_last_receipt(poll.id if poll else None)
if poll is None:
    st.info(t("vote.no_open_poll"), icon=":material/hourglass_empty:")
    ballot_form.wait_for_change(user.unit_id, None)
    st.stop()

st.subheader(poll_display.poll_label(poll))
if user.unit_id in status.voted:
    st.success(t("vote.already_voted_info"), icon=":material/how_to_vote:")
    st.stop()
if user.unit_id not in status.present:
    st.warning(t("vote.not_present_info"), icon=":material/person_off:")
    ballot_form.wait_for_change(user.unit_id, poll.id, present=False)
    st.stop()

names = poll_display.unit_names(poll.emulation_year_id)
choosable = [c for c in candidates if poll.allow_self_vote or c != user.unit_id]
st.caption(t("vote.ballot_help", n=poll.max_choices) + " " +
           (t("vote.secret_note") if poll.secret else t("vote.named_note")))
pending = ballot_form.pending_choice(poll.id)
if pending is None:
    ballot_form.choice_form(poll, choosable, names, user.unit_id)
else:
    ballot_form.confirm_step(poll, pending, names, user.unit_id)
