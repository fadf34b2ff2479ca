"""Projector: the live count of the current poll in large type, then the published result with the winners.

It follows the current poll by itself (the open one, else the newest). The count is pushed by the server
(components/ui/live_count.py): the page reruns only when the poll's state changes; a slow fragment finds the next
poll when the chair starts one."""

import streamlit as st

from components.rules.plain_text import plain
from components.ui import live_count, poll_display
from components.ui.auth import require_role
from components.ui.language import t, tm
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


def early_close(status) -> None:
    if status.early_close_reason is not None:
        banner = tm("vote.early_closed_banner", n=status.ballots_cast, total=len(status.present),
                    reason=status.early_close_reason)
        st.markdown(f"<div class='vote-banner'>{banner}</div>", unsafe_allow_html=True)


def under_count(status) -> None:
    early_close(status)
    if status.state == "closed":
        st.markdown(f"<div class='vote-banner'>{t('vote.closed_waiting')}</div>", unsafe_allow_html=True)
    elif status.state == "created":
        st.markdown(f"<div class='vote-banner'>{t('vote.not_open_yet')}</div>", unsafe_allow_html=True)


def load_status():
    with session_scope() as session:
        return polls.poll_status(session=session, actor=user, poll_id=poll.id)


@st.fragment(run_every=poll_display.PROJECTOR_DISCOVER_SECONDS)
def discover() -> None:
    """A new poll (or none) becomes the current one: the stream follows one poll, this finds the next."""
    if key(current_poll()) != key(poll):
        st.rerun()


if poll is not None and poll.state != "published":
    live_count.follow(poll.id, poll.state, load_status, names, big=True, after=under_count)
discover()
if poll is not None and poll.state == "published":
    with session_scope() as session:
        result = polls.tally_poll(session=session, actor=user, poll_id=poll.id)
        final = polls.poll_status(session=session, actor=user, poll_id=poll.id)
    early_close(final)
    poll_display.show_result(poll, result, names, big=True)
