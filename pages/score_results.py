"""Scoring results: the ranked table of final scores with the self-score beside the verified score, each unit's
band, who may be proposed for the flag and why not, the heat map of criteria x units, and the published vote with
the scores' proposal beside it. The chair locks the whole year's scores here, after seeing who has not sent."""

import streamlit as st

from components.rules import access
from components.rules.errors import DomainError
from components.ui import criteria_editor, poll_display
from components.ui import score_forms as forms
from components.ui import score_views as views
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import error_text, t
from components.ui.navigation import ALL
from db import criteria_tables, polls, reference, scope, score_sheets, standings
from db.engine import session_scope

user = require_role(*ALL)
st.title(t("page.score_results"))
show_flash()

with session_scope() as session:
    cluster_id = scope.cluster_for(session=session, actor=user).id
year = criteria_editor.pick_year("score_results", cluster_id)
if year is None:
    st.stop()
try:
    with session_scope() as session:
        current = criteria_tables.year_table(session=session, year=year, cluster_id=cluster_id)
        res = standings.year_results(session=session, year=year, cluster_id=cluster_id)
        ey = scope.cluster_year(session=session, year=year, cluster_id=cluster_id)
        published = polls.list_polls(session=session, actor=user, cluster_id=cluster_id, emulation_year_id=ey.id,
                                     states=("published",))
        poll = published[0] if published else None
        tally = polls.tally_poll(session=session, actor=user, poll_id=poll.id) if poll else None
        proposal = standings.poll_proposal(session=session, actor=user, poll_id=poll.id) if poll else None
        unsent = score_sheets.unsent_units(session=session, cluster_id=cluster_id, year=year)
        names = poll_display.names_in_language(reference.unit_names(session=session, year=year))
except DomainError as exc:
    st.info(error_text(exc), icon=":material/info:")
    st.stop()

criteria_editor.table_summary(current)
if not res.locked:
    st.warning(t("score.provisional"), icon=":material/hourglass_top:")
votes = None
if tally is not None:
    st.subheader(t("score.vote_beside"))
    votes = dict(tally.votes)
views.override_note(proposal, names)
views.standings_table(res, names, votes)
views.heatmap(res, names)
if access.can_lock_scores(user) and not res.locked and ey.state != "closed":
    forms.lock_panel(year, ey.cluster_id, unsent, names, user)
