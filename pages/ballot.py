"""Voter page of a member unit: the open poll, the choice, a confirmation step, then the receipt code."""

import streamlit as st

from components.rules.plain_text import plain
from components.ui import ballot_form, live_count, poll_display, receipt_keeper
from components.ui.auth import require_role
from components.ui.language import t
from db import polls, reference
from db.engine import session_scope

user = require_role("province")
st.title(t("page.ballot"))
poll_display.big_css()


def open_poll_and_presence():
    with session_scope() as session:
        poll = polls.open_poll_for_unit(session=session, actor=user)
        if poll is None:
            return None, None
        return poll.id, user.unit_id in polls.poll_status(session=session, actor=user, poll_id=poll.id).present


with session_scope() as session:
    poll = polls.open_poll_for_unit(session=session, actor=user)
    status = polls.poll_status(session=session, actor=user, poll_id=poll.id) if poll else None
    candidates = polls.candidate_ids(session=session, actor=user, poll_id=poll.id) if poll else []
    names = poll_display.names_in_language(reference.unit_names(
        session=session, year=polls.poll_year(session=session, poll=poll) if poll else None))
    last = polls.last_voted_poll(session=session, actor=user) if poll is None else None
    # once published, the list of receipts counted goes to the browser, which checks its own code there
    published = ([b.receipt for b in polls.published_ballots(session=session, actor=user, poll_id=last.id)]
                 if last is not None and last.state == "published" and not last.paper else None)


def poll_status():
    with session_scope() as session:
        return polls.poll_status(session=session, actor=user, poll_id=poll.id)


ballot_form.drop_stale_choice(poll.id if poll else None)
if last is not None:
    receipt_keeper.keep(last, user.id, published=published)
if poll is None:
    st.info(t("vote.no_open_poll"), icon=":material/hourglass_empty:")
    ballot_form.wait_for_change(open_poll_and_presence, None)
    st.stop()

st.subheader(plain(poll_display.poll_label(poll)))
if user.unit_id in status.voted:
    receipt_keeper.keep(poll, user.id)
    st.info(t("vote.already_voted_info"), icon=":material/how_to_vote:")
    st.caption(t("vote.waiting_for_others"))
    live_count.follow(poll.id, poll.state, poll_status, names, big=False)
    st.stop()
if user.unit_id not in status.present:
    st.warning(t("vote.not_present_info"), icon=":material/person_off:")
    ballot_form.wait_for_change(open_poll_and_presence, poll.id, present=False)
    st.stop()

choosable = [c for c in candidates if poll.allow_self_vote or c != user.unit_id]
st.caption(t("vote.ballot_help", n=poll.max_choices) + " " +
           (t("vote.secret_note") if poll.secret else t("vote.named_note")))
pending = ballot_form.pending_choice(poll.id)
if pending is None:
    ballot_form.choice_form(poll, choosable, names, user.unit_id)
else:
    ballot_form.confirm_step(poll, pending, names, user)
