"""Projector: the live count of the current poll in large type, then the published result with the winners.

It follows the current poll by itself (the open one, else the newest): the fragment looks every second and
reruns the whole page only when the poll or its state changes."""

import streamlit as st

from components.rules.plain_text import plain
from components.ui import poll_display
from components.ui.auth import require_role
from components.ui.language import t
from db import polls, reference, scope
from db.engine import session_scope

user = require_role("chair", "admin", "viewer")
poll_display.projector_css()


def current_poll():
    with session_scope() as session:
        cluster = scope.cluster_for(session=session, actor=user)
        found = polls.list_polls(session=session, actor=user, cluster_id=cluster.id)
    return next((p for p in found if p.state == "open"), found[0] if found else None)


poll = current_poll()
if poll is None:
    st.title(t("page.projector"))
    st.info(t("vote.no_poll_yet"))
with session_scope() as session:
    names = poll_display.names_in_language(reference.unit_names(
        session=session, year=polls.poll_year(session=session, poll=poll) if poll else None))
if poll is not None:
    st.markdown(f"<div class='vote-banner'>{plain(poll_display.poll_label(poll))}</div>", unsafe_allow_html=True)


def key(p):
    return (p.id, p.state) if p else None


@st.fragment(run_every=poll_display.PROJECTOR_REFRESH_SECONDS)
def live() -> None:
    if key(current_poll()) != key(poll):
        st.rerun()
    if poll is None or poll.state == "published":
        return
    with session_scope() as session:
        status = polls.poll_status(session=session, actor=user, poll_id=poll.id)
    poll_display.live_count(status, names, big=True)
    if status.state == "closed":
        st.markdown(f"<div class='vote-banner'>{t('vote.closed_waiting')}</div>", unsafe_allow_html=True)
    elif status.state == "created":
        st.markdown(f"<div class='vote-banner'>{t('vote.not_open_yet')}</div>", unsafe_allow_html=True)


live()
if poll is not None and poll.state == "published":
    with session_scope() as session:
        result = polls.tally_poll(session=session, actor=user, poll_id=poll.id)
    poll_display.show_result(poll, result, names, big=True)
