"""The chair's panels for running a poll: settings, roll call, open/close, paper count, result, publication,
reset with a reason, run-off."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.rules.access import Actor
from components.rules.ballots import THRESHOLD_RULES
from components.rules.plain_text import plain
from components.rules.tally import Tally
from components.ui import frames, hold_forms, live_count, poll_display, score_views
from components.ui.feedback import run_action
from components.ui.language import t, tm
from db import polls
from db.models import EmulationYear, Poll, PollEvent

SELECT_NEXT = "_vote_manage_select_next"  # poll to select on the next run (the selectbox key is already in use)


def _select_then_rerun(poll_id: int | None) -> None:
    st.session_state[SELECT_NEXT] = poll_id


def settings_form(year: EmulationYear, members: list[int], names: dict[int, str], actor: Actor,
                  poll: Poll | None = None, candidates: list[int] | None = None,
                  voter_ids: list[int] | None = None, previous: polls.PollRecord | None = None) -> None:
    """Create a poll (poll=None) or change the settings of one that has not opened. A new poll after one that
    received ballots (previous) is its re-run and asks for the reason."""
    name = lambda u: names.get(u, "?")  # noqa: E731
    proposed = score_views.ballot_proposal(year, names)  # the eligible units from the year's scores, if scored
    held = hold_forms.held_notice(year.cluster_id, year.year, actor, names)  # NĐ 152: no candidate on hold
    with st.form(f"poll_settings_{poll.id if poll else 'new'}"):
        title = st.text_input(t("vote.title"), value=poll.title if poll else t("vote.default_title", year=year.year))
        picked_candidates = st.multiselect(t("vote.candidates"), members, default=candidates or proposed
                                           or [u for u in members if u not in held],
                                           format_func=name, placeholder=t("common.choose_many"))
        override = st.text_area(t("score.override_reason")) if proposed is not None else None
        picked_voters = st.multiselect(t("vote.voters"), members, default=voter_ids or members, format_func=name,
                                       help=t("vote.voters_help"), placeholder=t("common.choose_many"))
        left, right = st.columns(2)
        max_choices = left.number_input(t("vote.max_choices"), 1, len(members), poll.max_choices if poll else 1)
        winners = right.number_input(t("vote.winners_count"), 1, len(members), poll.winners_count if poll else 1)
        rule = st.selectbox(t("vote.threshold"), THRESHOLD_RULES, format_func=lambda r: t(f"vote.rule.{r}"),
                            index=THRESHOLD_RULES.index(poll.threshold_rule) if poll else 0,
                            placeholder=t("common.choose"))
        self_vote = st.checkbox(t("vote.allow_self_vote"), value=poll.allow_self_vote if poll else False)
        secret = st.checkbox(t("vote.secret"), value=poll.secret if poll else True, help=t("vote.secret_help"))
        rerun = None
        if poll is None and previous is not None:
            st.warning(tm("vote.rerun_help", title=previous.title, n=previous.ballots), icon=":material/history:")
            rerun = st.text_area(t("vote.rerun_reason"), max_chars=polls.RERUN_REASON_MAX)
        label = t("vote.save_settings") if poll else t("vote.create")
        if not st.form_submit_button(label, type="primary", icon=":material/save:"):
            return
    settings = dict(title=title, candidate_ids=picked_candidates, voter_unit_ids=picked_voters,
                    max_choices=int(max_choices), allow_self_vote=self_vote, secret=secret, threshold_rule=rule,
                    winners_count=int(winners), candidates_reason=override)
    if poll is None:
        def create(session):
            created = polls.create_poll(session=session, emulation_year_id=year.id, actor=actor,
                                        rerun_reason=rerun, **settings)
            _select_then_rerun(created.id)
        run_action(create, t("vote.created"))
    else:
        run_action(lambda s: polls.configure_poll(session=s, poll_id=poll.id, actor=actor, **settings),
                   t("vote.settings_saved"))


def roll_call(poll: Poll, status: polls.PollStatus, names: dict[int, str], actor: Actor) -> None:
    """The chair marks who is present; a unit that has voted stays present."""
    with st.form(f"roll_call_{poll.id}"):
        st.markdown(f"**{t('vote.roll_call')}**")
        cols = st.columns(2)
        marks = {u: cols[i % 2].checkbox(plain(names.get(u, "?")), value=u in status.present, key=f"present_{poll.id}_{u}",
                                         disabled=u in status.voted)
                 for i, u in enumerate(status.eligible)}
        if not st.form_submit_button(t("vote.save_roll_call"), icon=":material/how_to_reg:"):
            return

    def save(session):
        for unit_id, present in marks.items():
            if present != (unit_id in status.present):
                polls.set_present(session=session, poll_id=poll.id, unit_id=unit_id, present=present,
                                     actor=actor)
    run_action(save, t("vote.roll_call_saved"))


def open_button(poll: Poll, actor: Actor) -> None:
    if st.button(t("vote.open"), type="primary", icon=":material/play_arrow:", key=f"open_{poll.id}"):
        run_action(lambda s: polls.open_poll(session=s, poll_id=poll.id, actor=actor), t("vote.opened"))


def live_panel(poll: Poll, names: dict[int, str], load_status: Callable[[], polls.PollStatus]) -> None:
    """The count while the poll is open, pushed by the server (components/ui/live_count.py); the page gives the
    read (load_status) and reruns when the poll's state changes."""
    live_count.follow(poll.id, poll.state, load_status, names, big=False,
                      after=lambda status: st.caption(t("vote.secrecy_note")))


def close_controls(poll: Poll, status: polls.PollStatus, actor: Actor, concerns: polls.PollConcerns) -> None:
    """Close; before every unit present has voted it is an early close, which needs a written reason (printed
    with the result and in the minutes). A year whose scores propose no unit is said and confirmed too."""
    missing = len(status.present) - status.ballots_cast
    confirmed, reason = True, None
    if missing > 0:
        confirmed = st.checkbox(t("vote.close_early", n=missing), key=f"close_early_{poll.id}")
        reason = st.text_input(t("vote.close_reason"), key=f"close_reason_{poll.id}")
    no_eligible = _no_eligible_confirmation(poll, concerns, "close")
    if st.button(t("vote.close"), type="primary", icon=":material/stop:", key=f"close_{poll.id}"):
        if not confirmed:
            st.error(t("err.vote_close_confirm", n=missing), icon=":material/error:")
            return
        run_action(lambda s: polls.close_poll(session=s, poll_id=poll.id, actor=actor, reason=reason,
                                              acknowledged_missing=max(missing, 0),
                                              acknowledged_no_eligible=no_eligible),
                   t("vote.closed"))


def _no_eligible_confirmation(poll: Poll, concerns: polls.PollConcerns, step: str) -> bool:
    if not concerns.no_eligible_unit:
        return False
    st.warning(t("vote.no_eligible_warning"), icon=":material/warning:")
    label = t("vote.no_eligible_confirm_close" if step == "close" else "vote.no_eligible_confirm_publish")
    return st.checkbox(label, key=f"{step}_no_eligible_{poll.id}")


def _publish_confirmations(poll: Poll, concerns: polls.PollConcerns) -> tuple[int, bool]:
    """Publishing a result short of ballots or of a year whose scores propose no unit: said, then confirmed."""
    short = 0
    if concerns.missing_ballots:
        st.warning(t("vote.publish_short_warning", n=concerns.missing_ballots), icon=":material/warning:")
        if st.checkbox(t("vote.publish_short_confirm", n=concerns.missing_ballots), key=f"publish_short_{poll.id}"):
            short = concerns.missing_ballots
    return short, _no_eligible_confirmation(poll, concerns, "publish")


def paper_form(poll: Poll, candidates: list[int], names: dict[int, str], present: int, actor: Actor) -> None:
    with st.expander(t("vote.paper_title"), icon=":material/description:"):
        st.caption(t("vote.paper_help", present=present))
        with st.form(f"paper_{poll.id}"):
            left, right = st.columns(2)
            cast = left.number_input(t("vote.ballots_cast"), 0, 1000, 0, key=f"paper_cast_{poll.id}")
            invalid = right.number_input(t("vote.invalid"), 0, 1000, 0, key=f"paper_invalid_{poll.id}")
            votes = {u: st.number_input(plain(names.get(u, "?")), 0, 1000, 0, key=f"paper_votes_{poll.id}_{u}")
                     for u in candidates}
            if not st.form_submit_button(t("vote.paper_save"), icon=":material/save:"):
                return
        run_action(lambda s: polls.record_paper_count(
            session=s, poll_id=poll.id, actor=actor, ballots_cast=int(cast), invalid=int(invalid),
            votes={u: int(v) for u, v in votes.items()}), t("vote.paper_saved"))


def reset_form(poll: Poll, actor: Actor) -> None:
    """Only while the poll is open: a closed poll's count may have been read, so it is never reset."""
    with st.expander(t("vote.reset_title"), icon=":material/restart_alt:"):
        st.caption(t("vote.reset_help"))
        with st.form(f"reset_{poll.id}"):
            reason = st.text_area(t("vote.reset_reason"), key=f"reset_reason_{poll.id}")
            if not st.form_submit_button(t("vote.reset"), icon=":material/restart_alt:"):
                return
        run_action(lambda s: polls.reset_poll(session=s, poll_id=poll.id, actor=actor, reason=reason),
                   t("vote.reset_done"))


def result_panel(poll: Poll, result: Tally | None, runoff: Poll | None, incidents: list[polls.Incident],
                 names: dict[int, str], actor: Actor, build_minutes: Callable[[], bytes],
                 concerns: polls.PollConcerns, early_reason: str | None = None) -> None:
    """The count of a closed poll for review, then its publication; a poll closed early (result None) is counted
    only by publishing it."""
    if result is None:
        st.warning(tm("vote.withheld", reason=early_reason or ""), icon=":material/lock:")
    elif poll.state == "closed":
        st.info(t("vote.closed_review"), icon=":material/visibility:")
    poll_display.incidents(incidents)
    if result is not None:
        poll_display.show_result(poll, result, names)
    if poll.state == "closed":
        short, no_eligible = _publish_confirmations(poll, concerns)
        if st.button(t("vote.publish"), type="primary", icon=":material/campaign:", key=f"publish_{poll.id}"):
            with st.spinner(t("vote.publishing")):
                run_action(lambda s: polls.publish_poll(session=s, poll_id=poll.id, actor=actor,
                                                        acknowledged_missing=short,
                                                        acknowledged_no_eligible=no_eligible),
                           t("vote.published"))
    else:
        poll_display.minutes_button(poll, build_minutes)
    if result is not None and result.runoff_needed and runoff is None:
        if st.button(t("vote.create_runoff"), icon=":material/replay:", key=f"runoff_{poll.id}"):
            def create(session):
                child = polls.create_runoff(session=session, poll_id=poll.id, actor=actor)
                _select_then_rerun(child.id)
            run_action(create, t("vote.runoff_created"))
    elif runoff is not None:
        st.info(t("vote.runoff_exists", n=runoff.round_no), icon=":material/replay:")


def events_log(events: list[PollEvent], names: dict[int, str]) -> None:
    with st.expander(t("vote.events"), icon=":material/history:"):
        rows = [{t("vote.event_at"): fmt_datetime(e.at), t("vote.event_action"): t(f"vote.event.{e.action}"),
                 t("vote.event_reason"): _reason(e, names)} for e in events]
        frames.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


INCIDENT_LOG = {"reset": "vote.reset_log", "closed_early": "vote.closed_early_log"}


def _reason(event, names: dict[int, str]) -> str:
    if event.action in ("reset", "closed_early") and event.reason:
        text, _, count = event.reason.rpartition(" [")
        return t(INCIDENT_LOG[event.action], reason=text, n=count.rstrip("]"))
    if event.action in ("present", "absent") and event.reason:
        return names.get(int(event.reason), "")
    return ""
