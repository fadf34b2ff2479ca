"""Placeholder until this screen is built."""

import streamlit as st

from components.auth import require_role
from components.i18n import t
from components.navigation import ALL

user = require_role(*ALL)
st.title(t("page.meeting"))
st.info("Đang xây dựng.")
