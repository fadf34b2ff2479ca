"""Home: what the signed-in role has to do next in the working emulation year (a province: its figures per field,
what is missing, the deadline, the vote; the chair: the board in one line, who is late, the poll, the next step;
the administrator: what is not set up), then the cluster's years, leading units and members."""

import streamlit as st

from components.rules.plain_text import plain
from components.ui.auth import require_role
from components.ui.home_panels import cluster_tables, next_steps_panel
from components.ui.language import current_lang, t, tm
from components.ui.navigation import ALL
from db.engine import session_scope
from db.overview import home_facts

user = require_role(*ALL)
lang = current_lang()

with session_scope() as session:
    facts = home_facts(session=session, actor=user, lang=lang)

cluster_name = facts.cluster.name_vi if lang == "vi" else facts.cluster.name_en
st.title(plain(cluster_name))
if facts.working is not None and not facts.members_set and user.role in ("admin", "chair"):
    st.warning(tm("org.membership_not_set", cluster=cluster_name, year=facts.working.year), icon=":material/group_off:")
st.caption(t("app.subtitle"))
next_steps_panel(facts, user.role)
cluster_tables(facts)
