"""Admin: create accounts, bind them to a unit, reset passwords, deactivate."""

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.rules.enums import ROLES
from components.ui import frames
from components.ui.auth import require_role
from components.ui.feedback import run_action, show_flash
from components.ui.kept_tabs import kept_tabs
from components.ui.language import current_lang, t
from db import reference
from db import users as user_db
from db.engine import session_scope

admin = require_role("admin")
st.title(t("page.admin_users"))

with session_scope() as session:
    users = user_db.list_users(session=session)
    units = {i: n.name(current_lang()) for i, n in reference.unit_names(session=session).items()}
unit_options = [None, *units]


def unit_text(unit_id):
    return units.get(unit_id, t("common.none")) if unit_id is not None else t("common.none")


show_flash()

st.subheader(t("admin.users.list"))
frames.dataframe(pd.DataFrame([{
    t("auth.username"): u.username, t("setup.display_name"): u.display_name, t("admin.users.role"): t(f"role.{u.role}"),
    t("admin.users.unit"): unit_text(u.unit_id), t("admin.users.active"): t("common.yes") if u.active else t("common.no"),
    t("admin.users.locked"): fmt_datetime(u.locked_until) if user_db.is_locked(u) else ""} for u in users]),
    hide_index=True, width="stretch")

st.subheader(t("admin.users.delays"))
with session_scope() as session:
    delays = user_db.login_delays(session=session)
if delays:
    frames.dataframe(pd.DataFrame([{t("admin.users.delay_kind"): t(f"admin.users.delay_kind.{kind}"),
                                t("admin.users.delay_who"): who, t("admin.users.delay_failures"): failures,
                                t("admin.users.delay_until"): fmt_datetime(until)} for kind, who, failures, until in delays]),
                 hide_index=True, width="stretch")
    if st.button(t("admin.users.clear_delays"), icon=":material/lock_reset:", key="clear_login_delays"):
        run_action(lambda s: user_db.clear_login_delays(session=s, actor=admin), t("admin.users.delays_cleared"))
else:
    st.caption(t("admin.users.no_delays"))

new_tab, edit_tab = kept_tabs([t("admin.users.new"), t("admin.users.edit")], key="admin_users_tab", ids=["new", "edit"])
with new_tab, st.form("new_user", clear_on_submit=False):
    username = st.text_input(t("auth.username"))
    display_name = st.text_input(t("setup.display_name"))
    role = st.selectbox(t("admin.users.role"), ROLES, format_func=lambda r: t(f"role.{r}"), index=2,
                        placeholder=t("common.choose"))
    unit_id = st.selectbox(t("admin.users.unit"), unit_options, format_func=unit_text, placeholder=t("common.choose"))
    password = st.text_input(t("auth.password"), type="password")
    if st.form_submit_button(t("admin.users.create"), type="primary"):
        run_action(lambda s: user_db.create_user(session=s, actor=admin, username=username, display_name=display_name,
                                          password=password, role=role, unit_id=unit_id),
            t("admin.users.created", username=username.strip().lower()))

with edit_tab:
    picked = st.selectbox(t("admin.users.pick"), users, format_func=lambda u: f"{u.username} — {u.display_name}",
                          placeholder=t("common.choose"))
    if picked is not None:
        with st.form("edit_user"):
            name = st.text_input(t("setup.display_name"), value=picked.display_name)
            new_role = st.selectbox(t("admin.users.role"), ROLES, index=ROLES.index(picked.role),
                                    format_func=lambda r: t(f"role.{r}"), placeholder=t("common.choose"))
            new_unit = st.selectbox(t("admin.users.unit"), unit_options, index=unit_options.index(picked.unit_id),
                                    format_func=unit_text, placeholder=t("common.choose"))
            if st.form_submit_button(t("admin.users.update")):
                run_action(lambda s: user_db.update_user(session=s, actor=admin, user_id=picked.id, role=new_role, unit_id=new_unit,
                                                  display_name=name),
                    t("admin.users.updated", username=picked.username))
        with st.form("reset_password"):
            new_password = st.text_input(t("admin.users.new_password"), type="password")
            if st.form_submit_button(t("admin.users.reset")):
                run_action(lambda s: user_db.reset_password(session=s, actor=admin, user_id=picked.id, new_password=new_password),
                    t("admin.users.reset_done", username=picked.username))
        if picked.active:
            if st.button(t("admin.users.deactivate"), type="secondary"):
                run_action(lambda s: user_db.set_active(session=s, actor=admin, user_id=picked.id, active=False),
                    t("admin.users.deactivated", username=picked.username))
        elif st.button(t("admin.users.activate")):
            run_action(lambda s: user_db.set_active(session=s, actor=admin, user_id=picked.id, active=True),
                t("admin.users.activated", username=picked.username))
