"""First-run setup: creates the administrator account while no account exists (as Metabase and Grafana do)."""

import streamlit as st

from components.rules.errors import DomainError
from components.ui.auth import login_form
from components.ui.language import error_text, t
from components.ui.shell import no_users_yet
from db import users as user_db
from db.engine import session_scope

st.title(t("page.setup"))
if not no_users_yet():
    if st.session_state.pop("_setup_done", False):
        st.success(t("setup.done"))
        if login_form() is not None:
            st.rerun()
    else:
        st.error(t("err.setup_done"))
    st.stop()

st.info(t("setup.intro"))
with st.form("setup_form"):
    username = st.text_input(t("auth.username"), value="admin")
    display_name = st.text_input(t("setup.display_name"))
    password = st.text_input(t("auth.password"), type="password")
    password_again = st.text_input(t("auth.password_again"), type="password")
    submitted = st.form_submit_button(t("setup.create"), type="primary")

if submitted:
    if password != password_again:
        st.error(t("setup.mismatch"))
        st.stop()
    try:
        with session_scope() as session:
            user_db.create_first_admin(session=session, username=username, display_name=display_name,
                                       password=password)
    except DomainError as exc:
        st.error(error_text(exc))
        st.stop()
    st.session_state["_setup_done"] = True
    st.rerun()
