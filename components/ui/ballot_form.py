"""The voter's steps: choose, confirm, receive the receipt; and waiting for the poll to open."""

from __future__ import annotations

import html

import streamlit as st

from components.rules import ballots as ballot_rules
from components.rules.errors import DomainError
from components.ui.language import error_text, t
from db import polls as polls_db
from db.engine import session_scope
from db.models import Poll

BLANK = 0  # the radio option for a blank ballot (no unit has id 0)
WAIT_SECONDS = 2


def _pending_key(poll_id: int) -> str:
    return f"_vote_pending_{poll_id}"


def pending_choice(poll_id: int) -> tuple[int, ...] | None:
    return st.session_state.get(_pending_key(poll_id))


def drop_stale_choice(open_poll_id: int | None) -> None:
    """A choice waiting for confirmation in a poll that has closed (or was reset) meanwhile is not cast: say so."""
    for key in [k for k in st.session_state if str(k).startswith("_vote_pending_")]:
        if key != (_pending_key(open_poll_id) if open_poll_id else None):
            del st.session_state[key]
            st.error(t("err.vote_not_open"), icon=":material/error:")


def show_last_receipt(open_poll_id: int | None) -> None:
    """The receipt is shown in this browser session only: nothing stored links it to the unit."""
    last = st.session_state.get("_vote_receipt")
    if not last:
        return
    poll_id, code, title = last
    st.success(t("vote.receipt_title", title=title), icon=":material/verified:")
    st.markdown(f"<div class='vote-receipt' data-testid='vote-receipt'>{html.escape(code)}</div>",
                unsafe_allow_html=True)
    st.caption(t("vote.receipt_help"))
    if poll_id == open_poll_id:
        st.stop()


def wait_for_change(unit_id: int, poll_id: int | None, present: bool | None = None) -> None:
    """While waiting for the chair (poll not open yet, unit not marked present), look again every few seconds."""

    @st.fragment(run_every=WAIT_SECONDS)
    def watch() -> None:
        with session_scope() as session:
            poll = polls_db.open_poll_for_unit(session=session, unit_id=unit_id)
            now_present = (unit_id in polls_db.poll_status(session=session, poll_id=poll.id).present) if poll else None
        if (poll.id if poll else None) != poll_id or (present is not None and now_present != present):
            st.rerun()
        st.caption(t("vote.waiting_refresh"))

    watch()


def choice_form(poll: Poll, choosable: list[int], names: dict[int, str], unit_id: int) -> None:
    with st.form(f"ballot_{poll.id}"):
        if poll.max_choices == 1:
            picked = st.radio(t("vote.choose_one"), [*choosable, BLANK], index=None,
                              format_func=lambda u: names.get(u, "?") if u != BLANK else t("vote.blank_option"))
            chosen = None if picked is None else ([] if picked == BLANK else [picked])
        else:
            st.markdown(t("vote.choose_many", n=poll.max_choices))
            chosen = [u for u in choosable if st.checkbox(names.get(u, "?"), key=f"ballot_{poll.id}_{u}")]
        submitted = st.form_submit_button(t("vote.continue"), type="primary", icon=":material/arrow_forward:")
    if not submitted:
        return
    if chosen is None:
        st.error(t("err.vote_pick_one"), icon=":material/error:")
        return
    try:
        picked_ids = ballot_rules.check_choices(chosen, candidate_ids=choosable, max_choices=poll.max_choices,
                                         allow_self_vote=poll.allow_self_vote, voter_unit_id=unit_id)
    except DomainError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return
    st.session_state[_pending_key(poll.id)] = picked_ids
    st.rerun()


def confirm_step(poll: Poll, picked: tuple[int, ...], names: dict[int, str], unit_id: int) -> None:
    st.markdown(f"### {t('vote.confirm_title')}")
    if picked:
        st.markdown("\n".join(f"- **{names.get(u, '?')}**" for u in picked))
    else:
        st.markdown(f"- **{t('vote.blank_ballot')}**")
    st.warning(t("vote.confirm_warning"), icon=":material/warning:")
    left, right = st.columns(2)
    if right.button(t("vote.back"), icon=":material/edit:", width="stretch"):
        st.session_state.pop(_pending_key(poll.id), None)
        st.rerun()
    if left.button(t("vote.confirm"), type="primary", icon=":material/how_to_vote:", width="stretch"):
        try:
            with st.spinner(t("vote.sending")), session_scope() as session:
                receipt = polls_db.cast_ballot(session=session, poll_id=poll.id, unit_id=unit_id, choices=list(picked))
        except DomainError as exc:
            st.session_state.pop(_pending_key(poll.id), None)
            st.error(error_text(exc), icon=":material/error:")
            return
        st.session_state.pop(_pending_key(poll.id), None)
        st.session_state["_vote_receipt"] = (poll.id, receipt.code, poll.title)
        st.rerun()
