"""Router: page config, language, login, the role's pages via st.navigation."""

import streamlit as st

from components.ui.auth import current_user, keep_login_cookie, request_logout
from components.ui.language import language_switch, t
from components.ui.navigation import SECTIONS, screens_for
from components.ui.shell import no_users_yet, unit_label

st.set_page_config(page_title="Thi đua Cụm số 2", page_icon=":material/military_tech:", layout="wide")
language_switch()

if no_users_yet():
    pages = [st.Page("pages/setup.py", title=t("page.setup"), icon=":material/settings:")]
else:
    user = current_user()
    if user is None:
        pages = [st.Page("pages/login.py", title=t("page.login"), icon=":material/login:")]
    else:
        with st.sidebar:
            st.markdown(t("auth.logged_in_as", name=user.display_name, role=t(f"role.{user.role}")))
            if user.unit_id is not None:
                st.caption(t("auth.unit", unit=unit_label(user.unit_id)))
            st.button(t("auth.logout"), on_click=request_logout, icon=":material/logout:", key="logout_button")
            keep_login_cookie()
        screens = screens_for(user.role)
        pages = {t(f"nav.section.{section}"): [st.Page(s.file, title=t(s.title_key), icon=s.icon,
                                                       default=s.file == "pages/home.py")
                                               for s in screens if s.section == section]
                 for section in SECTIONS if any(s.section == section for s in screens)}

st.navigation(pages).run()
