"""Admin: units and their names over time, lineage (rename, merge, split, dissolve), each cluster's members per year,
directors per year, the clusters of the Khối and the awarding body per period. Each change is previewed first."""

import streamlit as st

from components.ui import organisation_forms as forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.kept_tabs import kept_tabs
from components.ui.language import t
from db import legal, reference
from db import organisation as org
from db import users as user_db
from db.engine import session_scope

user = require_role("admin")
st.title(t("page.admin_organisation"))

with session_scope() as session:
    infos = reference.unit_names(session=session)
    events = org.events_table(session=session)
    changes = org.recent_changes(session=session)
    clusters = reference.list_clusters(session=session)
    bodies = reference.list_awarding_bodies(session=session)
    accounts = [u for u in user_db.list_users(session=session) if u.role in ("chair", "viewer")]
    bases = legal.list_legal_bases(session=session)


def infos_of_year(year):
    with session_scope() as session:
        return reference.unit_names(session=session, year=year)


def members_of(cluster_id, year):
    with session_scope() as session:
        return [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]


def last_year(cluster_id, year):
    with session_scope() as session:
        return org.last_year_members(session=session, cluster_id=cluster_id, year=year)


def proposed_of(cluster_id):
    with session_scope() as session:
        return legal.proposed_years(session=session, cluster_id=cluster_id)


def directors_of(year):
    with session_scope() as session:
        return org.directors(session=session, year=year)


with st.container():  # always drawn, so that the tabs keep their place (and the open tab) after a saved change
    show_flash()
units_tab, changes_tab, members_tab, directors_tab, clusters_tab, law_tab = kept_tabs(
    [t("org.tab.units"), t("org.tab.changes"), t("org.tab.members"), t("org.tab.directors"), t("org.tab.clusters"),
     t("org.tab.law")], key="admin_organisation_tab", ids=["units", "changes", "members", "directors", "clusters",
                                                              "law"])
with units_tab:
    forms.units_tab(infos, user)
with changes_tab:
    forms.changes_tab(infos, events, user)
    forms.undo_panel(changes, infos, clusters, user)
with members_tab:
    forms.members_tab(clusters, infos_of_year, members_of, last_year, user, proposed_of)
with directors_tab:
    forms.directors_tab(infos, directors_of, user)
with clusters_tab:
    forms.clusters_tab(clusters, bodies, accounts, user)
with law_tab:
    forms.law_tab(bases, user)
