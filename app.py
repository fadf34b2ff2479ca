"""Router: page config, language, login, the role's pages via st.navigation."""

from pathlib import Path

import streamlit as st

from components.ui.auth import current_user, ensure_configured, logout_button
from components.ui.language import language_switch, t, tm
from components.ui.navigation import SECTIONS, screens_for
from components.ui.shell import no_users_yet, unit_label


def role_pages() -> list | dict:
    if no_users_yet():
        return [st.Page("pages/setup.py", title=t("page.setup"), icon=":material/settings:")]
    user = current_user()
    if user is None:
        return [st.Page("pages/login.py", title=t("page.login"), icon=":material/login:")]
    with st.sidebar:
        st.markdown(tm("auth.logged_in_as", name=user.display_name, role=t(f"role.{user.role}")))
        if user.unit_id is not None:
            st.caption(tm("auth.unit", unit=unit_label(user.unit_id)))
        logout_button()
    screens = screens_for(user.role)
    return {t(f"nav.section.{section}"): [st.Page(s.file, title=t(s.title_key), icon=s.icon,
                                                  default=s.file == "pages/home.py")
                                          for s in screens if s.section == section]
            for section in SECTIONS if any(s.section == section for s in screens)}


# the icon is the app's own file: a material icon would be fetched from Google by every browser (and the
# Content-Security-Policy refuses images from other sites)
st.set_page_config(page_title="Thi đua Cụm số 2", page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
                   layout="wide")
language_switch()
ensure_configured()
pages = role_pages()
st.navigation(pages, expanded=True).run()  # every page listed: no "View N more" (Streamlit's English)
