"""Router: page config, language, login, the role's pages via st.navigation."""

import streamlit as st

from components.ui.auth import current_user, ensure_configured, request_logout, sync_login_cookie
from components.ui.feedback import show_outages_as_messages
from components.ui.language import language_switch, t
from components.ui.navigation import SECTIONS, screens_for
from components.ui.shell import no_users_yet, unit_label


def role_pages() -> list | dict:
    if no_users_yet():
        return [st.Page("pages/setup.py", title=t("page.setup"), icon=":material/settings:")]
    user = current_user()
    if user is None:
        return [st.Page("pages/login.py", title=t("page.login"), icon=":material/login:")]
    with st.sidebar:
        st.markdown(t("auth.logged_in_as", name=user.display_name, role=t(f"role.{user.role}")))
        if user.unit_id is not None:
            st.caption(t("auth.unit", unit=unit_label(user.unit_id)))
        st.button(t("auth.logout"), on_click=request_logout, icon=":material/logout:", key="logout_button")
    screens = screens_for(user.role)
    return {t(f"nav.section.{section}"): [st.Page(s.file, title=t(s.title_key), icon=s.icon,
                                                  default=s.file == "pages/home.py")
                                          for s in screens if s.section == section]
            for section in SECTIONS if any(s.section == section for s in screens)}


st.set_page_config(page_title="Thi đua Cụm số 2", page_icon=":material/military_tech:", layout="wide")
show_outages_as_messages()
language_switch()
ensure_configured()
pages = role_pages()
sync_login_cookie()
st.navigation(pages).run()
