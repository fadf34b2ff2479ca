"""The voter's steps: choose, confirm, receive the receipt; and waiting for the poll to open.

The receipt is kept in the voter's browser only (components/ui/receipt_keeper.py): it never travels back to the
server, and nothing stored on the server links it to the unit."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.rules import ballots as ballot_rules
from components.rules.access import Actor
from components.rules.errors import DomainError
from components.rules.plain_text import plain
from components.ui import receipt_keeper
from components.ui.feedback import attempt
from components.ui.language import error_text, t
from db import polls
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


def wait_for_change(load: Callable[[], tuple[int | None, bool | None]], poll_id: int | None,
                    present: bool | None = None) -> None:
    """While waiting for the chair (poll not open yet, unit not marked present), look again every few seconds;
    load() is the page's read: (the open poll's id, whether the unit is present)."""

    @st.fragment(run_every=WAIT_SECONDS)
    def watch() -> None:
        now_poll, now_present = load()
        if now_poll != poll_id or (present is not None and now_present != present):
            st.rerun()
        st.caption(t("vote.waiting_refresh"))

    watch()


def choice_form(poll: Poll, choosable: list[int], names: dict[int, str], unit_id: int) -> None:
    with st.form(f"ballot_{poll.id}"):
        if poll.max_choices == 1:
            picked = st.radio(t("vote.choose_one"), [*choosable, BLANK], index=None,
                              format_func=lambda u: plain(names.get(u, "?")) if u != BLANK else t("vote.blank_option"))
            chosen = None if picked is None else ([] if picked == BLANK else [picked])
        else:
            st.markdown(t("vote.choose_many", n=poll.max_choices))
            chosen = [u for u in choosable if st.checkbox(plain(names.get(u, "?")), key=f"ballot_{poll.id}_{u}")]
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


def confirm_step(poll: Poll, picked: tuple[int, ...], names: dict[int, str], actor: Actor) -> None:
    st.markdown(f"### {t('vote.confirm_title')}")
    if picked:
        st.markdown("\n".join(f"- **{plain(names.get(u, '?'))}**" for u in picked))
    else:
        st.markdown(f"- **{t('vote.blank_ballot')}**")
    st.warning(t("vote.confirm_warning"), icon=":material/warning:")
    left, right = st.columns(2)
    if right.button(t("vote.back"), icon=":material/edit:", width="stretch"):
        st.session_state.pop(_pending_key(poll.id), None)
        st.rerun()
    if left.button(t("vote.confirm"), type="primary", icon=":material/how_to_vote:", width="stretch"):
        with st.spinner(t("vote.sending")):
            ok, receipt = attempt(lambda s: polls.cast_ballot(session=s, poll_id=poll.id, actor=actor,
                                                                 choices=list(picked)))
        st.session_state.pop(_pending_key(poll.id), None)
        if not ok:
            return
        receipt_keeper.remember_fresh(poll.id, receipt.code)
        st.rerun()
