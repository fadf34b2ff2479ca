"""The app's own stylesheet: only what Streamlit's theme cannot say. Drawn by the screens that need it (during the
page's run: a style sent before st.navigation runs the page does not reach it)."""

from __future__ import annotations

import streamlit as st

# tabs wrap onto a second row instead of scrolling sideways: the entry form's eight fields ("Khoa học, công nghệ
# và đổi mới sáng tạo · 0 / 5") do not fit in one row at 1366x768, and a row that scrolls hides the last labels
APP_CSS = """<style>
[data-testid='stTabs'] [role='tablist'] { flex-wrap: wrap; overflow-x: visible; row-gap: 0.25rem; }
</style>"""


def app_styles() -> None:
    # in the sidebar, with an empty element after it: a style alone goes to Streamlit's event container, which
    # did not keep it on the page (checked in tests/browser/test_what_people_see_browser.py)
    st.sidebar.html(APP_CSS + "<span class='app-styles'></span>")
