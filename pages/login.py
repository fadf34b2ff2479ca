"""Login screen (shown by the router to anyone not logged in)."""

import streamlit as st

from components.auth import current_user, login_form
from components.i18n import t

if current_user() is not None:
    st.switch_page("pages/home.py")
st.title(t("app.title"))
st.caption(t("app.subtitle"))
if login_form() is not None:
    st.switch_page("pages/home.py")
