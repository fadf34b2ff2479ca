"""Login screen (shown by the router to anyone not logged in)."""

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.ui.auth import current_user, login_form
from components.ui.language import t


def go_home() -> None:
    # run directly on a fresh server, the page list includes home; under the router, the rerun rebuilds the list
    try:
        st.switch_page("pages/home.py")
    except StreamlitAPIException:
        st.rerun()


if current_user() is not None:
    go_home()
st.title(t("app.title"))
st.caption(t("app.subtitle"))
login_form()
