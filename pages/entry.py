"""Placeholder until this screen is built."""

import streamlit as st

from components.auth import require_role
from components.i18n import t

user = require_role('province', 'chair', 'admin')
st.title(t("page.entry"))
st.info("Đang xây dựng.")
