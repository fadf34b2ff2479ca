"""My account: change my own password (ends my other sessions), log out on every device."""

import streamlit as st

from components.rules.errors import DomainError
from components.rules.plain_text import plain
from components.ui.auth import check_login, client_address, logout_button, require_role
from components.ui.language import current_lang, error_text, t
from components.ui.navigation import ALL
from db import users as user_db
from db.engine import session_scope
from db.models import utcnow

user = require_role(*ALL, needs_cluster=False)
st.title(t("page.account"))
st.markdown(f"**{plain(user.display_name)}** — {plain(user.username)} — {plain(t(f'role.{user.role}'))}")

with st.form("change_password", clear_on_submit=True):
    current = st.text_input(t("account.current_password"), type="password")
    new = st.text_input(t("admin.users.new_password"), type="password")
    again = st.text_input(t("auth.password_again"), type="password")
    submitted = st.form_submit_button(t("account.change_password"), type="primary")

if submitted:
    if new != again:
        st.error(t("setup.mismatch"))
        st.stop()
    # the current password is checked as a login is: throttled per account and per (client, account)
    user_id, refusal = check_login(user.username, current, client_address(), current_lang())
    if user_id is None:
        st.error(t("account.wrong_current") if refusal == t("auth.bad_credentials") else refusal)
        st.stop()
    try:
        with session_scope() as session:
            user_db.reset_password(session=session, actor=user, user_id=user.id, new_password=new,
                                   keep_token_hash=st.session_state.get("_session_hash"))
    except DomainError as exc:
        st.error(error_text(exc))
        st.stop()
    st.session_state["_login_at"] = utcnow()  # this session goes on; the others end
    st.success(t("account.changed"))

st.divider()
st.caption(t("account.everywhere_help"))
logout_button(everywhere=True)
