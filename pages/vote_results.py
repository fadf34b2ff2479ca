"""Published results: the winners and the chart, resets and early closes, the receipts counted (a voter finds its
own code, never its choices: see db/polls.py), and the minutes (biên bản kiểm phiếu) as PDF."""

import streamlit as st

from components.ui import poll_display, receipt_keeper, score_views
from components.ui.auth import require_role
from components.ui.language import t
from components.ui.navigation import ALL
from db import paperwork, polls, reference, scope, standings
from db.engine import session_scope

user = require_role(*ALL)
st.title(t("page.vote_results"))

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    by_id = {p.id: p for p in polls.list_polls(session=session, actor=user, cluster_id=cluster.id,
                                              states=("published",))}
    years = {y.id: y.year for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)}
if not by_id:
    st.info(t("vote.no_published"))
    st.stop()

poll_id = st.selectbox(t("vote.pick_poll"), list(by_id), key="vote_results_poll",
                       format_func=lambda i: f"{years.get(by_id[i].emulation_year_id, '')} · "
                                             f"{poll_display.poll_label(by_id[i])}", placeholder=t("common.choose"))
poll = by_id[poll_id]
with session_scope() as session:
    names = poll_display.names_in_language(reference.unit_names(session=session,
                                                                year=years.get(poll.emulation_year_id)))


def build_minutes():
    with session_scope() as session:
        return paperwork.render(paperwork.poll_minutes(session=session, actor=user, poll_id=poll.id), "pdf")


with session_scope() as session:
    result = polls.tally_poll(session=session, actor=user, poll_id=poll.id)
    ballots = polls.published_ballots(session=session, actor=user, poll_id=poll.id)
    incidents = polls.poll_incidents(session=session, actor=user, poll_id=poll.id)
    proposal = standings.poll_proposal(session=session, actor=user, poll_id=poll.id)
    records = polls.question_polls(session=session, actor=user, emulation_year_id=poll.emulation_year_id)
st.caption(poll_display.poll_times(poll))
poll_display.incidents(incidents)
poll_display.show_result(poll, result, names)
score_views.override_note(proposal, names)
poll_display.question_polls(records)
poll_display.minutes_button(poll, build_minutes)

st.subheader(t("vote.ballot_list"))
if poll.paper:
    st.info(t("vote.paper_no_receipts"))
else:
    st.caption(t("vote.ballot_list_help"))
    receipt_keeper.lookup(poll.id, [b.receipt for b in ballots])  # searched in the browser: the code is not sent
    poll_display.ballot_table(ballots, names, named=not poll.secret)
