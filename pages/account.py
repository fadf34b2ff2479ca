"""My account: change my own password (ends my other sessions)."""

import streamlit as st

from components.rules.errors import DomainError
from components.ui.auth import password_matches, require_role
from components.ui.language import error_text, t
from components.ui.navigation import ALL
from db import users as user_db
from db.engine import session_scope
from db.models import utcnow

user = require_role(*ALL, needs_cluster=False)
st.title(t("page.account"))
st.write(f"**{user.display_name}** — {user.username} — {t(f'role.{user.role}')}")

with st.form("change_password", clear_on_submit=True):
    current = st.text_input(t("account.current_password"), type="password")
    new = st.text_input(t("admin.users.new_password"), type="password")
    again = st.text_input(t("auth.password_again"), type="password")
    submitted = st.form_submit_button(t("account.change_password"), type="primary")

if submitted:
    if new != again:
        st.error(t("setup.mismatch"))
        st.stop()
    try:
        with session_scope() as session:
            record = user_db.get_user(session=session, username=user.username)
            if not password_matches(current, record.password_hash):
                st.error(t("account.wrong_current"))
                st.stop()
            user_db.reset_password(session=session, actor=user, user_id=user.id, new_password=new)
    except DomainError as exc:
        st.error(error_text(exc))
        st.stop()
    st.session_state["_login_at"] = utcnow()  # this session goes on; the others end
    st.success(t("account.changed"))
