"""First-run setup: creates the administrator account while no account exists, with the one-time setup token
printed in the server log (or the operator runs `python scripts/manage.py create-admin`)."""

import streamlit as st

from components.ui.auth import ensure_configured, login_form
from components.ui.feedback import attempt
from components.ui.language import t
from components.ui.shell import no_users_yet
from db import users as user_db

ensure_configured()
st.title(t("page.setup"))
if not no_users_yet():
    if st.session_state.pop("_setup_done", False):
        st.success(t("setup.done"))
        login_form()
    else:
        st.error(t("err.setup_done"))
    st.stop()

st.info(t("setup.intro"))
with st.form("setup_form"):
    token = st.text_input(t("setup.token"), type="password", help=t("setup.token_help"))
    username = st.text_input(t("auth.username"), value="admin")
    display_name = st.text_input(t("setup.display_name"))
    password = st.text_input(t("auth.password"), type="password")
    password_again = st.text_input(t("auth.password_again"), type="password")
    submitted = st.form_submit_button(t("setup.create"), type="primary")
st.caption(t("setup.token_help"))

if submitted:
    if password != password_again:
        st.error(t("setup.mismatch"))
        st.stop()
    ok, _ = attempt(lambda s: user_db.create_first_admin(session=s, setup_token=token, username=username,
                                                         display_name=display_name, password=password))
    if not ok:
        st.stop()
    st.session_state["_setup_done"] = True
    st.rerun()
